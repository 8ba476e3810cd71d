import { horizonBucket, quarterIndex, type Bucket } from '../period';
import type { Rule } from './types';

const ORDER: Record<Bucket, number> = { now: 0, next: 1, later: 2 };

export const dependsOnLater: Rule = {
  code: 'depends-on-later',
  severity: 'warning',
  summary: 'An item depends on an item with a later horizon.',
  help: 'An item cannot finish before what it depends on: move the dependency earlier, or this item later.',
  check(file, ctx) {
    const from = file.unitId?.value;
    if (!from) return;
    for (const it of file.items) {
      if (!it.horizon) continue;
      for (const ref of it.dependsOn) {
        const res = ctx.index.resolve(ref, from);
        if (!res.ok || res.entity.kind !== 'item' || !res.entity.horizon) continue;
        const a = it.horizon.value;
        const b = res.entity.horizon.value;
        const qa = quarterIndex(a);
        const qb = quarterIndex(b);
        const later = qa !== undefined && qb !== undefined
          ? qb > qa
          : ORDER[horizonBucket(b, ctx.todayQuarter)!] > ORDER[horizonBucket(a, ctx.todayQuarter)!];
        if (!later) continue;
        ctx.report(ref.span, `\`${it.id}\` (${a}) depends on \`${ref.raw}\`, planned later (${b}); move the dependency earlier or this item later`);
      }
    }
  },
};
