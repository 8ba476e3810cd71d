// What a person sees, checked the way a person would check it, at 480, 720 (a side panel)
// and 1600 px, in light, dark and high contrast, on two cascades (the samples and
// test/fixtures/board: colliding KR ids, a very long KR id, broken links, unlinked items):
// - today's column: every card inside the board and topmost at its centre (nothing covers it),
//   on open, after switching through every view and after a filter;
// - no card's content overflows its box; the legend lists exactly what the view draws;
// - Portfolio and Trace readable (headings and KR cards in view, nothing clipped sideways);
// - Trace lists every KR and item that `okr check` flags.
// Every state is photographed into test-output/screenshots/layout/ for a person to look at.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RoadmapModel, RoadmapView } from '../../server/src/core/roadmap/model';
import type { Cascade } from './cascades';
import { flaggedByCheck, loadCascade, modelOf, probe } from './cascades';
import type { Opened } from './harness';
import { SHOTS, THEMES, applyTheme, buildBundle, cspViolations, launch, openStandalone, openVsCode, pickFilter, send } from './harness';

const DIR = join(SHOTS, 'layout');
const VIEWS: RoadmapView[] = ['horizons', 'tech', 'themes', 'portfolio', 'trace', 'quarters'];
const BOARD_VIEWS = new Set(['quarters', 'horizons', 'tech', 'portfolio']);

interface Geometry { picker?: { inside: boolean; topmost: boolean; fits: boolean; text: string }; toolbar: number; sideways: number; headings: string[]; strip: string[]; topWidth: number; gapRows: string[]; summary: string }

/** Sizes a person judges by eye: the toolbar's height, sideways scrolling, headings and KR cards cut off, the Trace's gap rows. */
const GEOMETRY = `(() => {
  const s = document.querySelector('.scroller');
  const box = s.getBoundingClientRect();
  const right = box.left + s.clientWidth + 1;
  const outside = (sel) => [...document.querySelectorAll(sel)]
    .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.left < box.left - 1 || r.right > right); })
    .map((e) => (e.dataset.ref || e.textContent || '').trim().slice(0, 40));
  const top = document.querySelector('.portfolio__top');
  // The unit picker: inside the page, nothing over it, and the chosen unit's name not cut (its text's width, in the select's font, fits).
  const sel = document.querySelector('.select--unit');
  let picker;
  if (sel) {
    const r = sel.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const cs = getComputedStyle(sel);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = cs.fontSize + ' ' + cs.fontFamily;
    const text = sel.selectedOptions[0] ? sel.selectedOptions[0].textContent : '';
    const room = sel.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20; // the arrow
    picker = { inside: r.left >= 0 && r.right <= window.innerWidth, topmost: hit === sel || sel.contains(hit), fits: ctx.measureText(text).width <= room, text };
  }
  return {
    picker,
    toolbar: document.querySelector('.toolbar').getBoundingClientRect().height,
    sideways: s.scrollWidth - s.clientWidth,
    headings: outside('.portfolio__head, .portfolio__title'),
    strip: outside('.outcomes--strip .outcome'),
    topWidth: top ? top.getBoundingClientRect().width / s.clientWidth : 1,
    gapRows: [...document.querySelectorAll('.trace__gap')].map((e) => e.dataset.ref || ''),
    summary: (document.querySelector('.trace__summary') || {}).textContent || '',
  };
})()`;

/** Everything wrong with what `page` shows, as sentences (empty: all good). */
async function problems(page: Page, view: RoadmapView, model: RoadmapModel, c: Cascade): Promise<string[]> {
  const r = await probe(page);
  const out: string[] = [];
  if (r.view !== view) out.push(`the ${view} view is drawn (got ${r.view})`);
  for (const s of r.todayCards) {
    if (!s.inside) out.push(`today's card ${s.ref} (${s.lane}) lies outside the board's width`);
    if (!s.topmost) out.push(`today's card ${s.ref} (${s.lane}) is covered by ${s.coveredBy}`);
  }
  if (BOARD_VIEWS.has(view) && model.columns.some((col) => col.current) && !r.today) out.push("today's column is drawn");
  for (const o of r.overflowing) out.push(`content overflows card ${o}`);
  const legend = [...r.legend].sort();
  const used = [...r.used].sort();
  if (JSON.stringify(legend) !== JSON.stringify(used)) out.push(`legend ${legend.join(',')} ≠ marks drawn ${used.join(',')}`);
  // A string, not a function: tsx would wrap the inner function with a helper the page lacks.
  const geometry = await page.evaluate(GEOMETRY) as Geometry;
  if (geometry.toolbar > (r.width < 600 ? 140 : 96)) out.push(`the toolbar takes ${Math.round(geometry.toolbar)} px before the first card`);
  const p = geometry.picker;
  if (p && !p.inside) out.push(`the unit picker lies outside the page`);
  if (p && !p.topmost) out.push(`the unit picker is covered`);
  if (p && !p.fits) out.push(`the unit picker cuts "${p.text}"`);
  if (view === 'portfolio') {
    for (const t of geometry.headings) out.push(`portfolio heading "${t}" is cut off sideways`);
    for (const t of geometry.strip) out.push(`the ${model.level ?? ''} KR card ${t} is cut off sideways`);
    if (geometry.topWidth < 0.95) out.push(`the KR strip fills ${Math.round(geometry.topWidth * 100)}% of the panel`);
  }
  if (view === 'trace') {
    if (geometry.sideways > 1) out.push(`the trace scrolls sideways by ${geometry.sideways} px`);
    const flagged = flaggedByCheck(c, c.unit);
    for (const ref of flagged) if (!geometry.gapRows.includes(ref)) out.push(`Trace does not list ${ref}, which okr check flags`);
    const n = /⚠ (\d+) gaps?/.exec(geometry.summary)?.[1];
    if (Number(n ?? 0) !== geometry.gapRows.length) out.push(`the summary "${geometry.summary}" counts ${n ?? 0} gaps, ${geometry.gapRows.length} are listed`);
    if (flagged.length && /No gaps/.test(geometry.summary)) out.push('the summary says "No gaps"');
  }
  return out;
}

