// The exported page (renderHtmlPage + dist/webview.js) in chromium: layout, flags, escaping, keyboard.
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { Opened } from './harness';
import { buildBundle, cspViolations, fixture, launch, openStandalone, pickFilter } from './harness';

describe('webview: standalone roadmap page', function () {
  this.timeout(60000);
  let browser: Browser;
  let script: string;
  let o: Opened;
  let page: Page;

  before(async () => {
    script = await buildBundle();
    browser = await launch();
  });
  after(async () => { await browser?.close(); });
  beforeEach(async () => {
    o = await openStandalone(browser, script, fixture('quarters'));
    page = o.page;
  });
  afterEach(async () => {
    assert.deepEqual(await cspViolations(page), [], 'no CSP violations');
    assert.deepEqual(o.rec.errors, [], 'no page errors');
    await o.context.close();
  });

  const count = (sel: string): Promise<number> => page.locator(sel).count();

  it('draws one lane per objective, titled by it, then the unlinked lane', async () => {
    assert.equal(await count('.board > .lane:not(.lane--unlinked)'), 3);
    assert.deepEqual(await page.locator('.board > .lane:not(.lane--unlinked) .lane__name').allTextContents(),
      ['Make self-serve checkout effortless', 'Earn trust at every step', 'Scale the platform for peak season']);
    assert.equal(await count('.board > .lane'), 4);
    assert.ok(await page.locator('.board > .lane').last().evaluate((e) => e.classList.contains('lane--unlinked')));
  });

  it('places cards per lane and per column cell; marks the current column', async () => {
    assert.equal(await count('[data-lane="checkout/O1"] .card'), 7);
    assert.equal(await count('[data-lane="checkout/O2"] .card'), 4);
    assert.equal(await count('[data-lane="checkout/O3"] .card'), 3);
    assert.equal(await count('.lane--unlinked .card'), 2);
    assert.equal(await count('[data-lane="checkout/O1"] .cell[data-column="2026-Q3"] .card'), 3);
    assert.equal(await count('[data-lane="checkout/O1"] .cell[data-column="2026-Q2"] .card'), 2);
    assert.equal(await count('[data-lane="checkout/O1"] .cell[data-column="2026-Q1"] .card'), 0);
    assert.equal(await count('[data-lane="checkout/O3"] .cell[data-column="later"] .card'), 1);
    // Q1 holds nothing and is past: folded into the narrow "Earlier" column.
    assert.deepEqual(await page.locator('.col-head').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.column)),
      ['#earlier', '2026-Q2', '2026-Q3', '2026-Q4', 'later']);
    assert.match((await page.locator('.col-head--earlier button').getAttribute('title')) ?? '', /^Q1 2026: 0 cards/);
    assert.equal(await page.locator('.col-head--current').getAttribute('data-column'), '2026-Q3');
  });

  it('shows outcomes with baseline → current → target, progress bars and unsupported KRs flagged', async () => {
    const kr1 = page.locator('.outcome[data-ref="checkout/KR1"]');
    assert.equal((await kr1.locator('.outcome__metric').textContent())?.trim(), '45% → 41% → 30%');
    const ratio = await kr1.locator('.progress').evaluate((bar) =>
      (bar.querySelector('.progress__fill') as HTMLElement).getBoundingClientRect().width / bar.getBoundingClientRect().width);
    assert.ok(Math.abs(ratio - 0.27) < 0.01, `progress ratio ${ratio}`);
    assert.equal(await kr1.locator('[role=progressbar]').getAttribute('aria-valuenow'), '27');
    const kr5 = page.locator('.outcome[data-ref="checkout/KR5"] .outcome__metric');
    assert.equal((await kr5.textContent())?.trim(), '820 ms → 610 ms → 300 ms');
    const kr4 = page.locator('.outcome[data-ref="checkout/KR4"]');
    assert.ok(await kr4.evaluate((e) => e.classList.contains('outcome--unsupported')));
    assert.match((await kr4.textContent()) ?? '', /nothing supports this KR/);
    assert.equal(await count('.outcome--unsupported'), 1);
  });

  it('flags the unlinked lane and explains it', async () => {
    const lane = page.locator('.lane--unlinked');
    assert.match((await lane.textContent()) ?? '', /Items whose chain reaches no objective of Checkout/);
    const [plain, warn] = await Promise.all([
      page.locator('[data-lane="checkout/O1"] .lane__head').evaluate((e) => getComputedStyle(e).backgroundColor),
      lane.locator('.lane__head').evaluate((e) => getComputedStyle(e).backgroundColor),
    ]);
    assert.notEqual(plain, warn);
    assert.match((await lane.locator('.card[data-ref="checkout/coupon-cleanup"]').textContent()) ?? '', /serves no key result/);
  });

  it('makes kr cards distinct and greys out dropped ones', async () => {
    assert.equal(await count('.card--kr'), 2);
    const style = (sel: string): Promise<{ border: string; bg: string; opacity: string; deco: string; filter: string }> =>
      page.locator(sel).evaluate((e) => ({
        border: getComputedStyle(e).borderTopStyle, bg: getComputedStyle(e).backgroundColor, opacity: getComputedStyle(e).opacity,
        filter: getComputedStyle(e).filter,
        deco: getComputedStyle(e.querySelector('.card__title')!).textDecorationLine,
      }));
    const item = await style('.card[data-ref="checkout/setup-wizard"]');
    const kr = await style('.card[data-ref="checkout-web/KR1"]');
    assert.equal(item.border, 'solid');
    assert.equal(kr.border, 'dashed');
    assert.notEqual(item.bg, kr.bg);
    assert.equal(await count('.card--kr [role=progressbar]'), 2);
    assert.equal(await page.locator('.card[data-ref="checkout-web/KR1"]').getAttribute('draggable'), null);
    const dropped = await style('.card[data-ref="checkout/guest-redesign"]');
    assert.ok(Number(dropped.opacity) < 0.7, `opacity ${dropped.opacity}`);
    assert.equal(dropped.deco, 'line-through');
    assert.match(dropped.filter, /grayscale/);
    assert.equal(item.deco, 'none');
  });

  it('shows card content: KR served, hypothesis (collapsed), confidence, status, type, unit/owner, due', async () => {
    const card = page.locator('.card[data-ref="checkout/setup-wizard"]');
    const text = (await card.textContent()) ?? '';
    for (const s of ['Guided payment setup wizard', 'KR1', 'Cut checkout drop-off', 'active', 'high', 'feature', 'checkout · Dana Li', 'due 2026-09-30']) {
      assert.ok(text.includes(s), `${s} in ${text}`);
    }
    assert.equal(await card.locator('details.card__hyp').evaluate((d) => (d as HTMLDetailsElement).open), false);
    await card.locator('summary').click();
    assert.equal(await card.locator('details.card__hyp').evaluate((d) => (d as HTMLDetailsElement).open), true);
    assert.equal(await card.getAttribute('aria-label'), 'Bet: Guided payment setup wizard, serves KR1 Cut checkout drop-off, active');
    // A KR of the lane's own unit goes by its bare id; the card's own unit does not matter.
    assert.equal(await page.locator('.card[data-ref="checkout-web/KR1"]').getAttribute('aria-label'),
      'Initiative: Form errors per session from 1.8 to 0.6, serves KR1 Cut checkout drop-off, 50% done');
  });

  it('renders markup in model strings as literal text', async () => {
    const card = page.locator('.card[data-ref="checkout/xss-probe"]');
    assert.equal(await card.locator('.card__title').textContent(), '<img src=x onerror=alert(1)> </script> load test');
    assert.match((await card.locator('.card__who').textContent()) ?? '', /<svg onload=alert\(3\)>/);
    await card.locator('summary').click();
    assert.match((await card.locator('.card__hyp p').textContent()) ?? '', /^<\/script><script>alert\(2\)<\/script> & <b>bold<\/b>/);
    assert.equal(await count('#okr-root img, #okr-root svg, #okr-root script, #okr-root b'), 0);
    assert.equal(await page.locator('body > script').count(), 2);
    assert.deepEqual(o.rec.dialogs, []);
  });

  it('reaches cards with the keyboard; Enter opens the hypothesis in a static page', async () => {
    let onCard = false;
    for (let i = 0; i < 80 && !onCard; i++) {
      await page.keyboard.press('Tab');
      onCard = await page.evaluate(() => document.activeElement?.classList.contains('card') ?? false);
    }
    assert.ok(onCard, 'Tab reaches a card');
    const ref = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.ref);
    assert.equal(ref, 'checkout/address-autocomplete');
    const focused = page.locator('.card:focus');
    assert.equal(await focused.getAttribute('tabindex'), '0');
    assert.equal(await focused.getAttribute('role'), 'button');
    await page.keyboard.press('Enter');
    assert.equal(await focused.locator('details').evaluate((d) => (d as HTMLDetailsElement).open), true);
  });

  it('offers only the views this export can draw; themes counts cards', async () => {
    assert.equal(await page.locator('.views__btn[data-view="quarters"]').getAttribute('aria-pressed'), 'true');
    for (const v of ['horizons', 'tech', 'portfolio', 'trace']) {
      assert.ok(await page.locator(`.views__btn[data-view="${v}"]`).isDisabled(), v);
    }
    await page.locator('.views__btn[data-view="themes"]').click();
    await page.waitForSelector('.themes');
    assert.equal(await count('.theme'), 4);
    assert.equal(await page.locator('.theme[data-lane="checkout/O1"] .theme__count').textContent(), '6 bets · 1 initiative');
    assert.equal(await count('.theme[data-lane="checkout/O1"] .card:visible'), 0);
    await page.locator('.theme[data-lane="checkout/O1"] .theme__list > summary').click();
    // The list is drawn when it opens: wait for its last card before counting.
    await page.locator('.theme[data-lane="checkout/O1"] .card').nth(6).waitFor({ state: 'visible' });
    assert.equal(await count('.theme[data-lane="checkout/O1"] .card:visible'), 7);
  });

  it('filters cards client-side and collapses lanes', async () => {
    await pickFilter(page, 'status', 'active');
    assert.equal(await count('.card'), 3);
    assert.match((await page.locator('.filter-note').textContent()) ?? '', /Showing 3 of 16 cards/);
    await page.locator('.filter-note button').click();
    assert.equal(await count('.card'), 16);
    await pickFilter(page, 'type', 'tech');
    assert.equal(await count('.card'), 4);
    await page.locator('.filter-note button').click();

    const toggle = page.locator('[data-lane="checkout/O2"] .lane__toggle');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await count('[data-lane="checkout/O2"] .card:visible'), 0);
    assert.equal(await count('[data-lane="checkout/O1"] .card:visible'), 7);
    assert.ok(await page.locator('section[data-lane="checkout/O2"]').evaluate((e) => e.classList.contains('lane--collapsed')));
    assert.equal(await page.locator('[data-lane="checkout/O2"] .lane__toggle').evaluate((e) => e === document.activeElement), true);
  });
});

