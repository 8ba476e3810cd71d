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

  it('refreshes hints and lenses only when an open file shows something an edit elsewhere changed', async () => {
    const shop = c.read(SHOP);
    const whole = { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } };
    const hintsOfWeb = () => c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: c.uri(WEB) }, range: whole });
    const refreshesSince = (seq: number) => c.events.filter((e) => e.seq > seq && e.method.endsWith('/refresh')).map((e) => e.method).sort();
    await c.open(WEB);
    await c.open(SHOP);
    assert.equal((await hintsOfWeb())[1].label, 'Cut time to pay'); // a request: both opens are applied before it is answered
    // A hypothesis in the product: nothing the team file shows changes, so no refresh (asked before the answer if at all).
    let since = c.mark();
    await c.change(SHOP, shop.replace('one page will lift conversion because buyers leave', 'a single page will lift conversion because buyers drop off'));
    await hintsOfWeb();
    assert.deepEqual(refreshesSince(since), [], 'no refresh after a hypothesis edit');
    // The title of a KR the team file refers to: its inlay hint changes, so both are refreshed, once.
    since = c.mark();
    const renamed = shop.replace('title: Cut time to pay', 'title: Pay in seconds');
    await c.change(SHOP, renamed);
    const hints = await hintsOfWeb();
    assert.equal(hints[1].label, 'Pay in seconds');
    assert.deepEqual(refreshesSince(since), ['workspace/codeLens/refresh', 'workspace/inlayHint/refresh']);
    const refreshSeq = c.events.find((e) => e.seq > since && e.method.endsWith('/refresh'))!.seq;
    const lastPublish = c.events.filter((e) => e.seq > since && e.method === 'textDocument/publishDiagnostics').pop();
    assert.ok(!lastPublish || lastPublish.seq < refreshSeq, 'after the diagnostics');
    // Typing in the product's own title changes what its own editor shows: the client asks again by itself, no refresh.
    since = c.mark();
    await c.change(SHOP, renamed.replace('title: Make buying effortless', 'title: Make buying effortless!'));
    await hintsOfWeb();
    assert.deepEqual(refreshesSince(since), []);
    await c.change(SHOP, shop);
    await c.close(SHOP);
    await c.close(WEB);
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
