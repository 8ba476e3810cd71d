import type { CascadeIndex } from '../link';
import { refSites, type Rule } from './types';

/** The parent-unit chain of `unit` loops back to it. */
export function parentCycle(index: CascadeIndex, unit: string): boolean {
  const seen = new Set<string>();
  for (let p = index.parentOf(unit); p; p = index.parentOf(p.id)) {
    if (p.id === unit) return true;
    if (seen.has(p.id)) return false;
    seen.add(p.id);
  }
  return false;
}

/** Every reference on a loop is marked, so each file of the loop shows it. */
export const cycle: Rule = {
  code: 'cycle',
  severity: 'error',
  summary: '`supports`, `parent` or `depends_on` loops back on itself.',
  help: 'Links point one way: a team KR supports a product KR, which supports a company KR; an item depends on earlier items. Remove the link that closes the loop.',
  check(file, ctx) {
    const from = file.unitId?.value;
    if (!from) return;
    if (file.parent && ctx.index.units.get(from)?.primary === file && (file.parent.value === from || parentCycle(ctx.index, from))) {
      const self = file.parent.value === from;
      ctx.report(file.parent.span, self ? `Unit \`${from}\` names itself as its parent; name the unit above it` : `The parent chain of \`${from}\` loops back to it; the cascade must be a tree`);
    }
    for (const { ref, owner, expects, field } of refSites(file)) {
      if (field === 'supports' && owner.kind === 'item') continue; // items support KRs: no loop possible
      const res = ctx.index.resolve(ref, from);
      if (!res.ok || res.entity.kind !== expects) continue;
      if (!ctx.index.onLoop(owner, res.entity)) continue;
      const what = field === 'supports' ? 'supports' : 'depends on';
      ctx.report(ref.span, res.entity === owner
        ? `\`${owner.id}\` ${what} itself; remove this reference`
        : `\`${owner.id}\` ${what} \`${ref.raw}\`, which leads back to \`${owner.id}\`: a cycle. Remove the link that closes the loop`);
    }
  },
};
