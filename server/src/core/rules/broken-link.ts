import type { Entity } from '../model';
import { closest } from '../text';
import { refSites, type Rule } from './types';
import { didYouMean } from './unknown-unit';

export const brokenLink: Rule = {
  code: 'broken-link',
  severity: 'error',
  summary: 'A reference names nothing.',
  help: 'Point the reference at an existing id: `ID` in the same unit or `unit/ID` elsewhere. The closest ids are offered as quick fixes.',
  check(file, ctx) {
    const from = file.unitId?.value;
    if (!from) return;
    for (const { ref, expects, owner } of refSites(file)) {
      const res = ctx.index.resolve(ref, from);
      if (res.ok || res.reason !== 'broken') continue;
      const unit = ctx.index.units.get(res.unit)!;
      const ofKind = (u: { entities: Map<string, Entity> }) => [...u.entities.values()].filter((e) => e.kind === expects).map((e) => e.id);
      const prefix = ref.unit === undefined ? '' : `${ref.unit}/`;
      let candidates = ofKind(unit).map((id) => prefix + id);
      // A KR's `supports: KR2` usually means the parent's KR2.
      const parent = owner.kind === 'kr' && ref.unit === undefined ? ctx.index.parentOf(from) : undefined;
      if (parent) candidates = candidates.concat(ofKind(parent).map((id) => `${parent.id}/${id}`));
      const byId = new Map(candidates.map((c) => [c.slice(c.indexOf('/') + 1), c]));
      const suggestions = closest(ref.id, candidates.map((c) => c.slice(c.indexOf('/') + 1)), false, 5)
        .map((id) => byId.get(id)!)
        .concat(closest(ref.raw, candidates, false, 5))
        .filter((s, i, all) => all.indexOf(s) === i)
        .slice(0, 3);
      const what = expects === 'kr' ? 'key result' : 'roadmap item';
      const where = ref.unit === undefined ? 'this unit' : `unit \`${ref.unit}\``;
      ctx.report(ref.span, `\`${ref.raw}\` names no ${what}: there is no \`${ref.id}\` in ${where}${didYouMean(suggestions)}`, { suggestions });
    }
  },
};
