import type { Rule } from './types';

export const missingHypothesis: Rule = {
  code: 'missing-hypothesis',
  severity: 'warning',
  summary: 'A roadmap item has no hypothesis.',
  help: 'Write why this bet should work: "We believe <this> will move <the KR> because <reason>".',
  check(file, ctx) {
    for (const it of file.items) {
      if (it.hypothesis) continue;
      ctx.report(it.keySpan, `\`${it.id}\` has no hypothesis: add \`hypothesis: We believe … will move … because …\``, { entity: `${it.unit}/${it.id}` });
    }
  },
};
