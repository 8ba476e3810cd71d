// A KR's pace in its outcome (issue 11 item 2): the status in words and colour, and a sparkline of its
// check-ins against the pace line, on test/fixtures/roadmap/progress (KR `up`: baseline 10 → target 20
// over 2026, check-ins 11, 13, 15 in March, June and September; one before the period left out).
// Geometry, as a person reads it: dots left to right in date order, the pace line rising from baseline
// to target, September's 15 below the line (behind pace there), the sparkline on screen and uncovered.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { loadCascade, modelOf } from './cascades';
import { SHOTS, applyTheme, buildBundle, cspViolations, launch, openStandalone } from './harness';

describe('webview: pace and sparkline in outcomes', function () {
  this.timeout(120000);
  let browser: Browser;
  let script: string;
  before(async () => { script = await buildBundle(); browser = await launch(); mkdirSync(join(SHOTS, 'spark'), { recursive: true }); });
  after(async () => { await browser?.close(); });

  for (const [width, theme] of [[480, 'light'], [720, 'dark'], [1600, 'light']] as const) {
    it(`at ${width} px, ${theme}: status in words, the history against the pace line`, async () => {
      const model = modelOf(loadCascade('progress', 'test/fixtures/roadmap/progress', 'metrics', 'metrics'), 'quarters');
      const up = model.lanes[0].outcomes.find((o) => o.ref === 'metrics/up')!;
      assert.equal(up.history?.length, 3);
      const o = await openStandalone(browser, script, model, { width, height: 900 });
      try {
        await applyTheme(o.page, theme);
        const out = o.page.locator('.outcome[data-ref="metrics/up"]');
        await out.scrollIntoViewIfNeeded();
        await o.page.screenshot({ path: join(SHOTS, 'spark', `progress-${width}-${theme}.png`) });
        assert.equal(await out.locator('.pace').textContent(), { 'on-track': 'on track', 'at-risk': 'at risk', 'off-track': 'off track', done: 'done' }[up.status as string]);
        const g = await out.locator('svg.spark').evaluate((svg) => {
          const dots = [...svg.querySelectorAll('circle')].map((c) => ({ x: Number(c.getAttribute('cx')), y: Number(c.getAttribute('cy')) }));
          const l = svg.querySelector('.spark__pace')!;
          const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((k) => Number(l.getAttribute(k)));
          const r = svg.getBoundingClientRect();
          const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return { dots, x1, y1, x2, y2, label: svg.getAttribute('aria-label'), w: r.width, inside: r.left >= 0 && r.right <= document.documentElement.clientWidth, topmost: !!top && svg.contains(top) };
        });
        assert.equal(g.dots.length, 3);
        assert.ok(g.dots[0].x < g.dots[1].x && g.dots[1].x < g.dots[2].x, 'dots in date order, left to right');
        assert.ok(g.dots[0].y > g.dots[1].y && g.dots[1].y > g.dots[2].y, 'rising values drawn higher');
        assert.ok(g.y1 > g.y2 && g.x1 < g.x2, 'the pace line rises from baseline to target');
        const paceAt = (x: number) => g.y1 + ((x - g.x1) / (g.x2 - g.x1)) * (g.y2 - g.y1);
        assert.ok(g.dots[2].y > paceAt(g.dots[2].x) + 1, "September's 15 sits below the pace line (16.7 expected then)");
        assert.equal(g.label, 'History of metrics/up: 11 on 2026-03-02, 13 on 2026-06-15, 15 on 2026-09-01; pace line from 10 on 2026-01-01 to 20 on 2026-12-31');
        assert.ok(g.w > 50 && g.inside && g.topmost, `on screen and uncovered: ${JSON.stringify(g)}`);
        // A KR without check-ins has no sparkline (nothing invented).
        assert.equal(await o.page.locator('.outcome[data-ref="metrics/down"] svg.spark').count(), 0);
        assert.deepEqual(await cspViolations(o.page), []);
        assert.deepEqual(o.rec.errors, []);
      } finally {
        await o.context.close();
      }
    });
  }
});
