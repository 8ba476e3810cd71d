/** Progress of a key result: how far `current` has moved from `baseline` towards `target`. */
import type { KeyResult } from '../model';

/**
 * `(current − baseline) / (target − baseline)`, clamped to 0..1 and rounded to
 * two decimals. The sign of `target − baseline` gives the direction, so a KR
 * that cuts a number (target below baseline) progresses as the number falls.
 * Undefined (unknown) when any of the three is missing or target = baseline.
 */
export function krProgress(kr: KeyResult): number | undefined {
  return progress(kr.baseline?.value, kr.current?.value, kr.target?.value);
}

export function progress(baseline: number | undefined, current: number | undefined, target: number | undefined): number | undefined {
  if (baseline === undefined || current === undefined || target === undefined) return undefined;
  const span = target - baseline;
  if (span === 0 || !Number.isFinite(span)) return undefined;
  const p = (current - baseline) / span;
  if (!Number.isFinite(p)) return undefined;
  return Math.round(Math.min(1, Math.max(0, p)) * 100) / 100;
}
