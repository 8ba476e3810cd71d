/**
 * Marking the card (outcome, trace node) under the editor's cursor, and
 * revealing it: the only scroll the preview makes that the reader did not ask
 * for in the preview itself. A card that is not drawn (its lane or section
 * closed, its quarter folded into "Earlier", beyond a cell's "Show more") marks
 * what stands for it instead.
 */
import type { Card, RoadmapModel } from '../../server/src/core/roadmap/model';
import { EARLIER } from './lanes';

const esc = (s: string): string => (typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(s) : s.replace(/["\\]/g, '\\$&'));

export function applyHighlight(root: HTMLElement, model: RoadmapModel | undefined, ref: string | null, scroll: boolean): void {
  root.querySelectorAll('.is-highlighted').forEach((e) => e.classList.remove('is-highlighted'));
  if (!ref) return;
  let targets = [...root.querySelectorAll<HTMLElement>(`[data-ref="${esc(ref)}"]`)].filter((e) => !e.closest('.legend'));
  if (!targets.length && model) targets = standIns(root, model, ref);
  let first: HTMLElement | undefined;
  for (const el of targets) {
    const details = el.closest('details');
    if (details && !details.open && scroll) details.open = true;
    el.classList.add('is-highlighted');
    first ??= el;
  }
  if (!scroll || !first) return;
  const smooth = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  const behavior: ScrollBehavior = smooth ? 'smooth' : 'auto';
  const scroller = first.closest<HTMLElement>('.scroller');
  // In the sticky lane column (an outcome, a lane heading): it is always in view sideways.
  if (scroller && first.closest('.lane__head')) scrollVertically(scroller, first, behavior);
  else first.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior });
}

/** What is drawn in place of a card that is not: the lane heading, the "Earlier" cell, the "Show more" button, the section heading. */
function standIns(root: HTMLElement, model: RoadmapModel, ref: string): HTMLElement[] {
  const out: HTMLElement[] = [];
  const lanes: { id: string; cards: Card[]; section?: string }[] = [
    ...model.lanes.map((l) => ({ id: l.id, cards: l.cards })),
    { id: `${model.unit}/#unlinked`, cards: model.unlinked },
    ...(model.sections ?? []).flatMap((s) => [
      ...s.lanes.map((l) => ({ id: l.id, cards: l.cards, section: s.unit })),
      { id: `${s.unit}/#unlinked`, cards: s.unlinked, section: s.unit },
    ]),
  ];
  for (const lane of lanes) {
    const card = lane.cards.find((c) => c.ref === ref);
    if (!card) continue;
    const row = root.querySelector<HTMLElement>(`.lane[data-lane="${esc(lane.id)}"]`);
    if (!row) {
      const head = lane.section ? root.querySelector<HTMLElement>(`.portfolio__section[data-unit="${esc(lane.section)}"] > .portfolio__head`) : null;
      if (head && !out.includes(head)) out.push(head);
      continue;
    }
    const cell = row.querySelector<HTMLElement>(`.cell[data-column="${esc(card.column)}"]`);
    const stand = row.classList.contains('lane--collapsed') ? row.querySelector<HTMLElement>('.lane__head')
      : cell ? cell.querySelector<HTMLElement>('.cell__more') // filtered out when there is none
        : row.querySelector<HTMLElement>(`.cell[data-column="${EARLIER}"]`);
    if (stand) out.push(stand);
  }
  return out;
}

/** Scrolls `scroller` up or down just enough to show `el` below the sticky header (scroll-padding-top). */
export function scrollVertically(scroller: HTMLElement, el: HTMLElement, behavior: ScrollBehavior): void {
  const pad = parseFloat(getComputedStyle(scroller).scrollPaddingTop) || 0;
  const s = scroller.getBoundingClientRect();
  const r = el.getBoundingClientRect();
  const margin = 8;
  let dy = 0;
  if (r.top < s.top + pad + margin) dy = r.top - (s.top + pad + margin);
  else if (r.bottom > s.top + scroller.clientHeight - margin) dy = Math.min(r.bottom - (s.top + scroller.clientHeight - margin), r.top - (s.top + pad + margin));
  if (dy) scroller.scrollBy({ top: dy, behavior });
}
