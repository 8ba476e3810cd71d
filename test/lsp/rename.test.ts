/** Rename over the real protocol: every file changed as expected and nothing else; refusals. */
import assert from 'node:assert/strict';
import { ResponseError, type Position, type Range, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import { applyTextEdits, editsByUri, LspClient, positionOf, rangeOf } from './helpers';

const FILES = ['acme.okr.yaml', 'shop.okr.yaml', 'teams/web.okr.yaml'];

describe('lsp: rename', function () {
  let c: LspClient;
  let texts: Record<string, string>;
  before(async () => {
    c = await LspClient.start({ fixture: 'cascade' });
    await c.diagnostics('teams/web.okr.yaml');
    texts = Object.fromEntries(FILES.map((f) => [f, c.read(f)]));
  });
  after(async () => {
    assert.deepEqual(c.errors(), [], 'the server logged no failures');
    await c.stop();
  });

  const at = (rel: string, position: Position) => ({ textDocument: { uri: c.uri(rel) }, position });
  const rename = (rel: string, position: Position, newName: string) => c.request<WorkspaceEdit>('textDocument/rename', { ...at(rel, position), newName });

  /** The texts after the edit, for the files it touches. */
  function result(edit: WorkspaceEdit): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [uri, edits] of editsByUri(edit)) {
      const rel = FILES.find((f) => c.uri(f) === uri);
      assert.ok(rel, `an edit for a file of the cascade: ${uri}`);
      out[rel] = applyTextEdits(texts[rel], edits);
    }
    return out;
  }

  it('prepareRename: the id under the cursor, from a key or a reference; null elsewhere', async () => {
    const web = texts['teams/web.okr.yaml'];
    const key = await c.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', at('teams/web.okr.yaml', positionOf(web, 'lazy-images', 3)));
    assert.deepEqual(key, { range: rangeOf(web, 'lazy-images'), placeholder: 'lazy-images' });
    const ref = await c.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', at('teams/web.okr.yaml', positionOf(web, '"shop/KR1"', 7)));
    assert.deepEqual(ref, { range: rangeOf(web, 'KR1', 1), placeholder: 'KR1' });
    const unit = await c.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', at('teams/web.okr.yaml', positionOf(web, '"shop/KR1"', 2)));
    assert.equal(unit.placeholder, 'shop');
    assert.equal(await c.request('textDocument/prepareRename', at('teams/web.okr.yaml', positionOf(web, 'Faster pages', 2))), null);
  });

  it('a KR from its key: the key and every reference in both forms, in every file, and nothing else', async () => {
    const shop = texts['shop.okr.yaml'];
    const edit = await rename('shop.okr.yaml', positionOf(shop, '      KR2:', 7), 'KR9');
    assert.ok(edit.documentChanges, 'versioned documentChanges for a client that supports them');
    assert.deepEqual(result(edit), {
      'shop.okr.yaml': shop.replace('      KR2:', '      KR9:').replace('[KR1, KR2]', '[KR1, KR9]'),
      'teams/web.okr.yaml': texts['teams/web.okr.yaml'].replace('supports: shop/KR2\n', 'supports: shop/KR9\n').replace('- shop/KR2', '- shop/KR9'),
    });
  });

  it('after applying a rename to every file the cascade is as clean as before', async () => {
    const shop = texts['shop.okr.yaml'];
    const after = result(await rename('shop.okr.yaml', positionOf(shop, 'one-page:', 2), 'single-page'));
    assert.deepEqual(Object.keys(after).sort(), ['shop.okr.yaml', 'teams/web.okr.yaml']);
    assert.ok(after['teams/web.okr.yaml'].includes('depends_on: [shop/single-page]'));
    for (const rel of Object.keys(after)) await c.open(rel);
    try {
      for (const [rel, text] of Object.entries(after)) await c.change(rel, text);
      // Any request answers after the edits are applied and their diagnostics sent.
      await c.request('workspace/symbol', { query: 'x' });
      assert.deepEqual(c.latest.get(c.uri('teams/web.okr.yaml'))!.map((d) => d.code), ['kr-without-roadmap']);
      assert.deepEqual(c.latest.get(c.uri('shop.okr.yaml')), []);
    } finally {
      for (const rel of Object.keys(after)) await c.close(rel);
    }
  });

  it('a KR from a quoted reference keeps the quotes', async () => {
    const web = texts['teams/web.okr.yaml'];
    const edit = await rename('teams/web.okr.yaml', positionOf(web, '"shop/KR1"', 7), 'KR1b');
    assert.deepEqual(result(edit), {
      'shop.okr.yaml': texts['shop.okr.yaml'].replace('      KR1:', '      KR1b:').replace('[KR1, KR2]', '[KR1b, KR2]'),
      'teams/web.okr.yaml': web.replace('"shop/KR1"', '"shop/KR1b"'),
    });
  });

  it('a unit: `unit:`, every `parent:` and every `unit/` prefix', async () => {
    const web = texts['teams/web.okr.yaml'];
    const edit = await rename('teams/web.okr.yaml', positionOf(web, 'parent: shop', 9), 'store');
    assert.deepEqual(result(edit), {
      'shop.okr.yaml': texts['shop.okr.yaml'].replace('unit: shop', 'unit: store'),
      'teams/web.okr.yaml': web.replace('parent: shop', 'parent: store').replace(/shop\//g, 'store/'),
    });
  });

  it('refuses an existing id, an invalid id and an existing unit, with a clear message', async () => {
    const shop = texts['shop.okr.yaml'];
    const refused = async (p: Promise<unknown>, message: RegExp) => {
      await assert.rejects(p, (e: unknown) => e instanceof ResponseError && message.test(e.message));
    };
    await refused(rename('shop.okr.yaml', positionOf(shop, '      KR2:', 7), 'KR1'), /`shop\/KR1` already exists \(the key result "Raise checkout conversion"\)/);
    await refused(rename('shop.okr.yaml', positionOf(shop, '      KR2:', 7), 'one-page'), /already exists \(the roadmap item/);
    await refused(rename('shop.okr.yaml', positionOf(shop, '      KR2:', 7), 'K R'), /not a valid id/);
    await refused(rename('shop.okr.yaml', positionOf(shop, 'unit: shop', 7), 'acme'), /Unit `acme` already exists/);
    await refused(rename('shop.okr.yaml', positionOf(shop, 'unit: shop', 7), 'Shop'), /not a valid unit id/);
    await refused(rename('shop.okr.yaml', positionOf(shop, 'title: One-page', 3), 'x'), /Only a unit, objective, key result or roadmap item id can be renamed/);
  });

  it('plain `changes` for a client without documentChanges', async () => {
    const plain = await LspClient.start({ fixture: 'cascade', capabilities: { textDocument: { rename: { prepareSupport: true } } } });
    try {
      const shop = plain.read('shop.okr.yaml');
      const edit = await plain.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: plain.uri('shop.okr.yaml') }, position: positionOf(shop, '  O1:', 3), newName: 'O7' });
      assert.equal(edit.documentChanges, undefined);
      assert.deepEqual(Object.keys(edit.changes!), [plain.uri('shop.okr.yaml')]);
      assert.deepEqual(edit.changes![plain.uri('shop.okr.yaml')], [{ range: rangeOf(shop, 'O1'), newText: 'O7' }]);
    } finally {
      await plain.stop();
    }
  });
});
