import { compareDays, formatDay, parseDay } from '../period';
import { isValidDate } from '../schema';
import type { Rule } from './types';

export const duePassed: Rule = {
  code: 'due-passed',
  severity: 'warning',
  summary: "An item's `due` date is before today and it is neither `done` nor `dropped`.",
  help: 'Finish it and set `status: done`, drop it (`status: dropped`), or agree a new date with whoever relies on it and change `due:`.',
  check(file, ctx) {
    for (const it of file.items) {
      if (!it.due || !isValidDate(it.due.value)) continue; // a bad date is a `schema` finding
      const status = it.status?.value;
      if (status === 'done' || status === 'dropped') continue;
      const due = parseDay(it.due.value)!;
      if (compareDays(due, ctx.today) >= 0) continue;
      const state = status ? `is still ${status}` : 'is not marked done';
      ctx.report(it.due.span, `\`${it.id}\` was due on ${formatDay(due)} and ${state} (today is ${formatDay(ctx.today)}): finish it and set \`status: done\`, drop it, or agree a new date`, { entity: `${it.unit}/${it.id}` });
    }
  },
};
