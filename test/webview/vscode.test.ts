// The renderer inside a VS Code-like webview: handshake, messages both ways, state, scroll.
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { Opened } from './harness';
import { buildBundle, cspViolations, fixture, launch, openVsCode, posted, send } from './harness';

describe('webview: inside VS Code', function () {
  this.timeout(60000);
  let browser: Browser;
  let script: string;
  let o: Opened;
  let page: Page;
  const model = fixture('quarters');

  before(async () => { script = await buildBundle(); browser = await launch(); });
  after(async () => { await browser?.close(); });
  afterEach(async () => {
    if (!o) return;
    assert.deepEqual(await cspViolations(o.page), [], 'no CSP violations');
    assert.deepEqual(o.rec.errors, [], 'no page errors');
    await o.context.close();
  });

  async function open(saved?: unknown, viewport?: { width: number; height: number }): Promise<void> {
    o = await openVsCode(browser, script, saved, viewport);
    page = o.page;
  }
  const waitPosted = (n: number): Promise<unknown> =>
    page.waitForFunction((k) => (window as unknown as { __posted: unknown[] }).__posted.length >= k, n);

  it('posts ready first, shows a placeholder, then draws the first model', async () => {
    await open();
    const first = await posted(page);
    assert.deepEqual(first, [{ type: 'ready' }]);
    assert.match((await page.locator('.empty__title').textContent()) ?? '', /Computing the roadmap/);
    await send(page, { type: 'model', version: 1, model });
    await page.waitForSelector('.board');
    assert.equal(await page.locator('.card').count(), 16);
  });

  it('click and Enter on a card post reveal with its location', async () => {
    await open();
    await send(page, { type: 'model', version: 1, model });
    await page.waitForSelector('.board');
    await page.locator('.card[data-ref="checkout/one-click-pay"] .card__title').click();
    await waitPosted(2);
    assert.deepEqual((await posted(page))[1], {
      type: 'reveal', ref: 'checkout/one-click-pay', location: { file: 'okrs/checkout.okr.yaml', line: 64, character: 2 },
    });
    await page.locator('.card[data-ref="risk/KR2"]').focus();
    await page.keyboard.press('Enter');
    await waitPosted(3);
    assert.deepEqual((await posted(page))[2], { type: 'reveal', ref: 'risk/KR2', location: { file: 'okrs/risk.okr.yaml', line: 9, character: 6 } });
    await page.keyboard.press(' ');
    await waitPosted(4);
    await page.locator('.outcome[data-ref="checkout/KR3"]').click();
    await waitPosted(5);
    assert.equal((await posted(page))[4].ref, 'checkout/KR3');
    // the hypothesis toggle does not jump to the source
    await page.locator('.card[data-ref="checkout/setup-wizard"] summary').click();
    assert.equal((await posted(page)).length, 5);
  });

  it('dragging an item card to another column posts move with that column', async () => {
    await open();
    await send(page, { type: 'model', version: 1, model });
    await page.waitForSelector('.board');
    assert.equal(await page.locator('.card[data-ref="checkout/setup-wizard"]').getAttribute('draggable'), 'true');
    assert.equal(await page.locator('.card--kr[draggable]').count(), 0);
    await page.locator('.card[data-ref="checkout/setup-wizard"]')
      .dragTo(page.locator('[data-lane="checkout/O1"] .cell[data-column="2026-Q4"]'));
    await waitPosted(2);
    assert.deepEqual((await posted(page))[1], { type: 'move', ref: 'checkout/setup-wizard', column: '2026-Q4' });
    // shown where it was dropped until the new model arrives
    assert.equal(await page.locator('[data-lane="checkout/O1"] .cell[data-column="2026-Q4"] .card[data-ref="checkout/setup-wizard"].is-pending').count(), 1);
    // keyboard alternative: Alt+→
    await page.locator('.card[data-ref="checkout/fraud-scoring"]').focus();
    await page.keyboard.press('Alt+ArrowRight');
    await waitPosted(3);
    assert.deepEqual((await posted(page))[2], { type: 'move', ref: 'checkout/fraud-scoring', column: '2026-Q4' });
    // a model arrives: the board follows it
    await send(page, { type: 'model', version: 2, model });
    await page.waitForFunction(() => !document.querySelector('.is-pending'));
    assert.equal(await page.locator('.cell[data-column="2026-Q3"] .card[data-ref="checkout/setup-wizard"]').count(), 1);
  });

  it('drops stale versions and ignores malformed messages', async () => {
    await open();
    await send(page, { type: 'model', version: 5, model: { ...model, title: 'Version five' } });
    await page.waitForFunction(() => document.querySelector('.toolbar h1')?.textContent === 'Version five');
    await send(page, { type: 'model', version: 3, model: { ...model, title: 'Version three' } });
    await send(page, { type: 'highlight', ref: 'checkout/save-cart' }); // handled after the stale model
    await page.waitForSelector('.card.is-highlighted');
    assert.equal(await page.locator('.toolbar h1').textContent(), 'Version five');
    // malformed: dropped without touching the version (else version 6 below would be stale)
    await send(page, { type: 'model', version: 9, model: { unit: 'x', view: 'quarters', lanes: 'nope' } });
    await send(page, { type: 'nonsense' });
    await send(page, { type: 'model', version: 6, model: { ...model, title: 'Version six' } });
    await page.waitForFunction(() => document.querySelector('.toolbar h1')?.textContent === 'Version six');
    assert.equal(await page.locator('.card').count(), 16);
  });

  it('an error keeps the last good roadmap under a banner; the next model clears it', async () => {
    await open();
    await send(page, { type: 'model', version: 1, model });
    await page.waitForSelector('.board');
    await send(page, { type: 'error', message: 'okrs/checkout.okr.yaml:12 bad indentation' });
    await page.waitForSelector('.banner--error');
    assert.match((await page.locator('.banner--error').textContent()) ?? '', /showing the last good roadmap.*bad indentation/);
    assert.equal(await page.locator('.card').count(), 16);
    await send(page, { type: 'model', version: 2, model });
    await page.waitForFunction(() => !document.querySelector('.banner--error'));
    assert.equal(await page.locator('.card').count(), 16);
  });

  it('an error before any model shows a banner, not a blank page', async () => {
    await open();
    await send(page, { type: 'error', message: 'yaml-syntax' });
    await page.waitForSelector('.banner--error');
    assert.match((await page.locator('.app').textContent()) ?? '', /Waiting for a roadmap/);
  });

  it('highlight marks the card and scrolls it into view; null clears', async () => {
    await open(undefined, { width: 900, height: 500 });
    await send(page, { type: 'model', version: 1, model });
    await page.waitForSelector('.board');
    await send(page, { type: 'highlight', ref: 'checkout/cache-catalog' });
    const card = page.locator('.card[data-ref="checkout/cache-catalog"]');
    await page.waitForFunction(() => document.querySelector('.card[data-ref="checkout/cache-catalog"]')?.classList.contains('is-highlighted'));
    await page.waitForFunction(() => {
      const card = document.querySelector('.card[data-ref="checkout/cache-catalog"]')!;
      const r = card.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return r.top >= 0 && r.bottom <= window.innerHeight + 1 && card.contains(hit); // in view, not under a sticky header
    });
    // survives a re-render
    await send(page, { type: 'model', version: 2, model });
    await page.waitForFunction(() => document.querySelector('.card[data-ref="checkout/cache-catalog"]')?.classList.contains('is-highlighted'));
    await send(page, { type: 'highlight', ref: null });
    await page.waitForFunction(() => !document.querySelector('.is-highlighted'));
    assert.equal(await card.count(), 1);
  });

  it('keeps the scroll position across updates', async () => {
    await open(undefined, { width: 1000, height: 500 });
    await send(page, { type: 'model', version: 1, model });
    await page.waitForSelector('.board');
    await page.locator('.scroller').evaluate((s) => { s.scrollTop = 420; s.scrollLeft = 150; });
    await send(page, { type: 'model', version: 2, model: { ...model, title: 'Edited' } });
    await page.waitForFunction(() => document.querySelector('.toolbar h1')?.textContent === 'Edited');
    assert.deepEqual(await page.locator('.scroller').evaluate((s) => [s.scrollTop, s.scrollLeft]), [420, 150]);
    await page.waitForFunction(() => (window as unknown as { __state: { scroll: { top: number } } }).__state?.scroll?.top === 420);
  });

  it('saves view, filters, collapsed lanes and scroll, and restores them on reload', async () => {
    const saved = { view: 'themes', filters: { unit: '', confidence: 'high', status: '', type: '' }, collapsed: ['checkout/O2'], scroll: { top: 0, left: 0 } };
    await open(saved);
    assert.deepEqual((await posted(page))[0], { type: 'ready', view: 'themes' });
    await send(page, { type: 'model', version: 1, model });
    await page.waitForSelector('.themes'); // themes drawn from the quarters model while the host recomputes
    assert.equal(await page.locator('select[data-filter="confidence"]').inputValue(), 'high');
    await page.locator('.views__btn[data-view="quarters"]').click();
    await waitPosted(2);
    assert.deepEqual((await posted(page))[1], { type: 'setView', view: 'quarters' });
    await page.waitForSelector('.board');
    assert.ok(await page.locator('section[data-lane="checkout/O2"]').evaluate((e) => e.classList.contains('lane--collapsed')));
    assert.equal(await page.locator('.card:visible').count(), 3); // high confidence, lane O2 collapsed
    await page.locator('.views__btn[data-view="trace"]').click();
    await waitPosted(3);
    assert.deepEqual((await posted(page))[2], { type: 'setView', view: 'trace' });
    assert.equal(await page.locator('.views__btn[data-view="trace"]').getAttribute('aria-busy'), 'true');
    await send(page, { type: 'model', version: 2, model: fixture('trace') });
    await page.waitForSelector('.trace');
    const state = await page.evaluate(() => (window as unknown as { __state: unknown }).__state);
    assert.deepEqual(state, { view: 'trace', filters: { unit: '', confidence: 'high', status: '', type: '' }, collapsed: ['checkout/O2'], opened: [], scroll: { top: 0, left: 0 } });
  });

  it('the unit picker posts setUnit; config fills the Export menu and read-only turns dragging off', async () => {
    await open();
    await send(page, { type: 'config', exportFormats: ['html', 'csv', 'svg', 'png'], readOnly: true });
    await send(page, { type: 'model', version: 1, model });
    await page.waitForSelector('.board');
    assert.equal(await page.locator('.card[draggable]').count(), 0);
    await page.locator('select[data-action="unit"]').selectOption('acme');
    await waitPosted(2);
    assert.deepEqual((await posted(page))[1], { type: 'setUnit', unit: 'acme' });
    // One Export menu (and the Filter menu), closed: its items are hidden until it opens.
    assert.equal(await page.locator('details.menu[data-key="menu:export"]').count(), 1);
    assert.equal(await page.locator('details.menu').count(), 2);
    assert.equal(await page.locator('button[data-action="export"]:visible').count(), 0);
    await page.locator('details.menu[data-key="menu:export"] > summary').click();
    assert.deepEqual(await page.locator('button[data-action="export"]:visible').allTextContents(),
      ['HTML page.html', 'CSV.csv', 'SVG image.svg', 'PNG image.png']);
    // It stays open across a redraw (a model arriving while the user picks).
    await send(page, { type: 'model', version: 2, model: { ...model, title: 'Redrawn' } });
    await page.waitForFunction(() => document.querySelector('.toolbar h1')?.textContent === 'Redrawn');
    assert.equal(await page.locator('details.menu[data-key="menu:export"]').getAttribute('open'), '');
    await page.locator('button[data-action="export"][data-format="png"]').click();
    await waitPosted(3);
    assert.deepEqual((await posted(page))[2], { type: 'export', format: 'png' });
    assert.equal(await page.locator('details.menu[data-key="menu:export"][open]').count(), 0, 'picking closes the menu');
    // Keyboard: Enter opens, Tab reaches an item, Escape closes and returns to the button.
    await page.locator('details.menu[data-key="menu:export"] > summary').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.format), 'html');
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('details.menu[data-key="menu:export"][open]').count(), 0);
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'SUMMARY');
    // A click elsewhere closes it too.
    await page.locator('details.menu[data-key="menu:export"] > summary').click();
    await page.locator('.board__corner').click();
    assert.equal(await page.locator('details.menu[data-key="menu:export"][open]').count(), 0);
  });

  it('saves the shown document and the lock with its state (the serializer reopens each panel on its file)', async () => {
    await open();
    await send(page, { type: 'config', locked: true });
    await send(page, { type: 'model', version: 1, model, sourceUri: 'file:///ws/okrs/checkout.okr.yaml' });
    await page.waitForSelector('.board');
    const state = () => page.evaluate(() => (window as unknown as { __state: { sourceUri?: string; locked?: boolean } }).__state);
    await page.waitForFunction(() => (window as unknown as { __state?: { sourceUri?: string } }).__state?.sourceUri);
    assert.deepEqual([(await state()).sourceUri, (await state()).locked], ['file:///ws/okrs/checkout.okr.yaml', true]);
    await send(page, { type: 'config', locked: false });
    await send(page, { type: 'model', version: 2, model, sourceUri: 'file:///ws/okrs/acme.okr.yaml' });
    await page.waitForFunction(() => (window as unknown as { __state: { sourceUri?: string } }).__state.sourceUri === 'file:///ws/okrs/acme.okr.yaml');
    assert.equal((await state()).locked, false);
    await o.context.close();
    // Restored state that is not well-formed is dropped.
    await open({ sourceUri: 42, locked: 'yes', scroll: { top: 0, left: 0 } });
    await send(page, { type: 'model', version: 1, model });
    await page.waitForSelector('.board');
    await page.locator('.views__btn[data-view="themes"]').click();
    await page.waitForFunction(() => (window as unknown as { __state?: { view?: string } }).__state?.view === 'themes');
    const s = await state();
    assert.equal(s.sourceUri, undefined);
    assert.equal(s.locked, undefined);
  });

  it("starts at the top left, today's column in view without scrolling, when another document or unit is shown; keeps the scroll for the same one", async () => {
    await open(undefined, { width: 1000, height: 500 });
    const scroll = () => page.locator('.scroller').evaluate((s) => [s.scrollTop, s.scrollLeft]);
    /** [scrollTop, scrollLeft, whether today's column header lies wholly in view, right of the sticky lane column]. */
    const atToday = () => page.locator('.scroller').evaluate((s) => {
      const head = s.querySelector('.col-head--current')!.getBoundingClientRect();
      const box = s.getBoundingClientRect();
      const lane = s.querySelector('.board__corner')!.getBoundingClientRect();
      return [s.scrollTop, s.scrollLeft, head.left >= lane.right - 1 && head.right <= box.left + s.clientWidth + 1];
    });
    const setScroll = () => page.locator('.scroller').evaluate((s) => { s.scrollTop = 300; s.scrollLeft = 120; });
    const checkout = 'file:///ws/okrs/checkout.okr.yaml';
    await send(page, { type: 'model', version: 1, model, sourceUri: checkout });
    await page.waitForSelector('.board');
    assert.deepEqual(await atToday(), [0, 0, true], 'opens at the top left, today in view');
    await setScroll();
    await send(page, { type: 'model', version: 2, model: { ...model, title: 'Same file, edited' }, sourceUri: checkout });
    await page.waitForFunction(() => document.querySelector('.toolbar h1')?.textContent === 'Same file, edited');
    assert.deepEqual(await scroll(), [300, 120], 'kept across updates of the same file');
    // The preview follows another file: top left.
    await send(page, { type: 'model', version: 3, model: { ...model, title: 'Fraud' }, sourceUri: 'file:///ws/okrs/teams/fraud.okr.yaml' });
    await page.waitForFunction(() => document.querySelector('.toolbar h1')?.textContent === 'Fraud');
    assert.deepEqual(await atToday(), [0, 0, true]);
    await page.waitForFunction(() => (window as unknown as { __state: { scroll: { top: number } } }).__state.scroll.top === 0);
    // Same file, another unit: top left.
    await setScroll();
    await send(page, { type: 'model', version: 4, model: { ...model, unit: 'acme', title: 'Acme' }, sourceUri: 'file:///ws/okrs/teams/fraud.okr.yaml' });
    await page.waitForFunction(() => document.querySelector('.toolbar h1')?.textContent === 'Acme');
    assert.deepEqual(await atToday(), [0, 0, true]);
    await o.context.close();

    // After a reload: the saved scroll comes back for the same file, not for another one.
    await open({ sourceUri: checkout, filters: {}, collapsed: [], scroll: { top: 250, left: 80 } }, { width: 1000, height: 500 });
    await send(page, { type: 'model', version: 1, model, sourceUri: checkout });
    await page.waitForSelector('.board');
    assert.deepEqual(await scroll(), [250, 80]);
    await o.context.close();
    await open({ sourceUri: checkout, filters: {}, collapsed: [], scroll: { top: 250, left: 80 } }, { width: 1000, height: 500 });
    await send(page, { type: 'model', version: 1, model, sourceUri: 'file:///ws/okrs/acme.okr.yaml' });
    await page.waitForSelector('.board');
    assert.deepEqual(await atToday(), [0, 0, true]);
  });

  it('a highlighted card scrolled into view is not hidden under the sticky lane column or header', async () => {
    await open(undefined, { width: 900, height: 500 });
    await send(page, { type: 'model', version: 1, model });
    await page.waitForSelector('.board');
    // Scrolled to the far right and bottom, a card of the second column (Q2) is to the left, under the lane column.
    await page.locator('.scroller').evaluate((s) => { s.scrollLeft = s.scrollWidth; s.scrollTop = s.scrollHeight; });
    await page.evaluate(() => document.documentElement.style.setProperty('scroll-behavior', 'auto'));
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await send(page, { type: 'highlight', ref: 'checkout/address-autocomplete' });
    await page.waitForFunction(() => {
      const card = document.querySelector('.card[data-ref="checkout/address-autocomplete"]')!.getBoundingClientRect();
      const lane = document.querySelector('.lane__head')!.getBoundingClientRect();
      const head = document.querySelector('.board__head')!.getBoundingClientRect();
      return card.left >= lane.right && card.top >= head.bottom;
    });
    const hit = await page.evaluate(() => {
      const card = document.querySelector('.card[data-ref="checkout/address-autocomplete"]')!;
      const r = card.getBoundingClientRect();
      return card.contains(document.elementFromPoint(r.left + 4, r.top + 4));
    });
    assert.ok(hit, 'its top left corner is visible, not under a sticky cell');
    assert.equal(await page.locator('.scroller').evaluate((s) => getComputedStyle(s).scrollPaddingLeft),
      `${await page.locator('.lane__head').first().evaluate((e) => e.getBoundingClientRect().width)}px`, 'scroll-padding-left: the lane column');
    // An outcome lives in the sticky lane column: highlighting it scrolls only up or down.
    await page.locator('.scroller').evaluate((s) => { s.scrollLeft = 300; s.scrollTop = s.scrollHeight; });
    await send(page, { type: 'highlight', ref: 'checkout/KR1' });
    await page.waitForFunction(() => {
      const o = document.querySelector('.outcome[data-ref="checkout/KR1"]')!.getBoundingClientRect();
      const head = document.querySelector('.board__head')!.getBoundingClientRect();
      return o.top >= head.bottom && o.bottom <= window.innerHeight;
    });
    assert.equal(await page.locator('.scroller').evaluate((s) => s.scrollLeft), 300);
  });
});
