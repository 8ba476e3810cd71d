/**
 * Traceability coverage: per level, the share of KRs supported from below and
 * the share of roadmap items linked to a KR.
 */
import type { CascadeIndex } from './link';
import type { UnitFile } from './model';

export interface LevelCoverage {
  level: string;
  krs: number;
  supportedKrs: number;
  items: number;
  linkedItems: number;
  /** Percent (0..100, one decimal); null when there is nothing to count. */
  krCoverage: number | null;
  itemCoverage: number | null;
}

export interface Coverage {
  krs: { total: number; supported: number; percent: number | null };
  items: { total: number; linked: number; percent: number | null };
  levels: LevelCoverage[];
}

const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

/** What one file adds to the coverage totals. */
export interface FileCoverage {
  krs: number;
  supportedKrs: number;
  items: number;
  linkedItems: number;
}

/**
 * The coverage counts of one file: nothing unless it is the primary file of
 * its unit. Depends on the file, its unit's files (which one is primary), the
 * supporters of its KRs and the KRs its items name: exactly what makes the
 * cascade re-check this file, so totals can be kept per file.
 */
export function fileCoverage(index: CascadeIndex, f: UnitFile): FileCoverage | undefined {
  const unit = f.unitId?.value;
  if (!unit || index.units.get(unit)?.primary !== f) return undefined;
  const c: FileCoverage = { krs: f.krs.length, supportedKrs: 0, items: f.items.length, linkedItems: 0 };
  for (const kr of f.krs) if (index.supportersOf(kr).length) c.supportedKrs++;
  for (const it of f.items) if (index.supportedKrs(it).length) c.linkedItems++;
  return c;
}

export const percent = (part: number, whole: number) => pct(part, whole);

export function coverage(index: CascadeIndex): Coverage {
  const levels = new Map<string, LevelCoverage & { depth: number }>();
  for (const f of index.files) {
    const c = fileCoverage(index, f);
    if (!c) continue;
    const unit = f.unitId!.value;
    const level = f.level?.value ?? 'unlabelled';
    let row = levels.get(level);
    if (!row) levels.set(level, (row = { level, krs: 0, supportedKrs: 0, items: 0, linkedItems: 0, krCoverage: null, itemCoverage: null, depth: depth(index, unit) }));
    row.depth = Math.min(row.depth, depth(index, unit));
    row.krs += c.krs;
    row.supportedKrs += c.supportedKrs;
    row.items += c.items;
    row.linkedItems += c.linkedItems;
  }
  const rows = [...levels.values()].sort((a, b) => a.depth - b.depth || a.level.localeCompare(b.level));
  const sum = (k: 'krs' | 'supportedKrs' | 'items' | 'linkedItems') => rows.reduce((n, r) => n + r[k], 0);
  return {
    krs: { total: sum('krs'), supported: sum('supportedKrs'), percent: pct(sum('supportedKrs'), sum('krs')) },
    items: { total: sum('items'), linked: sum('linkedItems'), percent: pct(sum('linkedItems'), sum('items')) },
    levels: rows.map(({ depth: _d, ...r }) => ({ ...r, krCoverage: pct(r.supportedKrs, r.krs), itemCoverage: pct(r.linkedItems, r.items) })),
  };
}

function depth(index: CascadeIndex, unit: string): number {
  let d = 0;
  const seen = new Set([unit]);
  for (let p = index.parentOf(unit); p && !seen.has(p.id); p = index.parentOf(p.id)) {
    seen.add(p.id);
    d++;
  }
  return d;
}
