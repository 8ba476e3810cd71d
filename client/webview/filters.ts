/** Client-side card filters (unit, confidence, status, type) and their choices. */
import type { Card, RoadmapModel } from '../../server/src/core/roadmap/model';
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

/** Every card of the model, in every lane, section and the unlinked lane. */
export function allCards(model: RoadmapModel): Card[] {
  const out: Card[] = [];
  for (const l of model.lanes) out.push(...l.cards);
  out.push(...model.unlinked);
  for (const s of model.sections ?? []) {
    for (const l of s.lanes) out.push(...l.cards);
    out.push(...s.unlinked);
  }
  return out;
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
  const sets: Record<keyof Filters, Set<string>> = { unit: new Set(), confidence: new Set(), status: new Set(), type: new Set() };
  for (const c of allCards(model)) {
    sets.unit.add(c.unit);
    sets.confidence.add(c.confidence ?? 'none');
    sets.status.add(c.status ?? 'none');
    sets.type.add(cardType(c));
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
