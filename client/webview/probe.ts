/**
 * What is on screen, measured: the facts a person checks by looking, as data.
 * The extension's tests ask a real preview for it (`probe` message) and the
 * renderer's tests evaluate it in exported pages:
 *
 * - every card of today's column lies inside the board horizontally, and once
 *   scrolled vertically into view (never sideways) it is the topmost element
 *   at its own centre: no sticky lane column or header covers it;
 * - no card's content overflows its box;
 * - which legend entries are shown, and which marks the view draws.
 *
 * Vertical scrolling done to look at the cards is undone before it returns.
 */
import { LEGEND_SELECTORS } from './legend';

export interface CardSpot {
  ref: string;
  lane?: string;
  /** Inside the board's visible width. */
  inside: boolean;
  /** Topmost at its centre once scrolled into view vertically. */
  topmost: boolean;
  /** What covers it when it is not topmost. */
  coveredBy?: string;
}

export interface ProbeReport {
  width: number;
  height: number;
  view?: string;
  /** The id of today's column, when the board has one. */
  today?: string;
  todayCards: CardSpot[];
  /** Cards (ref) with content wider than the card, and what sticks out. */
  overflowing: string[];
  /** `data-legend` keys of the legend shown. */
  legend: string[];
  /** Legend keys whose mark the view draws. */
  used: string[];
  scroll: { top: number; left: number };
  /** Compare mode, when drawn: the consequences listed, and every marked card (new, removed, moved) measured as today's are. */
  changes?: { title: string; rows: string[]; marked: (CardSpot & { mark: string })[] };
}

export function probeLayout(doc: Document = document): ProbeReport {
  const scroller = doc.querySelector<HTMLElement>('.scroller');
  const app = doc.querySelector<HTMLElement>('.app');
  const report: ProbeReport = {
    width: doc.documentElement.clientWidth,
    height: doc.documentElement.clientHeight,
    view: app?.dataset.view,
    todayCards: [],
    overflowing: [],
    legend: [...doc.querySelectorAll<HTMLElement>('.legend [data-legend]')].map((e) => e.dataset.legend ?? ''),
    used: Object.entries(LEGEND_SELECTORS).filter(([, sel]) => doc.querySelector(`.scroller :is(${sel})`)).map(([k]) => k),
    scroll: { top: scroller?.scrollTop ?? 0, left: scroller?.scrollLeft ?? 0 },
  };
  for (const card of doc.querySelectorAll<HTMLElement>('.scroller .card')) {
    const box = card.getBoundingClientRect();
    const out = [...card.querySelectorAll<HTMLElement>('*')].find((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1);
    });
    if (out || card.scrollWidth > card.clientWidth + 1) report.overflowing.push(`${card.dataset.ref}: ${out ? describe(out) : 'scrollWidth'}`);
  }
  if (scroller) report.changes = probeChanges(doc, scroller);
  const head = doc.querySelector<HTMLElement>('.scroller .col-head--current');
  if (!scroller || !head) return report;
  report.today = head.dataset.column;
  const top = scroller.scrollTop;
  const cards = doc.querySelectorAll<HTMLElement>(`.scroller .cell--current > .card`);
  for (const card of cards) report.todayCards.push(spot(doc, scroller, card));
  scroller.scrollTop = top;
  return report;
}

/** Where a card is, once scrolled vertically to the middle of the board (never sideways). */
function spot(doc: Document, scroller: HTMLElement, card: HTMLElement): CardSpot {
  const sbox = scroller.getBoundingClientRect();
  let r = card.getBoundingClientRect();
  // Scroll up or down only, to put the card's centre in the middle of the board.
  scroller.scrollTop += r.top + r.height / 2 - (sbox.top + scroller.clientHeight / 2);
  r = card.getBoundingClientRect();
  const y = r.top + Math.min(r.height / 2, scroller.clientHeight / 2 - 1);
  // Its centre, and its left edge (a sticky lane column would cover that first).
  const hits = [doc.elementFromPoint(r.left + r.width / 2, y), doc.elementFromPoint(r.left + 3, y)];
  const miss = hits.find((hit) => !hit || !card.contains(hit));
  const inside = r.left >= sbox.left - 0.5 && r.right <= sbox.left + scroller.clientWidth + 0.5;
  const out: CardSpot = { ref: card.dataset.ref ?? '', lane: card.closest<HTMLElement>('[data-lane]')?.dataset.lane, inside, topmost: miss === undefined };
  if (miss !== undefined) out.coveredBy = miss ? describe(miss as HTMLElement) : 'nothing (off screen)';
  return out;
}

/** Compare mode: the consequences and the marked cards, measured. */
function probeChanges(doc: Document, scroller: HTMLElement): ProbeReport['changes'] {
  const box = doc.querySelector<HTMLElement>('.scroller .compare');
  if (!box) return undefined;
  const top = scroller.scrollTop;
  const marked = [...doc.querySelectorAll<HTMLElement>('.scroller .card:is(.card--added, .card--ghost, .card--moved, .card--renamed)')].map((c) => ({
    ...spot(doc, scroller, c), mark: c.querySelector('.change')?.textContent ?? '',
  }));
  scroller.scrollTop = top;
  return {
    title: box.querySelector('.compare__title')?.textContent ?? box.textContent ?? '',
    rows: [...box.querySelectorAll('.compare__row')].map((r) => r.textContent ?? ''),
    marked,
  };
}

function describe(e: HTMLElement): string {
  const cls = typeof e.className === 'string' ? e.className.split(' ').filter(Boolean).slice(0, 2).join('.') : '';
  return `${e.tagName.toLowerCase()}${cls ? `.${cls}` : ''}${e.textContent ? ` "${e.textContent.trim().slice(0, 40)}"` : ''}`;
}
