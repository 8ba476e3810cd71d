/** Definition, references, hover, document and workspace symbols over the real protocol. */
import assert from 'node:assert/strict';
import type { DocumentSymbol, Hover, Location, MarkupContent, Position, SymbolInformation } from 'vscode-languageserver-protocol/node';
import { LspClient, positionOf, rangeOf } from './helpers';

const WEB = 'teams/web.okr.yaml';
const SHOP = 'shop.okr.yaml';

describe('lsp: navigation', function () {
  let c: LspClient;
  let web: string;
  let shop: string;
  before(async () => {
    c = await LspClient.start({ fixture: 'cascade' });
    await c.diagnostics(WEB);
    web = c.read(WEB);
    shop = c.read(SHOP);
  });
  after(async () => {
    assert.deepEqual(c.errors(), [], 'the server logged no failures');
    await c.stop();
  });

  const at = (rel: string, position: Position) => ({ textDocument: { uri: c.uri(rel) }, position });
  const definition = (rel: string, position: Position) => c.request<Location[]>('textDocument/definition', at(rel, position));
  const loc = (rel: string, text: string, needle: string, n = 0): Location => ({ uri: c.uri(rel), range: rangeOf(text, needle, n) });

  describe('definition', () => {
    it('a cross-file `supports: unit/KR` lands on that KR key', async () => {
      assert.deepEqual(await definition(WEB, positionOf(web, 'shop/KR2', 6)), [loc(SHOP, shop, 'KR2', 0)]);
      assert.equal(rangeOf(shop, 'KR2').start.line, positionOf(shop, '      KR2:').line);
    });
    it('a quoted reference, a block-list element and a flow-list element', async () => {
      assert.deepEqual(await definition(WEB, positionOf(web, '"shop/KR1"', 7)), [loc(SHOP, shop, 'KR1', 0)]);
      assert.deepEqual(await definition(WEB, positionOf(web, '- shop/KR2', 8)), [loc(SHOP, shop, 'KR2', 0)]);
      assert.deepEqual(await definition(SHOP, positionOf(shop, '[KR1, KR2]', 6)), [loc(SHOP, shop, 'KR2', 0)]);
    });
    it('a same-unit `ID` and a `depends_on: unit/ITEM`', async () => {
      assert.deepEqual(await definition(WEB, positionOf(web, 'supports: KR1', 10)), [loc(WEB, web, 'KR1', 0)]);
      assert.deepEqual(await definition(WEB, positionOf(web, 'shop/one-page', 7)), [loc(SHOP, shop, 'one-page')]);
    });
    it('`parent:` and the `unit/` prefix land on the unit declaration', async () => {
      const unitValue = { uri: c.uri(SHOP), range: rangeOf(shop, 'shop', countBefore(shop, 'unit: shop', 'shop')) };
      assert.deepEqual(await definition(WEB, positionOf(web, 'parent: shop', 9)), [unitValue]);
      assert.deepEqual(await definition(WEB, positionOf(web, 'shop/KR2', 1)), [unitValue]);
    });
    it('nothing on a plain value or a broken reference', async () => {
      assert.deepEqual(await definition(WEB, positionOf(web, 'Cut page load time', 3)), []);
    });
  });

  describe('references', () => {
    const refs = (rel: string, position: Position, includeDeclaration: boolean) =>
      c.request<Location[]>('textDocument/references', { ...at(rel, position), context: { includeDeclaration } });
    const supportersOfShopKr2 = () => [
      { uri: c.uri(SHOP), range: rangeOf(shop, 'KR2', 2) }, // one-page: [KR1, KR2]
      { uri: c.uri(WEB), range: rangeOf(web, 'KR2', 0) }, // web KR1: supports: shop/KR2
      { uri: c.uri(WEB), range: rangeOf(web, 'KR2', 2) }, // cdn: - shop/KR2
    ];
    it('from a KR key: every supporter across files', async () => {
      assert.deepEqual(rangeOf(shop, 'KR2', 2).start.line, positionOf(shop, '[KR1, KR2]').line);
      assert.deepEqual(await refs(SHOP, positionOf(shop, '      KR2:', 7), false), supportersOfShopKr2());
    });
    it('from a reference, with the declaration when asked', async () => {
      assert.deepEqual(await refs(WEB, positionOf(web, '- shop/KR2', 8), true), [loc(SHOP, shop, 'KR2', 0), ...supportersOfShopKr2()]);
    });
    it('from a unit: parent values and unit/ prefixes', async () => {
      const got = await refs(SHOP, positionOf(shop, 'unit: shop', 7), false);
      assert.equal(got.length, 5, 'parent: shop, shop/KR2, "shop/KR1", shop/one-page, - shop/KR2');
      assert.ok(got.every((l) => l.uri === c.uri(WEB)));
      assert.deepEqual(got.map((l) => l.range.end.character - l.range.start.character), [4, 4, 4, 4, 4]);
    });
  });

  describe('hover', () => {
    const hover = async (rel: string, position: Position) => ((await c.request<Hover>('textDocument/hover', at(rel, position))).contents as MarkupContent).value;
    it('on a KR key: title, metric with unit and progress, chain and supporters', async () => {
      const text = await hover(WEB, positionOf(web, '      KR1:', 7));
      assert.match(text, /Cut page load time/);
      assert.match(text, /3 → 2 → 1\.5 s/);
      assert.match(text, /67%/);
      assert.match(text, /`web\/KR1` → `shop\/KR2` → `acme\/KR2` Keep churn low/);
      assert.match(text, /Supported by 2\*\* \(2 items\)/);
      assert.match(text, /web\/lazy-images/);
    });
    it('on a cross-file reference: the target KR', async () => {
      const text = await hover(WEB, positionOf(web, 'shop/KR2', 6));
      assert.match(text, /Cut time to pay/);
      assert.match(text, /40 → 20 s/);
      assert.match(text, /Supported by 3\*\* \(2 items, 1 KR\)/);
    });
    it('on an item and on a unit', async () => {
      const item = await hover(WEB, positionOf(web, 'cdn:', 1));
      assert.match(item, /Move to a CDN/);
      assert.match(item, /We believe a CDN/);
      assert.match(item, /\*\*Supports:\*\*\n- `web\/KR1` Cut page load time: 3 → 2 → 1.5 s/);
      const unit = await hover(WEB, positionOf(web, 'parent: shop', 9));
      assert.match(unit, /\*\*shop\*\* · Shop/);
      assert.match(unit, /Below `acme`/);
    });
    it('plain text for a client without markdown', async () => {
      const plain = await LspClient.start({ fixture: 'cascade', capabilities: { textDocument: { hover: { contentFormat: ['plaintext'] } } } });
      try {
        const h = await plain.request<Hover>('textDocument/hover', { textDocument: { uri: plain.uri(SHOP) }, position: positionOf(shop, '      KR2:', 7) });
        assert.equal((h.contents as MarkupContent).kind, 'plaintext');
        assert.doesNotMatch((h.contents as MarkupContent).value, /\*\*/);
      } finally {
        await plain.stop();
      }
    });
  });

  describe('symbols', () => {
    it('document symbols: unit → objectives → KRs, roadmap → items, exact ranges', async () => {
      const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: c.uri(WEB) } });
      const shape = (s: DocumentSymbol): unknown => [s.name, ...(s.children?.length ? [s.children.map(shape)] : [])];
      assert.deepEqual(symbols.map(shape), [['web', [['O1', [['KR1'], ['KR2']]], ['roadmap', [['lazy-images'], ['cdn']]]]]]);
      const [unit] = symbols;
      assert.deepEqual(unit.selectionRange, rangeOf(web, 'web', 1));
      const kr1 = unit.children![0].children![0];
      assert.deepEqual(kr1.selectionRange, rangeOf(web, 'KR1'));
      assert.deepEqual(kr1.range, { start: rangeOf(web, 'KR1').start, end: rangeOf(web, 'supports: shop/KR2').end });
      const cdn = unit.children![1].children![1];
      assert.deepEqual(cdn.range, { start: rangeOf(web, 'cdn').start, end: rangeOf(web, 'horizon: next').end });
      assert.equal(kr1.detail, 'Cut page load time');
    });
    it('workspace symbols: every id as unit/ID, substring and fuzzy', async () => {
      const all = await c.request<SymbolInformation[]>('workspace/symbol', { query: '' });
      assert.equal(all.length, 15, '3 units + 12 ids');
      const kr2 = await c.request<SymbolInformation[]>('workspace/symbol', { query: 'kr2' });
      assert.deepEqual(kr2.map((s) => s.name), ['acme/KR2', 'shop/KR2', 'web/KR2']);
      const lazy = await c.request<SymbolInformation[]>('workspace/symbol', { query: 'lzimg' });
      assert.deepEqual(lazy.map((s) => [s.name, s.location.uri]), [['web/lazy-images', c.uri(WEB)]]);
      assert.deepEqual(lazy[0].location.range, rangeOf(web, 'lazy-images'));
    });
  });
});

/** Which occurrence of `needle` is the one inside `context`. */
function countBefore(text: string, context: string, needle: string): number {
  const at = text.indexOf(context) + context.indexOf(needle);
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0 && i < at; i = text.indexOf(needle, i + 1)) n++;
  return n;
}
