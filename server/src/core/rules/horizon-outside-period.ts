import { quarterId, quarterIndex } from '../period';
import type { Rule } from './types';

export const horizonOutsidePeriod: Rule = {
  code: 'horizon-outside-period',
  severity: 'warning',
  summary: "An item's explicit quarter lies outside its unit's period.",
  help: "Move the item to a quarter inside the unit's `period`, or to `later` if it belongs to a future period.",
  check(file, ctx) {
    const period = file.period?.value;
    if (!period) return;
    for (const it of file.items) {
      const q = it.horizon ? quarterIndex(it.horizon.value) : undefined;
      if (q === undefined || (q >= period.first && q <= period.last)) continue;
      const range = period.first === period.last ? quarterId(period.first) : `${quarterId(period.first)} to ${quarterId(period.last)}`;
      const within = range === period.text ? period.text : `${period.text} (${range})`;
      ctx.report(it.horizon!.span, `\`${it.id}\` is planned for ${it.horizon!.value}, outside the period ${within}; move it inside the period or to \`later\``);
    }
  },
};
