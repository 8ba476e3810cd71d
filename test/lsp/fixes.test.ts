/**
 * Every quick fix over the real protocol: ask for the code actions of a
 * diagnostic, apply the chosen edit, send the new text, and check the
 * finding is gone and the text is exactly the old one plus the edit.
 */
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol/node';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyTextEdits, editsByUri, LspClient, ROOT } from './helpers';

const MOBILE = `# The mobile team.
unit: mobile
level: team
parent: shop          # the product above
period: 2026-Q4

objectives:
  O1:
    title: A loved app
    key_results:
      KR1:
        title: App rating
        baseline: 3
        target: 4.5
        supports: shop/KR1
      KR2:
        title: Crash-free sessions
        baseline: 98
        target: 99.5
        supports: shop/KR2

roadmap:
  offline:
    title: Offline mode
    supports: KR1
    hypothesis: We believe offline mode will lift the rating because reviews complain about it.
`;

describe('lsp: quick fixes', function () {
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

  /** Opens `text`, waits for a `code` finding (the `nth`), answers it and its code actions. */
  async function actionsFor(text: string, code: string, nth = 0) {
    const rel = `teams/fix-${++n}.okr.yaml`;
    const since = c.mark();
    await c.open(rel, text);
    const diags = await c.diagnostics(rel, (d) => d.filter((x) => x.code === code).length > nth, since);
    const diagnostic = diags.filter((x) => x.code === code)[nth];
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: c.uri(rel) }, range: diagnostic.range, context: { diagnostics: [diagnostic], triggerKind: 1, only: ['quickfix'] },
    });
    return { rel, diagnostic, actions };
  }

  /** Applies one action, sends the text, waits for the re-check: the finding must be gone. */
  async function apply(rel: string, text: string, action: CodeAction, diagnostic: Diagnostic): Promise<string> {
    assert.equal(action.kind, 'quickfix');
    const edits = editsByUri(action.edit!);
    assert.deepEqual([...edits.keys()], [c.uri(rel)], 'a fix edits only its own file');
    const next = applyTextEdits(text, edits.get(c.uri(rel)) as TextEdit[]);
    const since = c.mark();
    await c.change(rel, next);
    const gone = (d: Diagnostic[]) => !d.some((x) => x.code === diagnostic.code && x.range.start.line === diagnostic.range.start.line);
    const after = await c.diagnostics(rel, gone, since);
    assert.ok(!after.some((x) => x.code === 'yaml-syntax' || x.code === 'schema'), `the fixed text is valid: ${JSON.stringify(after)}`);
    await c.close(rel);
    return next;
  }

  const titles = (actions: CodeAction[]) => actions.map((a) => a.title);

  it('broken-link: each closest id, the best preferred', async () => {
    const text = MOBILE.replace('supports: shop/KR2', 'supports: shop/KR3');
    const { rel, diagnostic, actions } = await actionsFor(text, 'broken-link');
    assert.deepEqual(titles(actions), ['Change to `shop/KR1` (Raise checkout conversion)', 'Change to `shop/KR2` (Cut time to pay)']);
    assert.equal(actions[0].isPreferred, true);
    assert.equal(actions[1].isPreferred, undefined);
    assert.equal(await apply(rel, text, actions[1], diagnostic), MOBILE);
  });

  it('broken-link inside quotes and a flow list keeps the quotes', async () => {
    const text = MOBILE.replace('    supports: KR1\n', '    supports: [KR1, "KR3"]   # two bets\n');
    const { rel, diagnostic, actions } = await actionsFor(text, 'broken-link');
    const kr2 = actions.find((a) => a.title.startsWith('Change to `KR2`'))!;
    assert.equal(await apply(rel, text, kr2, diagnostic), MOBILE.replace('    supports: KR1\n', '    supports: [KR1, "KR2"]   # two bets\n'));
  });

  it('unknown-unit: the parent and a unit/ID reference', async () => {
    const text = MOBILE.replace('parent: shop ', 'parent: shpo ');
    const p = await actionsFor(text, 'unknown-unit');
    assert.deepEqual(titles(p.actions), ['Change the parent to `shop`']);
    assert.equal(await apply(p.rel, text, p.actions[0], p.diagnostic), MOBILE);
    const ref = MOBILE.replace('supports: shop/KR1', 'supports: shpo/KR1');
    const r = await actionsFor(ref, 'unknown-unit');
    assert.equal(r.actions[0].title, 'Change to `shop/KR1` (Raise checkout conversion)');
    assert.equal(await apply(r.rel, ref, r.actions[0], r.diagnostic), MOBILE);
  });

  it("untraceable-item: link to a KR of the unit or of its parent, at the item's indentation", async () => {
    const text = MOBILE.replace('    supports: KR1\n', '');
    const { rel, diagnostic, actions } = await actionsFor(text, 'untraceable-item');
    assert.deepEqual(titles(actions), [
      'Link to KR `KR1` (App rating)', 'Link to KR `KR2` (Crash-free sessions)',
      'Link to KR `shop/KR1` (Raise checkout conversion)', 'Link to KR `shop/KR2` (Cut time to pay)',
    ]);
    assert.equal(await apply(rel, text, actions[0], diagnostic), MOBILE);
  });

  it('untraceable-item in a flow map, and with an empty `supports: []`', async () => {
    const flow = MOBILE + '  quick: { title: Quick win, hypothesis: We believe it helps because users asked }\n';
    const f = await actionsFor(flow, 'untraceable-item');
    const fixed = await apply(f.rel, flow, f.actions[1], f.diagnostic);
    assert.equal(fixed, MOBILE + '  quick: { title: Quick win, hypothesis: We believe it helps because users asked, supports: KR2 }\n');
    const empty = MOBILE.replace('    supports: KR1\n', '    supports: []\n');
    const e = await actionsFor(empty, 'untraceable-item');
    assert.equal(await apply(e.rel, empty, e.actions[0], e.diagnostic), MOBILE.replace('    supports: KR1\n', '    supports: [KR1]\n'));
  });

  it("orphan-kr: supports each KR of the parent unit, placed in the KR's map", async () => {
    const text = MOBILE.replace('        supports: shop/KR2\n', '');
    const { rel, diagnostic, actions } = await actionsFor(text, 'orphan-kr');
    assert.deepEqual(titles(actions), ['Supports `shop/KR1` (Raise checkout conversion)', 'Supports `shop/KR2` (Cut time to pay)']);
    assert.equal(await apply(rel, text, actions[1], diagnostic), MOBILE);
    const blank = MOBILE.replace('        supports: shop/KR2\n', '        supports:    # to do\n');
    const b = await actionsFor(blank, 'orphan-kr');
    assert.equal(await apply(b.rel, blank, b.actions[1], b.diagnostic), MOBILE.replace('        supports: shop/KR2\n', '        supports: shop/KR2    # to do\n'));
  });

  it('missing-hypothesis: a template naming the item and its KR, after supports', async () => {
    const text = MOBILE.replace(/    hypothesis: .*\n/, '    horizon: now\n');
    const { rel, diagnostic, actions } = await actionsFor(text, 'missing-hypothesis');
    assert.equal(actions.length, 1);
    const fixed = await apply(rel, text, actions[0], diagnostic);
    assert.equal(fixed, text.replace('    supports: KR1\n', '    supports: KR1\n    hypothesis: We believe Offline mode will move App rating because …\n'));
  });

  it('kr-not-measurable: adds baseline and target, or makes a text target a number', async () => {
    const none = MOBILE.replace('        baseline: 98\n        target: 99.5\n', '');
    const a = await actionsFor(none, 'kr-not-measurable');
    assert.deepEqual(titles(a.actions), ['Add `baseline: 0` and `target: 100` (then set the real numbers)']);
    assert.equal(await apply(a.rel, none, a.actions[0], a.diagnostic), MOBILE.replace('        baseline: 98\n        target: 99.5\n', '        baseline: 0\n        target: 100\n'));
    const text = MOBILE.replace('target: 99.5', 'target: "99.5%"  # stretch');
    const t = await actionsFor(text, 'kr-not-measurable');
    assert.equal(t.actions[0].title, 'Make the target a number: `target: 99.5`');
    assert.equal(await apply(t.rel, text, t.actions[0], t.diagnostic), MOBILE.replace('target: 99.5', 'target: 99.5  # stretch'));
  });

  it('schema, unknown key: renamed to the suggested key', async () => {
    const text = MOBILE.replace('    title: Offline mode', '    titel: Offline mode');
    const { rel, diagnostic, actions } = await actionsFor(text, 'schema');
    assert.deepEqual(titles(actions), ['Rename `titel` to `title`']);
    assert.equal(await apply(rel, text, actions[0], diagnostic), MOBILE);
  });

  it('keeps CRLF line breaks', async () => {
    const crlf = MOBILE.replace(/    hypothesis: .*\n/, '').replace(/\n/g, '\r\n');
    const { rel, diagnostic, actions } = await actionsFor(crlf, 'missing-hypothesis');
    const fixed = await apply(rel, crlf, actions[0], diagnostic);
    assert.ok(fixed.includes('    supports: KR1\r\n    hypothesis: We believe Offline mode will move App rating because …\r\n'));
    assert.ok(!/[^\r]\n/.test(fixed));
  });

  it('inserts after the last line of a file that has no final line break', async () => {
    const text = MOBILE.replace(/    hypothesis: .*\n/, '').replace(/\n$/, '');
    const { rel, diagnostic, actions } = await actionsFor(text, 'missing-hypothesis');
    const fixed = await apply(rel, text, actions[0], diagnostic);
    assert.equal(fixed, `${text}\n    hypothesis: We believe Offline mode will move App rating because …`);
  });
});

