// Saves screenshots of every view in VS Code's light, dark and high-contrast themes to
// test-output/screenshots/ (gitignored) for a human to look at. Asserts only that they were written.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { applyTheme, buildBundle, fixture, launch, openStandalone, openVsCode, pickFilter, screenshot, send } from './harness';

describe('webview: screenshots', function () {
  this.timeout(90000);
  let browser: Browser;
  let script: string;
  before(async () => { script = await buildBundle(); browser = await launch(); });
  after(async () => { await browser?.close(); });

  const cases: [string, string, (keyof typeof import('./harness').THEMES)[]][] = [
    ['quarters', 'quarters', ['light', 'dark', 'high-contrast']],
    ['trace', 'trace', ['light', 'dark']],
    ['portfolio', 'portfolio', ['light', 'dark']],
    ['empty', 'empty', ['light', 'dark']],
  ];
  for (const [name, fix, themes] of cases) {
    for (const theme of themes) {
      it(`${name} in ${theme}`, async () => {
        const o = await openStandalone(browser, script, fixture(fix));
        await applyTheme(o.page, theme);
        assert.ok(existsSync(await screenshot(o.page, `${name}-${theme}`)));
        await o.context.close();
      });
    }
  }

  for (const theme of ['light', 'dark'] as const) {
    it(`themes view in ${theme}`, async () => {
      const o = await openStandalone(browser, script, fixture('quarters'));
      await applyTheme(o.page, theme);
      await o.page.locator('.views__btn[data-view="themes"]').click();
      await o.page.locator('.theme[data-lane="checkout/O1"] .theme__list > summary').click();
      assert.ok(existsSync(await screenshot(o.page, `themes-${theme}`)));
      await o.context.close();
    });

    it(`preview with error banner, highlight, collapsed lane and filter in ${theme}`, async () => {
      const o = await openVsCode(browser, script, undefined, { width: 1280, height: 800 });
      await applyTheme(o.page, theme);
      await send(o.page, { type: 'config', exportFormats: ['html', 'md'] });
      await send(o.page, { type: 'model', version: 1, model: fixture('quarters') });
      await o.page.waitForSelector('.board');
      await o.page.locator('section[data-lane="checkout/O1"] .lane__toggle').click();
      await pickFilter(o.page, 'unit', 'checkout');
      await o.page.locator('details.filters > summary').click();
      await send(o.page, { type: 'error', message: 'okrs/checkout.okr.yaml:12:3 — bad indentation of a mapping entry' });
      await send(o.page, { type: 'highlight', ref: 'checkout/fraud-scoring' });
      await o.page.waitForSelector('.is-highlighted');
      await o.page.locator('.card[data-ref="checkout/ledger-split"]').hover();
      assert.ok(existsSync(await screenshot(o.page, `preview-states-${theme}`)));
      await o.context.close();
    });
  }

  it('narrow preview (side panel) in dark', async () => {
    const o = await openStandalone(browser, script, fixture('quarters'), { width: 760, height: 900 });
    await applyTheme(o.page, 'dark');
    assert.ok(existsSync(await screenshot(o.page, 'quarters-narrow-dark')));
    await o.context.close();
  });
});
