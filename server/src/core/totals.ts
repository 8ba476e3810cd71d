/**
 * The cascade's totals (findings by severity, traceability coverage), kept
 * per file so that an edit replaces one file's share instead of summing
 * the whole cascade again.
 */
import type { FileCoverage } from './coverage';
import type { Problem } from './model';

/** Totals over the whole cascade, kept up to date per file. */
export interface Totals {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  /** KRs of primary unit files, and those supported from below. */
  krs: { total: number; supported: number };
  /** Roadmap items of primary unit files, and those linked to a KR. */
  items: { total: number; linked: number };
}

interface FileStats {
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  coverage?: FileCoverage;
}

export class TotalsKeeper {
  private readonly stats = new Map<string, FileStats>();
  private readonly sums: Totals = emptyTotals();

  /** The totals, `files` being how many files the cascade holds: O(1). */
  read(files: number): Totals {
    return { ...this.sums, files, krs: { ...this.sums.krs }, items: { ...this.sums.items } };
  }

  /** Replaces a file's share of the totals. */
  count(file: string, problems: readonly Problem[], coverage: FileCoverage | undefined): void {
    this.forget(file);
    const s: FileStats = { errors: 0, warnings: 0, infos: 0, hints: 0, coverage };
    for (const p of problems) {
      if (p.severity === 'error') s.errors++;
      else if (p.severity === 'warning') s.warnings++;
      else if (p.severity === 'info') s.infos++;
      else s.hints++;
    }
    this.stats.set(file, s);
    this.apply(s, 1);
  }

  /** Takes a file's share out (the file is gone). */
  forget(file: string): void {
    const s = this.stats.get(file);
    if (!s) return;
    this.apply(s, -1);
    this.stats.delete(file);
  }

  private apply(s: FileStats, sign: 1 | -1): void {
    const t = this.sums;
    t.errors += sign * s.errors;
    t.warnings += sign * s.warnings;
    t.infos += sign * s.infos;
    t.hints += sign * s.hints;
    if (s.coverage) {
      t.krs.total += sign * s.coverage.krs;
      t.krs.supported += sign * s.coverage.supportedKrs;
      t.items.total += sign * s.coverage.items;
      t.items.linked += sign * s.coverage.linkedItems;
    }
  }
}

function emptyTotals(): Totals {
  return { files: 0, errors: 0, warnings: 0, infos: 0, hints: 0, krs: { total: 0, supported: 0 }, items: { total: 0, linked: 0 } };
}
