import type { Rule } from './types';

/**
 * A KR of a unit that has a parent and names nothing to support. A `supports`
 * that is written but names nothing that exists is reported where it is
 * written (broken-link, unknown-unit, link-wrong-kind), not here; one that
 * holds no reference at all (a map, `true`, nothing) is reported here, saying so.
 */
export const orphanKr: Rule = {
  code: 'orphan-kr',
  severity: 'warning',
  summary: 'A KR of a unit that has a parent supports nothing.',
  help: 'Add `supports: <parent>/<KR>` naming the KR of the parent unit that this KR moves; the quick fix lists them.',
  check(file, ctx) {
    const parent = file.parent?.value;
    if (!parent) return;
    let example: string | undefined;
    for (const e of ctx.index.units.get(parent)?.entities.values() ?? []) if (!example && e.kind === 'kr') example = `${parent}/${e.id}`;
    for (const kr of file.krs) {
      if (kr.supports.length) continue;
      const message = kr.supportsKey
        ? `\`${kr.id}\` supports nothing: its \`supports\` holds no reference; name the KR of \`${parent}\` that it moves${example ? `, e.g. \`supports: ${example}\`` : ''}`
        : `\`${kr.id}\` supports nothing: add \`supports:\` naming the KR of \`${parent}\` that it moves`;
      ctx.report(kr.keySpan, message, { entity: `${kr.unit}/${kr.id}` });
    }
  },
};
