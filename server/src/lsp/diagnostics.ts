/**
 * Push diagnostics: publishes exactly the files whose findings changed (an
 * empty list clears a file that is gone), then the cascade totals for a
 * status bar (`okr/status`), read from the totals the cascade keeps per file
 * (no pass over the cascade per keystroke). Also the findings of `okr.config.yaml`.
 */
import type { Connection } from 'vscode-languageserver';
import type { Totals } from '../core/cascade';
import { capFindings } from '../core/check';
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

export class Publisher {
  private configUri?: string;
  /**
   * Each finding's diagnostic, with the line starts it was converted with: a
   * file re-checked for its references keeps its other findings as the same
   * objects, so a rename re-publishing 60 files converts only what moved.
   */
  private readonly converted = new WeakMap<Problem, { lines: number[]; diagnostic: Diagnostic }>();

  constructor(
    private readonly conn: Connection,
    private readonly ws: () => Workspace,
    private readonly settings: Settings,
  ) {}

  /** Publishes these files, then the totals (not while the workspace is still loading: they would be partial). */
  publish(files: Iterable<string>): void {
    const ws = this.ws();
    for (const key of files) {
      const file = ws.cascade.file(key);
      const problems = capFindings(ws.cascade.problems(key), MAX_DIAGNOSTICS_PER_FILE);
      const diagnostics = file ? problems.map((p) => this.diagnostic(file, p)) : [];
      void this.conn.sendDiagnostics({ uri: ws.uriOf(key), version: ws.document(key)?.version, diagnostics });
    }
    if (!ws.cascade.isLoading) void this.status();
  }

  private diagnostic(file: Text, p: Problem): Diagnostic {
    const known = this.converted.get(p);
    if (known && known.lines === file.lineStarts) return known.diagnostic;
    const diagnostic = toDiagnostic(file, p);
    this.converted.set(p, { lines: file.lineStarts, diagnostic });
    return diagnostic;
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
