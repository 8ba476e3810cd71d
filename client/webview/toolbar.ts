/**
 * The toolbar: title, unit picker, view switcher, a Filter menu, an Export menu
 * and the legend of what the view draws. Controls carry `data-action` / `data-filter`; the event layer
 * (events.ts) reacts to them, so nothing here holds a listener.
 */
import type { RoadmapView } from '../../server/src/core/roadmap/model';
import { ROADMAP_VIEWS } from '../../server/src/core/roadmap/model';
import { audiencePicker, audienceViews } from './audience-picker';
import { compareToggle } from './compare-view';
import { reviewButton } from './review-view';
import type { Ctx } from './context';
import { h } from './dom';
import { stubOf } from './memo';
import { allCards, filterChoices } from './filters';
import type { Filters } from './state';
import { FILTER_KEYS } from './state';
import { VIEW_HINTS, VIEW_TITLES, availableViews, canDraw } from './views';

const FILTER_LABELS: Record<keyof Filters, string> = { unit: 'Unit', confidence: 'Confidence', status: 'Status', type: 'Type' };

/** `legend`: what the drawn view uses (legend.ts), or null. */
export function renderToolbar(ctx: Ctx, legend: HTMLElement | null): HTMLElement {
  const m = ctx.model;
  const bar = h('header', { class: 'toolbar' });

  const title = h('div', { class: 'toolbar__title' },
    h('span', { class: 'toolbar__logo', 'aria-hidden': 'true' }, '◎'),
    h('h1', {}, `${m.title ?? m.unit}`),
    h('span', { class: 'toolbar__sub' },
      h('span', { class: 'toolbar__view' }, `${VIEW_TITLES[ctx.view]} · `),
      [m.period, m.asOf ? `as of ${m.asOf}` : ''].filter(Boolean).join(' · ')));
  const right = h('div', { class: 'toolbar__right' });
  if (ctx.opts.mode === 'vscode') right.appendChild(reviewButton(!!ctx.opts.review));
  const picker = audiencePicker(ctx);
  if (picker) right.appendChild(picker);
  if (ctx.opts.mode === 'vscode' && m.units && m.units.length > 1) right.appendChild(unitPicker(ctx));
  const formats = ctx.opts.mode === 'vscode' ? ctx.opts.exportFormats ?? [] : [];
  if (formats.length) right.appendChild(exportMenu(formats));
  bar.appendChild(h('div', { class: 'toolbar__row' }, title, right));

  const controls = h('div', { class: 'toolbar__row toolbar__row--controls' });
  controls.appendChild(viewSwitcher(ctx));
  const hasCards = allCards(m).length > 0;
  if (ctx.view !== 'trace' && hasCards) controls.appendChild(filterMenu(ctx));
  const cmp = ctx.opts.compare;
  if (cmp) controls.appendChild(compareToggle(cmp.label, cmp.showing, ctx.opts.mode === 'vscode'));
  if (legend) controls.appendChild(legend);
  bar.appendChild(controls);
  return bar;
}

function viewSwitcher(ctx: Ctx): HTMLElement {
  const recompute = ctx.opts.mode === 'vscode';
  const avail = availableViews(ctx.model, recompute);
  const allowed = audienceViews(ctx);
  const group = h('div', { class: 'views', role: 'group', 'aria-label': 'View' });
  for (const v of ROADMAP_VIEWS) {
    const enabled = avail.has(v) && (allowed?.includes(v) ?? true);
    const active = v === ctx.view;
    const pending = ctx.opts.pendingView === v && !active;
    const hint = enabled ? VIEW_HINTS[v]
      : allowed && !allowed.includes(v) ? `The ${ctx.opts.audience} audience does not see this view (its views: ${allowed.join(', ')})`
      : `Not in this export: run \`okr roadmap --view ${v} --format html\` for it`;
    group.appendChild(h('button', {
      class: ['views__btn', active ? 'is-active' : '', pending ? 'is-pending' : ''].filter(Boolean).join(' '),
      type: 'button',
      'data-action': 'view',
      'data-view': v,
      'data-key': `view:${v}`,
      'aria-pressed': active ? 'true' : 'false',
      'aria-busy': pending ? 'true' : null,
      disabled: !enabled,
      title: hint,
    }, VIEW_TITLES[v]));
  }
  return group;
}

const EXPORT_LABELS: Record<string, string> = {
  html: 'HTML page', md: 'Markdown', csv: 'CSV', mermaid: 'Mermaid diagram', svg: 'SVG image', png: 'PNG image',
};

