/**
 * The real server under long random sessions (fast-check, seeded): documents
 * opened, changed (whole text and ranges), closed; files created and deleted
 * on disk with watched-file notifications; every request at random and
 * invalid positions, some cancelled at once. The server must never exit nor
 * log a failure, and at the end its last published diagnostics must equal a
 * fresh check of the final texts (open texts win over disk), ranges included.
 * A failure prints the seed; `FC_SEED=<seed>` replays it.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { CancellationTokenSource, type Diagnostic, type Position } from 'vscode-languageserver-protocol/node';
import { checkAll } from '../../server/src/core/check';
import { parseUnitFile } from '../../server/src/core/parse';
import { parseDay } from '../../server/src/core/period';
import { lineStarts, positionAt } from '../../server/src/core/text';
import { applyEdit, editArb, seedOf, type Edit } from '../helpers/mutate';
import { AS_OF, LspClient } from './helpers';

const ROOT = resolve(__dirname, '..', '..');
const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 } as const;

const REQUESTS = [
  'textDocument/hover', 'textDocument/definition', 'textDocument/references', 'textDocument/completion', 'textDocument/documentSymbol',
  'textDocument/codeAction', 'textDocument/prepareRename', 'textDocument/rename', 'textDocument/inlayHint', 'textDocument/codeLens',
  'workspace/symbol', 'okr/roadmap', 'okr/setHorizon', 'okr/entityAt',
] as const;

type Action =
  | { kind: 'open'; file: number }
  | { kind: 'close'; file: number }
  | { kind: 'change'; file: number; edit: Edit }
  | { kind: 'range'; file: number; at: number; length: number; text: string }
  | { kind: 'create'; n: number; text: number }
  | { kind: 'delete'; file: number }
  | { kind: 'request'; method: (typeof REQUESTS)[number]; file: number; line: number; character: number; cancel: boolean };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('open' as const), file: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), file: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('change' as const), file: fc.nat(), edit: editArb }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('range' as const), file: fc.nat(), at: fc.nat(), length: fc.nat({ max: 30 }), text: fc.constantFrom('', '\n', 'KR1', ': ', '[', '#', 'x', '*a', '&a ', '\r\n', '  ') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('create' as const), n: fc.nat({ max: 3 }), text: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), file: fc.nat() }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('request' as const), method: fc.constantFrom(...REQUESTS), file: fc.nat(),
      line: fc.oneof(fc.nat({ max: 60 }), fc.constant(100_000)), character: fc.oneof(fc.nat({ max: 40 }), fc.constant(100_000)), cancel: fc.boolean(),
    }),
  },
);

const CREATED = [
  'unit: extra\nparent: checkout\nperiod: 2026\nobjectives:\n  O1:\n    title: Extra\n    key_results:\n      KR1: { title: X, baseline: 1, target: 2, supports: checkout/KR1 }\n',
  'unit: checkout\nperiod: 2026\n',
  'unit: broken\nroadmap:\n  x: { title: "open\n',
];

function cascadeFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/\.okr\.ya?ml$/.test(e.name)) out.push(relative(dir, join(d, e.name)));
    }
  };
  walk(dir);
  return out.sort();
}

/** A fresh check of the final texts, as LSP diagnostics per URI. */
function expected(c: LspClient, texts: Map<string, string>): Map<string, unknown[]> {
  const files = [...texts].map(([rel, text]) => parseUnitFile(c.uri(rel), text));
  const results = checkAll(files, { asOf: parseDay(AS_OF) });
  return new Map(files.map((f) => [f.file, (results.get(f.file) ?? []).map((p) => ({
    range: { start: positionAt(f.lineStarts, p.span[0]), end: positionAt(f.lineStarts, p.span[1]) },
    severity: SEVERITY[p.severity], code: p.code, source: 'okr', message: p.message, ...(p.data ? { data: p.data } : {}),
  }))]));
}

function params(c: LspClient, a: Extract<Action, { kind: 'request' }>, rel: string): unknown {
  const textDocument = { uri: c.uri(rel) };
  const position: Position = { line: a.line, character: a.character };
  const range = { start: position, end: { line: a.line + 2, character: a.character } };
  switch (a.method) {
    case 'textDocument/references': return { textDocument, position, context: { includeDeclaration: true } };
    case 'textDocument/codeAction': return { textDocument, range, context: { diagnostics: c.latest.get(c.uri(rel)) ?? [] } };
    case 'textDocument/rename': return { textDocument, position, newName: 'renamed-1' };
    case 'textDocument/inlayHint': return { textDocument, range };
    case 'textDocument/documentSymbol': case 'textDocument/codeLens': return { textDocument };
    case 'workspace/symbol': return { query: 'KR' };
    case 'okr/roadmap': return { uri: c.uri(rel), view: 'quarters' };
    case 'okr/setHorizon': return { uri: c.uri(rel), ref: 'wizard', horizon: 'next' };
    case 'okr/entityAt': return { uri: c.uri(rel), position };
    default: return { textDocument, position };
  }
}

