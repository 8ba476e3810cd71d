/** One card: a roadmap item (a bet) or a KR of a lower unit (an initiative). */
import type { Card } from '../../server/src/core/roadmap/model';
import type { CardMark } from './compare';
import type { Ctx } from './context';
import { isGhost, markChip, markOf } from './compare-view';
import { badge, cssToken, h, num, progressBar, refId } from './dom';
import { stubOf } from './memo';

/** What a card is called: `Initiative` for a KR card, `Bet` for an item. */
export function cardNoun(card: Card): string {
  return card.kind === 'kr' ? 'Initiative' : 'Bet';
}

/** `KR1` for a KR of the lane's unit, else the full `unit/KR1`: a KR of another unit is never shown by its bare id. */
export function shortRef(ref: string, laneUnit: string): string {
  return ref.startsWith(`${laneUnit}/`) ? refId(ref) : ref;
}

/** Where a card is drawn: the lane's unit (whose KRs go by their bare id) and the lane's KR titles by ref. */
export interface CardPlace {
  laneUnit: string;
  outcomes?: ReadonlyMap<string, string>;
  /** A list row: no hypothesis and no meta line. */
  compact?: boolean;
  /**
   * Where the card sits on the page, unique to its parent element (`lane|column|kind:ref`): given,
   * a card the page already shows as it would be built is not built again (memo.ts).
   */
  slot?: string;
}

/** The lane KRs a card reaches through other KRs (those it does not name itself in `supports`). */
function reached(card: Card): string[] {
  return (card.serves ?? []).filter((r) => !(card.supports ?? []).includes(r));
}

/** The accessible name: "Bet: Guided setup wizard, serves KR1 Cut drop-off, for KR2 Cut time, active". */
export function cardLabel(card: Card, place: CardPlace): string {
  // A card redacted for an audience may have no title, no supports (not shown) and no location.
  const supports = card.supports ?? [];
  const serves = supports.length
    ? supports.map((r, i) => [shortRef(r, place.laneUnit), card.supportsTitles?.[i]].filter(Boolean).join(' ')).join('; ')
    : 'no key result';
  const via = reached(card).map((r) => [shortRef(r, place.laneUnit), place.outcomes?.get(r)].filter(Boolean).join(' ')).join('; ');
  const tail = card.kind === 'kr'
    ? (typeof card.progress === 'number' ? `${Math.round(card.progress * 100)}% done` : 'progress unknown')
    : (card.status ?? 'no status');
  return `${cardNoun(card)}: ${card.title ?? ''}${card.supports ? `, serves ${serves}` : ''}${via ? `, for ${via}` : ''}, ${tail}`;
}

/**
 * Builds a card. `place.compact` drops the hypothesis and meta line (used in lists).
 * Data attributes: `data-ref`, `data-kind`, `data-column` (read by the event layer).
 */
export function renderCard(card: Card, ctx: Ctx, place: CardPlace): HTMLElement {
  const compact = !!place.compact;
  const classes = ['card', `card--${card.kind}`];
  if (card.status) classes.push(`card--status-${cssToken(card.status)}`);
  if (card.confidence) classes.push(`card--conf-${cssToken(card.confidence)}`);
  if (compact) classes.push('card--compact');
  const mark = markOf(ctx, card);
  const ghost = isGhost(ctx, card);
  if (mark) classes.push(`card--${ghost ? 'ghost' : mark.kind}`);
  const movable = ctx.draggable && card.kind === 'item' && !ghost;
  const hypId = card.hypothesis && !compact ? ctx.id('hyp') : undefined;

  // What the card is built from: the patch skips a card whose signature did not change (patch.ts),
  // and a card the page shows with this signature is not even built (a stub stands for it).
  const sig = JSON.stringify([card, place.laneUnit, reached(card).map((r) => place.outcomes?.get(r)), compact, movable, hypId, mark, ghost]);
  const build = () => buildCard(card, ctx, place, { classes, sig, mark, ghost, movable, hypId });
  // The stand-in keeps the card's classes: the legend lists the marks the built board holds (legend.ts).
  const stub = () => stubOf('div', { class: classes.join(' '), 'data-ref': card.ref, 'data-kind': card.kind });
  return place.slot && ctx.memo ? ctx.memo.part(place.slot, sig, stub, build) : build();
}

interface CardInputs {
  classes: string[];
  sig: string;
  mark: CardMark | undefined;
  ghost: boolean;
  movable: boolean;
  hypId: string | undefined;
}

