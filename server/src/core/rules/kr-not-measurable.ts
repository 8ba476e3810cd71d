import type { Rule } from './types';

export const krNotMeasurable: Rule = {
  code: 'kr-not-measurable',
  severity: 'warning',
  summary: 'A KR without a numeric `target` (a task, not an outcome).',
  help: 'Give the KR a metric: `baseline:` (where it starts) and a numeric `target:` (where it should end), with `unit:` for the unit of measure.',
  check(file, ctx) {
    for (const kr of file.krs) {
      if (kr.target) continue;
      const why = kr.targetRaw ? `its target "${kr.targetRaw.value}" is not a number` : 'it has no `target:`';
      ctx.report(kr.keySpan, `\`${kr.id}\` is not measurable: ${why}. A KR is an outcome: add a numeric \`target:\` (and \`baseline:\`)`, { entity: `${kr.unit}/${kr.id}` });
    }
  },
};
