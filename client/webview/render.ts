/**
 * `buildApp(model, state, opts, layout, pages)`: the whole roadmap as a
 * detached DOM tree (the controller patches the drawn page into it, patch.ts).
 * Pure DOM building: every model string is set with textContent /
 * setAttribute; no listeners (see events.ts).
 *
 * Layout: `.app` > toolbar, optional banner, `.scroller` (the one scrolling
 * element) > the view (board / themes / portfolio / trace / empty state).
 */
import { LARGE_MODEL, distinctCardCount } from '../../server/src/core/roadmap/elide';
import type { RoadmapModel } from '../../server/src/core/roadmap/model';
import { renderConsequences } from './compare-view';
import { renderReview } from './review-view';
import type { Ctx, RenderOptions } from './context';
import type { RenderMemo } from './memo';
import { clear, h } from './dom';
import { allCards, matches } from './filters';
import { boardColumns, planColumns, type Layout } from './fold';
import { renderBoard } from './lanes';
import { renderLegend } from './legend';
import { renderPortfolio } from './portfolio';
import type { ViewState } from './state';
import { anyFilter, isOpen } from './state';
import { renderThemes } from './themes';
import { renderToolbar } from './toolbar';
import { renderTrace } from './trace';
import { MOVABLE_VIEWS, effectiveView } from './views';

export type { RenderOptions };

/** Cards a cell or list shows before its "Show more" button. */
export const PAGE = 12;
/** Above this many cards a model is large: portfolio sections, lanes and long lists start closed. */
export const LARGE = LARGE_MODEL;

/**
 * A large model: above LARGE distinct cards (as the server counts them when it
 * elides a portfolio, core/roadmap/elide.ts: a company's lanes repeat its
 * products' cards), or one whose portfolio sections came elided.
 */
export function isLarge(model: RoadmapModel, cards: readonly unknown[] = allCards(model)): boolean {
  if (model.sections?.some((s) => s.elided)) return true;
  return cards.length > LARGE && (!model.sections?.length || distinctCardCount(model) > LARGE);
}

/** The portfolio sections (unit ids) drawn open: as the reader left them, else open unless the model is large. */
export function openSections(m: RoadmapModel, state: ViewState): string[] {
  if (m.view !== 'portfolio' || !m.sections?.length) return [];
  const byDefault = !isLarge(m);
  return m.sections.filter((s) => isOpen(state, `section:${s.unit}`, byDefault)).map((s) => s.unit);
}

export function buildApp(plain: RoadmapModel, state: ViewState, opts: RenderOptions, layout: Layout, pages: ReadonlyMap<string, number> = new Map(), memo?: RenderMemo): HTMLElement {
  let n = 0;
  // Compare mode draws the newer side with the changes on it, when it is of the view and unit drawn.
  const overlay = opts.compare?.showing && opts.compare.overlay?.model.view === plain.view && opts.compare.overlay.model.unit === plain.unit
    ? opts.compare.overlay : undefined;
  const model = overlay?.model ?? plain;
  const view = effectiveView(model, state.view);
  const cards = allCards(model);
  const ctx: Ctx = {
    model,
    state,
    opts,
    view,
    draggable: opts.mode === 'vscode' && !opts.readOnly && MOVABLE_VIEWS.includes(view),
    id: (prefix) => `okr-${prefix}-${++n}`,
    layout,
    plan: planColumns(boardColumns(model.columns, cards), cards, layout, !!state.unfold),
    large: isLarge(model, cards),
    shown: (key) => pages.get(key) ?? PAGE,
    compare: overlay,
    memo,
  };
  const app = h('div', { class: `app app--${view}`, 'data-view': view, 'data-unit': model.unit });
  const content = opts.review ? reviewContent(opts.review) : renderView(ctx);
  app.appendChild(renderToolbar(ctx, renderLegend(content)));
  if (opts.error) app.appendChild(errorBanner(opts.error, true));
  // A class, not \`:has(.board)\`: cheaper to keep up to date on every patch.
  const boards = view !== 'themes' && view !== 'trace' && !opts.review;
  const scroller = h('main', { class: boards ? 'scroller scroller--board' : 'scroller', 'aria-label': 'Roadmap', 'data-key': 'scroller' });
  if (overlay && !opts.review) scroller.appendChild(renderConsequences(overlay, opts.compare?.folded));
  else if (opts.compare?.showing && !opts.review) scroller.appendChild(h('p', { class: 'compare compare__none', role: 'status', 'data-key': 'compare' }, `Comparing with ${opts.compare.label}…`));
  scroller.appendChild(content);
  app.appendChild(scroller);
  return app;
}

