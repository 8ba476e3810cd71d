/**
 * The portfolio view of a company: the company's key results as a strip, then
 * one section per product (model.sections), each a board of its lanes. Cards
 * of the company's own lanes that no section holds get a section of their
 * own, so nothing is drawn twice and nothing is lost.
 */
import type { Card, Lane } from '../../server/src/core/roadmap/model';
import { countLabel } from './cards';
import type { Ctx } from './context';
import { h } from './dom';
import { renderBoard, renderOutcome } from './lanes';

export function renderPortfolio(ctx: Ctx): HTMLElement {
  const m = ctx.model;
  const wrap = h('div', { class: 'portfolio' });
  const sections = m.sections ?? [];
  const name = m.title ?? m.unit;
  if (!sections.length) {
    wrap.appendChild(section(m.unit, name, m.unit, ctx, m.lanes, m.unlinked));
    return wrap;
  }

  const outcomes = m.lanes.flatMap((l) => l.outcomes);
  if (outcomes.length) {
    wrap.appendChild(h('section', { class: 'portfolio__company', 'aria-label': `${name} key results` },
      h('header', { class: 'portfolio__head' },
        h('h2', { class: 'portfolio__title' }, name),
        h('span', { class: 'portfolio__sub' }, 'company key results')),
      h('ul', { class: 'outcomes outcomes--strip', 'aria-label': 'Company key results' }, outcomes.map(renderOutcome))));
  }

  const shown = new Set<string>();
  for (const s of sections) for (const c of [...s.lanes.flatMap((l) => l.cards), ...s.unlinked]) shown.add(c.ref);
  for (const s of sections) wrap.appendChild(section(s.unit, s.title, s.unit, ctx, s.lanes, s.unlinked));

  const rest = (cards: Card[]): Card[] => cards.filter((c) => !shown.has(c.ref));
  const ownLanes: Lane[] = m.lanes.map((l) => ({ ...l, cards: rest(l.cards) })).filter((l) => l.cards.length);
  const ownUnlinked = rest(m.unlinked);
  if (ownLanes.length || ownUnlinked.length) {
    wrap.appendChild(section(m.unit, name, 'company level, outside every product', ctx, ownLanes, ownUnlinked));
  }
  return wrap;
}

function section(unit: string, title: string, sub: string, ctx: Ctx, lanes: Lane[], unlinked: Card[]): HTMLElement {
  const cards = [...lanes.flatMap((l) => l.cards), ...unlinked];
  const el = h('section', { class: 'portfolio__section', 'data-unit': unit, 'aria-label': title });
  el.appendChild(h('header', { class: 'portfolio__head' },
    h('h2', { class: 'portfolio__title' }, title),
    h('span', { class: 'portfolio__sub' }, sub),
    h('span', { class: 'portfolio__count' }, [`${lanes.length} ${lanes.length === 1 ? 'objective' : 'objectives'}`, countLabel(cards)].filter(Boolean).join(' · '))));
  el.appendChild(renderBoard({ unit, unitTitle: title, lanes, unlinked }, ctx));
  return el;
}
