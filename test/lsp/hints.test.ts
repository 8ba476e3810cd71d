/** Inlay hints, CodeLens, okr/roadmap and okr/status; and an older client without inlay hints or lenses. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { ResponseError, type CodeLens, type InlayHint, type Location } from 'vscode-languageserver-protocol/node';
import type { RoadmapModel } from '../../server/src/protocol';
import { AS_OF, LspClient, positionOf, rangeOf } from './helpers';

const WEB = 'teams/web.okr.yaml';
const SHOP = 'shop.okr.yaml';

describe('lsp: hints, lenses, roadmap', function () {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({ fixture: 'cascade', initializationOptions: { showReferencesCommand: 'okr.showReferences' } });
    await c.diagnostics(WEB);
  });
  after(async () => {
    assert.deepEqual(c.errors(), [], 'the server logged no failures');
    await c.stop();
  });

  it('inlay hints: the title beside each reference (and the parent name), within the asked range', async () => {
    const web = c.read(WEB);
    const whole = { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } };
    const hints = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: c.uri(WEB) }, range: whole });
    const shown = hints.map((h) => [h.position, h.label]);
    assert.deepEqual(shown.slice(0, 3), [
      [rangeOf(web, 'parent: shop').end, 'Shop'],
      [rangeOf(web, 'shop/KR2').end, 'Cut time to pay'],
      [rangeOf(web, '"shop/KR1"').end, 'Raise checkout conversion'],
    ]);
    assert.equal(hints.length, 7, 'parent, 2 KR supports, lazy-images supports and depends_on, 2 cdn supports');
    assert.ok(hints.every((h) => h.paddingLeft));
    const line = positionOf(web, 'depends_on').line;
    const part = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: c.uri(WEB) }, range: { start: { line, character: 0 }, end: { line, character: 99 } } });
    assert.deepEqual(part.map((h) => h.label), ['One-page checkout']);
  });

  it('after an edit in another file, the client is asked to refresh hints and lenses', async () => {
    const shop = c.read(SHOP);
    await c.open(SHOP);
    const before = c.refreshes.length;
    await c.change(SHOP, shop.replace('title: Cut time to pay', 'title: Pay in seconds'));
    await c.until(() => c.refreshes.length >= before + 2, 'inlay hint and code lens refresh requests');
    assert.deepEqual(c.refreshes.slice(before).sort(), ['workspace/codeLens/refresh', 'workspace/inlayHint/refresh']);
    const whole = { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } };
    const hints = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: c.uri(WEB) }, range: whole });
    assert.equal(hints[1].label, 'Pay in seconds');
    await c.change(SHOP, shop);
    await c.close(SHOP);
  });

  it('code lenses: above each KR what it supports and its supporters; above each objective its totals', async () => {
    const shop = c.read(SHOP);
    const lenses = await c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: c.uri(SHOP) } });
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [
      [positionOf(shop, '  O1:').line, '2 key results · 2 roadmap items · 90% average progress'],
      [positionOf(shop, '      KR1:').line, 'supports acme/KR1 · 2 supporters (1 item, 1 KR) · 90%'],
      [positionOf(shop, '      KR2:').line, 'supports acme/KR2 · 3 supporters (2 items, 1 KR)'],
    ]);
    const kr2 = lenses[2].command!;
    assert.equal(kr2.command, 'okr.showReferences');
    const [uri, position, locations] = kr2.arguments as [string, unknown, Location[]];
    assert.equal(uri, c.uri(SHOP));
    assert.deepEqual(position, rangeOf(shop, 'KR2').start);
    assert.deepEqual(locations.map((l) => l.uri).sort(), [c.uri(SHOP), c.uri(WEB), c.uri(WEB)]);
  });

  it('okr/roadmap: a team file shows the product above it; asOf from the settings; URIs as locations', async () => {
    const model = await c.request<RoadmapModel>('okr/roadmap', { uri: c.uri(WEB), view: 'quarters' });
    assert.equal(model.unit, 'shop');
    assert.equal(model.asOf, AS_OF);
    const cards = model.lanes.flatMap((l) => l.cards);
    assert.ok(cards.some((card) => card.ref === 'web/lazy-images' && card.location.file === c.uri(WEB)));
    const acme = await c.request<RoadmapModel>('okr/roadmap', { uri: c.uri(WEB), view: 'themes', unit: 'acme', asOf: '2026-01-05' });
    assert.deepEqual([acme.unit, acme.view, acme.asOf], ['acme', 'themes', '2026-01-05']);
    await assert.rejects(c.request('okr/roadmap', { uri: c.uri(WEB), view: 'quarters', unit: 'shopp' }), (e: unknown) => e instanceof ResponseError && /Unknown unit "shopp"/.test(e.message));
  });

  it('okr/status: totals and coverage after every publish', async () => {
    await c.open(SHOP);
    const count = c.statuses.length;
    await c.change(SHOP, c.read(SHOP).replace('supports: [KR1, KR2]', 'supports: [KR1, KR7]'));
    await c.until(() => c.statuses.length > count, 'a new okr/status');
    assert.deepEqual(c.statuses[c.statuses.length - 1], { files: 3, errors: 1, warnings: 0, infos: 1, hints: 0, coverage: { items: 100, krs: 83.3 } });
    await c.close(SHOP);
  });
});

describe('lsp: an older client (no inlay hints, no lenses, no dynamic registration, no configuration)', function () {
  it('is offered neither, and still gets diagnostics, navigation and everything else', async () => {
    const old = await LspClient.start({ fixture: 'cascade', capabilities: { textDocument: { hover: { contentFormat: ['markdown'] } } } });
    try {
      assert.equal(old.init!.capabilities.inlayHintProvider, undefined);
      assert.equal(old.init!.capabilities.codeLensProvider, undefined);
      assert.ok(old.init!.capabilities.definitionProvider && old.init!.capabilities.renameProvider);
      const web = old.read(WEB);
      assert.deepEqual((await old.diagnostics(WEB)).map((d) => d.code), ['kr-without-roadmap']);
      const def = await old.request<Location[]>('textDocument/definition', { textDocument: { uri: old.uri(WEB) }, position: positionOf(web, 'shop/KR2', 6) });
      assert.equal(def[0].uri, old.uri(SHOP));
      assert.deepEqual(old.registrations, [], 'nothing registered dynamically');
      // Settings pushed with didChangeConfiguration (no workspace/configuration).
      const since = old.mark();
      await old.conn.sendNotification('workspace/didChangeConfiguration', { settings: { okr: { rules: { 'kr-without-roadmap': 'hint' } } } });
      const after = await old.diagnostics(WEB, (d) => d[0]?.severity === 4, since);
      assert.equal(after.length, 1);
      // didChangeWatchedFiles sent without any registration is followed too.
      const created = old.mark();
      writeFileSync(old.path('teams/app.okr.yaml'), 'unit: app\nparent: web\n');
      await old.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: old.uri('teams/app.okr.yaml'), type: 1 }] });
      assert.deepEqual(await old.diagnostics('teams/app.okr.yaml', () => true, created), []);
      assert.deepEqual(old.errors(), []);
    } finally {
      await old.stop();
    }
  });
});