describe('webview: standalone other views', function () {
  this.timeout(60000);
  let browser: Browser;
  let script: string;
  before(async () => { script = await buildBundle(); browser = await launch(); });
  after(async () => { await browser?.close(); });

  it('an empty model shows a friendly empty state', async () => {
    const o = await openStandalone(browser, script, fixture('empty'));
    assert.equal(await o.page.locator('.empty .empty__title').textContent(), 'Nothing on this roadmap yet');
    assert.match((await o.page.locator('.empty').textContent()) ?? '', /Growth has no objectives/);
    assert.equal(await o.page.locator('.toolbar h1').textContent(), 'Growth');
    await o.context.close();
  });

  it('the trace view nests company KR → product KR → team KR → items and marks gaps', async () => {
    const o = await openStandalone(browser, script, fixture('trace'));
    const p = o.page;
    assert.equal(await p.locator('.trace__list[role=tree] > .trace__node').count(), 2);
    assert.equal(await p.locator('.trace__node--gap').count(), 2);
    assert.deepEqual(await p.locator('.trace__node--gap > .trace__line > .trace__row').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.ref)),
      ['checkout/KR4', 'acme/KR2']);
    const deep = p.locator('.trace__row[data-ref="checkout-web/inline-validation"]');
    assert.equal(await deep.evaluate((e) => e.closest('li')?.getAttribute('aria-level')), '4');
    assert.match((await p.locator('.trace__summary').textContent()) ?? '', /2 gaps/);
    assert.equal(await p.locator('.trace__node--dropped').count(), 1);
    await o.context.close();
  });

  it('the portfolio view has one section per product, each with its lanes', async () => {
    const o = await openStandalone(browser, script, fixture('portfolio'));
    const p = o.page;
    assert.deepEqual(await p.locator('.portfolio__title').allTextContents(), ['Checkout', 'Payments']);
    assert.equal(await p.locator('.portfolio__section[data-unit="checkout"] .lane:not(.lane--unlinked)').count(), 2);
    assert.equal(await p.locator('.portfolio__section[data-unit="checkout"] .lane--unlinked .card').count(), 1);
    assert.equal(await p.locator('.portfolio__section[data-unit="payments"] .lane').count(), 1);
    assert.equal(await p.locator('.portfolio__section[data-unit="payments"] .card').count(), 2);
    await o.context.close();
  });
});
