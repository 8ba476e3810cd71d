/**
 * The portfolio of a large company as it goes to a page: each product section
 * that is not open carries only what a closed section shows and counts (its
 * lanes with their outcomes, and per card the few fields the counts and
 * filters read: ref, kind, column, unit, confidence, status, type), marked
 * `elided`; the page asks for a section's cards when it is opened (the preview
 * names the open sections in `okr/roadmap`'s `open`; an exported page holds
 * each section's cards in a block of its own, parsed when opened). The
 * company's own lanes keep only the cards no section holds (the page draws
 * those in a section of their own; the others it draws in their product).
 * A portfolio of at most `LARGE_MODEL` cards goes whole: its sections start open.
 */
import type { Card, Lane, PortfolioSection, RoadmapModel } from './model';

/** Above this many cards a model is large: portfolio sections, lanes and long lists start closed. */
export const LARGE_MODEL = 400;

/** The cards of a section (its lanes' and its unlinked ones). */
export function sectionCards(s: Pick<PortfolioSection, 'lanes' | 'unlinked'>): Card[] {
  const out: Card[] = [];
  for (const l of s.lanes) for (const c of l.cards) out.push(c);
  for (const c of s.unlinked) out.push(c);
  return out;
}

/** The distinct cards of a model: every lane, section and unlinked lane, each ref once. */
export function distinctCardCount(model: RoadmapModel): number {
  const refs = new Set<string>();
  for (const l of model.lanes) for (const c of l.cards) refs.add(c.ref);
  for (const c of model.unlinked) refs.add(c.ref);
  for (const s of model.sections ?? []) for (const c of sectionCards(s)) refs.add(c.ref);
  return refs.size;
}

/** Whether `elidePortfolio` leaves anything out of this model (a portfolio with sections, large). */
export function isElidable(model: RoadmapModel): boolean {
  return model.view === 'portfolio' && !!model.sections?.length && distinctCardCount(model) > LARGE_MODEL;
}

/**
 * What a closed section keeps of a card: what its counts and the filters read
 * (no title, links or location: a page never draws the card of an elided section).
 */
export type SkeletonCard = Pick<Card, 'ref' | 'kind' | 'column' | 'unit' | 'confidence' | 'status' | 'type'>;

export function skeletonCard(c: Card): SkeletonCard {
  const s: SkeletonCard = { ref: c.ref, kind: c.kind, column: c.column, unit: c.unit };
  if (c.confidence) s.confidence = c.confidence;
  if (c.status) s.status = c.status;
  if (c.type) s.type = c.type;
  return s;
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

/** A section with its cards reduced to their skeletons. */
export function elideSection(s: PortfolioSection): PortfolioSection {
  // Typed as cards: the page reads only the skeleton's fields of an elided section's cards.
  const skeletons = (cards: Card[]): Card[] => cards.map(skeletonCard) as Card[];
  return { ...s, lanes: s.lanes.map((l) => ({ ...l, cards: skeletons(l.cards) })), unlinked: skeletons(s.unlinked), elided: true };
}