/** What shows before any model arrived (loading) or when none is valid yet (error). */
export function renderPlaceholder(root: HTMLElement, opts: { error?: string; message: string }): void {
  const app = h('div', { class: 'app app--placeholder' });
  if (opts.error) app.appendChild(errorBanner(opts.error, false));
  app.appendChild(h('main', { class: 'scroller' },
    h('div', { class: 'empty' },
      h('div', { class: opts.error ? 'empty__icon' : 'empty__icon spinner', 'aria-hidden': 'true' }, opts.error ? '⚠' : ''),
      h('p', { class: 'empty__title', role: 'status' }, opts.message))));
  clear(root);
  root.appendChild(app);
}

/** The Review view, or what it waits for, or why there is none. */
function reviewContent(r: NonNullable<RenderOptions['review']>): HTMLElement {
  if (r.doc) return renderReview(r.doc);
  const back = h('button', { class: 'btn btn--secondary', type: 'button', 'data-action': 'review-close', 'data-key': 'review:close' }, 'Back to the board');
  if (r.error) return h('div', { class: 'view review', 'data-key': 'view:review' }, h('p', { class: 'review__error', role: 'alert' }, `The review cannot be drawn: ${r.error}`), back);
  return h('div', { class: 'view review', 'data-key': 'view:review' }, h('p', { class: 'review__loading', role: 'status' }, 'Preparing the review…'), back);
}

function renderView(ctx: Ctx): HTMLElement {
  const m = ctx.model;
  switch (ctx.view) {
    case 'trace':
      return m.trace?.length ? h('div', { class: 'view', 'data-key': 'view:trace' }, renderTrace(ctx))
        : empty('Nothing to trace yet', `${m.title ?? m.unit} has no key results to trace down to the work. Add key_results under objectives, and roadmap items that support them.`);
    case 'portfolio':
      if (!m.sections?.length && !m.lanes.length && !m.unlinked.length) return emptyModel(ctx);
      return withFilterNote(ctx, renderPortfolio(ctx));
    case 'themes':
      if (!m.lanes.length && !m.unlinked.length) return emptyModel(ctx);
      return withFilterNote(ctx, renderThemes(ctx));
    default:
      if (!m.lanes.length && !m.unlinked.length) return emptyModel(ctx);
      return withFilterNote(ctx, renderBoard({ unit: m.unit, unitTitle: m.title ?? m.unit, lanes: m.lanes, unlinked: m.unlinked }, ctx));
  }
}

/** The view in a wrapper keyed by its name (a view switch replaces it whole), under a note when filters hide cards. */
function withFilterNote(ctx: Ctx, content: HTMLElement): HTMLElement {
  const cards = anyFilter(ctx.state.filters) ? allCards(ctx.model) : [];
  const shown = cards.filter((c) => matches(c, ctx.state.filters)).length;
  const note = cards.length ? h('div', { class: 'filter-note', role: 'status', 'data-key': 'filter-note' },
    `Showing ${shown} of ${cards.length} cards. `,
    h('button', { class: 'btn btn--link', type: 'button', 'data-action': 'clear-filters', 'data-key': 'note:clear' }, 'Clear filters')) : null;
  return h('div', { class: 'view', 'data-key': `view:${ctx.view}` }, note, content);
}

function emptyModel(ctx: Ctx): HTMLElement {
  const name = ctx.model.title ?? ctx.model.unit;
  const el = empty('Nothing on this roadmap yet',
    `${name} has no objectives and no roadmap items that lead to it. Add objectives with key results, then roadmap items that support them; the roadmap follows.`);
  el.appendChild(h('pre', { class: 'empty__snippet' }, [
    'objectives:',
    '  O1:',
    '    title: Make onboarding effortless',
    '    key_results:',
    '      KR1: { title: Cut drop-off, baseline: 45, target: 30 }',
    'roadmap:',
    '  setup-wizard:',
    '    title: Guided setup wizard',
    '    supports: KR1',
    '    hypothesis: We believe … will cut drop-off because …',
    '    horizon: now',
  ].join('\n')));
  return el;
}

function empty(title: string, text: string): HTMLElement {
  return h('div', { class: 'empty' },
    h('div', { class: 'empty__icon', 'aria-hidden': 'true' }, '◎'),
    h('p', { class: 'empty__title' }, title),
    h('p', { class: 'empty__text' }, text));
}

function errorBanner(message: string, keptOld: boolean): HTMLElement {
  return h('div', { class: 'banner banner--error', role: 'alert' },
    h('span', { class: 'banner__icon', 'aria-hidden': 'true' }, '⚠'),
    h('span', { class: 'banner__text' },
      h('strong', {}, keptOld ? 'The source has errors; showing the last good roadmap. ' : 'The roadmap cannot be drawn. '),
      message));
}
