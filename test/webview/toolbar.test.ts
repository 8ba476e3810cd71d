// The preview's toolbar in a side panel (720 px) with everything a host offers (Review, the unit
// picker of a company, the Export menu): the title row stays one row, so the first card is not
// pushed down, and every control is on screen and topmost at its centre.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { loadCascade, modelOf } from './cascades';
import type { Opened } from './harness';
import { SHOTS, applyTheme, buildBundle, launch, openVsCode, send } from './harness';

const DIR = join(SHOTS, 'toolbar');

describe('webview: the toolbar in a side panel', function () {
  this.timeout(120000);
  let browser: Browser;
  let script: string;
  before(async () => {
    mkdirSync(DIR, { recursive: true });
    script = await buildBundle();
    browser = await launch();
  });
  after(async () => { await browser?.close(); });

  for (const theme of ['light', 'dark'] as const) {
    it(`at 720 px, ${theme}, with Review, the unit picker and Export: the title row is one row and every control is on screen`, async () => {
      const c = loadCascade('northwind', 'test/fixtures/board', 'booking', 'northwind');
      const o: Opened = await openVsCode(browser, script, undefined, { width: 720, height: 900 });
      const { page } = o;
      try {
        await applyTheme(page, theme);
        await send(page, { type: 'config', exportFormats: ['html', 'svg', 'png'] });
        await send(page, { type: 'model', version: 1, model: modelOf(c, 'portfolio'), sourceUri: 'file:///ws/booking.okr.yaml' });
        await page.waitForFunction(() => (window as unknown as { __rendered: number[] }).__rendered.includes(1));
        await page.screenshot({ path: join(DIR, `toolbar-720-${theme}.png`), clip: { x: 0, y: 0, width: 720, height: 160 } });
        const g = await page.evaluate(() => {
          const row = document.querySelector('.toolbar__row')!.getBoundingClientRect();
          const controls = [...document.querySelectorAll('.toolbar__row:first-child :is(button, select, summary)')].filter((el) => el.checkVisibility()).map((el) => {
            const r = el.getBoundingClientRect();
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return { name: el.textContent!.trim().slice(0, 20) || el.className, inside: r.left >= 0 && r.right <= innerWidth, topmost: !!hit && (hit === el || el.contains(hit)), top: Math.round(r.top) };
          });
          return { row: row.height, toolbar: document.querySelector('.toolbar')!.getBoundingClientRect().height, controls };
        });
        assert.ok(g.controls.length >= 3, `Review, the unit picker and Export: ${JSON.stringify(g.controls)}`);
        assert.ok(g.row <= 32, `the title row is ${Math.round(g.row)} px tall (one row is under 32): ${JSON.stringify(g.controls)}`);
        assert.deepEqual(g.controls.filter((x) => !x.inside || !x.topmost), [], 'every control on screen and not covered');
        assert.ok(g.toolbar <= 96, `the toolbar takes ${Math.round(g.toolbar)} px`);
        assert.deepEqual(o.rec.errors, []);
      } finally {
        await o.context.close();
      }
    });
  }
});
