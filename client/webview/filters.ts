/** Client-side card filters (unit, confidence, status, type) and their choices. */
import type { Card, PortfolioSection, RoadmapModel } from '../../server/src/core/roadmap/model';
import type { Filters } from './state';
import { FILTER_KEYS } from './state';

/** True when the card passes every active filter. */
export function matches(card: Card, f: Filters): boolean {
  if (f.unit && card.unit !== f.unit) return false;
  if (f.confidence && (card.confidence ?? 'none') !== f.confidence) return false;
  if (f.status && (card.status ?? 'none') !== f.status) return false;
  if (f.type && cardType(card) !== f.type) return false;
  return true;
}

/** The type label a card is filtered by: its `type`, or `kr` for initiatives, or `none`. */
export function cardType(card: Card): string {
  return card.kind === 'kr' ? 'kr' : card.type ?? 'none';
}

export function filterCards(cards: readonly Card[], f: Filters): Card[] {
  return cards.filter((c) => matches(c, f));
}

/**
 * Every card of the model, in every lane, section and the unlinked lane.
 * Read-only; remembered per model and per section object (a draw asks several
 * times, and an update keeps most sections of a large portfolio).
 */
export function allCards(model: RoadmapModel): Card[] {
  let out = modelCards.get(model);
  if (out) return out;
  out = [];
  for (const l of model.lanes) for (const c of l.cards) out.push(c);
  for (const c of model.unlinked) out.push(c);
  for (const s of model.sections ?? []) for (const c of cardsOf(s)) out.push(c);
  modelCards.set(model, out);
  return out;
}
const modelCards = new WeakMap<RoadmapModel, Card[]>();
const sectionCards = new WeakMap<PortfolioSection, Card[]>();

function cardsOf(s: PortfolioSection): Card[] {
  let out = sectionCards.get(s);
  if (!out) {
    out = [];
    for (const l of s.lanes) for (const c of l.cards) out.push(c);
    for (const c of s.unlinked) out.push(c);
    sectionCards.set(s, out);
  }
  return out;
}

/** The values of each filter among some cards. */
type ChoiceSets = Record<keyof Filters, Set<string>>;
const sectionChoices = new WeakMap<PortfolioSection, ChoiceSets>();

function addChoices(sets: ChoiceSets, cards: Iterable<Card>): void {
  for (const c of cards) {
    sets.unit.add(c.unit);
    sets.confidence.add(c.confidence ?? 'none');
    sets.status.add(c.status ?? 'none');
    sets.type.add(cardType(c));
  }
}

const ORDER: Record<string, readonly string[]> = {
  confidence: ['high', 'medium', 'low', 'none'],
  status: ['idea', 'planned', 'active', 'done', 'dropped', 'none'],
};

/**
 * The values each filter can take in this model, in a sensible order. A value
 * currently selected is kept even when no card has it, so it can be seen and cleared.
 */
export function filterChoices(model: RoadmapModel, current: Filters): Record<keyof Filters, string[]> {
  const fresh = (): ChoiceSets => ({ unit: new Set(), confidence: new Set(), status: new Set(), type: new Set() });
  const sets = fresh();
  for (const l of model.lanes) addChoices(sets, l.cards);
  addChoices(sets, model.unlinked);
  // Each section's values once per section object.
  for (const s of model.sections ?? []) {
    let own = sectionChoices.get(s);
    if (!own) { own = fresh(); addChoices(own, cardsOf(s)); sectionChoices.set(s, own); }
    for (const k of FILTER_KEYS) for (const v of own[k]) sets[k].add(v);
  }
  const out = {} as Record<keyof Filters, string[]>;
  for (const k of FILTER_KEYS) {
    if (current[k]) sets[k].add(current[k]);
    const order = ORDER[k];
    out[k] = [...sets[k]].sort((a, b) => order
      ? rank(order, a) - rank(order, b) || a.localeCompare(b)
      : a.localeCompare(b));
  }
  return out;
}

function rank(order: readonly string[], v: string): number {
  const i = order.indexOf(v);
  return i < 0 ? order.length : i;
}
