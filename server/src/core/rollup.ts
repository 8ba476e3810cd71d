/**
 * Roll-up: numbers that add up the cascade (DESIGN.md, "Roll-up").
 *
 * A KR with `rollup: sum | mean | min | max` adds up the KRs that support it
 * directly and share its `unit` text (a KR in another unit is left out: metrics
 * in different units are never added). Its `current`, when not written, is
 * computed from theirs; its contribution arithmetic says whether the
 * children's plans can reach its target.
 *
 * Decisions where DESIGN.md is silent:
 * - A computed current needs at least one counted child with a current
 *   (written or itself computed); otherwise the KR has no current (status
 *   unknown), so a new cascade with no numbers yet is not "off track".
 * - `sum` needs the parent's own baseline; a child without a baseline cannot
 *   say how far it moved and is left out of the sum. `mean`/`min`/`max` count
 *   a child's current, else its baseline; a child with neither is left out.
 * - Nested roll-ups use the children's computed currents. A roll-up KR on a
 *   `supports` loop has no computed current (its sum would feed itself); the
 *   `cycle` finding says why; as a child, it counts as having no current.
 */
import type { CascadeIndex } from './link';
import { entityKey, type KeyResult, type Rollup } from './model';
import { roundLike } from './history/pace';

/** The unit text a KR counts in (`unit:`), trimmed; undefined when not written. */
export function metricUnitOf(kr: KeyResult): string | undefined {
  const u = kr.metricUnit?.value.trim();
  return u ? u : undefined;
}

export function sameMetricUnit(a: KeyResult, b: KeyResult): boolean {
  return metricUnitOf(a) === metricUnitOf(b);
}

/** The KRs that support `parent` directly, split by whether they share its unit text. */
export function rollupChildren(index: CascadeIndex, parent: KeyResult): { counted: KeyResult[]; mismatched: KeyResult[] } {
  const counted: KeyResult[] = [];
  const mismatched: KeyResult[] = [];
  const seen = new Set<KeyResult>();
  for (const s of index.supportersOf(parent)) {
    if (s.kind !== 'kr' || s === parent || seen.has(s)) continue;
    seen.add(s);
    (sameMetricUnit(s, parent) ? counted : mismatched).push(s);
  }
  return { counted, mismatched };
}

export interface CurrentValue {
  value: number;
  /** True when computed by a roll-up (not written). */
  computed: boolean;
}

/**
 * Currents of KRs, written or computed by roll-up, memoised for one use (a
 * check of one file, one roadmap, one review): build one per computation, so
 * nothing stale survives an edit.
 */
export class Currents {
  private readonly memo = new Map<KeyResult, CurrentValue | undefined>();
  private readonly visiting = new Set<KeyResult>();

  constructor(readonly index: CascadeIndex) {}

  /** The KR's current: as written, else computed by its roll-up, else undefined. */
  of(kr: KeyResult): CurrentValue | undefined {
    if (kr.current) return { value: kr.current.value, computed: false };
    if (!kr.rollup) return undefined;
    if (this.memo.has(kr)) return this.memo.get(kr);
    // On a loop the sum would feed itself: no computed current (`cycle` reports the loop).
    if (this.visiting.has(kr) || this.index.loopMembers().has(entityKey(kr.unit, kr.id))) return undefined;
    this.visiting.add(kr);
    let out: CurrentValue | undefined;
    try {
      const v = this.compute(kr, kr.rollup.value);
      out = v === undefined ? undefined : { value: v, computed: true };
    } finally {
      this.visiting.delete(kr);
    }
    this.memo.set(kr, out);
    return out;
  }

