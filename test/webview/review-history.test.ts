// Git history in the preview (issue 11: "the preview never waits on git (history arrives after the board)"):
// a repository made here whose KR pay/KR1 has no check-in and three commits moving its `current`
// (45 → 42 → 40 over 2026-H2, target 30: off track on 2026-11-24). The board is drawn first without a
// sparkline for it (nothing to draw); the `history` message (okr/history's answer, read by the same reader
// the server uses) then gives its outcome a sparkline of three git points, its status in words and colour;
// the Review view's document built with that history (okr/review with `history: true`) shows the same
// three points and the change since the last review from git. Screenshots: test-output/screenshots/review/.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { periodDays } from '../../server/src/core/history/pace';
import { KrPaces } from '../../server/src/core/history/status';
import { withCheckins } from '../../server/src/core/history/series';
import { CascadeIndex } from '../../server/src/core/link';
import { parseUnitFile } from '../../server/src/core/parse';
import { formatDay } from '../../server/src/core/period';
import { buildReview } from '../../server/src/core/review/index';
import { buildRoadmap } from '../../server/src/core/roadmap/index';
import { HistoryReader } from '../../server/src/git/history';
import { GitRepo } from '../../server/src/git/repo';
import { TestRepo } from '../helpers/git';
import { SHOTS, buildBundle, cspViolations, launch, openVsCode, send } from './harness';

const pay = (current: number) => `unit: pay
name: Payments
level: product
period: 2026-H2
reviewed: 2026-08-15
objectives:
  O1:
    title: Make onboarding effortless
    key_results:
      KR1:
        title: Cut onboarding drop-off
        baseline: 45
        target: 30
        current: ${current}
        unit: "%"
roadmap:
  wizard:
    title: Setup wizard
    supports: KR1
    hypothesis: We believe a wizard will cut drop-off because users stall at step 2.
    horizon: now
    status: active
`;
const AS_OF = { y: 2026, m: 11, d: 24 };

describe('webview: git history in the outcomes and the Review view', function () {
  this.timeout(180000);
  let browser: Browser;
  let script: string;
  let repo: TestRepo;
  const shas: string[] = [];
  before(async () => {
    mkdirSync(join(SHOTS, 'review'), { recursive: true });
    repo = TestRepo.init();
    for (const [current, day] of [[45, '2026-07-03'], [42, '2026-08-01'], [40, '2026-09-10']] as const) {
      repo.write({ 'pay.okr.yaml': pay(current) });
      shas.push(repo.commit(`check-in ${current}`, day, 'Ines'));
    }
    script = await buildBundle();
    browser = await launch();
  });
  after(async () => { await browser?.close(); repo?.dispose(); });

  it('the board first, then the history: three git points in the sparkline, the status in words and colour; the Review view the same', async () => {
    const file = join(repo.dir, 'pay.okr.yaml');
    const index = new CascadeIndex([parseUnitFile(file, pay(40))]);
    const model = buildRoadmap(index, { unit: 'pay', view: 'quarters', asOf: AS_OF, path: () => 'pay.okr.yaml' });
    const git = await new HistoryReader(GitRepo.open(repo.dir)).read();
    // What okr/history answers (lsp/history.ts): git points merged with check-ins, and the period's days.
    const kr = index.entity('pay/KR1')!;
    assert.equal(kr.kind, 'kr');
    const period = new KrPaces(index, AS_OF).of(kr as never).period!;
    const days = periodDays(period);
    const krs = { 'pay/KR1': withCheckins(kr as never, git.krs.get('pay/KR1') ?? [], period) };
    assert.deepEqual(krs['pay/KR1'].map((p) => [p.date, p.value, p.commit]), [['2026-07-03', 45, shas[0]], ['2026-08-01', 42, shas[1]], ['2026-09-10', 40, shas[2]]]);
    const history = { type: 'history', krs, periods: { 'pay/KR1': { first: formatDay(days.first), last: formatDay(days.last) } } };

    const o = await openVsCode(browser, script, undefined, { width: 900, height: 800 });
    const { page } = o;
    try {
      await send(page, { type: 'model', version: 1, model, sourceUri: 'file:///ws/pay.okr.yaml' });
      await page.waitForSelector('.board');
      const out = page.locator('.outcome[data-ref="pay/KR1"]');
      assert.equal(await out.locator('.pace').textContent(), 'off track', 'the status in words, before any history');
      assert.equal(await out.locator('svg.spark').count(), 0, 'no sparkline before the history: nothing to draw');
      await send(page, history);
      await out.locator('svg.spark circle').nth(2).waitFor();
      const g = await out.evaluate((el) => {
        const svg = el.querySelector('svg.spark')!;
        const chip = el.querySelector('.pace')!;
        return {
          dots: [...svg.querySelectorAll('circle')].map((c) => ({ git: c.classList.contains('spark__dot--git'), x: Number(c.getAttribute('cx')), y: Number(c.getAttribute('cy')) })),
          label: svg.getAttribute('aria-label'), spark: svg.getAttribute('class'),
          words: chip.textContent, chip: chip.className, border: getComputedStyle(chip).borderTopColor, line: getComputedStyle(svg.querySelector('.spark__line')!).stroke,
        };
      });
      assert.equal(g.dots.length, 3);
      assert.ok(g.dots.every((d) => d.git), 'each point a commit');
      assert.ok(g.dots[0].x < g.dots[1].x && g.dots[1].x < g.dots[2].x, 'in date order, left to right');
      assert.ok(g.dots[0].y < g.dots[1].y && g.dots[1].y < g.dots[2].y, 'falling values drawn lower');
      assert.equal(g.label, 'History of pay/KR1: 45 on 2026-07-03, 42 on 2026-08-01, 40 on 2026-09-10; pace line from 45 on 2026-07-01 to 30 on 2026-12-31');
      assert.deepEqual([g.words, g.chip, g.spark], ['off track', 'pace pace--off-track', 'spark spark--off-track']);
      assert.ok(g.border === g.line && g.border !== 'rgba(0, 0, 0, 0)', `the chip and the line in the same colour (red): ${g.border}, ${g.line}`);
      await out.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, 'review', 'git-history-board.png') });

      // The Review view: okr/review with history.
      const doc = buildReview(index, { unit: 'pay', asOf: AS_OF, history: git.krs, path: () => 'pay.okr.yaml' });
      await page.locator('[data-action="review"]').click();
      await send(page, { type: 'review', doc });
      const row = page.locator('.review__kr[data-ref="pay/KR1"]');
      await row.waitFor();
      assert.equal(await row.locator('svg.spark circle.spark__dot--git').count(), 3);
      assert.equal(await row.locator('.pace').textContent(), 'off track');
      assert.equal(await row.locator('.review__change').textContent(), '42% → 40% since the last review', 'the change since 2026-08-15 from the commit of 2026-08-01');
      await page.screenshot({ path: join(SHOTS, 'review', 'git-history-review.png') });
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(o.rec.errors, []);
    } finally {
      await o.context.close();
    }
  });
});