/** Every this many actions (and at the end), what the server last published must equal a fresh check. */
const CHECKPOINT = 25;

/**
 * Settles the server (a request waits for every pending edit), then waits for
 * the last publish of every file to equal a fresh check of `texts`; on a
 * timeout, fails with the first file that differs.
 */
async function agree(c: LspClient, texts: Map<string, string>, when: string): Promise<void> {
  await c.request('workspace/symbol', { query: '' });
  const want = expected(c, texts);
  await c.until(() => [...want].every(([uri, w]) => JSON.stringify(c.latest.get(uri) ?? []) === JSON.stringify(w)), `published diagnostics ${when} to equal a fresh check`).catch(() => {
    for (const [uri, w] of want) assert.deepEqual(c.latest.get(uri) ?? ([] as Diagnostic[]), w, `last published diagnostics of ${uri} ${when}`);
  });
}

async function session(actions: Action[]): Promise<void> {
  const c = await LspClient.start({ fixture: join(ROOT, 'samples', 'okrs') });
  try {
    const disk = new Map(cascadeFiles(c.dir).map((rel) => [rel, readFileSync(c.path(rel), 'utf8')]));
    const open = new Map<string, string>();
    const names = () => [...new Set([...disk.keys(), ...open.keys()])].sort();
    const pending: Promise<unknown>[] = [];
    let step = 0;
    for (const a of actions) {
      const all = names();
      const rel = all.length ? all[(('file' in a ? a.file : 0) as number) % all.length] : undefined;
      if (a.kind === 'open' && rel && !open.has(rel)) {
        open.set(rel, disk.get(rel) ?? '');
        await c.open(rel, open.get(rel));
      } else if (a.kind === 'close' && rel && open.has(rel)) {
        open.delete(rel);
        await c.close(rel);
      } else if (a.kind === 'change' && rel && open.has(rel)) {
        const [, text] = applyEdit([[rel, open.get(rel)!]], { ...a.edit, file: 0 });
        open.set(rel, text);
        await c.change(rel, text);
      } else if (a.kind === 'range' && rel && open.has(rel)) {
        const text = open.get(rel)!;
        const fix = (o: number) => (text[o - 1] === '\r' && text[o] === '\n' ? o - 1 : o);
        const s = fix(a.at % (text.length + 1));
        const e = fix(Math.min(text.length, s + a.length));
        const starts = lineStarts(text);
        await c.changeRange(rel, { start: positionAt(starts, s), end: positionAt(starts, e) }, a.text);
        open.set(rel, text.slice(0, s) + a.text + text.slice(e));
      } else if (a.kind === 'create') {
        const name = `extra-${a.n}.okr.yaml`;
        writeFileSync(c.path(name), CREATED[a.text % CREATED.length]);
        disk.set(name, CREATED[a.text % CREATED.length]);
        await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri(name), type: 1 }] });
      } else if (a.kind === 'delete' && rel && disk.has(rel)) {
        rmSync(c.path(rel));
        disk.delete(rel);
        await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri(rel), type: 3 }] });
      } else if (a.kind === 'request') {
        const source = new CancellationTokenSource();
        const p = c.conn.sendRequest(a.method, params(c, a, rel ?? 'none.okr.yaml'), source.token).catch((e: { code?: number; message?: string }) => {
          // Refusals (a rename at a place that names nothing) and cancellations are answers; an internal error is a failure.
          if (e.code === undefined || e.code === -32603) throw new Error(`${a.method} failed: ${e.message}`);
        });
        if (a.cancel) source.cancel();
        pending.push(p);
      }
      assert.equal(c.child.exitCode, null, 'the server exited');
      if (++step % CHECKPOINT === 0) await agree(c, new Map(names().map((r) => [r, open.get(r) ?? disk.get(r)!])), `after action ${step}`);
    }
    await Promise.all(pending);
    await agree(c, new Map(names().map((rel) => [rel, open.get(rel) ?? disk.get(rel)!])), 'at the end');
    // A file gone from disk and from the editor is cleared.
    for (const rel of CREATED.map((_, i) => `extra-${i}.okr.yaml`)) {
      if (!open.has(rel) && !existsSync(c.path(rel))) assert.deepEqual(c.latest.get(c.uri(rel)) ?? [], [], `${rel} was deleted: its diagnostics are cleared`);
    }
    assert.equal(c.child.exitCode, null, 'the server exited');
    assert.deepEqual(c.errors(), [], 'the server logged no failures');
  } finally {
    await c.stop();
  }
}

describe('lsp: random sessions over the real protocol (fast-check)', function () {
  this.timeout(600_000);
  const seed = seedOf(8_2026);
  before(() => console.log(`      lsp fuzz seed ${seed} (replay with FC_SEED=${seed})`));

  it('never exits, never logs a failure, and ends publishing exactly what a fresh check of the final texts finds', async () => {
    await fc.assert(fc.asyncProperty(fc.array(actionArb, { minLength: 400, maxLength: 400 }), session), { seed, numRuns: 3, endOnFailure: true });
  });
});
