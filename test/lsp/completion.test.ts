/** Completion at cursors marked `|` in inline documents, valid or not. */
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-protocol/node';
import { applyTextEdits, cursor, LspClient } from './helpers';

const BASE = `unit: mobile
level: team
parent: shop
period: 2026-Q4

objectives:
  O1:
    title: Mobile
    key_results:
      KR1:
        title: App rating
        baseline: 3
        target: 4.5
        supports: {{kr}}
      KR2:
        title: Crash-free sessions
        baseline: 98
        target: 99.5
        supports: shop/KR1
{{unitkeys}}
roadmap:
  offline:
    title: Offline mode
    supports: [{{item}}]
    depends_on:
      - {{dep}}
{{itemkey}}
  push:
    title: Push
    horizon: {{horizon}}
    confidence: {{confidence}}
`;

const DEFAULTS: Record<string, string> = { kr: 'shop/KR2', unitkeys: '', item: 'KR1', dep: 'push', itemkey: '', horizon: 'now', confidence: 'high' };

/** The base document with one slot holding the cursor (and the others their defaults). */
function doc(slot: string, value: string): string {
  return BASE.replace(/\{\{(\w+)\}\}/g, (_, k: string) => (k === slot ? value : DEFAULTS[k]));
}

describe('lsp: completion', function () {
  let c: LspClient;
  let n = 0;
  before(async () => {
    c = await LspClient.start({ fixture: 'cascade' });
    await c.diagnostics('teams/web.okr.yaml');
  });
  after(async () => {
    assert.deepEqual(c.errors(), [], 'the server logged no failures');
    await c.stop();
  });

  async function complete(marked: string, triggerCharacter?: string): Promise<{ items: CompletionItem[]; text: string }> {
    const { text, position } = cursor(marked);
    const rel = `teams/draft-${++n}.okr.yaml`;
    await c.open(rel, text);
    const context = triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 };
    const list = await c.request<CompletionList>('textDocument/completion', { textDocument: { uri: c.uri(rel) }, position, context });
    await c.close(rel);
    const items = [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    return { items, text };
  }
  const labels = (items: CompletionItem[]) => items.map((i) => i.label);
  const apply = (text: string, item: CompletionItem) => applyTextEdits(text, [item.textEdit as TextEdit]);

  it("a KR's supports: the parent unit's KRs first, with titles, then the others", async () => {
    const { items, text } = await complete(doc('kr', '|'));
    assert.deepEqual(labels(items), ['shop/KR1', 'shop/KR2', 'acme/KR1', 'acme/KR2', 'web/KR1', 'web/KR2']);
    assert.equal(items[0].detail, 'Raise checkout conversion');
    assert.match(apply(text, items[1]), /target: 4\.5\n {8}supports: shop\/KR2\n/);
  });

  it('right after `supports:` the value comes with its space; a typed prefix is replaced', async () => {
    const { items, text } = await complete(doc('kr', '|').replace('supports: |', 'supports:|'), ':');
    assert.equal(items[0].label, 'shop/KR1');
    assert.match(apply(text, items[0]), /\n {8}supports: shop\/KR1\n/);
    const typed = await complete(doc('kr', 'shop/K|'));
    assert.match(apply(typed.text, typed.items[0]), /\n {8}supports: shop\/KR1\n/);
  });

  it("an item's supports in a flow list: its unit's KRs, then the parent's, minus those listed", async () => {
    const { items, text } = await complete(doc('item', 'KR1, |'));
    assert.deepEqual(labels(items).slice(0, 3), ['KR2', 'shop/KR1', 'shop/KR2']);
    assert.ok(!labels(items).includes('KR1'));
    assert.match(apply(text, items[0]), /supports: \[KR1, KR2\]/);
  });

  it('an unclosed flow list in an invalid document still completes', async () => {
    const { items } = await complete(doc('item', 'KR1, |').replace('[KR1, |]', '[KR1, |'));
    assert.deepEqual(labels(items).slice(0, 3), ['KR2', 'shop/KR1', 'shop/KR2']);
  });

  it('depends_on in a block list: items of the unit (not itself), then other units', async () => {
    const { items } = await complete(doc('dep', '|'));
    assert.deepEqual(labels(items), ['push', 'shop/one-page', 'web/lazy-images', 'web/cdn']);
  });

  it('parent: the other units', async () => {
    const { items } = await complete(doc('', '').replace('parent: shop', 'parent: |'));
    assert.deepEqual(labels(items).sort(), ['acme', 'shop', 'web']);
  });

  it('keys valid in the map at the cursor, minus those present', async () => {
    const item = await complete(doc('itemkey', '    |'));
    assert.deepEqual(labels(item.items), ['hypothesis', 'horizon', 'confidence', 'status', 'type', 'due', 'effort', 'rice', 'owner', 'result', 'evidence', 'private', 'private_fields']);
    assert.match(apply(item.text, item.items[0]), /depends_on:\n {6}- push\n {4}hypothesis: \n {2}push:/);
    const typed = await complete(doc('itemkey', '    hy|'));
    assert.equal(typed.items[0].label, 'hypothesis');
    const top = await complete(doc('unitkeys', '|'));
    assert.deepEqual(labels(top.items), ['name', 'owner', 'capacity', 'reviewed', 'private', 'private_fields']);
    const kr = await complete(doc('kr', 'shop/KR2\n        |'));
    assert.deepEqual(labels(kr.items), ['current', 'unit', 'owner', 'rollup', 'checkins', 'private', 'private_fields']);
  });

  it('no keys on a space typed in the indentation (a trigger character)', async () => {
    const { items } = await complete(doc('itemkey', '    |'), ' ');
    assert.deepEqual(items, []);
  });

  it('enum values: horizon with the quarters of the period, confidence, status, type', async () => {
    assert.deepEqual(labels((await complete(doc('horizon', '|'))).items), ['now', 'next', 'later', '2026-Q4']);
    assert.deepEqual(labels((await complete(doc('confidence', '|'))).items), ['high', 'medium', 'low']);
    assert.deepEqual(labels((await complete(doc('', '').replace('    title: Push\n', '    title: Push\n    status: |\n'))).items), ['idea', 'planned', 'active', 'done', 'dropped']);
    assert.deepEqual(labels((await complete(doc('', '').replace('    title: Push\n', '    title: Push\n    type: |\n'))).items), ['feature', 'tech', 'experiment', 'research']);
  });

  it('nothing inside a comment or a free-text value', async () => {
    assert.deepEqual((await complete(doc('', '').replace('title: Mobile', 'title: Mob|ile'))).items, []);
    assert.deepEqual((await complete(doc('', '').replace('title: Push', 'title: Push  # a no|te'))).items, []);
  });
});
