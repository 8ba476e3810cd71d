// A roadmap redacted for an audience (okr roadmap --audience, the preview's audience mode) drawn in chromium:
// what the audience may see is on screen, nothing hidden comes back as text, no error banner, no page error.
import * as assert from 'node:assert/strict';

import type { Browser } from 'playwright-core';
import { audienceModel, lensFor } from '../../server/src/core/audience/render';
import { AS_OF, audience, loadAudienceCase } from '../unit/audience/helper';
import { buildBundle, cspViolations, launch, openStandalone } from './harness';

describe('webview: a roadmap redacted for an audience', function () {
  this.timeout(60000);
  let browser: Browser;
  let script: string;
  before(async () => {
    script = await buildBundle();
    browser = await launch();
  });
  after(async () => { await browser?.close(); });

  const { index, config } = loadAudienceCase('basic');
  const model = (name: string, unit: string, view: 'themes' | 'horizons' | 'trace' | 'quarters') =>
    audienceModel(index, lensFor(audience(config, name), index), unit, view, AS_OF).model;

  for (const [name, unit, view, titles] of [
    ['customers', 'app', 'horizons', ['One-tap checkout', 'Wallet sheet redesign']],
    ['executives', 'app', 'themes', []],
    ['executives', 'co', 'trace', ['Grow paying merchants', 'Raise checkout conversion', 'Database migration', 'One-tap checkout', 'Wallet sheet redesign']],
  ] as const) {
    it(`${name}: ${unit} ${view} is drawn, with no private text on the page`, async () => {
      const m = model(name, unit, view);
      const o = await openStandalone(browser, script, m);
      try {
        const page = o.page;
        assert.equal(await page.locator('.banner--error, .error').count(), 0, 'no error banner');
        const text = (await page.locator('body').innerText());
        for (const t of titles) assert.ok(text.includes(t), `${t} is shown`);
        assert.ok(text.includes('Make paying effortless') || view === 'trace', 'the theme is shown');
        const html = await page.content();
        for (const s of ['Falcon', 'Initech', 'Rita', 'Secret partnership', 'app.okr.yaml', 'one-tap', 'app/KR1']) assert.ok(!html.includes(s), `${s} is not in the page`);
        if (view !== 'trace') {
          assert.ok(!text.includes('serves no key result'), 'a hidden `kr` is not shown as "serves no key result"');
        }
        assert.deepEqual(await cspViolations(page), []);
        assert.deepEqual(o.rec.errors, [], 'no page errors');
      } finally {
        await o.context.close();
      }
    });
  }

  it('customers see no quarter anywhere on the horizons page', async () => {
    const o = await openStandalone(browser, script, model('customers', 'app', 'horizons'));
    try {
      const text = await o.page.locator('body').innerText();
      assert.doesNotMatch(text, /Q[1-4] 2026|2026-Q[1-4]|2026-09-30/);
      assert.deepEqual(await o.page.locator('.col-head').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.column)), ['now', 'next', 'later']);
      assert.equal(await o.page.locator('.card').count(), 2);
    } finally {
      await o.context.close();
    }
  });
});
