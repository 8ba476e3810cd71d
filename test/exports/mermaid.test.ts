// Every Mermaid diagram the exports emit, parsed by the real Mermaid (its dist
// bundle, in headless Chromium): the injection cascade's diagrams parse, take no
// directive from a title and draw each title as text; a roadmap too large for
// Mermaid's limits is split per section or refused, and the real Mermaid proves
// the limits are real.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { toMarkdown } from '../../server/src/core/export/markdown';
import { MERMAID_LIMITS, MermaidTooLarge, mermaidDiagrams, toMermaid } from '../../server/src/core/export/mermaid';
import { oneLine } from '../../server/src/core/export/text';
import { buildRoadmap } from '../../server/src/core/roadmap/index';
import type { RoadmapModel } from '../../server/src/core/roadmap/model';
import { launch } from '../webview/harness';
import { AS_OF, bigCompany, cascade, HOSTILE, models } from './corpus';

const MERMAID_JS = readFileSync(require.resolve('mermaid/dist/mermaid.min.js'), 'utf8');

interface Parsed { ok: boolean; type?: string; config?: unknown; error?: string }

describe('exports: Mermaid diagrams parsed and drawn by the real Mermaid', function () {
  this.timeout(120000);
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await launch();
    page = await browser.newPage();
    await page.setContent('<!DOCTYPE html><html><body><div id="out"></div></body></html>');
    await page.addScriptTag({ content: MERMAID_JS });
    await page.evaluate(() => (window as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({ startOnLoad: false }));
  });
  after(async () => { await browser?.close(); });

  const parse = (text: string): Promise<Parsed> => page.evaluate(async (t) => {
    const m = (window as unknown as { mermaid: { parse(t: string): Promise<{ diagramType: string; config: unknown }> } }).mermaid;
    try {
      const r = await m.parse(t);
      return { ok: true, type: r.diagramType, config: r.config };
    } catch (e) {
      return { ok: false, error: String((e as Error)?.message ?? e) };
    }
  }, text);

  /** Draws `text` and answers what a viewer would find in the drawing. */
  const draw = (text: string) => page.evaluate(async (t) => {
    const m = (window as unknown as { mermaid: { render(id: string, t: string): Promise<{ svg: string }> } }).mermaid;
    const { svg } = await m.render(`d${Math.random().toString(36).slice(2)}`, t);
    const out = document.getElementById('out')!;
    out.innerHTML = svg;
    const root = out.querySelector('svg')!;
    const all = [...root.querySelectorAll('*')];
    const labels = [...root.querySelectorAll('.nodeLabel, .cluster-label, text')].map((e) => e.textContent ?? '');
    return {
      svg,
      labels,
      scripts: root.querySelectorAll('script').length,
      handlers: all.filter((e) => [...e.attributes].some((a) => a.name.toLowerCase().startsWith('on'))).length,
      links: root.querySelectorAll('a').length,
      nodes: root.querySelectorAll('.node').length,
    };
  }, text);

  const hostile = models(cascade(HOSTILE));

  for (const { view, model } of hostile) {
    it(`${view}: every diagram of the injection cascade parses as a flowchart and takes no directive from a title`, async () => {
      const texts = [toMermaid(model), ...mermaidDiagrams(model).map((p) => p.text!)];
      for (const t of texts) {
        const r = await parse(t);
        assert.ok(r.ok, `parse error: ${r.error}`);
        assert.equal(r.type, 'flowchart-v2');
        assert.deepEqual(r.config, {}, 'no %%{init}%% directive was read from a title');
      }
    });
  }

  it('draws the quarters diagram with every hostile title as the text it is, no script, no link, default theme', async () => {
    const model = hostile.find((m) => m.view === 'quarters')!.model;
    const d = await draw(toMermaid(model));
    assert.equal(d.scripts, 0);
    assert.equal(d.handlers, 0);
    assert.equal(d.links, 0, 'no click/href link from a title');
    const cards = [...model.lanes.flatMap((l) => l.cards), ...model.unlinked];
    assert.equal(d.nodes, cards.length + model.lanes.reduce((n, l) => n + l.outcomes.length, 0));
    const shown = d.labels.join('\n');
    for (const c of cards) assert.ok(shown.includes(oneLine(c.title)), `drawn as text: ${JSON.stringify(c.title)}`);
    for (const l of model.lanes) assert.ok(d.labels.includes(oneLine(l.title)), `lane title: ${JSON.stringify(l.title)}`);
    assert.ok(shown.includes('%%{init: {"theme":"forest"}}%%'), 'the directive-only title is a label');
    assert.ok(!d.svg.includes('#cde498') && !/fill:\s*#1f2020/.test(d.svg), 'neither the forest nor the dark theme was applied');
  });

  describe('too large for Mermaid', () => {
    const big = buildRoadmap(bigCompany(30, 20), { view: 'portfolio', unit: 'corp', asOf: AS_OF });

    it('the real Mermaid refuses the whole portfolio of a 31-unit company, so the export never emits it', async () => {
      const whole = wholeText(big);
      assert.ok(whole.length > MERMAID_LIMITS.maxTextSize, `${whole.length} characters`);
      const d = await draw(whole);
      assert.ok(d.labels.join(' ').includes('Maximum text size in diagram exceeded'), 'Mermaid draws its refusal instead');
      assert.throws(() => toMermaid(big), (e: unknown) => e instanceof MermaidTooLarge
        && /^The portfolio diagram of Corp is too large for Mermaid: [\d,]+ characters where Mermaid draws at most 50,000 and [\d,]+ links where Mermaid draws at most 500, so it would not be drawn\. Export Markdown instead \(one diagram per product\), or the roadmap of one unit\.$/.test(e.message));
    });

    it('Markdown splits it into one diagram per product; each parses; the company part, still too large, is refused in words', async () => {
      const parts = mermaidDiagrams(big);
      assert.deepEqual(parts.map((p) => p.title), ['Corp', ...Array.from({ length: 30 }, (_, i) => `Product ${i}`)]);
      assert.ok(parts[0].refused && !parts[0].text);
      assert.match(parts[0].refused, /^The diagram of Corp is too large for Mermaid \([\d,]+ characters where Mermaid draws at most 50,000 and [\d,]+ links where Mermaid draws at most 500\), so it is left out; the lists and tables above show the same cards\.$/);
      for (const p of parts.slice(1)) {
        assert.ok(p.text && p.text.length <= MERMAID_LIMITS.maxTextSize);
        const r = await parse(p.text);
        assert.ok(r.ok, `${p.title}: ${r.error}`);
      }
      const md = toMarkdown(big);
      assert.equal((md.match(/^```mermaid$/gm) ?? []).length, 30);
      assert.ok(md.includes('## Diagrams\n\n_The whole roadmap is too large for one Mermaid diagram: one diagram per section._\n\n### Corp\n\n_The diagram of Corp is too large'));
      assert.ok(md.includes('### Product 7\n\n```mermaid\nflowchart LR\n  subgraph S1["Product 7"]\n'));
    });

    it('a board over the 500-link limit (but not the text limit) is split per lane, and the real Mermaid rejects the unsplit one', async () => {
      const card = hostile[1].model.lanes[0].cards[0];
      const laneOf = (n: number, k: number) => ({
        id: `shop/O${n}`, title: `Lane ${n}`,
        outcomes: [{ ref: `shop/KR${n}`, title: 'Outcome', supportedBy: 1, location: card.location }],
        cards: Array.from({ length: k }, (_, i) => ({ ...card, ref: `shop/c${n}-${i}`, title: `c${i}`, supports: [`shop/KR${n}`], serves: [`shop/KR${n}`], status: undefined })),
      });
      const model: RoadmapModel = { ...hostile[1].model, lanes: [laneOf(1, 300), laneOf(2, 300)], unlinked: [] };
      const whole = wholeText(model);
      assert.ok(whole.length < MERMAID_LIMITS.maxTextSize, 'under the text limit');
      const r = await parse(whole);
      assert.equal(r.ok, false);
      assert.match(r.error ?? '', /Edge limit exceeded/);
      assert.throws(() => toMermaid(model), /600 links where Mermaid draws at most 500/);
      const parts = mermaidDiagrams(model);
      assert.deepEqual(parts.map((p) => p.title), ['Lane 1', 'Lane 2'], 'the empty Unlinked lane is left out of a split');
      for (const p of parts) assert.ok((await parse(p.text!)).ok);
    });
  });
});

/** The unsplit diagram, bypassing the limits (for feeding the real Mermaid). */
function wholeText(model: RoadmapModel): string {
  return toMermaid(model, { maxTextSize: Infinity, maxEdges: Infinity });
}
