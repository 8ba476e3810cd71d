// The preview's audience picker (client/webview/audience-picker.ts) in chromium: it is there only when the host
// lists audiences, choosing one posts `setAudience`, the view buttons offer only that audience's views, the choice
// is saved with the webview's state (a reload keeps it), and at 480, 720 and 1600 px it is on screen and topmost.
import * as assert from 'node:assert/strict';

import type { Browser, Page } from 'playwright-core';
import { audienceModel, lensFor } from '../../server/src/core/audience/render';
import type { RoadmapModel } from '../../server/src/core/roadmap/model';
import { AS_OF, audience, loadAudienceCase } from '../unit/audience/helper';
import { buildBundle, cspViolations, launch, openVsCode, posted, send } from './harness';

const AUDIENCES = [{ name: 'customers', views: ['themes', 'horizons'] }, { name: 'executives', views: ['themes', 'portfolio', 'trace'] }];

describe('webview: the audience picker in the toolbar', function () {
  this.timeout(60000);
  let browser: Browser;
  let script: string;
  before(async () => {
    script = await buildBundle();
    browser = await launch();
  });
  after(async () => { await browser?.close(); });

  const { index, config } = loadAudienceCase('basic');
  const full = (): RoadmapModel => audienceModel(index, lensFor({ ...audience(config, 'executives'), show: ['title', 'outcome', 'confidence', 'kr', 'status', 'owner', 'horizon', 'type'], hidePrivate: false }, index), 'app', 'themes', AS_OF).model;
  const redacted = (): RoadmapModel => audienceModel(index, lensFor(audience(config, 'customers'), index), 'app', 'themes', AS_OF).model;

  let version = 0;
  async function show(page: Page, model: RoadmapModel): Promise<void> {
    await send(page, { type: 'model', version: ++version, model, sourceUri: 'file:///ws/app.okr.yaml' });
    await page.waitForFunction((v) => (window as unknown as { __rendered: number[] }).__rendered.includes(v), version);
  }

  it('no audiences configured: no picker', async () => {
    const o = await openVsCode(browser, script);
    try {
      await send(o.page, { type: 'config', exportFormats: ['html'] });
      await show(o.page, full());
      assert.equal(await o.page.locator('select[data-action="audience"]').count(), 0);
      assert.deepEqual(o.rec.errors, []);
    } finally {
      await o.context.close();
    }
  });

  it('with audiences: Everyone first, choosing one posts setAudience, Everyone posts null', async () => {
    const o = await openVsCode(browser, script);
    try {
      const page = o.page;
      await send(page, { type: 'config', exportFormats: ['html'], audiences: AUDIENCES });
      await show(page, full());
      const sel = page.locator('select[data-action="audience"]');
      assert.equal(await sel.count(), 1);
      assert.equal(await sel.getAttribute('aria-label'), 'Audience');
      assert.deepEqual(await sel.locator('option').allInnerTexts(), ['Everyone', 'customers', 'executives']);
      assert.equal(await sel.inputValue(), '');
      await sel.selectOption('customers');
      await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'setAudience'));
      assert.deepEqual((await posted(page)).filter((m) => m.type === 'setAudience'), [{ type: 'setAudience', audience: 'customers' }]);
      // the host answers with the audience shown and its redacted model: the picker says so, the views are the audience's
      await send(page, { type: 'config', readOnly: true, exportFormats: ['html'], audiences: AUDIENCES, audience: 'customers' });
      await show(page, redacted());
      assert.equal(await page.locator('select[data-action="audience"]').inputValue(), 'customers');
      const enabled = await page.locator('.views__btn:not([disabled])').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.view));
      assert.deepEqual(enabled, ['themes', 'horizons']);
      assert.match(await page.locator('.views__btn[data-view="trace"]').getAttribute('title') ?? '', /customers audience does not see this view/);
      const saved = await page.evaluate(() => (window as unknown as { __state: { audience?: string } }).__state);
      assert.equal(saved.audience, 'customers', 'saved with the state, so a reload keeps it');
      await page.locator('select[data-action="audience"]').selectOption('');
      await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'setAudience').length === 2);
      assert.deepEqual((await posted(page)).filter((m) => m.type === 'setAudience').map((m) => m.audience), ['customers', null]);
      assert.deepEqual(await cspViolations(page), []);
      assert.deepEqual(o.rec.errors, []);
    } finally {
      await o.context.close();
    }
  });

  it('a saved state with an audience comes back with it', async () => {
    const o = await openVsCode(browser, script, { audience: 'executives', filters: {}, collapsed: [], opened: [], scroll: { top: 0, left: 0 } });
    try {
      const ready = (await posted(o.page)).find((m) => m.type === 'ready');
      assert.ok(ready, 'the page said it is ready');
      const state = await o.page.evaluate(() => (window as unknown as { __state: { audience?: string } }).__state);
      assert.equal(state.audience, 'executives');
    } finally {
      await o.context.close();
    }
  });

  for (const width of [480, 720, 1600]) {
    it(`at ${width} px the picker is on screen and topmost`, async () => {
      const o = await openVsCode(browser, script, undefined, { width, height: 700 });
      try {
        await send(o.page, { type: 'config', exportFormats: ['html', 'md', 'csv', 'svg', 'png'], audiences: AUDIENCES, audience: 'customers', readOnly: true });
        await show(o.page, redacted());
        const geo = await o.page.locator('select[data-action="audience"]').evaluate((el) => {
          const r = el.getBoundingClientRect();
          const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, vw: window.innerWidth, vh: window.innerHeight, topmost: !!top && (el === top || el.contains(top)) };
        });
        assert.ok(geo.left >= 0 && geo.right <= geo.vw && geo.top >= 0 && geo.bottom <= geo.vh, `on screen: ${JSON.stringify(geo)}`);
        assert.ok(geo.topmost, `nothing covers it: ${JSON.stringify(geo)}`);
      } finally {
        await o.context.close();
      }
    });
  }
});
