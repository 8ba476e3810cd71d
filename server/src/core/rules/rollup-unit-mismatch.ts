import { metricUnitOf, sameMetricUnit } from '../rollup';
import type { Rule } from './types';

export const rollupUnitMismatch: Rule = {
  code: 'rollup-unit-mismatch',
  severity: 'warning',
  summary: 'A KR supports a `rollup` KR but its `unit` differs, so it is left out of the roll-up.',
  help: 'Metrics in different units are never added. Give this KR the same `unit:` as the KR it supports (if it really counts the same thing), or make it support a KR that counts in its unit.',
  check(file, ctx) {
    for (const kr of file.krs) {
      for (const r of kr.supports) {
        const res = ctx.index.resolve(r, kr.unit);
        if (!res.ok || res.entity.kind !== 'kr' || res.entity === kr || !res.entity.rollup) continue;
        const parent = res.entity;
        if (sameMetricUnit(kr, parent)) continue;
        const mine = metricUnitOf(kr);
        const theirs = metricUnitOf(parent);
        const how = parent.rollup!.value;
        const parentSide = theirs ? `\`${r.raw}\` adds up its KRs in \`${theirs}\` (rollup: ${how})` : `\`${r.raw}\` adds up KRs without a unit (rollup: ${how})`;
        const mySide = mine ? `\`${kr.id}\` counts in \`${mine}\`` : `\`${kr.id}\` has no \`unit:\``;
        const fix = theirs ? `give \`${kr.id}\` \`unit: ${theirs}\` if it counts the same thing` : `remove \`${kr.id}\`'s unit or give \`${r.raw}\` \`unit: ${mine}\``;
        ctx.report(r.span, `${mySide} but ${parentSide}, so it is left out of the ${how}: metrics in different units are never added; ${fix}, or support a KR in ${mine ? `\`${mine}\`` : 'no unit'}`, { entity: `${kr.unit}/${kr.id}` });
      }
    }
  },
};
