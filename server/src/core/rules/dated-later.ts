import type { Rule } from './types';

export const datedLater: Rule = {
  code: 'dated-later',
  severity: 'info',
  summary: 'An item in `next` or `later` carries a `due` date: a promise its horizon cannot keep.',
  help: 'Drop the `due` date, or move the item to `now` or an explicit quarter if the date is a real commitment.',
  check(file, ctx) {
    for (const it of file.items) {
      const h = it.horizon?.value;
      if (!it.due || (h !== 'next' && h !== 'later')) continue;
      ctx.report(it.due.span, `\`${it.id}\` is in \`${h}\` but promises ${it.due.value}; a \`${h}\` item has low confidence, so drop the date or plan it for a quarter`);
    }
  },
};
