/**
 * Pace and the review loop in the editor, over the real protocol: a KR's
 * hover shows its pace and status (thresholds from okr.config.yaml, "today"
 * from okr.asOf), a computed current is marked as computed, behind-pace
 * follows the thresholds, and `okr/markReviewed` answers the minimal edit
 * that sets `reviewed:`.
 */
import assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import type { MarkReviewedResult } from '../../server/src/protocol';
import { applyTextEdits, AS_OF, LspClient, positionOf } from './helpers';

const SHOP = 'shop.okr.yaml';
const ROLLUP = 'rollup.okr.yaml';
const ROLLUP_TEXT = `unit: group
level: company
period: 2026
objectives:
  O1:
    title: Grow volume
    key_results:
      KR1: { title: Total volume, baseline: 1.8, target: 2.6, unit: bn USD, rollup: sum }
`;
const PART = 'part.okr.yaml';
const PART_TEXT = `unit: part
level: product
parent: group
period: 2026
objectives:
  O1:
    title: Europe
    key_results:
      KR1: { title: EU volume, baseline: 0.8, target: 1.6, current: 1.0, unit: bn USD, supports: group/KR1 }
`;

describe('lsp: pace in hover, behind-pace and okr/markReviewed', function () {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({ fixture: 'cascade', files: { [ROLLUP]: ROLLUP_TEXT, [PART]: PART_TEXT } });
  });
  after(async () => {
    assert.deepEqual(c.errors(), [], 'the server logged no failures');
    await c.stop();
  });

  const hover = async (client: LspClient, rel: string, needle: string, delta = 7) => {
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: client.uri(rel) }, position: positionOf(client.read(rel), needle, delta) });
    return (h.contents as MarkupContent).value;
  };

  it('a KR hover shows its status in words, the share of the period passed and the value expected today', async () => {
    const text = await hover(c, SHOP, '      KR1:');
    assert.match(text, /\*\*Pace:\*\* on track · 90% of 2026 passed, 90% of the way · expected by 2026-11-24: 58\.96%/);
    const unknown = await hover(c, SHOP, '      KR2:');
    assert.match(unknown, /\*\*Pace:\*\* unknown: no `current:` yet\./);
  });

  it('a roll-up KR shows its computed current, marked as computed, and its pace from it', async () => {
    const text = await hover(c, ROLLUP, 'KR1:', 1);
    assert.match(text, /1\.8 → 2 → 2\.6 bn USD \(baseline → current, computed by the roll-up → target\)/);
    assert.match(text, /\*\*Pace:\*\* off track · 90% of 2026 passed, 25% of the way · expected by 2026-11-24: 2\.517 bn USD/);
    assert.match(text, /Rolls up \(`sum`\) the KRs below that count in `bn USD`\./);
    const diags = await c.diagnostics(ROLLUP, (d) => d.some((x) => x.code === 'behind-pace'));
    const bp = diags.find((x) => x.code === 'behind-pace')!;
    assert.deepEqual(bp.range, { start: { line: 7, character: 6 }, end: { line: 7, character: 9 } });
    assert.match(String(bp.message), /2 bn USD \(computed from the KRs below\) now/);
  });

  it('a check-in in the child file moves the parent: its behind-pace goes away as the child reaches its target', async () => {
    const before = c.mark();
    await c.open(PART, PART_TEXT);
    await c.change(PART, PART_TEXT.replace('current: 1.0,', 'current: 1.55,'));
    const diags = await c.diagnostics(ROLLUP, (d) => !d.some((x) => x.code === 'behind-pace'), before);
    assert.deepEqual(diags.map((d) => d.code), []);
    assert.match(await hover(c, ROLLUP, 'KR1:', 1), /1\.8 → 2\.55 → 2\.6 bn USD/);
  });

  describe('okr/markReviewed', () => {
    const mark = (rel: string, date?: string) => c.request<MarkReviewedResult>('okr/markReviewed', { uri: c.uri(rel), ...(date ? { date } : {}) });

    it('adds `reviewed:` after `period:` with the okr.asOf date, for the open version; then there is nothing to do', async () => {
      await c.open(SHOP);
      const r = await mark(SHOP);
      const line = positionOf(c.read(SHOP), 'period: 2026').line + 1;
      assert.deepEqual(r, { uri: c.uri(SHOP), version: 1, date: AS_OF, edits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `reviewed: ${AS_OF}\n` }] });
      assert.ok('edits' in r);
      const text = applyTextEdits(c.read(SHOP), r.edits);
      await c.change(SHOP, text);
      assert.equal(text, c.read(SHOP));
      assert.match(text, /\nperiod: 2026\nreviewed: 2026-11-24\n\nobjectives:/);
      assert.deepEqual(await mark(SHOP), { uri: c.uri(SHOP), version: 2, date: AS_OF, edits: [] });
    });

    it('replaces an older date on its exact span; a file not open is edited on its disk text (version null)', async () => {
      const r = await mark(SHOP, '2026-12-01');
      const pos = positionOf(c.read(SHOP), '2026-11-24');
      assert.deepEqual(r, { uri: c.uri(SHOP), version: 2, date: '2026-12-01', edits: [{ range: { start: pos, end: { line: pos.line, character: pos.character + 10 } }, newText: '2026-12-01' }] });
      const disk = await mark('teams/web.okr.yaml', '2026-12-01');
      assert.ok('edits' in disk && disk.version === null && disk.edits.length === 1, JSON.stringify(disk));
    });

    it('refuses a bad date and a file outside the cascade, with a message for the user', async () => {
      assert.deepEqual(await mark(SHOP, '2026-02-30'), { error: '"2026-02-30" is not a date written YYYY-MM-DD' });
      assert.deepEqual(await mark('nowhere.okr.yaml'), { error: 'the file is not part of the OKR cascade' });
    });
  });
});

describe('lsp: pace judged as of okr.asOf, with thresholds from okr.config.yaml', function () {
  it('okr.asOf sets the day the pace is judged on', async () => {
    const c = await LspClient.start({ fixture: 'cascade', settings: { asOf: '2026-07-01', rules: {} } });
    try {
      const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri: c.uri(SHOP) }, position: positionOf(c.read(SHOP), '      KR1:', 7) });
      assert.match((h.contents as MarkupContent).value, /\*\*Pace:\*\* on track · 50% of 2026 passed, 90% of the way · expected by 2026-07-01: 54\.96%/);
    } finally {
      await c.stop();
    }
  });

  it('loose thresholds put the same KR on track: no behind-pace, and the hover says so', async () => {
    const c = await LspClient.start({ fixture: 'cascade', files: { [ROLLUP]: ROLLUP_TEXT, [PART]: PART_TEXT, 'okr.config.yaml': 'pace: { at_risk: 0.7, off_track: 0.8 }\n' } });
    try {
      const diags = await c.diagnostics(ROLLUP);
      assert.deepEqual(diags.map((d) => d.code), []);
      const h = await c.request<Hover>('textDocument/hover', { textDocument: { uri: c.uri(ROLLUP) }, position: positionOf(ROLLUP_TEXT, 'KR1:', 1) });
      assert.match((h.contents as MarkupContent).value, /\*\*Pace:\*\* on track · 90% of 2026 passed, 25% of the way/);
      assert.deepEqual(c.errors(), []);
    } finally {
      await c.stop();
    }
  });
});
