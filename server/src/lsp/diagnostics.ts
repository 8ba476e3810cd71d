/**
 * Push diagnostics: publishes exactly the files whose findings changed (an
 * empty list clears a file that is gone), then the cascade totals for a
 * status bar (`okr/status`), read from the totals the cascade keeps per file
 * (no pass over the cascade per keystroke). Also the findings of `okr.config.yaml`.
 */
import type { Connection } from 'vscode-languageserver';
import type { Totals } from '../core/cascade';
import { capFindings } from '../core/check';
import { sameProblems } from '../core/findings-diff';
import type { Problem } from '../core/model';
import { percent } from '../core/coverage';
import { StatusNotificationMethod, type StatusParams } from '../protocol';
import { textOf, toDiagnostic, type Text } from './convert';
import type { Diagnostic } from 'vscode-languageserver';
import type { Settings } from './settings';
import type { Workspace } from './workspace';

/**
 * At most this many diagnostics per file (the most severe first; the last
 * says how many more, see capFindings): an editor is unusable with more, and
 * `okr check` lists them all.
 */
export const MAX_DIAGNOSTICS_PER_FILE = 1000;

/**
 * While an edit is checked, the files whose findings changed are written in
 * writes of this many (after the edited file, written alone): a renamed
 * company KR's 69 dependants reach the client in 9 writes, not one at the
 * end. Same messages, same order.
 */
export const EARLY_BATCH = 8;

/** What the Publisher needs of the stdio writer (lsp/writer.ts BatchWriter). */
export interface RawWriter {
  writeJson(json: string | Buffer[]): Promise<void>;
  flushNow(): void;
}

/** A publishDiagnostics written over stdio, as bytes, with what it said (see Publisher.sent). */
interface Sent {
  uri: string;
  version?: number;
  problems: Problem[];
  lines: number[];
  bytes: Buffer;
}

interface Converted {
  lines: number[];
  diagnostic: Diagnostic;
  json?: string;
}

export class Publisher {
  private configUri?: string;
  /**
   * Each finding's diagnostic (and its JSON, once written), with the line
   * starts it was converted with: a file re-checked for its references keeps
   * its other findings as the same objects, so a rename re-publishing 70
   * files converts and encodes only what moved (most of its 250 KB is
   * findings that did not change).
   */
  private readonly converted = new WeakMap<Problem, Converted>();
  /**
   * Files published at least once. Only their later publishes keep what was
   * converted: the first, at the start, covers every file (at 1,000 units
   * ~10,000 diagnostics, 8 MiB kept for files most of which are never sent
   * again), while a file re-published by an edit is likely to be again (a
   * rename and its undo, the next keystroke).
   */
  private readonly published = new Set<string>();
  /**
   * The last two messages written for each file kept (see `published`): a
   * file re-published with the same findings at the same offsets, its text
   * not parsed again (the same line starts), as one of them (a company KR renamed and back: its 69 dependants go back and forth
   * between two lists) is written from those bytes, not joined and encoded again.
   */
  private readonly sent = new Map<string, Sent[]>();
  /** Files queued during the edit under way (publishEarly): the findings and version sent. */
  private readonly early = new Map<string, { problems: Problem[]; version?: number }>();

  /**
   * `raw`: the stdio BatchWriter (lsp/writer.ts), which writes messages
   * already serialized in order with the connection's: diagnostics are then
   * sent as their cached JSON, never encoded again, and written as soon as
   * they are all queued.
   */
  constructor(
    private readonly conn: Connection,
    private readonly ws: () => Workspace,
    private readonly settings: Settings,
    private readonly raw?: RawWriter,
  ) {}

  /**
   * Publishes these files, then the totals (not while the workspace is still
   * loading: they would be partial). A file already sent during the edit
   * (`publishEarly`) with the same findings and version is not sent again.
   */
  publish(files: Iterable<string>): void {
    const ws = this.ws();
    for (const key of files) {
      const early = this.early.get(key);
      if (early && early.problems === ws.cascade.problems(key) && early.version === ws.document(key)?.version) continue;
      this.send(key);
    }
    this.early.clear();
    // The diagnostics are written before the totals are worked out (the coverage of the files re-checked, see Cascade.totals).
    this.raw?.flushNow();
    if (!ws.cascade.isLoading) void this.status();
  }

