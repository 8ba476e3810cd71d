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

  /** Replaces a file's share of the findings (its coverage share stays: see `cover`). */
  count(file: string, problems: readonly Problem[]): void {
    const before = this.stats.get(file);
    if (before) this.apply(before, -1);
    const s: FileStats = { errors: 0, warnings: 0, infos: 0, hints: 0, coverage: before?.coverage };
    for (const p of problems) {
      if (p.severity === 'error') s.errors++;
      else if (p.severity === 'warning') s.warnings++;
      else if (p.severity === 'info') s.infos++;
      else s.hints++;
    }
    this.stats.set(file, s);
    this.apply(s, 1);
  }

  /** Replaces a file's share of the coverage counts (a file not counted yet starts with no findings). */
  cover(file: string, coverage: FileCoverage | undefined): void {
    let s = this.stats.get(file);
    if (!s) this.stats.set(file, (s = { errors: 0, warnings: 0, infos: 0, hints: 0 }));
    if (s.coverage) this.applyCoverage(s.coverage, -1);
    s.coverage = coverage;
    if (coverage) this.applyCoverage(coverage, 1);
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
    if (s.coverage) this.applyCoverage(s.coverage, sign);
  }

  private applyCoverage(c: FileCoverage, sign: 1 | -1): void {
    const t = this.sums;
    t.krs.total += sign * c.krs;
    t.krs.supported += sign * c.supportedKrs;
    t.items.total += sign * c.items;
    t.items.linked += sign * c.linkedItems;
  }
}

function emptyTotals(): Totals {
  return { files: 0, errors: 0, warnings: 0, infos: 0, hints: 0, krs: { total: 0, supported: 0 }, items: { total: 0, linked: 0 } };
}
