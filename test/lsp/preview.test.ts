/**
 * What the roadmap preview asks of the source, over the real protocol:
 * `okr/setHorizon` (a card dragged to another column) answers the exact edit,
 * which applied and sent back moves the card in `okr/roadmap`; `okr/entityAt`
 * names the entity under the cursor.
 */
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-protocol/node';
import type { EntityAtResult, RoadmapModel, SetHorizonResult } from '../../server/src/protocol';
import { applyTextEdits, LspClient } from './helpers';

const SHOP = 'shop.okr.yaml';
const WEB = 'teams/web.okr.yaml';
const MOBILE = 'teams/mobile.okr.yaml';
const MOBILE_TEXT = `unit: mobile
level: team
parent: shop
period: 2026-Q4
objectives:
  O1:
    title: A loved app
    key_results:
      KR1: { title: App rating, baseline: 3, target: 4.5, supports: shop/KR1 }
roadmap:
  offline: { title: Offline mode, supports: KR1,
             hypothesis: We believe offline mode lifts the rating because reviews ask for it. }
`;

describe('lsp: okr/setHorizon and okr/entityAt', function () {
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({ fixture: 'cascade' });
  });
  after(async () => {
    assert.deepEqual(c.errors(), [], 'the server logged no failures');
    await c.stop();
  });

  const setHorizon = (rel: string, ref: string, horizon: string) => c.request<SetHorizonResult>('okr/setHorizon', { uri: c.uri(rel), ref, horizon });
  const entity = async (rel: string, line: number, character: number) => (await c.request<EntityAtResult>('okr/entityAt', { uri: c.uri(rel), position: { line, character } })).ref;
  const columnOf = async (rel: string, ref: string, view: 'horizons' | 'quarters') => {
    const m = await c.request<RoadmapModel>('okr/roadmap', { uri: c.uri(rel), view });
    return [...m.lanes.flatMap((l) => l.cards), ...m.unlinked].find((card) => card.ref === ref)?.column;
  };
  /** Applies the answer's edits to the open document and sends the new text; returns it. */
  async function apply(rel: string, r: SetHorizonResult): Promise<string> {
    assert.ok('edits' in r, JSON.stringify(r));
    const text = applyTextEdits(c.read(rel), r.edits);
    await c.change(rel, text);
    return text;
  }

  it('a block item: replaces the horizon value, for the document version it was computed on', async () => {
    await c.open(SHOP);
    await c.change(SHOP, c.read(SHOP)); // version 2
    assert.equal(await columnOf(SHOP, 'shop/one-page', 'horizons'), 'now');
    const r = await setHorizon(SHOP, 'shop/one-page', 'later');
    const edit: TextEdit = { range: { start: { line: 30, character: 13 }, end: { line: 30, character: 16 } }, newText: 'later' };
    assert.deepEqual(r, { uri: c.uri(SHOP), version: 2, edits: [edit] });
    const before = c.read(SHOP);
    const after = await apply(SHOP, r);
    assert.equal(after, before.replace('    horizon: now\n', '    horizon: later\n'));
    assert.equal(await columnOf(SHOP, 'shop/one-page', 'horizons'), 'later');
    assert.deepEqual(await setHorizon(SHOP, 'shop/one-page', 'later'), { uri: c.uri(SHOP), version: 3, edits: [] }, 'already there: no edit');
  });

  it('a flow item written over two lines: `, horizon: X` before its `}`; the card moves in the product roadmap', async () => {
    await c.open(MOBILE, MOBILE_TEXT);
    assert.equal(await columnOf(MOBILE, 'mobile/offline', 'quarters'), 'later', 'no horizon: later');
    const r = await setHorizon(MOBILE, 'mobile/offline', '2026-Q4');
    const at = { line: 11, character: MOBILE_TEXT.split('\n')[11].indexOf(' }') }; // just after `it.`
    assert.deepEqual(r, { uri: c.uri(MOBILE), version: 1, edits: [{ range: { start: at, end: at }, newText: ', horizon: 2026-Q4' }] });
    const after = await apply(MOBILE, r);
    assert.equal(after, MOBILE_TEXT.replace('ask for it. }', 'ask for it., horizon: 2026-Q4 }'));
    assert.equal(await columnOf(MOBILE, 'mobile/offline', 'quarters'), '2026-Q4');
  });

  it('a file not open in the client: edits of the text on disk, version null', async () => {
    const r = await setHorizon(WEB, 'web/cdn', '2026-Q4');
    const edit: TextEdit = { range: { start: { line: 40, character: 13 }, end: { line: 40, character: 17 } }, newText: '2026-Q4' };
    assert.deepEqual(r, { uri: c.uri(WEB), version: null, edits: [edit] });
  });

  it('refusals are answered with an error fit for the user', async () => {
    const error = async (rel: string, ref: string, horizon: string) => {
      const r = await setHorizon(rel, ref, horizon);
      assert.ok('error' in r, JSON.stringify(r));
      return r.error;
    };
    assert.match(await error(SHOP, 'shop/one-page', 'soon'), /"soon" is not a horizon/);
    assert.match(await error(SHOP, 'shop/nope', 'now'), /no roadmap item `nope`/);
    assert.match(await error(SHOP, 'shop/KR1', 'now'), /no roadmap item `KR1`/);
    assert.match(await error(SHOP, 'web/cdn', 'now'), /not declared in this file/);
    assert.match(await error('teams/none.okr.yaml', 'web/cdn', 'now'), /not part of the OKR cascade/);
  });

  it('okr/entityAt: the item, KR or objective under the cursor; null elsewhere', async () => {
    assert.equal(await entity(SHOP, 26, 4), 'shop/one-page', 'the item key');
    assert.equal(await entity(SHOP, 26, 0), 'shop/one-page', 'the indentation of its key line');
    assert.equal(await entity(SHOP, 29, 40), 'shop/one-page', 'inside its children');
    assert.equal(await entity(SHOP, 13, 12), 'shop/KR1', 'a KR field');
    assert.equal(await entity(SHOP, 23, 35), 'shop/KR2', 'a trailing comment of a KR');
    assert.equal(await entity(SHOP, 9, 6), 'shop/O1', 'the objective\'s own line');
    assert.equal(await entity(SHOP, 24, 0), null, 'a blank line');
    assert.equal(await entity(SHOP, 25, 3), null, '`roadmap:`');
    assert.equal(await entity(SHOP, 1, 7), null, '`unit:`');
    assert.equal(await entity(MOBILE, 11, 20), 'mobile/offline', 'the second line of a flow item');
    assert.equal(await entity('teams/none.okr.yaml', 0, 0), null, 'a file outside the cascade');
  });
});
