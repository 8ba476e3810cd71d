/**
 * Pace and status of a key result: pure arithmetic on numbers and days
 * (DESIGN.md, "Pace and status").
 *
 *   progress  (current − baseline) / (target − baseline), clamped to 0…1
 *   elapsed   (today − first day) / (last day − first day + 1), whole days, clamped to 0…1
 *   expected  baseline + (target − baseline) × elapsed
 *   status    done when progress ≥ 1; else with behind = elapsed − progress:
 *             on-track (behind ≤ at_risk), at-risk (≤ off_track), off-track;
 *             unknown without current, or when target = baseline
 *
 * The direction is in the sign of target − baseline: a KR that cuts a number
 * progresses as the number falls. A period that has ended is judged at its
 * end (elapsed 1). Decisions use the exact values; the rounded ones are for
 * display and JSON.
 */
import type { PaceThresholds } from '../config';
import type { Period } from '../model';
import type { Day } from '../period';

export type KrStatus = 'on-track' | 'at-risk' | 'off-track' | 'done' | 'unknown';
export const KR_STATUSES: readonly KrStatus[] = ['on-track', 'at-risk', 'off-track', 'done', 'unknown'];

/** Status in words, for hovers, messages and the review. */
export const STATUS_WORDS: Record<KrStatus, string> = {
  'on-track': 'on track',
  'at-risk': 'at risk',
  'off-track': 'off track',
  done: 'done',
  unknown: 'unknown',
};

/** Float noise (0.1 + 0.2) must not move a KR across a threshold. */
const EPS = 1e-9;

/**
 * Days since 1970-01-01, so two days subtract to whole days. Integer
 * arithmetic (the proleptic Gregorian calendar): every rule calls it per KR,
 * and a `Date` per call costs more than the whole rule.
 */
export function dayNumber(d: Day): number {
  const y = d.m <= 2 ? d.y - 1 : d.y;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((d.m + 9) % 12) + 2) / 5) + d.d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(y: number, m: number): number {
  return m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : MONTH_DAYS[m - 1];
}

export function dayOfNumber(n: number): Day {
  const t = new Date(n * 86_400_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** The first and last calendar day of a period (`2026` → 1 Jan … 31 Dec; `2026-H2` → 1 Jul … 31 Dec). */
export function periodDays(p: Pick<Period, 'first' | 'last'>): { first: Day; last: Day } {
  const qFirst = p.first;
  const qLast = p.last;
  const first: Day = { y: Math.floor(qFirst / 4), m: (qFirst % 4) * 3 + 1, d: 1 };
  const endMonth = (qLast % 4) * 3 + 3;
  const y = Math.floor(qLast / 4);
  const last: Day = { y, m: endMonth, d: daysInMonth(y, endMonth) };
  return { first, last };
}

/** The share of the period passed as of `today`, in whole days, clamped to 0…1 (exact, not rounded). */
export function elapsedShare(period: Pick<Period, 'first' | 'last'>, today: Day): number {
  const { first, last } = periodDays(period);
  const start = dayNumber(first);
  const length = dayNumber(last) - start + 1;
  const share = (dayNumber(today) - start) / length;
  return Math.min(1, Math.max(0, share));
}

/** Progress, unrounded and clamped to 0…1; undefined when a value is missing or target = baseline. */
export function exactProgress(baseline: number | undefined, current: number | undefined, target: number | undefined): number | undefined {
  if (baseline === undefined || current === undefined || target === undefined) return undefined;
  const span = target - baseline;
  if (span === 0 || !Number.isFinite(span)) return undefined;
  const p = (current - baseline) / span;
  return Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : undefined;
}

/** The value expected after `elapsed` if the KR moved linearly from baseline to target. */
export function expectedValue(baseline: number, target: number, elapsed: number): number {
  return baseline + (target - baseline) * elapsed;
}

/**
 * The status from exact progress and elapsed shares. `done` needs only the
 * progress; the others need the elapsed share (a KR without a period that is
 * not done is `unknown`).
 */
export function statusOf(progress: number | undefined, elapsed: number | undefined, pace: PaceThresholds): KrStatus {
  if (progress === undefined) return 'unknown';
  if (progress >= 1 - EPS) return 'done';
  if (elapsed === undefined) return 'unknown';
  const behind = elapsed - progress;
  if (behind <= pace.atRisk + EPS) return 'on-track';
  if (behind <= pace.offTrack + EPS) return 'at-risk';
  return 'off-track';
}

export interface PaceInput {
  baseline?: number;
  target?: number;
  current?: number;
  period?: Pick<Period, 'first' | 'last'>;
}

/** Everything the faces show about a KR's pace; rounded for display. */
export interface Pace {
  /** 0…1, two decimals. */
  progress?: number;
  /** 0…1, two decimals. */
  elapsed?: number;
  /** The value expected today on a linear path (rounded to the precision of the numbers written, plus two digits). */
  expected?: number;
  status: KrStatus;
  /** Exact shares, for rules that compare them (not for display). */
  exact: { progress?: number; elapsed?: number };
}

export function pace(input: PaceInput, today: Day, thresholds: PaceThresholds): Pace {
  const { baseline, target, current, period } = input;
  const progress = exactProgress(baseline, current, target);
  const elapsed = period ? elapsedShare(period, today) : undefined;
  const movable = baseline !== undefined && target !== undefined && target !== baseline;
  const expected = movable && elapsed !== undefined ? roundLike(expectedValue(baseline, target, elapsed), [baseline, target], 2) : undefined;
  return {
    progress: progress === undefined ? undefined : round(progress, 2),
    elapsed: elapsed === undefined ? undefined : round(elapsed, 2),
    expected,
    status: statusOf(progress, elapsed, thresholds),
    exact: { progress, elapsed },
  };
}

export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** Decimals written in a number (`2.65` → 2, `1e-3` → 3). */
export function decimalsOf(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return 0;
  const s = String(x);
  const dot = s.indexOf('.');
  const e = s.indexOf('e-');
  if (e < 0) return dot < 0 ? 0 : s.length - dot - 1;
  return Number(s.slice(e + 2)) + (dot < 0 ? 0 : e - dot - 1);
}

/** Rounds `x` to the most decimals among `like`, plus `extra`, so a computed value reads like the numbers it came from. */
export function roundLike(x: number, like: readonly number[], extra = 0): number {
  const decimals = Math.min(10, Math.max(0, ...like.map(decimalsOf)) + extra);
  return round(x, decimals);
}