  private compute(kr: KeyResult, kind: Rollup): number | undefined {
    const children = rollupChildren(this.index, kr).counted;
    const currents = children.map((c) => this.of(c)?.value);
    if (!currents.some((v) => v !== undefined)) return undefined;
    if (kind === 'sum') {
      const base = kr.baseline?.value;
      if (base === undefined) return undefined;
      const used: number[] = [base];
      let total = base;
      children.forEach((c, i) => {
        const b = c.baseline?.value;
        if (b === undefined) return;
        const cur = currents[i] ?? b;
        total += cur - b;
        used.push(b, cur);
      });
      return roundLike(total, used);
    }
    const values = children.map((c, i) => currents[i] ?? c.baseline?.value).filter((v): v is number => v !== undefined);
    if (!values.length) return undefined;
    return aggregate(kind, values);
  }
}

export function aggregate(kind: Exclude<Rollup, 'sum'> | Rollup, values: readonly number[]): number {
  switch (kind) {
    case 'min': return Math.min(...values);
    case 'max': return Math.max(...values);
    case 'sum': return roundLike(values.reduce((a, b) => a + b, 0), values);
    case 'mean': return roundLike(values.reduce((a, b) => a + b, 0) / values.length, values, 2);
  }
}

/** Whether the children's plans can reach a roll-up KR's target. */
export interface Contribution {
  kind: Rollup;
  /** Same-unit children whose numbers count (`sum`: baseline and target; others: target). */
  counted: KeyResult[];
  /** Same-unit children left out for lack of those numbers. */
  incomplete: KeyResult[];
  /** `sum`: the parent's gap (target − baseline), signed; others: the parent's target. */
  needed: number;
  /** `sum`: Σ(child target − child baseline), signed; others: that aggregate of the children's targets. */
  planned: number;
  /** How far the plan falls short of the target, in the parent's unit (0 when it reaches it). */
  shortfall: number;
  /** `sum` only: the planned change exceeds 1.5 × the gap (in the right direction). */
  overPromised: boolean;
}

export const OVER_PROMISE_FACTOR = 1.5;
const EPS = 1e-9;

/**
 * The contribution arithmetic of a roll-up KR, or undefined when it cannot be
 * judged: no `rollup`, no baseline or target on the parent (the direction is
 * unknown), target = baseline, or no same-unit child with the numbers needed.
 */
export function contribution(index: CascadeIndex, parent: KeyResult): Contribution | undefined {
  const kind = parent.rollup?.value;
  const base = parent.baseline?.value;
  const target = parent.target?.value;
  if (!kind || base === undefined || target === undefined || target === base) return undefined;
  const dir = Math.sign(target - base);
  const { counted: same } = rollupChildren(index, parent);
  const usable = (c: KeyResult) => c.target !== undefined && (kind !== 'sum' || c.baseline !== undefined);
  const counted = same.filter(usable);
  const incomplete = same.filter((c) => !usable(c));
  if (!counted.length) return undefined;
  if (kind === 'sum') {
    const changes = counted.map((c) => c.target!.value - c.baseline!.value);
    const planned = roundLike(changes.reduce((a, b) => a + b, 0), counted.flatMap((c) => [c.target!.value, c.baseline!.value]));
    const gap = target - base;
    const towards = planned * dir;
    const need = Math.abs(gap);
    const shortfall = need - towards > EPS * Math.max(1, need) ? roundLike(need - towards, [planned, base, target]) : 0;
    return { kind, counted, incomplete, needed: roundLike(gap, [base, target]), planned, shortfall, overPromised: towards > OVER_PROMISE_FACTOR * need + EPS * Math.max(1, need) };
  }
  const planned = aggregate(kind, counted.map((c) => c.target!.value));
  const missing = (target - planned) * dir;
  const shortfall = missing > EPS * Math.max(1, Math.abs(target)) ? roundLike(Math.abs(target - planned), [target, planned]) : 0;
  return { kind, counted, incomplete, needed: target, planned, shortfall, overPromised: false };
}

/** `0.3 bn USD`, `15%`, `42` — a number with its metric unit, as a product manager writes it. */
export function withUnit(n: number, unit: string | undefined): string {
  if (!unit) return String(n);
  return unit === '%' ? `${n}%` : `${n} ${unit}`;
}

/** `+0.8`, `−15` (a change, signed). */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '0';
}