describe('lsp: every quick fix offered on samples/mistakes', function () {
  it('removes its finding and leaves valid YAML, for every finding that has fixes', async function () {
    this.timeout(60000);
    const c = await LspClient.start({ fixture: join(ROOT, 'samples/mistakes') });
    try {
      await c.request('workspace/symbol', { query: '' }); // indexed and published
      let applied = 0;
      for (const [uri, diagnostics] of [...c.latest].sort()) {
        const rel = relative(c.dir, fileURLToPath(uri));
        for (const diagnostic of diagnostics) {
          const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } });
          for (const action of actions) {
            const text = c.read(rel);
            await c.open(rel, text);
            const next = applyTextEdits(text, editsByUri(action.edit!).get(uri) as TextEdit[]);
            await c.change(rel, next);
            await c.request('workspace/symbol', { query: 'x' }); // the change is checked and published
            const after = c.latest.get(uri) ?? [];
            const where = `${rel}: ${action.title}`;
            assert.ok(!after.some((d) => d.code === diagnostic.code && d.range.start.line === diagnostic.range.start.line && d.range.start.character === diagnostic.range.start.character), `finding gone after ${where}`);
            assert.ok(!after.some((d) => d.code === 'yaml-syntax') || diagnostic.code === 'yaml-syntax', `valid YAML after ${where}`);
            await c.change(rel, text);
            await c.close(rel);
            applied++;
          }
        }
      }
      assert.ok(applied >= 8, `fixes applied: ${applied}`);
      assert.deepEqual(c.errors(), []);
    } finally {
      await c.stop();
    }
  });
});
