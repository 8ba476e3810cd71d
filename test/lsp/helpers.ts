/**
 * Drives the real server over the real protocol: spawns `node dist/server.js
 * --stdio` on a copy of a fixture folder and speaks LSP to it. Waits on
 * notifications, never on time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  type ClientCapabilities, type Diagnostic, type InitializeResult, type Position, type ProtocolConnection, type Range, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { lineStarts, offsetAt, positionAt } from '../../server/src/core/text';

export const ROOT = resolve(__dirname, '..', '..');
export const SERVER = join(ROOT, 'dist', 'server.js');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'lsp');
export const AS_OF = '2026-11-24';

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Bundles dist/server.js (as esbuild.mjs does) when it is missing or older than server/src. */
export async function ensureBuilt(): Promise<void> {
  let built = 0;
  try {
    built = statSync(SERVER).mtimeMs;
  } catch {
    // not built yet
  }
  if (built >= newest(join(ROOT, 'server', 'src')) && built >= statSync(join(ROOT, 'package.json')).mtimeMs) return;
  const esbuild = await import('esbuild');
  await esbuild.build({ entryPoints: [join(ROOT, 'server/src/server.ts')], outfile: SERVER, bundle: true, sourcemap: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' });
}

/** A VS Code-like client: everything on. Tests for older clients pass their own. */
export const FULL_CAPABILITIES: ClientCapabilities = {
  window: { workDoneProgress: true },
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
    symbol: {},
    inlayHint: { refreshSupport: true },
    codeLens: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    completion: { completionItem: { snippetSupport: false, labelDetailsSupport: true } },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
    rename: { prepareSupport: true },
    inlayHint: {},
    codeLens: {},
    publishDiagnostics: { relatedInformation: true },
  },
};

export interface StartOptions {
  /** A folder of test/fixtures/lsp, or an absolute path, copied to a temp workspace. */
  fixture?: string;
  /** Extra files written into the workspace before the server starts (path → text). */
  files?: Record<string, string>;
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  /** Default true: resolve once the workspace is indexed (the first okr/status). False: right after `initialized`. */
  waitIndexed?: boolean;
  /** An existing folder used as the workspace as it is (not copied, not removed on stop). */
  workspace?: string;
  /** The workspace folder to open, relative to the copy (default: the copy itself). */
  folder?: string;
  /** Called with the workspace folder before the server starts (symlinks, FIFOs …). */
  setup?: (dir: string) => void;
  /** How long to wait for the workspace to be indexed (default 10 s; benchmarks on big workspaces wait longer). */
  indexTimeoutMs?: number;
}

/** A notification or server request as received, in order (`seq` shared with publishes). */
export interface ReceivedEvent {
  seq: number;
  method: string;
  params: unknown;
}

interface Published {
  seq: number;
  uri: string;
  diagnostics: Diagnostic[];
}

export class LspClient {
  readonly latest = new Map<string, Diagnostic[]>();
  readonly logs: string[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  readonly statuses: unknown[] = [];
  /** `workspace/inlayHint/refresh` and `workspace/codeLens/refresh` requests received. */
  readonly refreshes: string[] = [];
  /** Publishes, okr/status, $/progress and server requests, in the order received. */
  readonly events: ReceivedEvent[] = [];
  private readonly published: Published[] = [];
  private readonly waiters: (() => void)[] = [];
  private readonly versions = new Map<string, number>();
  readonly texts = new Map<string, string>();
  private seq = 0;
  settings: Record<string, unknown>;
  /** The server's answer to `initialize`. */
  init?: InitializeResult;

  private constructor(readonly dir: string, readonly conn: ProtocolConnection, readonly child: ChildProcess, settings: Record<string, unknown>, private readonly owned = true) {
    this.settings = settings;
  }

  private record(method: string, params: unknown): number {
    this.events.push({ seq: ++this.seq, method, params });
    return this.seq;
  }

  static async start(opts: StartOptions = {}): Promise<LspClient> {
    await ensureBuilt();
    const dir = opts.workspace ?? mkdtempSync(join(tmpdir(), 'okr-lsp-'));
    if (opts.fixture) cpSync(isAbsolute(opts.fixture) ? opts.fixture : join(FIXTURES, opts.fixture), dir, { recursive: true });
    for (const [rel, text] of Object.entries(opts.files ?? {})) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    opts.setup?.(dir);
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(dir, conn, child, opts.settings ?? { asOf: AS_OF, rules: {} }, !opts.workspace);
    child.stderr!.on('data', (d) => client.logs.push(`stderr: ${d}`));
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      client.latest.set(p.uri, p.diagnostics);
      client.published.push({ seq: client.record('textDocument/publishDiagnostics', p), uri: p.uri, diagnostics: p.diagnostics });
      client.wake();
    });
    conn.onNotification('$/progress', (p: unknown) => {
      client.record('$/progress', p);
      client.wake();
    });
    conn.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      client.logs.push(`${p.type}: ${p.message}`);
    });
    conn.onNotification('okr/status', (p: unknown) => {
      client.statuses.push(p);
      client.record('okr/status', p);
      client.wake();
    });
    conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((i) => (i.section === 'okr' ? client.settings : null)));
    conn.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      client.registrations.push(...p.registrations);
      client.wake();
      return null;
    });
    conn.onRequest('window/workDoneProgress/create', (p: unknown) => {
      client.record('window/workDoneProgress/create', p);
      return null;
    });
    for (const method of ['workspace/inlayHint/refresh', 'workspace/codeLens/refresh']) {
      conn.onRequest(method, () => {
        client.refreshes.push(method);
        client.record(method, null);
        client.wake();
        return null;
      });
    }
    conn.listen();
    const rootUri = pathToFileURL(join(dir, opts.folder ?? '')).href;
    client.init = await conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: opts.capabilities ?? FULL_CAPABILITIES,
      workspaceFolders: [{ uri: rootUri, name: 'ws' }],
      initializationOptions: opts.initializationOptions,
    });
    await conn.sendNotification('initialized', {});
    if (opts.waitIndexed !== false) await client.indexed(opts.indexTimeoutMs);
    return client;
  }

  /** Resolves once the workspace is indexed (the first okr/status). */
  indexed(ms = 10000): Promise<void> {
    return this.until(() => this.statuses.length > 0, 'the first okr/status (workspace indexed)', ms);
  }

  uri(rel: string): string {
    return pathToFileURL(join(this.dir, rel)).href;
  }

  path(rel: string): string {
    return join(this.dir, rel);
  }

  read(rel: string): string {
    return this.texts.get(this.uri(rel)) ?? readFileSync(this.path(rel), 'utf8');
  }

  /** The current publish counter: pass it to `diagnostics` to wait for a later one. */
  mark(): number {
    return this.seq;
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when `check` holds (re-tested on every notification); fails after `ms` with `what`. */
  until(check: () => boolean, what: string, ms = 10000): Promise<void> {
    return new Promise((resolveIt, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}\nserver log:\n${this.logs.join('\n')}`)), ms);
      const test = () => {
        if (check()) {
          clearTimeout(timer);
          resolveIt();
        } else this.waiters.push(test);
      };
      test();
    });
  }

  /** The diagnostics of a file from the first publish after `since` that satisfies `pred`. */
  async diagnostics(rel: string, pred: (d: Diagnostic[]) => boolean = () => true, since = 0): Promise<Diagnostic[]> {
    const uri = rel.includes('://') ? rel : this.uri(rel);
    let found: Diagnostic[] | undefined;
    await this.until(() => {
      found = this.published.filter((p) => p.uri === uri && p.seq > since).reverse().find((p) => pred(p.diagnostics))?.diagnostics;
      return !!found;
    }, `diagnostics of ${rel} matching ${pred}`);
    return found!;
  }

  async open(rel: string, text = this.read(rel)): Promise<void> {
    const uri = this.uri(rel);
    this.versions.set(uri, 1);
    this.texts.set(uri, text);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'okr', version: 1, text } });
  }

  /** Replaces the whole text of an open document. */
  async change(rel: string, text: string): Promise<void> {
    const uri = this.uri(rel);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.texts.set(uri, text);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Replaces one range of an open document (an incremental change, as editors send while typing). */
  async changeRange(rel: string, range: Range, text: string): Promise<void> {
    const uri = this.uri(rel);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const old = this.texts.get(uri) ?? '';
    const starts = lineStarts(old);
    const s = offsetAt(starts, old.length, range.start);
    const e = offsetAt(starts, old.length, range.end);
    this.texts.set(uri, old.slice(0, s) + text + old.slice(e));
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  async close(rel: string): Promise<void> {
    const uri = this.uri(rel);
    this.texts.delete(uri);
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  /** Errors the server logged (handlers that failed). */
  errors(): string[] {
    return this.logs.filter((l) => l.startsWith('1: ') || l.startsWith('stderr'));
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    this.conn.dispose();
    if (this.child.exitCode === null) this.child.kill();
    if (this.owned) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Splits a text at its cursor marker `|`: the text without it and the position. */
export function cursor(marked: string): { text: string; position: Position } {
  const at = marked.indexOf('|');
  if (at < 0) throw new Error('no | cursor marker');
  const text = marked.slice(0, at) + marked.slice(at + 1);
  return { text, position: positionAt(lineStarts(text), at) };
}

export function offsetOf(text: string, pos: Position): number {
  return offsetAt(lineStarts(text), text.length, pos);
}

/** The position of the `n`-th occurrence of `needle` (plus `delta` characters). */
export function positionOf(text: string, needle: string, delta = 0, n = 0): Position {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found`);
  }
  return positionAt(lineStarts(text), at + delta);
}

export function rangeOf(text: string, needle: string, n = 0): Range {
  const start = positionOf(text, needle, 0, n);
  return { start, end: { line: start.line, character: start.character + needle.length } };
}

export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const starts = lineStarts(text);
  const spans = edits.map((e) => ({ s: offsetAt(starts, text.length, e.range.start), e: offsetAt(starts, text.length, e.range.end), t: e.newText }));
  spans.sort((a, b) => b.s - a.s);
  let out = text;
  for (const x of spans) out = out.slice(0, x.s) + x.t + out.slice(x.e);
  return out;
}

/** uri → edits of a WorkspaceEdit (documentChanges or changes). */
export function editsByUri(edit: WorkspaceEdit): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  for (const dc of edit.documentChanges ?? []) {
    if ('textDocument' in dc) out.set(dc.textDocument.uri, [...(out.get(dc.textDocument.uri) ?? []), ...(dc.edits as TextEdit[])]);
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) out.set(uri, [...(out.get(uri) ?? []), ...edits]);
  return out;
}
