// The portfolio of a company of 1,000 units (100 products, 20,000 cards) as a person meets it:
// the page gets each product summarised (its cards reduced to what the counts read,
// core/roadmap/elide.ts) and fetches a product's cards when it is opened, by click or by
// keyboard: the exported page from the block it holds, the preview from its host. An update
// patches the board (the elements that stay are the same elements), keeping scroll and what
// is open. Geometry at 480 / 720 / 1600 px, light and dark: the section toggles on screen and
// topmost at their centre. Growth: first render of 4× the cards costs at most ~5× the time.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { renderHtmlPage } from '../../server/src/core/export/html';
import { elidePortfolio } from '../../server/src/core/roadmap/elide';
import type { RoadmapModel } from '../../server/src/core/roadmap/model';
import { ROADMAP_CSS } from '../../server/src/render/styles';
import { bigPortfolio, cardCount } from './big-model';
import type { Opened } from './harness';
import { SHOTS, applyTheme, buildBundle, cspViolations, launch, openStandalone, openVsCode, posted, send } from './harness';

const DIR = join(SHOTS, 'portfolio-large');

/** Every `.portfolio__head` toggle and title: on screen (inside the scroller's width) and topmost at its centre. */
const HEADS = `(() => {
  const s = document.querySelector('.scroller');
  const box = s.getBoundingClientRect();
  const out = [];
  for (const el of document.querySelectorAll('.portfolio__section .portfolio__head > button, .portfolio__section .portfolio__title')) {
    const r = el.getBoundingClientRect();
    if (r.bottom < box.top || r.top > box.bottom) continue; // below the fold: scrolled to, it is checked there
    const name = el.closest('.portfolio__section').dataset.unit + ' ' + el.className;
    if (r.width < 1 || r.left < box.left - 1 || r.right > box.left + s.clientWidth + 1) { out.push(name + ' lies outside the panel'); continue; }
    const y = Math.min(Math.max(r.top + r.height / 2, box.top + 1), box.bottom - 1);
    const hit = document.elementFromPoint(r.left + r.width / 2, y);
    if (!hit || !(hit === el || el.contains(hit))) out.push(name + ' is covered by ' + (hit ? hit.className : 'nothing'));
  }
  return out;
})()`;

