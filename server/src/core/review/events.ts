/**
 * What happened to a roadmap item between the cascade at `since` and now: the
 * review's `events`. With no cascade at `since`, only `past-due` (a state
 * judged today) can be said.
 */
import type { Item } from '../model';
import { compareDays, horizonBucket, parseDay, quarterIndex, type Day } from '../period';
import { isValidDate } from '../schema';
import type { ReviewEvent } from './types';

const BUCKET_RANK = { now: 0, next: 1, later: 2 } as const;

/**
 * Negative when horizon `a` is earlier than `b`: quarters by date, now < next
 * < later, a quarter against a horizon mapped as the horizons view does. No
 * horizon is `later` (where the roadmap puts it).
 */
export function compareHorizons(a: string | undefined, b: string | undefined, todayQuarter: number): number {
  const qa = a === undefined ? undefined : quarterIndex(a);
  const qb = b === undefined ? undefined : quarterIndex(b);
  if (qa !== undefined && qb !== undefined) return qa - qb;
  const rank = (h: string | undefined) => BUCKET_RANK[(h && horizonBucket(h, todayQuarter)) || 'later'];
  return rank(a) - rank(b);
}

export function isLive(it: Item): boolean {
  const s = it.status?.value;
  return s !== 'done' && s !== 'dropped' && it.result?.value !== 'invalidated';
}

export function isPastDue(it: Item, today: Day): boolean {
  if (!it.due || !isValidDate(it.due.value)) return false;
  const s = it.status?.value;
  return s !== 'done' && s !== 'dropped' && compareDays(parseDay(it.due.value)!, today) < 0;
}

/** The events of one item; `before` is undefined when the item did not exist then, `hadBefore` false when there was no cascade at `since` at all. */
export function itemEvents(now: Item | undefined, before: Item | undefined, hadBefore: boolean, today: Day, todayQuarter: number): ReviewEvent[] {
  const out: ReviewEvent[] = [];
  if (hadBefore) {
    if (now && !before) out.push('added');
    if (!now && before) out.push('removed');
    if (now && before) {
      const h = compareHorizons(now.horizon?.value, before.horizon?.value, todayQuarter);
      if ((now.horizon?.value ?? '') !== (before.horizon?.value ?? '') && h > 0) out.push('slipped');
      if ((now.horizon?.value ?? '') !== (before.horizon?.value ?? '') && h < 0) out.push('pulled-in');
      const s = now.status?.value;
      const b = before.status?.value;
      if (s === 'done' && b !== 'done') out.push('done');
      if (s === 'dropped' && b !== 'dropped') out.push('dropped');
      if (b === 'dropped' && s !== 'dropped') out.push('revived');
      const r = now.result?.value;
      if (r === 'invalidated' && before.result?.value !== 'invalidated') out.push('invalidated');
      if (r === 'validated' && before.result?.value !== 'validated') out.push('validated');
    }
  }
  if (now && isPastDue(now, today)) out.push('past-due');
  return out;
}
