/**
 * A key result's pace and status in the cascade: its current (written, or
 * computed by its roll-up), its period (its unit's, else the nearest
 * ancestor's) and the arithmetic of ./pace.ts. One `KrPaces` per computation
 * (a file's check, a roadmap, a hover, a review): it memoises roll-ups.
 */
import { DEFAULT_PACE, type PaceThresholds } from '../config';
import type { CascadeIndex } from '../link';
import type { KeyResult, Period } from '../model';
import type { Day } from '../period';
import { Currents } from '../rollup';
import { pace, type Pace } from './pace';

export interface KrPace extends Pace {
  /** The current used: as written, or computed by the roll-up. */
  current?: number;
  /** True when `current` was computed by a roll-up (not written). */
  computed: boolean;
  /** The period the KR is judged over (its unit's, or the nearest ancestor's). */
  period?: Period;
}

export class KrPaces {
  readonly currents: Currents;
  private readonly memo = new Map<KeyResult, KrPace>();

  constructor(readonly index: CascadeIndex, readonly today: Day, readonly thresholds: PaceThresholds = DEFAULT_PACE) {
    this.currents = new Currents(index);
  }

  of(kr: KeyResult): KrPace {
    let out = this.memo.get(kr);
    if (!out) {
      const current = this.currents.of(kr);
      const period = krPeriod(this.index, kr);
      const p = pace({ baseline: kr.baseline?.value, target: kr.target?.value, current: current?.value, period }, this.today, this.thresholds);
      out = { ...p, current: current?.value, computed: !!current?.computed, period };
      this.memo.set(kr, out);
    }
    return out;
  }
}

/** The period a KR is judged over: its file's `period`, else the nearest ancestor unit's (cycle-safe). */
export function krPeriod(index: CascadeIndex, kr: KeyResult): Period | undefined {
  const info = index.units.get(kr.unit);
  const own = info?.files.find((f) => f.file === kr.file) ?? info?.primary;
  if (own?.period) return own.period.value;
  const seen = new Set([kr.unit]);
  for (let u = index.parentOf(kr.unit); u && !seen.has(u.id); u = index.parentOf(u.id)) {
    if (u.primary.period) return u.primary.period.value;
    seen.add(u.id);
  }
  return undefined;
}