/** One "Export…" button opening a menu of the formats the host offers (a `<details>`: no script needed to open it). */
function exportMenu(formats: readonly string[]): HTMLElement {
  const list = h('div', { class: 'menu__list', role: 'group', 'aria-label': 'Export formats' });
  for (const f of formats) {
    list.appendChild(h('button', { class: 'menu__item', type: 'button', 'data-action': 'export', 'data-format': f, 'data-key': `export:${f}` },
      h('span', {}, EXPORT_LABELS[f] ?? f.toUpperCase()),
      h('span', { class: 'menu__hint', 'aria-hidden': 'true' }, `.${f === 'mermaid' ? 'mmd' : f}`)));
  }
  return h('details', { class: 'menu', 'data-key': 'menu:export' },
    h('summary', { class: 'btn btn--secondary menu__button', 'aria-label': 'Export the roadmap', title: 'Export the roadmap as a file' },
      'Export', h('span', { class: 'menu__caret', 'aria-hidden': 'true' }, '▾')),
    list);
}

function unitPicker(ctx: Ctx): HTMLElement {
  // A large company has many units: not built again while the list and the unit are the same (memo.ts).
  const memo = ctx.memo;
  if (!memo) return unitField(ctx);
  const sig = `${ctx.model.units ? memo.id(ctx.model.units) : 0}|${ctx.model.unit}`;
  return memo.part('unit-picker', sig, () => stubOf('label', { 'data-key': 'field:unit' }), () => unitField(ctx));
}

function unitField(ctx: Ctx): HTMLElement {
  // The signature lets the patch skip an unchanged list (patch.ts).
  const sel = h('select', {
    class: 'select select--unit', 'data-action': 'unit', 'data-key': 'ctl:unit', 'aria-label': 'Roadmap of unit', title: 'The unit whose roadmap is drawn',
    'data-sig': JSON.stringify([ctx.model.units, ctx.model.unit]),
  });
  for (const u of ctx.model.units ?? []) {
    const opt = h('option', { value: u.id }, u.level ? `${u.title} (${u.level})` : u.title);
    if (u.id === ctx.model.unit) opt.selected = true;
    sel.appendChild(opt);
  }
  return h('label', { class: 'field', 'data-key': 'field:unit' }, h('span', { class: 'field__label field__label--wide' }, 'Roadmap of'), sel);
}

/** The filters, in a menu that says how many are set ("Filter · 2"). */
function filterMenu(ctx: Ctx): HTMLElement {
  const choices = filterChoices(ctx.model, ctx.state.filters);
  // A large company's unit list is long: not built again while the choices and filters are the same (memo.ts).
  const memo = ctx.memo;
  if (!memo) return filterDetails(ctx, choices);
  const sig = JSON.stringify([choices, ctx.state.filters]);
  return memo.part('filters', sig, () => stubOf('details', { 'data-key': 'menu:filters' }), () => filterDetails(ctx, choices));
}

function filterDetails(ctx: Ctx, choices: ReturnType<typeof filterChoices>): HTMLElement {
  const list = h('div', { class: 'menu__list menu__list--filters', role: 'group', 'aria-label': 'Filters' });
  for (const k of FILTER_KEYS) {
    if (choices[k].length < 2 && !ctx.state.filters[k]) continue;
    const sel = h('select', {
      class: ctx.state.filters[k] ? 'select is-set' : 'select', 'data-filter': k, 'data-key': `filter:${k}`, 'aria-label': `Filter by ${FILTER_LABELS[k].toLowerCase()}`,
      'data-sig': JSON.stringify([choices[k], ctx.state.filters[k]]),
    });
    sel.appendChild(h('option', { value: '' }, `All`));
    for (const v of choices[k]) {
      const opt = h('option', { value: v }, v === 'none' ? `(no ${FILTER_LABELS[k].toLowerCase()})` : v === 'kr' && k === 'type' ? 'KR initiative' : v);
      if (v === ctx.state.filters[k]) opt.selected = true;
      sel.appendChild(opt);
    }
    list.appendChild(h('label', { class: 'field' }, h('span', { class: 'field__label' }, FILTER_LABELS[k]), sel));
  }
  const set = FILTER_KEYS.filter((k) => ctx.state.filters[k]);
  if (set.length) {
    list.appendChild(h('button', { class: 'btn btn--link', type: 'button', 'data-action': 'clear-filters', 'data-key': 'ctl:clear' }, 'Clear filters'));
  }
  const what = set.map((k) => `${FILTER_LABELS[k]}: ${ctx.state.filters[k]}`).join(', ');
  return h('details', { class: 'menu filters', 'data-key': 'menu:filters' },
    h('summary', {
      class: set.length ? 'btn btn--secondary menu__button is-set' : 'btn btn--secondary menu__button',
      title: set.length ? `Filtered by ${what}` : 'Filter the cards by unit, confidence, status or type',
      'aria-label': set.length ? `Filters (${what})` : 'Filters',
    }, set.length ? `Filter · ${set.length}` : 'Filter', h('span', { class: 'menu__caret', 'aria-hidden': 'true' }, '▾')),
    list);
}

/** True when picking `v` in this toolbar needs a new model from the host. */
export function needsHost(ctx: Pick<Ctx, 'model'>, v: RoadmapView): boolean {
  return !canDraw(ctx.model, v);
}