describe('webview: the portfolio of a 1,000-unit company', function () {
  this.timeout(240000);
  let browser: Browser;
  let script: string;
  const model = bigPortfolio(100, 50);
  before(async () => {
    mkdirSync(DIR, { recursive: true });
    script = await buildBundle();
    browser = await launch();
  });
  after(async () => { await browser?.close(); });

  it('the exported page holds every product summarised, and a fraction of the data to read first', () => {
    assert.equal(cardCount(model), 20000);
    const html = renderHtmlPage(model, { script, css: ROADMAP_CSS });
    const first = /<script type="application\/json" id="okr-model">([^<]*)<\/script>/.exec(html)![1];
    const elided = JSON.parse(first) as RoadmapModel;
    assert.equal(elided.sections!.length, 100);
    assert.ok(elided.sections!.every((s) => s.elided === true), 'every section elided');
    // Each product's cards are in a block of their own, whole.
    const blocks = [...html.matchAll(/<script type="application\/json" id="okr-cards-(\d+)">([^<]*)<\/script>/g)];
    assert.equal(blocks.length, 100);
    assert.deepEqual(JSON.parse(blocks[6][2]), { unit: 'product-7', lanes: model.sections![6].lanes, unlinked: [] });
    // What is parsed before the first render: the counts' fields, under half of the whole (of real cards, with their hypotheses and paths, a tenth: bench/roadmap-page.mjs).
    assert.ok(first.length * 2 < JSON.stringify(model).length, `${first.length} of ${JSON.stringify(model).length} characters`);
  });

  it('exported: every product closed; a click opens one with its cards, the keyboard another', async () => {
    const o = await openStandalone(browser, script, model, { width: 1440, height: 900 });
    const { page } = o;
    try {
      assert.equal(await page.locator('.portfolio__section.is-closed').count(), 100);
      assert.equal(await page.locator('.card').count(), 0);
      // The header counts come from the summary: 4 objectives, 200 bets.
      assert.equal(await page.locator('.portfolio__section[data-unit="product-7"] .portfolio__count').textContent(), '4 objectives · 200 bets');

      const p7 = page.locator('.portfolio__section[data-unit="product-7"]');
      await p7.locator('button[data-action="toggle-section"]').click();
      await p7.locator('.board').waitFor();
      await p7.locator('.lane[data-lane="product-7/O2"] .lane__toggle').click();
      const titles = await p7.locator('.lane[data-lane="product-7/O2"] .card .card__title').allTextContents();
      const expected = model.sections![6].lanes[1].cards.map((c) => c.title);
      assert.ok(titles.length >= 12 && titles.every((t) => expected.includes(t)), `cards of product-7/O2 drawn: ${titles.slice(0, 3).join(', ')}…`);
      assert.equal(await page.locator('.portfolio__loading').count(), 0);

      // Keyboard: Tab to product 8's toggle (focus it as Tab would land), Enter opens it.
      const t8 = page.locator('.portfolio__section[data-unit="product-8"] button[data-action="toggle-section"]');
      await t8.focus();
      await page.keyboard.press('Enter');
      await page.locator('.portfolio__section[data-unit="product-8"] .board').waitFor();
      assert.equal(await t8.getAttribute('aria-expanded'), 'true');
      assert.equal(await page.evaluate(() => document.activeElement?.closest('.portfolio__section')?.getAttribute('data-unit')), 'product-8', 'focus stays on the toggle');
      await page.keyboard.press('Space');
      await page.waitForSelector('.portfolio__section[data-unit="product-8"].is-closed');
      await page.screenshot({ path: join(DIR, 'export-1440-opened.png') });
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(o.rec.errors, []);
    } finally {
      await o.context.close();
    }
  });

  it('preview: opening a product asks the host for it; the update patches the board and keeps scroll and what is open', async () => {
    const o: Opened = await openVsCode(browser, script, undefined, { width: 1440, height: 900 });
    const { page } = o;
    const rendered = (v: number) => page.waitForFunction((n) => (window as unknown as { __rendered: number[] }).__rendered.includes(n), v);
    try {
      await send(page, { type: 'model', version: 1, model: elidePortfolio(model, []) });
      await rendered(1);
      await page.evaluate(() => { document.querySelector('.scroller')!.scrollTop = 600; });
      const p30 = page.locator('.portfolio__section[data-unit="product-30"]');
      await p30.locator('button[data-action="toggle-section"]').click();
      // Until the host answers: the section says it is loading, and the host was told what is open.
      await p30.locator('.portfolio__loading').waitFor();
      assert.match((await p30.locator('.portfolio__loading').textContent())!, /Loading 200 bets…/);
      await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'sections'));
      assert.deepEqual((await posted(page)).filter((m) => m.type === 'sections'), [{ type: 'sections', open: ['product-30'] }]);

      await send(page, { type: 'model', version: 2, model: elidePortfolio(model, ['product-30']) });
      await rendered(2);
      await p30.locator('.lane[data-lane="product-30/O1"] .lane__toggle').click();
      await p30.locator('.lane[data-lane="product-30/O1"] .card').first().waitFor();
      // Mark what is drawn; an edit to one card must leave every other element in place.
      const scroll = await page.evaluate(() => {
        const s = document.querySelector('.scroller')!;
        document.querySelectorAll('.card, .portfolio__section').forEach((e) => { (e as unknown as { __mark: boolean }).__mark = true; });
        return s.scrollTop;
      });
      assert.ok(scroll > 0);
      const edited = structuredClone(model);
      const card = edited.sections![29].lanes[0].cards[0];
      card.title = 'Renamed while typing';
      await send(page, { type: 'model', version: 3, model: elidePortfolio(edited, ['product-30']) });
      await rendered(3);
      // (No named functions inside: tsx would wrap them with a helper the page lacks.)
      const after = await page.evaluate((ref) => {
        const cards = [...document.querySelectorAll('.card')];
        return {
          title: document.querySelector(`.card[data-ref="${ref}"] .card__title`)?.textContent,
          kept: cards.filter((e) => (e as unknown as { __mark?: boolean }).__mark === true).length, cards: cards.length,
          sections: [...document.querySelectorAll('.portfolio__section')].every((e) => (e as unknown as { __mark?: boolean }).__mark === true),
          scroll: document.querySelector('.scroller')!.scrollTop,
        };
      }, card.ref);
      assert.equal(after.title, 'Renamed while typing');
      assert.equal(after.kept, after.cards, 'every card element kept (patched, not rebuilt)');
      assert.ok(after.sections, 'every section element kept');
      assert.equal(after.scroll, scroll, 'scroll kept');
      assert.equal(await p30.locator('button[data-action="toggle-section"]').getAttribute('aria-expanded'), 'true');
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(o.rec.errors, []);
    } finally {
      await o.context.close();
    }
  });

  it('preview: a filter, or an edit to a closed product, changes that product\'s count (no part kept stale)', async () => {
    const o: Opened = await openVsCode(browser, script, undefined, { width: 1440, height: 900 });
    const { page } = o;
    const rendered = (v: number) => page.waitForFunction((n) => (window as unknown as { __rendered: number[] }).__rendered.includes(n), v);
    const count = (unit: string) => page.locator(`.portfolio__section[data-unit="${unit}"] .portfolio__count`).textContent();
    const cards = (m: RoadmapModel, unit: string) => m.sections!.find((s) => s.unit === unit)!.lanes.flatMap((l) => l.cards);
    try {
      await send(page, { type: 'model', version: 1, model: elidePortfolio(model, []) });
      await rendered(1);
      assert.equal(await count('product-5'), `4 objectives · ${cards(model, 'product-5').length} bets`);
      // A filter: every closed product counts again.
      await page.locator('details.filters > summary').click();
      await page.selectOption('select[data-filter="confidence"]', 'high');
      const high = (unit: string) => cards(model, unit).filter((c) => c.confidence === 'high').length;
      await page.waitForFunction(([u, n]) => document.querySelector(`.portfolio__section[data-unit="${u}"] .portfolio__count`)?.textContent?.endsWith(`${n} bets`), ['product-5', high('product-5')] as const);
      assert.equal(await count('product-9'), `4 objectives · ${high('product-9')} bets`);
      await page.selectOption('select[data-filter="confidence"]', '');
      // An edit that takes two cards out of closed product-5: its count follows, product-9's stays.
      const edited = structuredClone(model);
      edited.sections![4].lanes[0].cards.splice(0, 2);
      await send(page, { type: 'model', version: 2, model: elidePortfolio(edited, []) });
      await rendered(2);
      assert.equal(await count('product-5'), `4 objectives · ${cards(model, 'product-5').length - 2} bets`);
      assert.equal(await count('product-9'), `4 objectives · ${cards(model, 'product-9').length} bets`);
      assert.equal(await page.locator('[data-stub]').count(), 0);
      assert.deepEqual(o.rec.errors, []);
    } finally {
      await o.context.close();
    }
  });

  for (const width of [480, 720, 1600]) {
    for (const theme of ['light', 'dark'] as const) {
      it(`at ${width} px, ${theme}: the products' headings and toggles are on screen and nothing covers them`, async () => {
        const o = await openStandalone(browser, script, model, { width, height: 900 });
        const { page } = o;
        try {
          await applyTheme(page, theme);
          await page.locator('.portfolio__section[data-unit="product-2"] button[data-action="toggle-section"]').click();
          await page.locator('.portfolio__section[data-unit="product-2"] .board').waitFor();
          await page.screenshot({ path: join(DIR, `export-${width}-${theme}.png`) });
          assert.deepEqual(await page.evaluate(HEADS), []);
          // The open board scrolls sideways (its columns have a minimum width); its headings stay in view.
          await page.evaluate(() => { document.querySelector('.scroller')!.scrollLeft = 10000; });
          assert.deepEqual(await page.evaluate(HEADS), [], 'scrolled sideways');
        } finally {
          await o.context.close();
        }
      });
    }
  }

  it('growth: first render of 4× the cards (5,000 → 20,000) takes at most ~5× the time', async () => {
    const time = async (m: RoadmapModel): Promise<number> => {
      const o = await openStandalone(browser, script, m, { width: 1440, height: 900 });
      try {
        // Navigation start → the board drawn and the frame painted.
        return await o.page.evaluate(() => new Promise<number>((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0))));
      } finally {
        await o.context.close();
      }
    };
    const small = bigPortfolio(25, 50);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 3; i++) { a.push(await time(small)); b.push(await time(model)); }
    assert.ok(median(b) <= median(a) * 5, `5,000 cards: ${a.map(Math.round).join('/')} ms; 20,000: ${b.map(Math.round).join('/')} ms`);
  });
});
