/**
 * The portfolio view of a company: the unit's own key results as a strip, then
 * one section per unit below (model.sections), each a board of its lanes that
 * opens and closes. A large portfolio starts with every section closed (one
 * summary line each) and its lanes summarised as counts, so it draws at once
 * whatever its size; a click opens what the reader wants. Cards of the unit's
 * own lanes that no section holds get a section of their own, so nothing is
 * drawn twice and nothing is lost. Headings stay in view when the boards
 * scroll sideways.
 */
import type { Card, Lane, PortfolioSection } from '../../server/src/core/roadmap/model';
import { countLabel } from './cards';
import type { Ctx } from './context';
import { h, plural } from './dom';
import { filterCards } from './filters';
import { renderBoard, renderOutcome } from './lanes';
import { stubOf } from './memo';
import { isOpen } from './state';

/** "company key results", "product key results", "key results" (no level). */
export function krLabel(level: string | undefined): string {
  return level ? `${level} key results` : 'key results';
}

export function renderPortfolio(ctx: Ctx): HTMLElement {
  const m = ctx.model;
  const wrap = h('div', { class: 'portfolio' });
  const sections = m.sections ?? [];
  const name = m.title ?? m.unit;
  if (!sections.length) {
    wrap.appendChild(section(ctx, { unit: m.unit, title: name, level: m.level, lanes: m.lanes, unlinked: m.unlinked }, true));
    return wrap;
  }

  const outcomes = m.lanes.flatMap((l) => l.outcomes);
  if (outcomes.length) {
    const label = krLabel(m.level);
    wrap.appendChild(h('section', { class: 'portfolio__top', 'aria-label': `${name}: ${label}`, 'data-key': 'top' },
      h('header', { class: 'portfolio__head portfolio__head--top' },
        h('h2', { class: 'portfolio__title' }, name),
        h('span', { class: 'portfolio__sub' }, label)),
      h('ul', { class: 'outcomes outcomes--strip', 'aria-label': `${name}: ${label}` }, outcomes.map((o) => renderOutcome(o, ctx)))));
  }

  // (An elided section's cards are never in the unit's own lanes: core/roadmap/elide.ts took them out.)
  const held = new Set<string>();
  for (const s of sections) {
    if (s.elided) continue;
    for (const l of s.lanes) for (const c of l.cards) held.add(c.ref);
    for (const c of s.unlinked) held.add(c.ref);
  }
  for (const s of sections) wrap.appendChild(closedOrOpen(ctx, s));

  const rest = (cards: Card[]): Card[] => cards.filter((c) => !held.has(c.ref));
  const ownLanes: Lane[] = m.lanes.map((l) => ({ ...l, cards: rest(l.cards) })).filter((l) => l.cards.length);
  const ownUnlinked = rest(m.unlinked);
  if (ownLanes.length || ownUnlinked.length) {
    wrap.appendChild(section(ctx, { unit: m.unit, title: name, level: `${m.level ?? 'unit'} level, outside every section`, lanes: ownLanes, unlinked: ownUnlinked }, false));
  }
  return wrap;
}

/**
 * A product's section; a closed one is built again only when it, the filters or
 * what is large changed (memo.ts): an update that changed another product skips it.
 */
function closedOrOpen(ctx: Ctx, s: PortfolioSection): HTMLElement {
  const memo = ctx.memo;
  if (!memo || isOpen(ctx.state, `section:${s.unit}`, !ctx.large)) return section(ctx, s, false);
  const sig = `closed|${memo.id(s)}|${ctx.large}|${JSON.stringify(ctx.state.filters)}`;
  return memo.part(`section:${s.unit}`, sig, () => stubOf('section', { 'data-unit': s.unit }), () => section(ctx, s, false));
}

function section(ctx: Ctx, s: PortfolioSection, only: boolean): HTMLElement {
  const id = `section:${s.unit}`;
  const open = only || isOpen(ctx.state, id, !ctx.large);
  const cards = filterCards([...s.lanes.flatMap((l) => l.cards), ...s.unlinked], ctx.state.filters);
  const unsupported = s.lanes.flatMap((l) => l.outcomes).filter((o) => o.supportedBy === 0).length;
  const unlinked = filterCards(s.unlinked, ctx.state.filters).length;
  const el = h('section', { class: open ? 'portfolio__section' : 'portfolio__section is-closed', 'data-unit': s.unit, 'aria-label': s.title });
  // An id of its own while the memo keeps a closed section's element across draws.
  const headId = ctx.memo ? `okr-section-s${ctx.memo.slot(id)}` : ctx.id('section');
  el.appendChild(h('header', { class: 'portfolio__head' },
    only ? null : h('button', {
      class: 'lane__toggle', type: 'button', 'data-action': 'toggle-section', 'data-section': id, 'data-key': `toggle:${id}`,
      'aria-expanded': open ? 'true' : 'false', 'aria-labelledby': headId, title: open ? 'Close this section' : 'Open this section',
    }, h('span', { class: 'lane__chevron', 'aria-hidden': 'true' })),
    h('h2', { class: 'portfolio__title', id: headId }, s.title),
    s.level ? h('span', { class: 'portfolio__sub' }, s.level) : null,
    h('span', { class: 'portfolio__count' }, [plural(s.lanes.length, 'objective'), countLabel(cards)].filter(Boolean).join(' · ')),
    unsupported ? h('span', { class: 'portfolio__warn', title: 'Key results that no item and no KR below supports' }, `⚠ ${unsupported} unsupported ${unsupported === 1 ? 'KR' : 'KRs'}`) : null,
    unlinked ? h('span', { class: 'portfolio__warn', title: 'Items whose chain reaches no objective of this unit' }, `⚠ ${unlinked} unlinked`) : null));
  // Opened but its cards not here yet (an elided section: the host or the page brings them).
  if (open && s.elided) el.appendChild(h('p', { class: 'portfolio__loading', role: 'status', 'data-key': `loading:${id}` }, `Loading ${countLabel(cards) || 'the cards'}…`));
  else if (open) el.appendChild(renderBoard({ unit: s.unit, unitTitle: s.title, lanes: s.lanes, unlinked: s.unlinked }, ctx));
  return el;
}
