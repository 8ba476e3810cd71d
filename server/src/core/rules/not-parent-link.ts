import type { Rule } from './types';

export const notParentLink: Rule = {
  code: 'not-parent-link',
  severity: 'warning',
  summary: "A KR supports a KR outside its own unit's parent (it skips or crosses levels).",
  help: 'Link each KR to a KR of the unit directly above it (its `parent`), so the cascade stays complete: team KR → product KR → company KR.',
  check(file, ctx) {
    const from = file.unitId?.value;
    if (!from) return;
    const parent = file.parent?.value;
    // An unknown parent is reported as `unknown-unit`; advice naming it would mislead.
    if (parent !== undefined && !ctx.index.units.has(parent)) return;
    for (const kr of file.krs) {
      for (const ref of kr.supports) {
        const res = ctx.index.resolve(ref, from);
        if (!res.ok || res.entity.kind !== 'kr' || res.entity.unit === parent) continue;
        const target = res.entity;
        // A link that closes a loop is reported once, as a `cycle`.
        if (ctx.index.onLoop(kr, target)) continue;
        const why = !parent
          ? `unit \`${from}\` has no parent, so its KRs have nothing above them to support`
          : target.unit === from
            ? `that KR is in the same unit; link to a KR of the parent unit \`${parent}\``
            : `\`${target.unit}\` is not the parent unit \`${parent}\`; link to a KR of \`${parent}\` instead`;
        ctx.report(ref.span, `\`${kr.id}\` supports \`${ref.raw}\`, but ${why}`);
      }
    }
  },
};
