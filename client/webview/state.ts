/**
 * What the webview remembers between renders and across reloads (VS Code's
 * `getState/setState`): the chosen view and unit, the filters, the lanes,
 * sections and lists opened or closed, whether the past quarters are unfolded,
 * the scroll position, and the document shown and whether the panel is locked
 * to it (the extension's WebviewPanelSerializer reopens each panel on its own
 * file from these). Restored state is untrusted input: `restoreState` keeps
 * only well-formed fields.
 */
import type { RoadmapView } from './messages';
import { isRoadmapView } from './messages';

/** Card filters; `''` means "all". */
export interface Filters {
  unit: string;
  confidence: string;
  status: string;
  type: string;
}
export const FILTER_KEYS: readonly (keyof Filters)[] = ['unit', 'confidence', 'status', 'type'];

export interface ViewState {
  /** The view the user asked for; absent = whatever the model holds. */
  view?: RoadmapView;
  /** The unit the user asked for; absent = whatever the extension chose. */
  unit?: string;
  filters: Filters;
  /** Ids of lanes and sections closed by the user (drawn open by default). */
  collapsed: string[];
  /** Ids of things opened by the user that are drawn closed by default (a large portfolio's sections, a Themes list, a trace branch). */
  opened: string[];
  /** The past quarters folded into the narrow "Earlier" column are shown. */
  unfold?: boolean;
  /** Scroll offsets of the board. */
  scroll: { top: number; left: number };
  /** The document the shown roadmap was computed from (the last model's `sourceUri`). */
  sourceUri?: string;
  /** The panel stays on `sourceUri` (as the host last said in `config`). */
  locked?: boolean;
  /** The audience the roadmap is redacted for (as the host last said in `config`); absent: everyone. */
  audience?: string;
}

export function initialState(): ViewState {
  return { filters: { unit: '', confidence: '', status: '', type: '' }, collapsed: [], opened: [], scroll: { top: 0, left: 0 } };
}

export function restoreState(saved: unknown): ViewState {
  const s = initialState();
  if (typeof saved !== 'object' || saved === null) return s;
  const o = saved as Record<string, unknown>;
  if (isRoadmapView(o.view)) s.view = o.view;
  if (typeof o.unit === 'string' && o.unit) s.unit = o.unit;
  if (typeof o.sourceUri === 'string' && o.sourceUri) s.sourceUri = o.sourceUri;
  if (typeof o.locked === 'boolean') s.locked = o.locked;
  if (typeof o.audience === 'string' && o.audience) s.audience = o.audience.slice(0, 200);
  if (typeof o.filters === 'object' && o.filters !== null) {
    const f = o.filters as Record<string, unknown>;
    for (const k of FILTER_KEYS) if (typeof f[k] === 'string') s.filters[k] = f[k] as string;
  }
  if (Array.isArray(o.collapsed)) s.collapsed = o.collapsed.filter((x): x is string => typeof x === 'string').slice(0, 500);
  if (Array.isArray(o.opened)) s.opened = o.opened.filter((x): x is string => typeof x === 'string').slice(0, 500);
  if (o.unfold === true) s.unfold = true;
  if (typeof o.scroll === 'object' && o.scroll !== null) {
    const sc = o.scroll as Record<string, unknown>;
    if (typeof sc.top === 'number' && sc.top >= 0) s.scroll.top = sc.top;
    if (typeof sc.left === 'number' && sc.left >= 0) s.scroll.left = sc.left;
  }
  return s;
}

/**
 * Whether the thing `id` is shown open: `byDefault` unless the user toggled it
 * (toggles of things open by default live in `collapsed`, the others in `opened`).
 */
export function isOpen(state: ViewState, id: string, byDefault: boolean): boolean {
  return byDefault ? !state.collapsed.includes(id) : state.opened.includes(id);
}

/** Flips `id` (see isOpen). */
export function toggleOpen(state: ViewState, id: string, byDefault: boolean): void {
  const list = byDefault ? 'collapsed' : 'opened';
  state[list] = state[list].includes(id) ? state[list].filter((x) => x !== id) : [...state[list], id];
}

export function anyFilter(f: Filters): boolean {
  return FILTER_KEYS.some((k) => f[k] !== '');
}
