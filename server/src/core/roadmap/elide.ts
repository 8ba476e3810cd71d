/**
 * The portfolio of a large company as it goes to a page: each product section
 * that is not open carries only what a closed section shows and counts (its
 * lanes with their outcomes and no cards, and a `tally` of its cards: per card
 * the few fields the counts and filters read, kind, column, unit, confidence,
 * status and type, interned: a number per card), marked `elided`; the page asks for a section's cards when it is opened (the preview
 * names the open sections in `okr/roadmap`'s `open`; an exported page holds
 * each section's cards in a block of its own, parsed when opened). The
 * company's own lanes keep only the cards no section holds (the page draws
 * those in a section of their own; the others it draws in their product).
 * A portfolio of at most `LARGE_MODEL` cards goes whole: its sections start open.
 */
import type { Card, Lane, PortfolioSection, RoadmapModel, SectionTally } from './model';

/** Above this many cards a model is large: portfolio sections, lanes and long lists start closed. */
export const LARGE_MODEL = 400;

/** The cards of a section (its lanes' and its unlinked ones; an elided section's, as skeletons). */
export function sectionCards(s: Pick<PortfolioSection, 'lanes' | 'unlinked' | 'tally'>): Card[] {
  if (s.tally) s = expandTally(s as PortfolioSection);
  const out: Card[] = [];
  for (const l of s.lanes) for (const c of l.cards) out.push(c);
  for (const c of s.unlinked) out.push(c);
  return out;
}

/** The distinct cards of a model: every lane, section and unlinked lane, each ref once (an elided section's each once). */
export function distinctCardCount(model: RoadmapModel): number {
  const refs = new Set<string>();
  for (const l of model.lanes) for (const c of l.cards) refs.add(c.ref);
  for (const c of model.unlinked) refs.add(c.ref);
  let tallied = 0;
  for (const s of model.sections ?? []) {
    if (s.tally) tallied += s.tally.unlinked.length + s.tally.lanes.reduce((n, l) => n + l.length, 0);
    else for (const c of sectionCards(s)) refs.add(c.ref);
  }
  return refs.size + tallied;
}

/** Whether `elidePortfolio` leaves anything out of this model (a portfolio with sections, large). */
export function isElidable(model: RoadmapModel): boolean {
  return model.view === 'portfolio' && !!model.sections?.length && distinctCardCount(model) > LARGE_MODEL;
}

/**
 * What a closed section's card is to a page: what its counts and filters read
 * (no title, links or location: a page never draws the card of an elided
 * section). Its ref is made up (`#<unit>/<n>`, no real ref starts with `#`).
 */
export type SkeletonCard = Pick<Card, 'ref' | 'kind' | 'column' | 'unit' | 'confidence' | 'status' | 'type'>;

/** The tally of a section's cards (see SectionTally). */
export function tallyOf(s: Pick<PortfolioSection, 'lanes' | 'unlinked'>): SectionTally {
  const kinds: SectionTally['kinds'] = [];
  const seen = new Map<string, number>();
  const index = (c: Card): number => {
    const k: SectionTally['kinds'][number] = [c.kind, c.column, c.unit, c.confidence ?? '', c.status ?? '', c.type ?? ''];
    const key = k.join('\u0000');
    let i = seen.get(key);
    if (i === undefined) { i = kinds.length; kinds.push(k); seen.set(key, i); }
    return i;
  };
  return { kinds, lanes: s.lanes.map((l) => l.cards.map(index)), unlinked: s.unlinked.map(index) };
}

/**
 * An elided section with its tally turned back into skeleton cards in its lanes
 * (what a page counts and filters), `tally` dropped; any other section as it is.
 */
export function expandTally(s: PortfolioSection): PortfolioSection {
  const t = s.tally;
  if (!t) return s;
  const skeletons = t.kinds.map(([kind, column, unit, confidence, status, type]) => {
    const c: SkeletonCard = { ref: '', kind, column, unit };
    if (confidence) c.confidence = confidence as Card['confidence'];
    if (status) c.status = status as Card['status'];
    if (type) c.type = type;
    return c;
  });
  let n = 0;
  // Typed as cards: the page reads only the skeleton's fields of an elided section's cards.
  const cards = (list: number[] | undefined): Card[] => (list ?? []).map((k) => ({ ...skeletons[k], ref: `#${s.unit}/${++n}` }) as Card);
  const { tally: _, ...rest } = s;
  return { ...rest, lanes: s.lanes.map((l, i) => ({ ...l, cards: cards(t.lanes[i]) })), unlinked: cards(t.unlinked) };
}

/**
 * The model with every section whose unit is not in `open` elided (see above),
 * and the top unit's lanes without the cards a section holds. Other models,
 * and portfolios of at most LARGE_MODEL cards, are returned as they are.
 */
export function elidePortfolio(model: RoadmapModel, open: Iterable<string> = []): RoadmapModel {
  if (!isElidable(model)) return model;
  const keep = new Set(open);
  const held = new Set<string>();
  for (const s of model.sections ?? []) for (const c of sectionCards(s)) held.add(c.ref);
  const rest = (cards: Card[]): Card[] => cards.filter((c) => !held.has(c.ref));
  const lanes: Lane[] = model.lanes.map((l) => ({ ...l, cards: rest(l.cards) }));
  const sections = (model.sections ?? []).map((s) => keep.has(s.unit) ? s : elideSection(s));
  return { ...model, lanes, unlinked: rest(model.unlinked), sections };
}

/** A section with its cards left out, their tally kept. */
export function elideSection(s: PortfolioSection): PortfolioSection {
  return { ...s, lanes: s.lanes.map((l) => ({ ...l, cards: [] })), unlinked: [], elided: true, tally: tallyOf(s) };
}