  /**
   * Over stdio, a file whose findings an edit changed, queued while the
   * edit's other files are still being checked (Workspace.onFileChanged, the
   * edited file first): the first is written at once, so the edited file's
   * squiggles do not wait for its dependants (a renamed company KR re-checks
   * 70 files), then every EARLY_BATCH files, so the client reads and decodes
   * them (one turn of its event loop per message) while the rest are being
   * checked; what is left goes out with `publish`, which skips what was sent.
   */
  publishEarly(key: string): void {
    if (!this.raw) return;
    const ws = this.ws();
    this.early.set(key, { problems: ws.cascade.problems(key), version: ws.document(key)?.version });
    this.send(key);
    if (this.early.size % EARLY_BATCH === 1) this.raw.flushNow();
  }

  /** Queues a file's publishDiagnostics. */
  private send(key: string): void {
    const ws = this.ws();
    const file = ws.cascade.file(key);
    const problems = file ? capFindings(ws.cascade.problems(key), MAX_DIAGNOSTICS_PER_FILE) : [];
    const keep = this.published.has(key);
    if (file) this.published.add(key);
    else this.published.delete(key);
    const uri = ws.uriOf(key);
    const version = ws.document(key)?.version;
    if (this.raw) {
      const earlier = keep && file ? this.sent.get(key) : undefined;
      if (!file) this.sent.delete(key);
      const same = earlier?.find((m) => m.uri === uri && m.version === version && m.lines === file!.lineStarts && sameProblems(m.problems, problems, m.lines, m.lines));
      if (same) {
        void this.raw.writeJson([same.bytes]).catch(() => undefined);
        if (earlier![0] !== same) earlier!.reverse(); // the latest first
        return;
      }
      // What JSON.stringify would write for the notification, from each diagnostic's cached JSON.
      const parts = problems.map((p) => this.json(file!, p, keep));
      const bytes = Buffer.from(`{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":${JSON.stringify(uri)},${version === undefined ? '' : `"version":${JSON.stringify(version)},`}"diagnostics":[${parts.join(',')}]}}`, 'utf8');
      void this.raw.writeJson([bytes]).catch(() => undefined);
      if (keep && file) this.sent.set(key, [{ uri, version, problems, lines: file.lineStarts, bytes }, ...(earlier ?? []).slice(0, 1)]);
    } else void this.conn.sendDiagnostics({ uri, version, diagnostics: problems.map((p) => this.convert(file!, p, keep).diagnostic) });
  }

  private convert(file: Text, p: Problem, keep: boolean): Converted {
    const known = this.converted.get(p);
    if (known && known.lines === file.lineStarts) return known;
    const entry: Converted = { lines: file.lineStarts, diagnostic: toDiagnostic(file, p) };
    if (keep) this.converted.set(p, entry);
    return entry;
  }

  private json(file: Text, p: Problem, keep: boolean): string {
    const entry = this.convert(file, p, keep);
    return (entry.json ??= JSON.stringify(entry.diagnostic));
  }

  /** Findings from the cache at start (files not parsed yet: positions from their text), then the cached totals. */
  async publishCached(files: [key: string, text: string, problems: Problem[]][], totals: Totals): Promise<void> {
    const ws = this.ws();
    const sent: Promise<void>[] = [];
    for (const [key, text, problems] of files) {
      const t = textOf(text);
      const diagnostics = capFindings(problems, MAX_DIAGNOSTICS_PER_FILE).map((p) => toDiagnostic(t, p));
      sent.push(this.conn.sendDiagnostics({ uri: ws.uriOf(key), version: ws.document(key)?.version, diagnostics }));
    }
    sent.push(this.status(totals));
    await Promise.all(sent).catch(() => undefined);
  }

  /** The findings of `okr.config.yaml` (or clears them when the file is gone). */
  publishConfig(): void {
    const cfg = this.settings.configFile;
    if (this.configUri && this.configUri !== cfg?.uri) void this.conn.sendDiagnostics({ uri: this.configUri, diagnostics: [] });
    this.configUri = cfg?.uri;
    if (!cfg) return;
    const t = textOf(cfg.text);
    void this.conn.sendDiagnostics({ uri: cfg.uri, diagnostics: cfg.config.problems.map((p) => toDiagnostic(t, p)) });
  }

  private status(t: Totals = this.ws().cascade.totals()): Promise<void> {
    const totals: StatusParams = {
      files: t.files, errors: t.errors, warnings: t.warnings, infos: t.infos, hints: t.hints,
      coverage: { items: percent(t.items.linked, t.items.total), krs: percent(t.krs.supported, t.krs.total) },
    };
    return this.conn.sendNotification(StatusNotificationMethod, totals);
  }
}
