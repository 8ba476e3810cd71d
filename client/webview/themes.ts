/**
 * The themes view (for executives): one block per objective with its outcomes
 * prominent; cards are only counted, and can still be listed.
 */
import type { Card, Lane } from '../../server/src/core/roadmap/model';
import { countLabel, renderCard } from './cards';
import type { Ctx } from './context';
import { h, plural, refId } from './dom';
import { filterCards } from './filters';
import { moreButton, renderOutcome, unlinkedLaneId } from './lanes';
import { isOpen } from './state';

const STATUS_ORDER = ['active', 'planned', 'idea', 'done', 'dropped'];

export function renderThemes(ctx: Ctx): HTMLElement {
  const outer = h('div', { class: 'themes-view' }, summary(ctx));
  const wrap = h('div', { class: 'themes', role: 'list', 'aria-label': 'Themes' });
  outer.appendChild(wrap);
  for (const lane of ctx.model.lanes) wrap.appendChild(themeBlock(lane, ctx, false));
  if (ctx.model.unlinked.length) {
    const lane: Lane = { id: unlinkedLaneId(ctx.model.unit), title: 'Unlinked', outcomes: [], cards: ctx.model.unlinked };
    wrap.appendChild(themeBlock(lane, ctx, true));
  }
  return outer;
}

/** One line for executives: objectives, key results (unsupported ones), bets, unlinked. */
function summary(ctx: Ctx): HTMLElement {
  const m = ctx.model;
  const outcomes = m.lanes.flatMap((l) => l.outcomes);
  const unsupported = outcomes.filter((o) => o.supportedBy === 0).length;
  const cards = filterCards(m.lanes.flatMap((l) => l.cards), ctx.state.filters);
  const unlinked = filterCards(m.unlinked, ctx.state.filters).length;
  return h('div', { class: 'themes__summary' },
    h('span', {}, plural(m.lanes.length, 'objective')),
    h('span', {}, plural(outcomes.length, 'key result')),
    cards.length ? h('span', {}, countLabel(cards)) : null,
    unsupported ? h('span', { class: 'themes__warn' }, `⚠ ${unsupported} unsupported ${unsupported === 1 ? 'KR' : 'KRs'}`) : null,
    unlinked ? h('span', { class: 'themes__warn' }, `⚠ ${unlinked} unlinked`) : null);
}

function themeBlock(lane: Lane, ctx: Ctx, unlinked: boolean): HTMLElement {
  const cards = filterCards(lane.cards, ctx.state.filters);
  const block = h('section', {
    class: unlinked ? 'theme lane--unlinked' : 'theme',
    role: 'listitem',
    'data-lane': lane.id,
    'aria-label': unlinked ? 'Unlinked items' : `Objective ${refId(lane.id)}: ${lane.title}`,
  });
  block.appendChild(h('header', { class: 'theme__head' },
    unlinked ? h('span', { class: 'lane__warn', 'aria-hidden': 'true' }, '⚠') : h('span', { class: 'ref' }, refId(lane.id)),
    h('h2', { class: 'theme__title' }, unlinked ? 'Unlinked' : lane.title),
    h('span', { class: 'theme__count' }, countLabel(cards) || 'no cards')));

  if (unlinked) {
    block.appendChild(h('p', { class: 'lane__explain' },
      `Items whose chain reaches no objective of ${ctx.model.title ?? ctx.model.unit}. Link each one to a key result with `,
      h('code', {}, 'supports:'), '.'));
  } else if (lane.outcomes.length) {
    block.appendChild(h('ul', { class: 'outcomes outcomes--wide', 'aria-label': 'Key results' }, lane.outcomes.map((o) => renderOutcome(o, ctx))));
  } else {
    block.appendChild(h('p', { class: 'lane__explain lane__explain--muted' }, 'This objective has no key results yet.'));
  }

  const mix = statusMix(cards);
  if (mix) block.appendChild(mix);

  if (cards.length) {
    // The cards are built only while the list is open (a large roadmap stays cheap).
    const id = `list:${lane.id}`;
    const open = isOpen(ctx.state, id, false);
    const place = { laneUnit: ctx.model.unit, outcomes: new Map(lane.outcomes.map((o) => [o.ref, o.title])), compact: true };
    const limit = ctx.shown(id);
    block.appendChild(h('details', { class: 'theme__list', 'data-open': open ? '1' : '0', open, 'data-toggle': id },
      h('summary', { 'data-key': id }, `List ${countLabel(cards)}`),
      open ? h('div', { class: 'theme__cards' }, cards.slice(0, limit).map((c) => renderCard(c, ctx, place)),
        cards.length > limit ? moreButton(id, cards.length - limit) : null) : null));
  }
  return block;
}

/** A stacked bar of the bets' statuses with a caption ("3 active · 2 planned · 1 dropped"). */
function statusMix(all: readonly Card[]): HTMLElement | null {
  const cards = all.filter((c) => c.kind === 'item');
  if (!cards.length) return null;
  const counts = new Map<string, number>();
  for (const c of cards) counts.set(c.status ?? 'none', (counts.get(c.status ?? 'none') ?? 0) + 1);
  const keys = [...counts.keys()].sort((a, b) => idx(a) - idx(b));
  const bar = h('div', { class: 'mix', 'aria-hidden': 'true' });
  for (const k of keys) {
    const seg = h('span', { class: `mix__seg mix__seg--${k}` });
    seg.style.setProperty('flex-grow', String(counts.get(k)));
    bar.appendChild(seg);
  }
  const caption = keys.map((k) => `${counts.get(k)} ${k === 'none' ? 'no status' : k}`).join(' · ');
  return h('div', { class: 'theme__mix' }, bar, h('div', { class: 'mix__caption' }, caption));
}

function idx(s: string): number {
  const i = STATUS_ORDER.indexOf(s);
  return i < 0 ? STATUS_ORDER.length : i;
}
