/**
 * Push diagnostics: publishes exactly the files whose findings changed (an
 * empty list clears a file that is gone), then the cascade totals for a
 * status bar (`okr/status`). Also the findings of `okr.config.yaml`.
 */
import type { Connection } from 'vscode-languageserver';
import { coverage } from '../core/coverage';
import { StatusNotificationMethod, type StatusParams } from '../protocol';
import { textOf, toDiagnostic } from './convert';
import type { Settings } from './settings';
import type { Workspace } from './workspace';

export class Publisher {
  private configUri?: string;

  constructor(
    private readonly conn: Connection,
    private readonly ws: () => Workspace,
    private readonly settings: Settings,
  ) {}

  /** Publishes these files, then the totals (also when the set is empty: the workspace was indexed). */
  publish(files: Iterable<string>): void {
    const ws = this.ws();
    for (const key of files) {
      const file = ws.cascade.file(key);
      const problems = ws.cascade.problems(key);
      const diagnostics = file ? problems.map((p) => toDiagnostic(file, p)) : [];
      void this.conn.sendDiagnostics({ uri: ws.uriOf(key), version: ws.document(key)?.version, diagnostics });
    }
    this.status();
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

  private status(): void {
    const ws = this.ws();
    const totals: StatusParams = { files: 0, errors: 0, warnings: 0, infos: 0, hints: 0, coverage: { items: null, krs: null } };
    for (const f of ws.cascade.all()) {
      totals.files++;
      for (const p of ws.cascade.problems(f.file)) {
        if (p.severity === 'error') totals.errors++;
        else if (p.severity === 'warning') totals.warnings++;
        else if (p.severity === 'info') totals.infos++;
        else totals.hints++;
      }
    }
    const c = coverage(ws.cascade.index);
    totals.coverage = { items: c.items.percent, krs: c.krs.percent };
    void this.conn.sendNotification(StatusNotificationMethod, totals);
  }
}
