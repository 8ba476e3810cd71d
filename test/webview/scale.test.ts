// A large company's portfolio draws a summary that does not grow with the number of cards:
// products closed to one line each, a product opened shows its lanes as counts, a lane opened
// shows its cells' first cards and "Show more". What is drawn on first render is bounded
// (a ratio between 3,000 and 20,000 cards, never a time), and nothing of the truth is lost:
// the counts add up, and the card under the editor's cursor marks the section that holds it.
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { bigPortfolio, cardCount } from './big-model';
import type { Opened } from './harness';
import { buildBundle, cspViolations, launch, openStandalone, openVsCode, send } from './harness';

describe('webview: a preview that scales', function () {
  this.timeout(120000);
  let browser: Browser;
  let script: string;
  before(async () => { script = await buildBundle(); browser = await launch(); });
  after(async () => { await browser?.close(); });

  // (The unit filter offers every unit: its options grow with the company, as they should.)
  const elements = (page: Page) => page.evaluate(() => document.querySelectorAll('#okr-root *:not(option)').length);

  it('first render: what is drawn stays the same size from 3,000 to 20,000 cards', async () => {
    const counts: number[] = [];
    for (const [products, perLane] of [[30, 25], [200, 25]] as const) {
      const model = bigPortfolio(products, perLane);
      const o = await openStandalone(browser, script, model, { width: 1440, height: 900 });
      try {
        assert.equal(await o.page.locator('.portfolio__section').count(), products, 'one line per product');
        assert.equal(await o.page.locator('.portfolio__section.is-closed').count(), products, 'every product closed');
        assert.equal(await o.page.locator('.card').count(), 0, 'no card drawn before one is asked for');
        counts.push((await elements(o.page)) - products * (await o.page.locator('.portfolio__section').first().evaluate((s) => s.querySelectorAll('*').length + 1)));
        assert.deepEqual(await cspViolations(o.page), []);
      } finally {
        await o.context.close();
      }
      assert.equal(cardCount(model), products * 4 * perLane);
    }
    // Beyond one line per product, the page does not grow with the cards (20,000 vs 3,000).
    assert.ok(counts[1] <= counts[0] * 1.05, `elements besides the product lines: ${counts.join(' → ')}`);
  });

  it('opens on demand: a product shows its lanes as counts, a lane its first cards, "Show more" the next ones', async () => {
    const model = bigPortfolio(12, 100);
    const o: Opened = await openVsCode(browser, script, undefined, { width: 1440, height: 900 });
    const { page } = o;
    try {
      await send(page, { type: 'model', version: 1, model });
      await page.waitForSelector('.portfolio');
      const section = page.locator('.portfolio__section[data-unit="product-7"]');
      await section.locator('button[data-action="toggle-section"]').click();
      await page.waitForSelector('.portfolio__section[data-unit="product-7"] .board');
      assert.equal(await section.locator('.lane--collapsed').count(), 4, 'lanes summarised');
      assert.equal(await section.locator('.card').count(), 0);
      const counts = await section.locator('.lane[data-lane="product-7/O2"] .cell__count').allTextContents();
      assert.equal(counts.reduce((k, t) => k + Number(/(\d+) bets?/.exec(t)?.[1] ?? 0), 0), 100, 'the counts add up to the lane');
      assert.deepEqual((await page.evaluate(() => (window as unknown as { __state: { opened: string[] } }).__state.opened)), ['section:product-7']);

      await section.locator('.lane[data-lane="product-7/O2"] .lane__toggle').click();
      const q4 = section.locator('.lane[data-lane="product-7/O2"] .cell[data-column="2026-Q4"]');
      await q4.locator('.card').first().waitFor();
      assert.equal(await q4.locator('.card').count(), 12, 'a cell shows its first 12 cards');
      const rest = Number(/Show (\d+) more/.exec((await q4.locator('.cell__more').textContent()) ?? '')?.[1]);
      assert.equal(rest + 12, model.sections![6].lanes[1].cards.filter((c) => c.column === '2026-Q4').length);
      await q4.locator('.cell__more').click();
      await page.waitForFunction(() => document.querySelectorAll('.lane[data-lane="product-7/O2"] .cell[data-column="2026-Q4"] .card').length > 12);
      assert.equal(await q4.locator('.card').count(), 12 + rest, 'all of them once asked');

      // The card under the editor's cursor in a closed product: its section heading is marked.
      await send(page, { type: 'highlight', ref: model.sections![8].lanes[0].cards[0].ref });
      await page.waitForSelector('.portfolio__section[data-unit="product-9"] > .portfolio__head.is-highlighted');
      // An update keeps what was opened.
      await send(page, { type: 'model', version: 2, model: { ...model, title: 'Megacorp, edited' } });
      await page.waitForFunction(() => document.querySelector('.toolbar h1')?.textContent === 'Megacorp, edited');
      assert.equal(await q4.locator('.card').count(), 12 + rest);
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(o.rec.errors, []);
    } finally {
      await o.context.close();
    }
  });
});
