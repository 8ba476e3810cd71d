/** Periods, quarters and dates as plain numbers: a quarter index is `year * 4 + (q - 1)`. */
import type { Period } from './model';
import { DATE, PERIOD, QUARTER } from './schema';

export function parsePeriod(value: unknown): Period | undefined {
  const text = String(value);
  const m = PERIOD.exec(text);
  if (!m || (typeof value !== 'number' && typeof value !== 'string')) return undefined;
  const year = Number(m[1]);
  const part = m[2];
  if (!part) return { text, first: year * 4, last: year * 4 + 3 };
  if (part[0] === 'H') {
    const h = Number(part[1]) - 1;
    return { text, first: year * 4 + h * 2, last: year * 4 + h * 2 + 1 };
  }
  const q = year * 4 + Number(part[1]) - 1;
  return { text, first: q, last: q };
}

export function quarterIndex(text: string): number | undefined {
  const m = QUARTER.exec(text);
  return m ? Number(m[1]) * 4 + Number(m[2]) - 1 : undefined;
}

export function quarterId(index: number): string {
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

export function quarterTitle(index: number): string {
  return `Q${(index % 4) + 1} ${Math.floor(index / 4)}`;
}

/** A calendar day as `{ y, m, d }` (m 1-based). */
export interface Day {
  y: number;
  m: number;
  d: number;
}

export function parseDay(text: string): Day | undefined {
  const m = DATE.exec(text);
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : undefined;
}

export function formatDay(day: Day): string {
  return `${day.y}-${String(day.m).padStart(2, '0')}-${String(day.d).padStart(2, '0')}`;
}

export function today(): Day {
  const now = new Date();
  return { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() };
}

export function dayQuarter(day: Day): number {
  return day.y * 4 + Math.floor((day.m - 1) / 3);
}

export function compareDays(a: Day, b: Day): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

/** The same day `months` months later (clamped to the month's last day). */
export function addMonths(day: Day, months: number): Day {
  const total = day.y * 12 + (day.m - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { y, m, d: Math.min(day.d, last) };
}

export type Bucket = 'now' | 'next' | 'later';

/** now | next | later for a horizon, with explicit quarters mapped against today's quarter. */
export function horizonBucket(horizon: string, todayQuarter: number): Bucket | undefined {
  if (horizon === 'now' || horizon === 'next' || horizon === 'later') return horizon;
  const q = quarterIndex(horizon);
  if (q === undefined) return undefined;
  return q <= todayQuarter ? 'now' : q === todayQuarter + 1 ? 'next' : 'later';
}
