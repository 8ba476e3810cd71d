import type { Rule } from './types';

export const invalidatedBet: Rule = {
  code: 'invalidated-bet',
  severity: 'warning',
  summary: 'An item with `result: invalidated` is still `idea`, `planned` or `active` (or has no status).',
  help: 'The bet taught you that its hypothesis was wrong: stop it (`status: dropped`), or write a new hypothesis and remove `result:` if you are trying again differently.',
  check(file, ctx) {
    for (const it of file.items) {
      if (it.result?.value !== 'invalidated') continue;
      const status = it.status?.value;
      if (status === 'done' || status === 'dropped') continue;
      const state = status ? `still \`${status}\`` : 'still on the roadmap (no `status`)';
      const evidence = it.evidence ? ` (evidence: ${it.evidence.value})` : '';
      ctx.report(it.keySpan, `\`${it.id}\` is ${state} although its hypothesis was invalidated${evidence}: set \`status: dropped\`, or write a new hypothesis and remove \`result:\``, { entity: `${it.unit}/${it.id}` });
    }
  },
};
