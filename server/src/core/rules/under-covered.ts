import { contribution, metricUnitOf, signed, withUnit, type Contribution } from '../rollup';
import type { KeyResult } from '../model';
import type { Rule } from './types';

export const underCovered: Rule = {
  code: 'under-covered',
  severity: 'warning',
  summary: "A `rollup` KR whose children's planned contribution cannot reach its target.",
  help: 'Raise the targets of the KRs below, add a KR (or a bet) that closes the gap, or lower this target. With `sum`, the children\'s changes (target − baseline) must add up to this KR\'s; with `mean`/`min`/`max`, that aggregate of their targets must reach this target.',
  check(file, ctx) {
    for (const kr of file.krs) {
      const c = kr.rollup && contribution(ctx.index, kr);
      if (!c || c.shortfall <= 0) continue;
      ctx.report(kr.keySpan, underMessage(kr, c), { entity: `${kr.unit}/${kr.id}` });
    }
  },
};

function underMessage(kr: KeyResult, c: Contribution): string {
  const unit = metricUnitOf(kr);
  const u = (n: number) => withUnit(n, unit);
  const krs = c.counted.length === 1 ? `the 1 KR that adds up to it plans` : `the ${c.counted.length} KRs that add up to it plan`;
  const plan = c.kind === 'sum'
    ? `\`${kr.id}\` must move ${signed(c.needed)}${unit ? ` ${unit}` : ''} (${kr.baseline!.value} → ${u(kr.target!.value)}), but ${krs} ${signed(c.planned)}${unit ? ` ${unit}` : ''}`
    : `\`${kr.id}\` aims for ${u(c.needed)}, but the ${c.kind} of the targets of the KRs below is ${u(c.planned)}`;
  const left = c.incomplete.length ? `; not counted, for lack of ${c.kind === 'sum' ? 'a baseline or a target' : 'a target'}: ${c.incomplete.map((k) => `\`${k.unit}/${k.id}\``).join(', ')}` : '';
  return `${plan}: ${u(c.shortfall)} short${left}. Raise or add a contributing KR below, or lower the target`;
}
