import type { Rule } from './types';

export const untraceableItem: Rule = {
  code: 'untraceable-item',
  severity: 'warning',
  summary: 'A roadmap item supports no KR.',
  help: 'Add `supports:` naming the KR this bet is meant to move. A roadmap item without an OKR is a feature with no reason.',
  check(file, ctx) {
    for (const it of file.items) {
      if (it.supports.length) continue;
      ctx.report(it.keySpan, `\`${it.id}\` supports no key result: add \`supports:\` naming the KR it is meant to move`, { entity: `${it.unit}/${it.id}` });
    }
  },
};