async function look(page: Page, name: string, view: RoadmapView, model: RoadmapModel, c: Cascade): Promise<void> {
  await page.screenshot({ path: join(DIR, `${name}.png`) });
  assert.deepEqual(await problems(page, view, model, c), [], name);
}

describe('webview: the board is right at every width', function () {
  this.timeout(240000);
  let browser: Browser;
  let script: string;
  const cascades = [
    loadCascade('samples', 'samples/okrs', 'checkout', 'acme'),
    loadCascade('northwind', 'test/fixtures/board', 'booking', 'northwind'),
  ];
  before(async () => {
    mkdirSync(DIR, { recursive: true });
    script = await buildBundle();
    browser = await launch();
  });
  after(async () => { await browser?.close(); });

  it("labels say what the unit is: a product's portfolio shows product key results, a company's company key results", async () => {
    const c = cascades[1];
    for (const [unit, label] of [['booking', 'product key results'], ['northwind', 'company key results']]) {
      const o = await openStandalone(browser, script, modelOf({ ...c, company: unit }, 'portfolio'), { width: 720, height: 900 });
      try {
        assert.equal(await o.page.locator('.portfolio__top .portfolio__sub').textContent(), label);
        assert.equal(await o.page.locator('.outcomes--strip').getAttribute('aria-label'), `${unit === 'booking' ? 'Booking' : 'Northwind Health'}: ${label}`);
      } finally {
        await o.context.close();
      }
    }
  });

  const runs: [number, keyof typeof THEMES][] = [[480, 'light'], [480, 'dark'], [720, 'light'], [720, 'dark'], [720, 'high-contrast'], [1600, 'light'], [1600, 'dark']];
  for (const c of cascades) {
    for (const [width, theme] of runs) {
      it(`${c.name} at ${width} px, ${theme}: the preview on open, through every view, after a filter`, async () => {
        const models = new Map(VIEWS.map((v) => [v, modelOf(c, v)]));
        const o: Opened = await openVsCode(browser, script, undefined, { width, height: 900 });
        const { page } = o;
        try {
          await applyTheme(page, theme);
          let version = 0;
          const show = async (view: RoadmapView) => {
            await send(page, { type: 'model', version: ++version, model: models.get(view), sourceUri: 'file:///ws/booking.okr.yaml' });
            await page.waitForFunction((v) => (window as unknown as { __rendered: number[] }).__rendered.includes(v), version);
          };
          await show('quarters');
          await look(page, `${c.name}-${width}-${theme}-open`, 'quarters', models.get('quarters')!, c);
          for (const view of VIEWS) {
            await page.locator(`.views__btn[data-view="${view}"]`).click();
            await show(view); // the host answers setView with that view's model
            await page.waitForSelector(`.app[data-view="${view}"]`);
            await look(page, `${c.name}-${width}-${theme}-${view}`, view, models.get(view)!, c);
          }
          await pickFilter(page, 'confidence', 'high');
          await page.locator('details.filters > summary').click(); // close the menu, as a person would
          await look(page, `${c.name}-${width}-${theme}-filtered`, 'quarters', models.get('quarters')!, c);
          assert.deepEqual(await cspViolations(page), []);
          assert.deepEqual(o.rec.errors, []);
        } finally {
          await o.context.close();
        }
      });
    }
    it(`${c.name}: the exported page of every view at 720 px; of quarters, portfolio and trace at 480 and 1600 px`, async () => {
      for (const view of VIEWS) {
        const model = modelOf(c, view);
        for (const width of ['quarters', 'portfolio', 'trace'].includes(view) ? [480, 720, 1600] : [720]) {
          const o = await openStandalone(browser, script, model, { width, height: 900 });
          try {
            await look(o.page, `${c.name}-export-${view}-${width}`, view, model, c);
            assert.deepEqual(await cspViolations(o.page), []);
          } finally {
            await o.context.close();
          }
        }
      }
    });
  }
});
