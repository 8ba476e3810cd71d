import { addMonths, compareDays, formatDay, parseDay } from '../period';
import type { Rule } from './types';

export const staleReview: Rule = {
  code: 'stale-review',
  severity: 'info',
  summary: '`reviewed` is more than one quarter (3 months) before today.',
  help: 'Review the roadmap against the OKRs at least every quarter, then update `reviewed:` to the date of the review.',
  check(file, ctx) {
    const day = file.reviewed && parseDay(file.reviewed.value);
    if (!day || compareDays(addMonths(day, 3), ctx.today) >= 0) return;
    ctx.report(file.reviewed!.span, `The roadmap was last reviewed on ${formatDay(day)}, more than a quarter before ${formatDay(ctx.today)}: review it and update \`reviewed:\``);
  },
};
