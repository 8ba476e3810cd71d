import { REASON_PLACEHOLDER, unfilledPlaceholder } from '../hypothesis';
import { rawSpan } from '../text-edit';
import type { Rule } from './types';

export const missingHypothesis: Rule = {
  code: 'missing-hypothesis',
  severity: 'warning',
  summary: 'A roadmap item has no hypothesis, or only the template with its placeholders.',
  help: 'Write why this bet should work: "We believe <this> will move <the KR> because <reason>", with your own words in place of every <…>.',
  check(file, ctx) {
    for (const it of file.items) {
      const entity = { entity: `${it.unit}/${it.id}` };
      if (!it.hypothesis) {
        ctx.report(it.keySpan, `\`${it.id}\` has no hypothesis: add \`hypothesis: We believe … will move … because …\``, entity);
        continue;
      }
      // The quick fix's template (or one pasted from a message) is not a hypothesis yet:
      // it stays a warning, on the placeholder to replace, until a person fills it in.
      const hole = unfilledPlaceholder(it.hypothesis.value);
      if (!hole) continue;
      const reason = hole.text === REASON_PLACEHOLDER || /\bbecause\s*$/i.test(it.hypothesis.value.slice(0, hole.index));
      ctx.report(
        rawSpan(file.text, it.hypothesis.span, hole.text),
        `The hypothesis of \`${it.id}\` is still a template: replace "${hole.text}" with ${reason ? 'why you believe this bet will move its KR (the evidence)' : 'your own words'}`,
        entity,
      );
    }
  },
};
