import { unfilledPlaceholder } from '../hypothesis';
import type { Rule } from './types';

/**
 * Words that introduce a reason or evidence. Purpose ("so that", "in order
 * to") is not a reason: it restates the goal without saying why the bet works.
 */
const REASON = /\b(because|since|due to|given( that)?|based on|owing to|thanks to|as (shown|seen|evidenced|measured)|evidence|data (shows?|suggests?)|research (shows?|suggests?)|we (saw|observed|measured|found|learned|know))\b|\bas\b.+\b(show|shows|showed|found|report|reports|reported)\b/i;

export function givesReason(hypothesis: string): boolean {
  return REASON.test(hypothesis);
}

export const weakHypothesis: Rule = {
  code: 'weak-hypothesis',
  severity: 'info',
  summary: 'A hypothesis that gives no reason (no "because …" or equivalent).',
  help: 'Say why you believe the bet will move the number: "… because 60% of users abandon at bank linking".',
  check(file, ctx) {
    for (const it of file.items) {
      // A template still to fill in is missing-hypothesis (a warning), not a weak one.
      if (!it.hypothesis || givesReason(it.hypothesis.value) || unfilledPlaceholder(it.hypothesis.value)) continue;
      ctx.report(it.hypothesis.span, `The hypothesis of \`${it.id}\` gives no reason: add "because …" with the evidence behind the bet`, { entity: `${it.unit}/${it.id}` });
    }
  },
};
