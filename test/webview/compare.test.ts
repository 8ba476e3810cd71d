// Compare mode in the renderer (issue 10 item 4), on a real comparison: the samples against the same
// samples with test/webview/fixtures/compare/checkout.okr.yaml edited (an item added, one removed, one
// slipped past today's quarter, one no longer supporting a KR, KR1's current lowered); changes.json is
// that comparison's change set as `okr diff HEAD --format json --as-of 2026-11-24` prints it.
// Checked the way a person looks: the board of the newer side with new cards marked, removed ones as
// ghosts where they were, moved ones saying from where, KR1's progress delta, the consequences above the
// board each jumping to its source, a toggle back to the plain board; every view; 480, 720 and 1600 px
// in light and dark, with today's column on screen and covered by nothing. Screenshots go to
// test-output/screenshots/compare/.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CascadeIndex } from '../../server/src/core/link';
import { parseUnitFile } from '../../server/src/core/parse';
import { buildRoadmap } from '../../server/src/core/roadmap/index';
import type { RoadmapModel, RoadmapView } from '../../server/src/core/roadmap/model';
import type { CompareData, ChangeSetView } from '../../client/webview/compare';
import { AS_OF, probe } from './cascades';
import type { Opened } from './harness';
import { ROOT, SHOTS, applyTheme, buildBundle, cspViolations, launch, openVsCode, posted, send } from './harness';

const DIR = join(SHOTS, 'compare');
const SAMPLES = join(ROOT, 'samples/okrs');
const EDITED = join(ROOT, 'test/webview/fixtures/compare/checkout.okr.yaml');
const CHANGES = JSON.parse(readFileSync(join(ROOT, 'test/webview/fixtures/compare/changes.json'), 'utf8')) as ChangeSetView;

function okrFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? okrFiles(p) : /\.okr\.ya?ml$/.test(f) ? [p] : [];
  }).sort();
}

/** The samples as they are (base) and with checkout edited (head), files named as in the change set. */
function index(side: 'base' | 'head'): CascadeIndex {
  return new CascadeIndex(okrFiles(SAMPLES).map((f) => {
    const text = side === 'head' && f.endsWith('/checkout.okr.yaml') ? readFileSync(EDITED, 'utf8') : readFileSync(f, 'utf8');
    return parseUnitFile(f, text);
  }));
}
const BASE = index('base');
const HEAD = index('head');
const model = (ix: CascadeIndex, view: RoadmapView, unit = view === 'portfolio' ? 'acme' : 'checkout'): RoadmapModel =>
  buildRoadmap(ix, { unit, view, asOf: AS_OF, path: (f) => `okrs/${relative(SAMPLES, f).split(sep).join('/')}` });
const compareOf = (view: RoadmapView): CompareData => ({ label: 'HEAD (1ab24f9)', changes: CHANGES, base: model(BASE, view), head: model(HEAD, view) });

let version = 0;
async function show(page: Page, view: RoadmapView): Promise<void> {
  await send(page, { type: 'model', version: ++version, model: model(HEAD, view), sourceUri: 'file:///ws/okrs/checkout.okr.yaml' });
  await page.waitForFunction((v) => (window as unknown as { __rendered: number[] }).__rendered.includes(v), version);
  await send(page, { type: 'compare', data: compareOf(view) });
  await page.waitForSelector(`.app[data-view="${view}"] .compare__list`);
}

/** Geometry a person judges: the panel and each marked card on screen, topmost at its centre once scrolled to. */
const ON_SCREEN = `((sel) => [...document.querySelectorAll(sel)].map((e) => {
  e.scrollIntoView({ block: 'center', inline: 'center' });
  const r = e.getBoundingClientRect();
  const top = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 20));
  const vw = document.documentElement.clientWidth;
  return { ref: e.dataset.ref || e.className, inside: r.left >= -1 && r.right <= vw + 1 && r.width > 0, topmost: !!top && e.contains(top) };
}))`;

