import type { Rule } from './types';

/**
 * "Supports no KR" (DESIGN.md): an item none of whose references resolves to a
 * key result is untraceable, whether it names nothing, only objectives or
 * items, or only names that do not exist; its bad references get their own
 * findings besides this one.
 */
export const untraceableItem: Rule = {
  code: 'untraceable-item',
  severity: 'warning',
  summary: 'A roadmap item supports no KR.',
  help: 'Add `supports:` naming the KR this bet is meant to move. A roadmap item without an OKR is a feature with no reason.',
  check(file, ctx) {
    for (const it of file.items) {
      if (ctx.index.supportedKrs(it).length) continue;
      const named = it.supports.map((r) => `\`${r.raw}\``).join(', ');
      const message = it.supports.length
        ? `\`${it.id}\` supports no key result: what \`supports\` names (${named}) is not an existing KR; point it at the KR this bet is meant to move`
        : it.supportsKey
          ? `\`${it.id}\` supports no key result: its \`supports\` holds no reference; name the KR it is meant to move (ID or unit/ID)`
          : `\`${it.id}\` supports no key result: add \`supports:\` naming the KR it is meant to move`;
      ctx.report(it.keySpan, message, { entity: `${it.unit}/${it.id}` });
    }
  },
};
