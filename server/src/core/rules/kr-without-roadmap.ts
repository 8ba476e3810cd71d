import type { Rule } from './types';

export const krWithoutRoadmap: Rule = {
  code: 'kr-without-roadmap',
  severity: 'info',
  summary: 'A KR that no roadmap item and no child KR supports (a wish).',
  help: 'Add a roadmap item with `supports:` naming this KR, or a KR in a unit below that supports it. An OKR without a roadmap is a wish.',
  check(file, ctx) {
    for (const kr of file.krs) {
      if (ctx.index.supportersOf(kr).length) continue;
      ctx.report(kr.keySpan, `Nothing supports \`${kr.id}\`: no roadmap item or KR below names it, so nothing is planned to move it`, { entity: `${kr.unit}/${kr.id}` });
    }
  },
};
