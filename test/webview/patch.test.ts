// An update patches the drawn board instead of rebuilding it: every element that stays is the
// same element (so focus, scroll, an open hypothesis and a collapsed lane survive),
// a changed card changes in place, a new card appears, a removed one goes; each model drawn is
// acknowledged with `rendered`.
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { Card, RoadmapModel } from '../../server/src/core/roadmap/model';
import { diffModel, printModel } from '../../client/webview/delta';
import type { Opened } from './harness';
import { buildBundle, cspViolations, fixture, launch, openVsCode, send } from './harness';

describe('webview: an update patches the board', function () {
  this.timeout(60000);
  let browser: Browser;
  let script: string;
  let o: Opened;
  let page: Page;

  before(async () => { script = await buildBundle(); browser = await launch(); });
  after(async () => { await browser?.close(); });
  afterEach(async () => {
    assert.deepEqual(await cspViolations(page), [], 'no CSP violations (style goes through the CSSOM)');
    assert.deepEqual(o.rec.errors, []);
    await o.context.close();
  });

  const MARKED = ['.scroller', '.board', 'section[data-lane="checkout/O1"]', '.card[data-ref="checkout/setup-wizard"]',
    '.card[data-ref="checkout/one-click-pay"]', '.col-head--current'];
  const rendered = (v: number) => page.waitForFunction((k) => (window as unknown as { __rendered: number[] }).__rendered.includes(k), v);

  it('keeps the elements that stay, and with them focus, scroll, open details and collapsed lanes', async () => {
    o = await openVsCode(browser, script, undefined, { width: 1000, height: 600 });
    page = o.page;
    const v1 = fixture('quarters');
    await send(page, { type: 'model', version: 1, model: v1 });
    await rendered(1);

    // Mark what a person has in front of them, then interact.
    // (No named inner functions in page code: tsx would wrap them with a helper the page lacks.)
    await page.evaluate((sels) => {
      for (const sel of sels) (document.querySelector(sel) as unknown as { __mark: string }).__mark = sel;
    }, MARKED);
    await page.locator('.card[data-ref="checkout/mobile-wallets"] summary').click();
    await page.locator('section[data-lane="checkout/O2"] .lane__toggle').click();
    await page.locator('.card[data-ref="checkout/one-click-pay"]').focus();
    await page.locator('.scroller').evaluate((s) => { s.scrollTop = 180; s.scrollLeft = 90; });

    const v2: RoadmapModel = JSON.parse(JSON.stringify(v1));
    const o1 = v2.lanes[0];
    o1.cards.find((c) => c.ref === 'checkout/setup-wizard')!.title = 'Guided setup wizard, renamed';
    o1.cards = o1.cards.filter((c) => c.ref !== 'checkout/address-autocomplete');
    const added: Card = { ...o1.cards[0], ref: 'checkout/brand-new', title: 'A brand-new bet', column: '2026-Q3' };
    o1.cards.push(added);
    await send(page, { type: 'model', version: 2, model: v2 });
    await rendered(2);

    const after = await page.evaluate((sels) => {
      return {
        kept: sels.filter((sel) => (document.querySelector(sel) as unknown as { __mark?: string } | null)?.__mark !== sel),
        title: document.querySelector('.card[data-ref="checkout/setup-wizard"] .card__title')?.textContent,
        added: document.querySelectorAll('.card[data-ref="checkout/brand-new"]').length,
        removed: document.querySelectorAll('.card[data-ref="checkout/address-autocomplete"]').length,
        focus: (document.activeElement as HTMLElement | null)?.dataset.ref,
        hypothesis: (document.querySelector('.card[data-ref="checkout/mobile-wallets"] details') as HTMLDetailsElement).open,
        collapsed: document.querySelector('section[data-lane="checkout/O2"]')!.classList.contains('lane--collapsed'),
        scroll: [document.querySelector('.scroller')!.scrollTop, document.querySelector('.scroller')!.scrollLeft],
      };
    }, MARKED);
    assert.deepEqual(after, {
      kept: [], title: 'Guided setup wizard, renamed', added: 1, removed: 0, focus: 'checkout/one-click-pay',
      hypothesis: true, collapsed: true, scroll: [180, 90],
    });
  });

  it('an edit to one card builds that card again, not the cards that stay (the page shows them as they would be built)', async () => {
    o = await openVsCode(browser, script, undefined, { width: 1000, height: 600 });
    page = o.page;
    // Counts the elements the page creates while it draws each version.
    await page.evaluate(() => {
      const w = window as unknown as { __created: number };
      w.__created = 0;
      const create = document.createElement.bind(document);
      document.createElement = ((tag: string, options?: ElementCreationOptions) => { w.__created++; return create(tag, options); }) as typeof document.createElement;
    });
    const created = () => page.evaluate(() => { const w = window as unknown as { __created: number }; const n = w.__created; w.__created = 0; return n; });
    const v1 = fixture('quarters');
    await send(page, { type: 'model', version: 1, model: v1 });
    await rendered(1);
    const first = await created();
    const cards = await page.locator('.card').count();
    await page.evaluate(() => { for (const c of document.querySelectorAll('.card')) (c as unknown as { __mark: boolean }).__mark = true; });

    const v2: RoadmapModel = JSON.parse(JSON.stringify(v1));
    v2.lanes[0].cards.find((c) => c.ref === 'checkout/setup-wizard')!.title = 'Guided setup wizard, renamed';
    await send(page, { type: 'model', version: 2, model: v2 });
    await rendered(2);
    const update = await created();
    const after = await page.evaluate(() => ({
      cards: document.querySelectorAll('.card').length,
      replaced: [...document.querySelectorAll('.card')].filter((c) => !(c as unknown as { __mark?: boolean }).__mark).map((c) => (c as HTMLElement).dataset.ref),
      title: document.querySelector('.card[data-ref="checkout/setup-wizard"] .card__title')?.textContent,
      stubs: document.querySelectorAll('[data-stub]').length,
    }));
    assert.deepEqual(after, { cards, replaced: [], title: 'Guided setup wizard, renamed', stubs: 0 });
    // A card is ~15 elements; each card that stays costs one stand-in, the rest of the page is built as before.
    assert.ok(cards >= 10 && first - update >= cards * 10, `the update created ${update} elements, the first draw ${first} (${cards} cards)`);
  });

  it('a delta is applied to the model drawn; one made from another version asks for the whole model', async () => {
    o = await openVsCode(browser, script, undefined, { width: 1000, height: 600 });
    page = o.page;
    const v1 = fixture('quarters');
    await send(page, { type: 'model', version: 1, model: v1 });
    await rendered(1);
    await page.evaluate(() => { (document.querySelector('.board') as unknown as { __mark: number }).__mark = 1; });
    const v2: RoadmapModel = JSON.parse(JSON.stringify(v1));
    v2.lanes[1].cards[0].title = 'Changed by a delta';
    const { delta } = diffModel(printModel(v1), v2);
    assert.deepEqual(delta.arrays.map((a) => [a.field, a.changed.map(([i]) => i)]), [['lanes', [1]]]);
    await send(page, { type: 'delta', version: 2, base: 1, delta });
    await rendered(2);
    assert.equal(await page.locator(`.card[data-ref="${v2.lanes[1].cards[0].ref}"] .card__title`).textContent(), 'Changed by a delta');
    assert.equal(await page.evaluate(() => (document.querySelector('.board') as unknown as { __mark?: number }).__mark), 1, 'patched, not rebuilt');
    await send(page, { type: 'delta', version: 4, base: 3, delta });
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'resync'));
    assert.equal(await page.locator(`.card[data-ref="${v2.lanes[1].cards[0].ref}"] .card__title`).textContent(), 'Changed by a delta', 'nothing applied');
  });

  it('a new view replaces the view, keeps the page; a burst of models is drawn newest last, each acknowledged once', async () => {
    o = await openVsCode(browser, script, undefined, { width: 1000, height: 600 });
    page = o.page;
    await send(page, { type: 'model', version: 1, model: fixture('quarters') });
    await rendered(1);
    await page.evaluate(() => { (document.querySelector('.toolbar') as unknown as { __mark: number }).__mark = 1; });
    await send(page, { type: 'model', version: 2, model: fixture('trace') });
    await rendered(2);
    assert.equal(await page.evaluate(() => (document.querySelector('.toolbar') as unknown as { __mark?: number }).__mark), 1, 'the toolbar stays');
    assert.equal(await page.locator('.board').count(), 0);
    assert.equal(await page.locator('.trace').count(), 1);
    await page.evaluate((m) => { for (let v = 3; v <= 8; v++) window.postMessage({ type: 'model', version: v, model: { ...m, title: `Version ${v}` } }, '*'); }, fixture('quarters'));
    await rendered(8);
    assert.equal(await page.locator('.toolbar h1').textContent(), 'Version 8');
    const acks = await page.evaluate(() => (window as unknown as { __rendered: number[] }).__rendered);
    assert.deepEqual([...new Set(acks)], acks, 'each version acknowledged once');
    assert.deepEqual(acks.filter((v) => v > 2), [...acks.filter((v) => v > 2)].sort((a, b) => a - b), 'in order');
  });
});
