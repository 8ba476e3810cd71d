import { horizonBucket } from '../period';
import type { Item, UnitFile } from '../model';
import type { Rule } from './types';

/** Items the unit carries now: horizon `now` (or a quarter not after today's), not done or dropped. */
export function nowItems(file: UnitFile, todayQuarter: number): Item[] {
  return file.items.filter((it) => {
    if (!it.horizon || horizonBucket(it.horizon.value, todayQuarter) !== 'now') return false;
    const s = it.status?.value;
    return s !== 'done' && s !== 'dropped';
  });
}

export const overloadedNow: Rule = {
  code: 'overloaded-now',
  severity: 'warning',
  summary: "More `now` items than the unit's `capacity`.",
  help: 'Move items to `next`, drop some, or raise `capacity` if the team really can carry more. Done and dropped items do not count.',
  check(file, ctx) {
    // A negative or fractional capacity is a `schema` finding; nothing to compare against.
    if (!file.capacity || file.capacity.value < 0 || !Number.isInteger(file.capacity.value)) return;
    const now = nowItems(file, ctx.todayQuarter);
    const cap = file.capacity.value;
    if (now.length <= cap) return;
    const extra = now.length - cap;
    const items = now.length === 1 ? '1 item is' : `${now.length} items are`;
    ctx.report(file.capacity.span, `${items} in \`now\` but capacity is ${cap}: move ${extra} to \`next\` or raise the capacity (${now.map((i) => i.id).join(', ')})`);
  },
};