describe('webview: compare mode', function () {
  this.timeout(240000);
  let browser: Browser;
  let script: string;
  before(async () => {
    mkdirSync(DIR, { recursive: true });
    script = await buildBundle();
    browser = await launch();
  });
  after(async () => { await browser?.close(); });

  it('quarters at 720 px: new, removed (ghosts), moved, the KR delta, consequences that jump to their source, the toggle and the way out', async () => {
    const o: Opened = await openVsCode(browser, script, undefined, { width: 720, height: 900 });
    const { page } = o;
    try {
      await show(page, 'quarters');
      await page.screenshot({ path: join(DIR, 'quarters-720-light.png') });
      const card = (ref: string, lane: string) => page.locator(`.lane[data-lane="${lane}"] .card[data-ref="${ref}"]`);
      // Added: in today's column of O1, marked new.
      const added = card('checkout/express-wallets', 'checkout/O1');
      assert.equal(await added.getAttribute('data-column'), '2026-Q4');
      assert.match(await added.getAttribute('class') ?? '', /card--added/);
      assert.equal(await added.locator('.change').textContent(), 'new');
      assert.match(await added.getAttribute('aria-label') ?? '', /^New: Bet: Express wallet buttons on the cart page/);
      // Removed: a ghost in both lanes it was in, where it was, not draggable, not counted.
      for (const lane of ['checkout/O1', 'checkout/O3']) {
        const ghost = card('checkout/bnpl-pilot', lane);
        assert.equal(await ghost.getAttribute('data-column'), 'later');
        assert.match(await ghost.getAttribute('class') ?? '', /card--ghost/);
        assert.equal(await ghost.getAttribute('draggable'), null);
        assert.equal(await ghost.locator('.change').textContent(), 'removed');
      }
      const head = model(HEAD, 'quarters');
      const later = [...head.lanes, { cards: head.unlinked }].flatMap((l) => l.cards).filter((c) => c.column === 'later').length;
      assert.equal(await page.locator('.col-head[data-column="later"] .col-head__count').textContent(), String(later), 'ghosts are not counted');
      // Moved: along its lane (a quarter later) and out of its lane (no longer supporting a KR).
      assert.equal(await card('checkout/payment-method-registry', 'checkout/O3').locator('.change').textContent(), 'moved from Q4 2026');
      assert.equal(await page.locator('.lane--unlinked .card[data-ref="checkout/network-tokens"] .change').textContent(), 'moved from Approve more good payments');
      // The KR's progress delta on its outcome.
      const kr1 = page.locator('.outcome[data-ref="checkout/KR1"]');
      assert.equal(await kr1.locator('.delta').textContent(), '−46 pts');
      assert.equal(await kr1.locator('.delta').getAttribute('title'), 'Progress 91% → 45%');

      // Consequences above the board, each one a link to its source.
      assert.equal(await page.locator('.compare__title').textContent(), 'Compared with HEAD (1ab24f9)');
      assert.equal(await page.locator('.compare__summary').textContent(), '1 added · 1 removed · 4 changed · 2 new findings');
      const rows = await page.locator('.compare__row').allTextContents();
      assert.deepEqual(rows.map((r) => r.split(':')[0].replace(/^\W+/, '')), [
        'New findings', 'New findings', 'No longer traced to a KR', 'Depends on later work', 'Key results', 'Slipped', 'Slipped',
      ]);
      assert.ok(rows.includes('⚠Depends on later work: checkout/local-methods-eu (now) depends on checkout/payment-method-registry, now planned next'), rows.join('\n'));
      const box = await page.locator('.compare').boundingBox();
      assert.ok(box && box.y < 200 && box.x >= 0 && box.x + box.width <= 720, `the consequences sit above the board: ${JSON.stringify(box)}`);
      await page.locator('.compare__row', { hasText: 'depends-on-later' }).click();
      const reveal = (await posted(page)).filter((m) => m.type === 'reveal').pop();
      assert.deepEqual(reveal, { type: 'reveal', ref: 'depends-on-later', location: { file: 'okrs/checkout.okr.yaml', line: 114, character: 17 } });

      // Nothing covers today's cards; nothing overflows a card; the marked cards are on screen and on top.
      const r = await probe(page);
      assert.deepEqual(r.todayCards.filter((s) => !s.inside || !s.topmost), []);
      assert.deepEqual(r.overflowing, []);
      const marked = await page.evaluate(`${ON_SCREEN}('.card--added, .card--ghost, .card--moved, .compare')`) as { ref: string; inside: boolean; topmost: boolean }[];
      assert.equal(marked.length, 6);
      assert.deepEqual(marked.filter((m) => !m.inside || !m.topmost), []);

      // The list folds to its summary line, and back.
      await page.locator('.compare__fold').click();
      assert.equal(await page.locator('.compare__row').count(), 0);
      assert.equal(await page.locator('.compare__fold').textContent(), 'Show the 7 consequences');
      await page.locator('.compare__fold').click();
      assert.equal(await page.locator('.compare__row').count(), 7);

      // The toggle shows the plain board, and back; ✕ leaves compare mode.
      await page.locator('[data-action="compare-toggle"]').click();
      assert.equal(await page.locator('.card--ghost, .card--added, .compare, .delta').count(), 0);
      assert.equal(await page.locator('[data-action="compare-toggle"]').textContent(), 'Show changes');
      await page.locator('[data-action="compare-toggle"]').click();
      assert.equal(await page.locator('.card--ghost').count(), 2);
      await page.locator('[data-action="compare-close"]').click();
      assert.equal(await page.locator('.card--ghost, .compare, [data-action="compare-toggle"]').count(), 0);
      assert.equal((await posted(page)).filter((m) => m.type === 'endCompare').length, 1);
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(o.rec.errors, []);
    } finally {
      await o.context.close();
    }
  });

  const runs: [number, 'light' | 'dark'][] = [[480, 'light'], [480, 'dark'], [720, 'dark'], [1600, 'light'], [1600, 'dark']];
  for (const [width, theme] of runs) {
    it(`every view at ${width} px, ${theme}: the changes drawn, today's column uncovered`, async () => {
      const o: Opened = await openVsCode(browser, script, undefined, { width, height: 900 });
      const { page } = o;
      try {
        await applyTheme(page, theme);
        for (const view of ['quarters', 'horizons', 'tech', 'themes', 'portfolio', 'trace'] as RoadmapView[]) {
          await show(page, view);
          await page.locator('.scroller').evaluate((s) => { s.scrollTop = 0; s.scrollLeft = 0; });
          await page.screenshot({ path: join(DIR, `${view}-${width}-${theme}.png`) });
          const r = await probe(page);
          assert.deepEqual(r.todayCards.filter((s) => !s.inside || !s.topmost).map((s) => `${s.ref} covered by ${s.coveredBy}`), [], view);
          assert.deepEqual(r.overflowing, [], view);
          assert.equal(await page.locator('.compare__row').count(), 7, `${view}: the consequences`);
          if (view !== 'trace') assert.equal(await page.locator('.outcome[data-ref="checkout/KR1"] .delta').first().textContent(), '−46 pts', view);
          if (['quarters', 'horizons', 'portfolio'].includes(view)) {
            assert.ok(await page.locator('.card--ghost[data-ref="checkout/bnpl-pilot"]').count() >= 1, `${view}: the removed card as a ghost`);
            assert.ok(await page.locator('.card--added[data-ref="checkout/express-wallets"]').count() >= 1, `${view}: the new card`);
          }
          if (view === 'tech') assert.equal(await page.locator('.card--moved[data-ref="checkout/payment-method-registry"] .change').textContent(), 'moved from Q4 2026');
          const sideways = await page.locator('.compare').evaluate((e) => e.getBoundingClientRect().right - document.documentElement.clientWidth);
          assert.ok(sideways <= 1, `${view}: the consequences fit the width (${sideways} px over)`);
        }
        assert.deepEqual(o.rec.errors, []);
      } finally {
        await o.context.close();
      }
    });
  }

  it("a what-if's finding opens the item that holds it, where it is in the workspace (its own location is in the hypothetical text)", async () => {
    const o: Opened = await openVsCode(browser, script, undefined, { width: 720, height: 900 });
    try {
      await show(o.page, 'quarters');
      const data = compareOf('quarters');
      data.label = 'what if: move checkout/payment-method-registry to next';
      data.changes = { ...data.changes, head: { rev: 'what-if', edits: ['move checkout/payment-method-registry=next'] } };
      await send(o.page, { type: 'compare', data });
      await o.page.waitForSelector('.compare__title:has-text("what if")');
      await o.page.locator('.compare__row', { hasText: 'depends-on-later' }).click();
      await o.page.locator('.compare__row', { hasText: 'No longer traced' }).click();
      const reveals = (await posted(o.page)).filter((m) => m.type === 'reveal');
      const at = (ref: string) => model(HEAD, 'quarters').lanes.flatMap((l) => l.cards).concat(model(HEAD, 'quarters').unlinked).find((c) => c.ref === ref)!.location;
      assert.deepEqual(reveals, [
        { type: 'reveal', ref: 'checkout/local-methods-eu', location: at('checkout/local-methods-eu') },
        { type: 'reveal', ref: 'checkout/network-tokens', location: at('checkout/network-tokens') },
      ]);
      assert.equal(at('checkout/local-methods-eu').line, 106);
    } finally {
      await o.context.close();
    }
  });

  it('a malformed comparison is refused; the board stays as drawn', async () => {
    const o: Opened = await openVsCode(browser, script, undefined, { width: 720, height: 900 });
    try {
      await show(o.page, 'quarters');
      const bad = compareOf('quarters') as unknown as { changes: { changes: unknown[] } };
      bad.changes = { ...bad.changes, changes: [{ kind: 'added', entity: 'item', ref: 7 }] };
      await send(o.page, { type: 'compare', data: { label: 'x', changes: { nope: 1 }, base: null, head: null } });
      await send(o.page, { type: 'compare', data: bad });
      // A model after them, drawn: they have been handled (messages arrive in order).
      await send(o.page, { type: 'model', version: ++version, model: model(HEAD, 'quarters'), sourceUri: 'file:///ws/okrs/checkout.okr.yaml' });
      await o.page.waitForFunction((v) => (window as unknown as { __rendered: number[] }).__rendered.includes(v), version);
      assert.equal(await o.page.locator('.card--ghost').count(), 2, 'the comparison drawn before is kept');
      assert.equal(await o.page.locator('.compare__title').textContent(), 'Compared with HEAD (1ab24f9)');
      assert.deepEqual(o.rec.errors, []);
    } finally {
      await o.context.close();
    }
  });
});
