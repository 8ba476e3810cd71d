import { contribution, metricUnitOf, OVER_PROMISE_FACTOR, signed } from '../rollup';
import type { Rule } from './types';

export const overPromised: Rule = {
  code: 'over-promised',
  severity: 'info',
  summary: "`rollup: sum`: the children's planned change is more than 1.5 × the parent's gap.",
  help: 'Far more is promised below than this KR needs: check that the targets below are realistic, or raise this target to what the teams commit to.',
  check(file, ctx) {
    for (const kr of file.krs) {
      if (kr.rollup?.value !== 'sum') continue;
      const c = contribution(ctx.index, kr);
      if (!c?.overPromised) continue;
      const unit = metricUnitOf(kr);
      const u = (n: number) => `${signed(n)}${unit ? ` ${unit}` : ''}`;
      const krs = c.counted.length === 1 ? `The 1 KR that adds up to \`${kr.id}\` plans` : `The ${c.counted.length} KRs that add up to \`${kr.id}\` plan`;
      ctx.report(kr.keySpan, `${krs} ${u(c.planned)}, more than ${OVER_PROMISE_FACTOR} × the ${u(c.needed)} it needs: check that their targets are realistic, or raise this target`, { entity: `${kr.unit}/${kr.id}` });
    }
  },
};
