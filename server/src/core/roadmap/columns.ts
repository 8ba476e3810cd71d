/**
 * Columns of a roadmap and where a horizon or a quarter lands in them.
 * Quarters are indices `year * 4 + (q - 1)` (see ../period).
 */
import type { CascadeIndex } from '../link';
import type { KeyResult, Period } from '../model';
import { quarterId, quarterIndex, quarterTitle } from '../period';
import type { RoadmapColumn } from './model';

export interface ColumnScheme {
  columns: RoadmapColumn[];
  /** The column of a roadmap item, from its horizon as written (absent → `later`). */
  horizon(horizon: string | undefined): string;
  /** The column of an explicit quarter index. */
  quarter(q: number): string;
}

const LATER: RoadmapColumn = { id: 'later', title: 'Later' };

/** The quarters view's range: a unit's period, or the whole year of today when it has none. */
export function columnPeriod(period: Period | undefined, todayQuarter: number): Period {
  if (period) return period;
  const year = Math.floor(todayQuarter / 4);
  return { text: String(year), first: year * 4, last: year * 4 + 3 };
}

/**
 * One column per quarter of the period, then `later`. A quarter past the period
 * lands in `later`, one before it in the first quarter; `now` is today's
 * quarter clamped into the period, `next` the quarter after today's.
 */
export function quarterColumns(period: Period, todayQuarter: number): ColumnScheme {
  const columns: RoadmapColumn[] = [];
  for (let q = period.first; q <= period.last; q++) {
    columns.push(q === todayQuarter ? { id: quarterId(q), title: quarterTitle(q), current: true } : { id: quarterId(q), title: quarterTitle(q) });
  }
  columns.push({ ...LATER });
  const quarter = (q: number) => (q > period.last ? 'later' : quarterId(Math.max(q, period.first)));
  return {
    columns,
    quarter,
    horizon(h) {
      if (h === 'now') return quarterId(Math.min(Math.max(todayQuarter, period.first), period.last));
      if (h === 'next') return quarter(todayQuarter + 1);
      const q = h === undefined ? undefined : quarterIndex(h);
      return q === undefined ? 'later' : quarter(q);
    },
  };
}

/** `now`, `next`, `later`: an explicit quarter maps against today's quarter. */
export function horizonColumns(todayQuarter: number): ColumnScheme {
  const quarter = (q: number) => (q <= todayQuarter ? 'now' : q === todayQuarter + 1 ? 'next' : 'later');
  return {
    columns: [{ id: 'now', title: 'Now', current: true }, { id: 'next', title: 'Next' }, { ...LATER }],
    quarter,
    horizon(h) {
      if (h === 'now' || h === 'next' || h === 'later') return h;
      const q = h === undefined ? undefined : quarterIndex(h);
      return q === undefined ? 'later' : quarter(q);
    },
  };
}

/** A unit's own period, else the nearest ancestor's (cycle-safe). */
export function unitPeriod(index: CascadeIndex, unit: string): Period | undefined {
  const seen = new Set<string>();
  for (let u = index.units.get(unit); u && !seen.has(u.id); u = index.parentOf(u.id)) {
    seen.add(u.id);
    const p = u.primary.period?.value;
    if (p) return p;
  }
  return undefined;
}

/**
 * The quarter a KR card sits in: its unit's period (or the nearest ancestor's,
 * else `fallback`); a longer period gives its first quarter not yet past, or
 * its last quarter when the whole period is past.
 */
export function krQuarter(index: CascadeIndex, kr: KeyResult, todayQuarter: number, fallback: Period): number {
  const p = unitPeriod(index, kr.unit) ?? fallback;
  if (todayQuarter <= p.first) return p.first;
  return todayQuarter <= p.last ? todayQuarter : p.last;
}
