/**
 * Drawing compare mode (compare.ts computes it): the consequences above the
 * board, the mark on a card, the progress delta on an outcome, the toggle in
 * the toolbar; and the stylesheet of all of them.
 */
import type { Card } from '../../server/src/core/roadmap/model';
import type { CardMark, Overlay } from './compare';
import type { Ctx } from './context';
import { h } from './dom';

const MARK_WORDS: Record<CardMark['kind'], string> = { added: 'new', removed: 'removed', moved: 'moved', renamed: 'renamed' };

/** The mark of a card in compare mode (undefined outside it, or for an unchanged card). */
export function markOf(ctx: Ctx, card: Card): CardMark | undefined {
  return ctx.compare?.marks.get(card.ref);
}

/** True for a removed card drawn as a ghost. */
export function isGhost(ctx: Ctx, card: Card): boolean {
  return !!ctx.compare?.ghosts.has(card);
}

/** Cards as counted: ghosts are not on the plan any more. */
export function live(ctx: Ctx, cards: Card[]): Card[] {
  return ctx.compare ? cards.filter((c) => !ctx.compare!.ghosts.has(c)) : cards;
}

/** The chip a changed card carries: "new", "removed", "moved from Q3 2026". */
export function markChip(mark: CardMark, ghost: boolean): HTMLElement {
  const kind = ghost ? 'removed' : mark.kind;
  const text = kind === 'removed' ? 'removed' : [MARK_WORDS[kind], mark.from].filter(Boolean).join(' ');
  return h('span', { class: `change change--${kind}`, title: `Compared with the older side: ${text}` }, text);
}

/** "+12 pts" / "−46 pts" beside an outcome's percentage. */
export function progressDelta(ctx: Ctx | undefined, ref: string): HTMLElement | null {
  const p = ctx?.compare?.progress.get(ref);
  if (!p || p.before === null || p.after === null) return null;
  const d = Math.round((p.after - p.before) * 100);
  if (!d) return null;
  return h('span', { class: d > 0 ? 'delta delta--up' : 'delta delta--down', title: `Progress ${Math.round(p.before * 100)}% → ${Math.round(p.after * 100)}%` },
    `${d > 0 ? '+' : '−'}${Math.abs(d)} pts`);
}

/** The consequences above the board: a summary line, then (unless folded) each row a link to its source. */
export function renderConsequences(o: Overlay, folded = false): HTMLElement {
  const box = h('section', { class: 'compare', 'aria-label': `Changes compared with ${o.label}`, 'data-key': 'compare' });
  box.appendChild(h('div', { class: 'compare__head' },
    h('span', { class: 'compare__title' }, `Compared with ${o.label}`),
    h('span', { class: 'compare__summary' }, o.summary),
    o.rows.length ? h('button', {
      class: 'btn btn--link compare__fold', type: 'button', 'data-action': 'compare-fold', 'data-key': 'compare:fold', 'aria-expanded': folded ? 'false' : 'true',
    }, folded ? `Show the ${o.rows.length} consequences` : 'Hide the list') : null));
  if (folded) return box;
  if (!o.rows.length) {
    box.appendChild(h('p', { class: 'compare__none' }, 'No consequence for the plan: no finding, traceability, dependency or load changed.'));
    return box;
  }
  const list = h('ul', { class: 'compare__list' });
  let group = '';
  o.rows.forEach((r, i) => {
    if (r.group !== group) {
      group = r.group;
      list.appendChild(h('li', { class: 'compare__group', 'aria-hidden': 'true' }, group));
    }
    const icon = r.kind === 'bad' ? '⚠' : r.kind === 'good' ? '✓' : '•';
    list.appendChild(h('li', {
      class: `compare__row compare__row--${r.kind}`,
      'data-ref': r.ref,
      'data-consequence': i,
      role: r.location ? 'button' : null,
      tabindex: r.location ? 0 : null,
      title: r.location ? `${r.group}: open ${r.location.file.split(/[\\/]/).pop()}:${r.location.line + 1}` : r.group,
      'data-sig': JSON.stringify(r),
    }, h('span', { class: 'compare__icon', 'aria-hidden': 'true' }, icon), h('span', { class: 'compare__text' }, h('span', { class: 'sr-only' }, `${r.group}: `), r.text)));
  });
  box.appendChild(list);
  return box;
}

/** The toolbar's toggle between the changes and the plain board, and the way out of compare mode. */
export function compareToggle(label: string, showing: boolean, closable: boolean): HTMLElement {
  return h('div', { class: 'compare-toggle', role: 'group', 'aria-label': 'Compare mode' },
    h('button', {
      class: showing ? 'btn btn--secondary is-set' : 'btn btn--secondary', type: 'button', 'data-action': 'compare-toggle', 'data-key': 'ctl:compare',
      'aria-pressed': showing ? 'true' : 'false', title: showing ? 'Show the plain board' : `Show what changed compared with ${label}`,
    }, showing ? `Changes vs ${label}` : 'Show changes'),
    closable ? h('button', { class: 'btn btn--secondary compare-toggle__close', type: 'button', 'data-action': 'compare-close', 'data-key': 'ctl:compare-close', title: 'Leave compare mode', 'aria-label': 'Leave compare mode' }, '✕') : null);
}
