/**
 * The legend: one entry per mark the drawn view actually uses, found in the
 * view's DOM once it is built (so it can never list a swatch the reader will
 * not see, nor miss one that is drawn). Each entry carries `data-legend`.
 */
import { h } from './dom';

interface Entry {
  key: string;
  /** What in the view uses this mark. */
  selector: string;
  swatch: string;
  label: string;
  title: string;
}

const ENTRIES: Entry[] = [
  { key: 'conf-high', selector: '.card--conf-high', swatch: 'conf__dot conf--high', label: 'high', title: 'Confidence high: the coloured edge of a card' },
  { key: 'conf-medium', selector: '.card--conf-medium', swatch: 'conf__dot conf--medium', label: 'medium', title: 'Confidence medium: the coloured edge of a card' },
  { key: 'conf-low', selector: '.card--conf-low', swatch: 'conf__dot conf--low', label: 'low', title: 'Confidence low: the coloured edge of a card' },
  { key: 'kr', selector: '.card--kr', swatch: 'legend__swatch legend__swatch--kr', label: 'initiative', title: 'A key result of a unit below that moves this KR (dashed)' },
  { key: 'dropped', selector: '.card--status-dropped', swatch: 'legend__swatch legend__swatch--dropped', label: 'dropped', title: 'A dropped bet (greyed, struck through)' },
  { key: 'unlinked', selector: '.lane--unlinked', swatch: 'legend__swatch legend__swatch--unlinked', label: 'unlinked', title: 'Items whose chain reaches no objective of this unit' },
  { key: 'unsupported', selector: '.outcome--unsupported', swatch: 'legend__swatch legend__swatch--unsupported', label: 'unsupported KR', title: 'A key result that no item and no KR below supports' },
  { key: 'mix-active', selector: '.mix__seg--active', swatch: 'legend__swatch mix__seg--active', label: 'active', title: 'Bets with status active (the bar under each theme)' },
  { key: 'mix-planned', selector: '.mix__seg--planned', swatch: 'legend__swatch mix__seg--planned', label: 'planned', title: 'Bets with status planned' },
  { key: 'mix-idea', selector: '.mix__seg--idea', swatch: 'legend__swatch mix__seg--idea', label: 'idea', title: 'Bets with status idea' },
  { key: 'mix-done', selector: '.mix__seg--done', swatch: 'legend__swatch mix__seg--done', label: 'done', title: 'Bets with status done' },
  { key: 'mix-dropped', selector: '.mix__seg--dropped, .mix__seg--none', swatch: 'legend__swatch mix__seg--dropped', label: 'dropped or no status', title: 'Bets dropped or without a status' },
];

/** What in a view each legend key stands for (the tests check both directions). */
export const LEGEND_SELECTORS: Readonly<Record<string, string>> = Object.fromEntries(ENTRIES.map((e) => [e.key, e.selector]));

export function renderLegend(view: HTMLElement): HTMLElement | null {
  const used = ENTRIES.filter((e) => view.querySelector(e.selector));
  if (!used.length) return null;
  const conf = used.filter((e) => e.key.startsWith('conf-'));
  const rest = used.filter((e) => !e.key.startsWith('conf-'));
  return h('div', { class: 'legend', role: 'group', 'aria-label': 'Legend' },
    conf.length ? h('span', { class: 'legend__group', title: 'Confidence: the coloured edge of a card' }, h('span', { class: 'legend__label' }, 'Confidence'), conf.map(item)) : null,
    rest.map(item));
}

function item(e: Entry): HTMLElement {
  return h('span', { class: 'legend__item', 'data-legend': e.key, title: e.title }, h('span', { class: e.swatch, 'aria-hidden': 'true' }), e.label);
}
