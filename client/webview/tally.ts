/**
 * The elided sections of a large portfolio (core/roadmap/elide.ts) come with
 * their cards as a tally (a number per card); the renderer counts and filters
 * skeleton cards. This checks a tally and turns it back into skeletons, once
 * per section object (a delta keeps the sections it did not change, so an
 * update does not expand them again); and fills an exported page's open
 * sections with the cards it holds.
 */
import { expandTally } from '../../server/src/core/roadmap/elide';
import type { PortfolioSection, RoadmapModel } from '../../server/src/core/roadmap/model';

const isIndexList = (x: unknown, n: number): boolean =>
  Array.isArray(x) && x.every((i) => Number.isInteger(i) && (i as number) >= 0 && (i as number) < n);

/** A well-formed tally of a section of `lanes` lanes. */
export function isTally(t: unknown, lanes: number): boolean {
  if (typeof t !== 'object' || t === null) return false;
  const { kinds, lanes: perLane, unlinked } = t as Record<string, unknown>;
  return Array.isArray(kinds) && kinds.every((k) => Array.isArray(k) && k.length === 6 && k.every((f) => typeof f === 'string') && (k[0] === 'item' || k[0] === 'kr'))
    && Array.isArray(perLane) && perLane.length === lanes && perLane.every((l) => isIndexList(l, kinds.length))
    && isIndexList(unlinked, kinds.length);
}

/** Expands the tallies of a model's sections (each section object once, remembered in `memo`). */
export function withSkeletons(model: RoadmapModel, memo: WeakMap<PortfolioSection, PortfolioSection>): RoadmapModel {
  if (!model.sections?.some((s) => s.tally)) return model;
  const sections = model.sections.map((s) => {
    if (!s.tally) return s;
    let e = memo.get(s);
    if (!e) { e = expandTally(s); memo.set(s, e); }
    return e;
  });
  return { ...model, sections };
}

/**
 * An exported page: the model with the open elided sections given their whole
 * cards by `section` (what the page holds of them), or undefined if none was.
 */
export function fillSections(model: RoadmapModel, open: readonly string[], section: (unit: string) => Pick<PortfolioSection, 'lanes' | 'unlinked'> | undefined): RoadmapModel | undefined {
  const want = new Set(open);
  let filled = false;
  const sections = (model.sections ?? []).map((s) => {
    const got = s.elided && want.has(s.unit) ? section(s.unit) : undefined;
    if (!got) return s;
    filled = true;
    const { elided: _, tally: __, ...rest } = s;
    return { ...rest, lanes: got.lanes, unlinked: got.unlinked };
  });
  return filled ? { ...model, sections } : undefined;
}
