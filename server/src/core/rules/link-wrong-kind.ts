import { KIND_NAME, sitesOf, type Rule } from './types';

export const linkWrongKind: Rule = {
  code: 'link-wrong-kind',
  severity: 'error',
  summary: 'A reference names the wrong kind of thing, e.g. a KR that supports an objective or a roadmap item.',
  help: '`supports` names key results; `depends_on` names roadmap items. Point the reference at one of those.',
  check(file, ctx) {
    const from = file.unitId?.value;
    if (!from) return;
    for (const { ref, field, expects, owner } of sitesOf(file, ctx)) {
      const res = ctx.index.resolve(ref, from);
      if (!res.ok || res.entity.kind === expects) continue;
      const want = expects === 'kr' ? 'a key result' : 'a roadmap item';
      const hint = res.entity.kind === 'objective' && expects === 'kr' ? `; name one of ${res.entity.id}'s key results instead` : '';
      ctx.report(ref.span, `\`${ref.raw}\` is ${KIND_NAME[res.entity.kind]}, but \`${field}\` of ${KIND_NAME[owner.kind]} must name ${want}${hint}`);
    }
  },
};
