import type { Rule } from './types';

export const orphanKr: Rule = {
  code: 'orphan-kr',
  severity: 'warning',
  summary: 'A KR of a unit that has a parent supports nothing.',
  help: 'Add `supports: <parent>/<KR>` naming the KR of the parent unit that this KR moves; the quick fix lists them.',
  check(file, ctx) {
    const parent = file.parent?.value;
    if (!parent) return;
    for (const kr of file.krs) {
      if (kr.supports.length) continue;
      ctx.report(kr.keySpan, `\`${kr.id}\` supports nothing: add \`supports:\` naming the KR of \`${parent}\` that it moves`, { entity: `${kr.unit}/${kr.id}` });
    }
  },
};
