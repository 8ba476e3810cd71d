import { Suggester } from '../text';
import { sitesOf, type Rule, type RuleContext } from './types';
import { didYouMean } from './unknown-unit';

interface Candidates {
  /** By id alone: `KR9` → `KR1` (its full reference through `full`). */
  ids: Suggester;
  full: Map<string, string>;
  /** By the reference as written: `acme/KR9` → `acme/KR1`. */
  refs: Suggester;
}

/**
 * The references a broken one could have meant: the ids of the expected kind
 * in the unit it names (as written, with its `unit/` prefix), and for a KR's
 * same-unit `supports`, the parent's KRs too. Built once per file check and
 * unit, so N broken references cost about N, not N × ids.
 */
function candidates(ctx: RuleContext, unit: string, kind: 'kr' | 'item', prefix: string, parent: string | undefined): Candidates {
  return ctx.memo(`candidates\0${unit}\0${kind}\0${prefix}\0${parent ?? ''}`, () => {
    const all: string[] = [];
    const ofKind = (u: string, p: string) => {
      for (const e of ctx.index.units.get(u)?.entities.values() ?? []) if (e.kind === kind) all.push(p + e.id);
    };
    ofKind(unit, prefix);
    if (parent) ofKind(parent, `${parent}/`);
    const make = (): Candidates => {
      const full = new Map(all.map((c) => [c.slice(c.indexOf('/') + 1), c]));
      return { ids: new Suggester(full.keys()), full, refs: new Suggester(all) };
    };
    // The same candidates as in an earlier check (a KR renamed and back): the same suggesters, with what they answered then.
    return ctx.lasting ? ctx.lasting(`candidates\0${all.join('\0')}`, make) : make();
  });
}

export const brokenLink: Rule = {
  code: 'broken-link',
  severity: 'error',
  summary: 'A reference names nothing.',
  help: 'Point the reference at an existing id: `ID` in the same unit or `unit/ID` elsewhere. The closest ids are offered as quick fixes.',
  check(file, ctx) {
    const from = file.unitId?.value;
    if (!from) return;
    for (const { ref, expects, owner } of sitesOf(file, ctx)) {
      const res = ctx.index.resolve(ref, from);
      if (res.ok || res.reason !== 'broken') continue;
      const prefix = ref.unit === undefined ? '' : `${ref.unit}/`;
      // A KR's `supports: KR2` usually means the parent's KR2.
      const parent = owner.kind === 'kr' && ref.unit === undefined ? ctx.index.parentOf(from)?.id : undefined;
      // The same broken reference in many files (a renamed KR) is matched once.
      const suggestions = ctx.memo(`suggest\0${res.unit}\0${expects}\0${prefix}\0${parent ?? ''}\0${ref.id}\0${ref.raw}`, () => {
        const c = candidates(ctx, res.unit, expects, prefix, parent);
        return c.ids.closest(ref.id, 5).map((id) => c.full.get(id)!)
          .concat(c.refs.closest(ref.raw, 5))
          .filter((s, i, all) => all.indexOf(s) === i)
          .slice(0, 3);
      });
      const what = expects === 'kr' ? 'key result' : 'roadmap item';
      const where = ref.unit === undefined ? 'this unit' : `unit \`${ref.unit}\``;
      ctx.report(ref.span, `\`${ref.raw}\` names no ${what}: there is no \`${ref.id}\` in ${where}${didYouMean(suggestions)}`, { suggestions: suggestions.slice() });
    }
  },
};