function buildCard(card: Card, ctx: Ctx, place: CardPlace, { classes, sig, mark, ghost, movable, hypId }: CardInputs): HTMLElement {
  const compact = !!place.compact;
  const dropped = card.status === 'dropped';
  const el = h('div', {
    class: classes.join(' '),
    tabindex: 0,
    role: 'button',
    'data-sig': sig,
    'aria-label': `${mark ? `${changeWords(mark, ghost)}: ` : ''}${cardLabel(card, place)}`,
    'aria-describedby': hypId,
    'data-ref': card.ref,
    'data-kind': card.kind,
    'data-column': card.column,
    draggable: movable ? 'true' : null,
    'aria-roledescription': movable ? 'movable card' : 'card',
    title: card.location ? `${card.ref} · ${basename(card.location.file)}:${card.location.line + 1}` : null,
  });

  // Top row: kind/type chip on the left, status on the right.
  const kindText = card.kind === 'kr' ? 'KR · initiative' : card.type ?? 'item';
  const top = h('div', { class: 'card__top' },
    h('span', { class: `card__type card__type--${cssToken(card.kind === 'kr' ? 'kr' : card.type ?? 'item')}`, title: card.kind === 'kr' ? 'A key result of a unit below: an initiative' : 'Type' }, kindText),
    card.status ? badge(card.status, `status-${card.status}`, `Status: ${card.status}`) : null,
  );
  el.appendChild(top);

  if (mark) el.appendChild(h('div', { class: 'card__change' }, markChip(mark, ghost)));
  el.appendChild(h('div', { class: 'card__title' }, card.title));
  if (card.supports) el.appendChild(servesLine(card, place));

  if (card.kind === 'kr') {
    const pct = typeof card.progress === 'number' ? `${Math.round(Math.max(0, Math.min(1, card.progress)) * 100)}%` : 'n/a';
    el.appendChild(h('div', { class: 'card__progress' },
      progressBar(card.progress, `Progress of ${card.title}`),
      h('span', { class: 'card__pct', title: 'Progress from baseline to target' }, pct)));
  }

  if (!compact && card.hypothesis) {
    el.appendChild(h('details', { class: 'card__hyp' },
      h('summary', {}, 'Hypothesis'),
      h('p', { id: hypId }, card.hypothesis)));
  } else if (!compact && card.kind === 'item' && !dropped) {
    el.appendChild(h('div', { class: 'card__nohyp' }, 'No hypothesis written'));
  }

  if (!compact) {
    const meta = h('div', { class: 'card__meta' });
    if (card.confidence) {
      meta.appendChild(h('span', { class: `conf conf--${cssToken(card.confidence)}`, title: `Confidence: ${card.confidence}` },
        h('span', { class: 'conf__dot', 'aria-hidden': 'true' }), card.confidence));
    }
    const who = [card.unit, card.owner].filter(Boolean).join(' · ');
    if (who) meta.appendChild(h('span', { class: 'card__who', title: 'Unit · owner' }, who));
    if (card.due) meta.appendChild(h('span', { class: 'card__due', title: 'Due date (a promise)' }, `due ${card.due}`));
    if (card.dependsOn?.length) {
      meta.appendChild(h('span', { class: 'card__deps', title: `Depends on ${card.dependsOn.join(', ')}` },
        h('span', { 'aria-hidden': 'true' }, '⇠ '), `depends on ${card.dependsOn.length}`));
    }
    el.appendChild(meta);
  }
  return el;
}

function servesLine(card: Card, place: CardPlace): HTMLElement {
  const line = h('div', { class: 'card__serves' });
  if (!card.supports.length) {
    line.classList.add('card__serves--none');
    line.appendChild(h('span', { class: 'serves' }, h('span', { class: 'serves__arrow', 'aria-hidden': 'true' }, '⚠ '), 'serves no key result'));
    return line;
  }
  card.supports.forEach((ref, i) => {
    const title = card.supportsTitles?.[i];
    line.appendChild(h('span', { class: 'serves', title: title ? `Serves ${ref}: ${title}` : `Serves ${ref}` },
      h('span', { class: 'serves__arrow', 'aria-hidden': 'true' }, '↗ '),
      h('span', { class: 'ref' }, shortRef(ref, place.laneUnit)),
      title ? ` ${title}` : null));
  });
  for (const ref of reached(card)) {
    const title = place.outcomes?.get(ref);
    line.appendChild(h('span', { class: 'serves serves--lane', title: `Moves ${ref}${title ? `: ${title}` : ''}, the key result of this lane it leads to` },
      h('span', { class: 'serves__arrow' }, 'for '),
      h('span', { class: 'ref' }, shortRef(ref, place.laneUnit)),
      title ? ` ${title}` : null));
  }
  return line;
}

/** "New", "Removed", "Moved from Q3 2026": how a changed card is announced. */
function changeWords(mark: CardMark, ghost: boolean): string {
  if (ghost) return 'Removed';
  if (mark.kind === 'added') return 'New';
  return [mark.kind === 'moved' ? 'Moved' : 'Renamed', mark.from].filter(Boolean).join(' ');
}

/** "5 bets · 2 initiatives" (empty string for no cards). */
export function countLabel(cards: readonly Card[]): string {
  const items = cards.filter((c) => c.kind === 'item').length;
  const krs = cards.length - items;
  const parts: string[] = [];
  if (items) parts.push(`${items} ${items === 1 ? 'bet' : 'bets'}`);
  if (krs) parts.push(`${krs} ${krs === 1 ? 'initiative' : 'initiatives'}`);
  return parts.join(' · ');
}

/** `45%`, `120 ms`, `?`. */
export function metric(n: number | undefined, unit: string | undefined): string {
  const v = num(n);
  if (v === '?' || !unit) return v;
  return /^[%‰°]/.test(unit) ? `${v}${unit}` : `${v} ${unit}`;
}

/** Last path segment of a path or URI (for tooltips). */
export function basename(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] || file;
}
