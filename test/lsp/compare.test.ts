/**
 * `okr/compare` over the real protocol: a git revision of the workspace's
 * repository against the live workspace (unsaved text included), a what-if
 * on it that leaves the workspace as it was, the refusals, and the
 * "What if …?" code actions that carry the request's arguments.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import type { CompareParams, CompareResult, RoadmapModel } from '../../server/src/protocol';
import { TestRepo } from '../helpers/git';
import { LspClient, ROOT } from './helpers';

const SHOP = 'shop.okr.yaml';
const WEB = 'teams/web.okr.yaml';

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const cards = (m: RoadmapModel | null) => (m ? [...m.lanes.flatMap((l) => l.cards.map((c) => `${l.id}:${c.ref}@${c.column}`)), ...m.unlinked.map((c) => `unlinked:${c.ref}@${c.column}`)].sort() : []);

describe('lsp: okr/compare', function () {
  this.timeout(60_000);
  let c: LspClient;
  let repo: TestRepo;
  let sha: string;
  before(async () => {
    c = await LspClient.start({ files: tree(join(ROOT, 'test/fixtures/compare/kr-renamed/base')) });
    repo = TestRepo.init(c.dir);
    sha = repo.commit('the plan');
  });
  after(async () => {
    assert.deepEqual(c.errors(), [], 'the server logged no failures');
    await c.stop();
  });

  const compare = (params: Omit<CompareParams, 'uri'> & { uri?: string }) => c.request<CompareResult>('okr/compare', { uri: c.uri(SHOP), asOf: '2026-11-24', ...params });

  it('HEAD against an unchanged workspace: no change, the same roadmap on both sides', async () => {
    const r = await compare({ rev: 'HEAD' });
    assert.deepEqual(r.changes.base, { rev: sha.slice(0, 7) });
    assert.deepEqual(r.changes.head, { rev: 'working tree' });
    assert.deepEqual(r.changes.changes, []);
    assert.equal(r.head?.unit, 'shop');
    assert.deepEqual(r.base, r.head);
  });

  it('HEAD against unsaved edits: the rename, the reference left behind, located by URI', async () => {
    const text = c.read(SHOP).replace('      KR2:\n', '      KR5:\n').replace('    supports: KR2\n', '    supports: KR5\n');
    await c.open(SHOP);
    await c.change(SHOP, text);
    try {
      const r = await compare({ rev: 'HEAD' });
      assert.deepEqual(r.changes.changes.map((x) => `${x.kind} ${x.ref}${x.from ? ` from ${x.from}` : ''}`), ['renamed shop/KR5 from shop/KR2', 'changed shop/b']);
      assert.deepEqual(r.changes.changes[0].location, { file: c.uri(SHOP), line: 19, character: 6 });
      assert.deepEqual(r.changes.findings.introduced.map((f) => `${f.file} ${f.range.start.line} ${f.code}`), [`${c.uri(WEB)} 23 broken-link`, `${c.uri(WEB)} 35 broken-link`]);
      assert.ok(cards(r.base).includes('shop/O1:web/KR2@2026-Q4') && !cards(r.head).includes('shop/O1:web/KR2@2026-Q4'), 'the team KR left the lane');
    } finally {
      const since = c.mark();
      await c.close(SHOP);
      await c.diagnostics(WEB, (d) => !d.some((x) => x.code === 'broken-link'), since);
    }
  });

  it('a what-if: the consequences and both boards, and the workspace untouched', async () => {
    const published = c.mark();
    const before = await c.request<RoadmapModel>('okr/roadmap', { uri: c.uri(SHOP), view: 'quarters', asOf: '2026-11-24' });
    const r = await compare({ whatIf: [{ op: 'cut', ref: 'shop/KR3' }, { op: 'move', ref: 'shop/a', horizon: 'later' }] });
    assert.deepEqual(r.changes.head, { rev: 'what-if', edits: ['cut shop/KR3', 'move shop/a=later'] });
    assert.deepEqual(r.changes.changes.map((x) => `${x.kind} ${x.ref}`), ['removed shop/KR3', 'changed shop/a']);
    assert.deepEqual(r.changes.consequences.lanes.map((l) => `${l.lane} ${l.change}`), ['shop/O2 emptied']);
    assert.deepEqual(r.changes.consequences.untraceable.map((x) => x.ref), ['shop/c']);
    assert.deepEqual(r.base, before, 'the older side is the roadmap the preview shows');
    assert.ok(cards(r.head).includes('unlinked:shop/c@2026-Q4') && cards(r.head).includes('shop/O1:shop/a@later'));
    const after = await c.request<RoadmapModel>('okr/roadmap', { uri: c.uri(SHOP), view: 'quarters', asOf: '2026-11-24' });
    assert.deepEqual(after, before, 'the live cascade is as it was');
    await c.request('workspace/symbol', { query: '' });
    assert.equal(c.mark(), published, 'nothing was re-published');
  });

  it('a what-if after an edit: the older side is the workspace as edited, not the board kept from before', async () => {
    const original = c.read(SHOP);
    const ask = () => compare({ whatIf: [{ op: 'drop', ref: 'shop/b' }] });
    const first = await ask();
    assert.deepEqual(await ask(), first, 'the same what-if twice: the same answer (the older board kept)');
    await c.open(SHOP);
    try {
      await c.change(SHOP, original.replace('    horizon: now\n', '    horizon: later\n'));
      const edited = await ask();
      const now = await c.request<RoadmapModel>('okr/roadmap', { uri: c.uri(SHOP), view: 'quarters', asOf: '2026-11-24' });
      assert.deepEqual(edited.base, now, 'the older side is the board as edited');
      assert.notDeepEqual(cards(edited.base), cards(first.base), 'the edit moved a card');
    } finally {
      await c.change(SHOP, original);
      await c.close(SHOP);
    }
    assert.deepEqual(await ask(), first);
  });

  it('refusals are errors with one line for the user', async () => {
    const message = async (params: Omit<CompareParams, 'uri'>) => {
      try {
        await compare(params);
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    assert.equal(await message({ rev: 'nope' }), 'unknown revision "nope": not a branch, tag or commit of this repository');
    assert.equal(await message({ whatIf: [{ op: 'drop', ref: 'shop/KR1' }] }), '--drop takes a roadmap item; `shop/KR1` is a key result (use --cut)');
    assert.equal(await message({}), 'give either `rev` (a revision to compare with) or `whatIf` (edits to try)');
  });

  it('"What if …?" code actions on a KR and an item id, with the request as the command argument', async () => {
    const text = c.read(SHOP);
    const at = (needle: string) => {
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l.startsWith(needle));
      return { start: { line, character: needle.length - needle.trimStart().length }, end: { line, character: needle.length - needle.trimStart().length } };
    };
    const actions = (range: ReturnType<typeof at>, only?: string[], diagnostics: Diagnostic[] = []) =>
      c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: c.uri(SHOP) }, range, context: { diagnostics, ...(only ? { only } : {}) } });
    const kr = await actions(at('      KR1'));
    assert.deepEqual(kr.map((a) => [a.title, a.kind, a.command?.command, a.command?.arguments]), [
      ['What if we cut KR1?', 'refactor.whatIf', 'okr.compare', [{ uri: c.uri(SHOP), whatIf: [{ op: 'cut', ref: 'shop/KR1' }] }]],
    ]);
    const item = await actions(at('  b'));
    assert.deepEqual(item.map((a) => a.title), ['What if we cut b?', 'What if b moves to later?', 'What if we drop b?']);
    assert.deepEqual(item[1].command?.arguments, [{ uri: c.uri(SHOP), whatIf: [{ op: 'move', ref: 'shop/b', horizon: 'later' }] }]);
    assert.deepEqual((await actions(at('  a'))).map((a) => a.title), ['What if we cut a?', 'What if a moves to next?', 'What if we drop a?']);
    assert.deepEqual(await actions(at('      KR1'), ['quickfix']), [], 'not offered when only quick fixes are asked for');
    assert.deepEqual(await actions(at('unit')), [], 'nothing on other lines');
    const r = await c.request<CompareResult>('okr/compare', item[2].command!.arguments![0]);
    assert.deepEqual(r.changes.changes.map((x) => `${x.kind} ${x.ref} ${JSON.stringify(x.fields)}`), ['changed shop/b {"status":{"before":"planned","after":"dropped"}}']);
  });
});
