// The Review view (issue 11 item 5) in the preview: the review document (okr/review's answer, built here by
// core/review from test/fixtures/review/quarter/now) drawn at 480, 720 and 1600 px in light and dark: the
// decisions first, each KR with its pace in words, a sparkline of its check-ins, the change since the last
// review; the bets that moved, each opening its source; back to the board. Geometry as a person checks it:
// every KR row on screen and covered by nothing once scrolled to. Screenshots: test-output/screenshots/review/.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Browser } from 'playwright-core';
import { CascadeIndex } from '../../server/src/core/link';
import { parseUnitFile } from '../../server/src/core/parse';
import { buildReview } from '../../server/src/core/review/index';
import { buildRoadmap } from '../../server/src/core/roadmap/index';
import type { Opened } from './harness';
import { ROOT, SHOTS, applyTheme, buildBundle, cspViolations, launch, openVsCode, posted, send } from './harness';

const DIR = join(ROOT, 'test/fixtures/review/quarter/now');
const files = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? files(join(d, f)) : /\.okr\.yaml$/.test(f) ? [join(d, f)] : []));
const index = new CascadeIndex(files(DIR).sort().map((f) => parseUnitFile(f, readFileSync(f, 'utf8'))));
const AS_OF = { y: 2026, m: 11, d: 24 };
const path = (f: string) => relative(DIR, f).split(sep).join('/');
const doc = buildReview(index, { unit: 'pay', asOf: AS_OF, path });
const model = buildRoadmap(index, { unit: 'pay', view: 'quarters', asOf: AS_OF, path });

describe('webview: the Review view', function () {
  this.timeout(180000);
  let browser: Browser;
  let script: string;
  before(async () => { mkdirSync(join(SHOTS, 'review'), { recursive: true }); script = await buildBundle(); browser = await launch(); });
  after(async () => { await browser?.close(); });

  for (const [width, theme] of [[480, 'light'], [720, 'light'], [720, 'dark'], [1600, 'dark']] as const) {
    it(`at ${width} px, ${theme}: decisions, KRs with pace and sparkline, bets that moved, back to the board`, async () => {
      const o: Opened = await openVsCode(browser, script, undefined, { width, height: 900 });
      const { page } = o;
      try {
        await applyTheme(page, theme);
        await send(page, { type: 'model', version: 1, model, sourceUri: 'file:///ws/pay.okr.yaml' });
        await page.waitForSelector('.board');
        await page.locator('[data-action="review"]').click();
        assert.equal((await posted(page)).filter((m) => m.type === 'askReview').length, 1, 'the host is asked for the review');
        await page.waitForSelector('.review__loading');
        await send(page, { type: 'review', doc });
        await page.waitForSelector('.review__decisions');
        await page.screenshot({ path: join(SHOTS, 'review', `pay-${width}-${theme}.png`) });
        assert.deepEqual(await page.locator('.review__decisions li').allTextContents(), doc.decisions);
        assert.equal(await page.locator('.review__kr').count(), doc.krs.length);
        const kr1 = page.locator('.review__kr[data-ref="pay/KR1"]');
        assert.equal(await kr1.locator('.pace').textContent(), 'off track');
        assert.equal(await kr1.locator('svg.spark circle').count(), doc.krs[0].history.length);
        const k = doc.krs[0];
        assert.equal(await kr1.locator('.review__change').textContent(), k.change ? `${k.change.from}${k.unit ?? ''} → ${k.change.to}${k.unit ?? ''} since the last review` : 'no earlier value to compare');
        // Every KR row on screen and uncovered once scrolled to; nothing sticks out sideways.
        const spots = await page.locator('.review__kr').evaluateAll((els) => els.map((e) => {
          e.scrollIntoView({ block: 'center' });
          const r = e.getBoundingClientRect();
          const top = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 30));
          return { ref: (e as HTMLElement).dataset.ref, ok: r.left >= 0 && r.right <= document.documentElement.clientWidth + 1 && !!top && e.contains(top) };
        }));
        assert.deepEqual(spots.filter((s) => !s.ok), []);
        // A bet that moved opens its source.
        const moved = doc.items.find((i) => i.events.length && i.location)!;
        await page.locator(`.review__item[data-ref="${moved.ref}"]`).click();
        assert.deepEqual((await posted(page)).filter((m) => m.type === 'reveal').pop(), { type: 'reveal', ref: moved.ref, location: moved.location });
        // Back to the board.
        await page.locator('.review [data-action="review-close"]').click();
        await page.waitForSelector('.board');
        assert.equal(await page.locator('.review').count(), 0);
        assert.equal((await posted(page)).filter((m) => m.type === 'endReview').length, 1);
        assert.deepEqual(await cspViolations(page), []);
        assert.deepEqual(o.rec.errors, []);
      } finally {
        await o.context.close();
      }
    });
  }

  it('the host could not build it: the reason, and the way back', async () => {
    const o: Opened = await openVsCode(browser, script, undefined, { width: 720, height: 900 });
    try {
      await send(o.page, { type: 'model', version: 1, model, sourceUri: 'file:///ws/pay.okr.yaml' });
      await o.page.waitForSelector('.board');
      await o.page.locator('[data-action="review"]').click();
      await send(o.page, { type: 'review', doc: null, error: 'Unknown unit "payy".' });
      await o.page.waitForSelector('.review__error');
      assert.equal(await o.page.locator('.review__error').textContent(), 'The review cannot be drawn: Unknown unit "payy".');
      await send(o.page, { type: 'review', doc: { unit: 7 } }); // malformed: ignored
      await o.page.locator('[data-action="review-close"]').first().click();
      await o.page.waitForSelector('.board');
    } finally {
      await o.context.close();
    }
  });
});
