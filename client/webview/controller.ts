/**
 * The webview's state machine: holds the last good model, the view state and
 * what the host told us; validates every message; redraws keeping scroll and
 * focus (the scroll starts over when another document or unit is shown); turns
 * user gestures into messages for the host; answers snapshot requests with an
 * image of what it draws (image.ts).
 */
import type { RoadmapModel, RoadmapView, SourceLocation } from '../../server/src/core/roadmap/model';
import { attachEvents } from './events';
import { roadmapSvg, svgToPng } from './image';
import type { HostMessage, ReadyMessage, SnapshotFormat, WebviewMessage } from './messages';
import { isHostMessage, isRoadmapView } from './messages';
import { render, renderPlaceholder } from './render';
import type { Filters, ViewState } from './state';
import { FILTER_KEYS, restoreState } from './state';
import { canDraw, effectiveView } from './views';

/** What the page runs in: a VS Code webview, or a static exported page. */
export interface Host {
  mode: 'vscode' | 'standalone';
  post(msg: WebviewMessage): void;
  getState(): unknown;
  setState(state: ViewState): void;
}

/** How long an optimistic move waits for the host's new model before it is undone. */
const MOVE_TIMEOUT_MS = 4000;

export interface Controller {
  /** Feed a message from the host (unvalidated). Returns false if it was dropped. */
  receive(data: unknown): boolean;
}

export function startController(root: HTMLElement, host: Host, embedded?: RoadmapModel): Controller {
  const state = restoreState(host.getState());
  let model: RoadmapModel | undefined = embedded;
  let version = -Infinity;
  let error: string | undefined;
  let highlight: string | null = null;
  let pendingView: RoadmapView | undefined;
  let readOnly = false;
  let exportFormats: string[] = [];
  let sourceUri: string | undefined;
  /** Which document and unit the drawn model shows; the scroll position belongs to it. */
  let shown: string | undefined;
  let scrollToRestore: { top: number; left: number } | undefined = { ...state.scroll };
  let moveTimer: ReturnType<typeof setTimeout> | undefined;
  let saveQueued = false;

  const index = new Map<string, SourceLocation>();
  const save = (): void => host.setState(state);

  function reindex(m: RoadmapModel): void {
    index.clear();
    const add = (ref: string, loc: SourceLocation): void => { if (!index.has(ref)) index.set(ref, loc); };
    const lanes = [...m.lanes, ...(m.sections ?? []).flatMap((s) => s.lanes)];
    for (const l of lanes) {
      for (const o of l.outcomes) add(o.ref, o.location);
      for (const c of l.cards) add(c.ref, c.location);
    }
    for (const c of [...m.unlinked, ...(m.sections ?? []).flatMap((s) => s.unlinked)]) add(c.ref, c.location);
    const walk = (nodes: RoadmapModel['trace']): void => nodes?.forEach((n) => { add(n.ref, n.location); walk(n.children); });
    walk(m.trace);
  }
  if (model) reindex(model);

  function draw(opts: { resetScroll?: boolean } = {}): void {
    if (moveTimer) { clearTimeout(moveTimer); moveTimer = undefined; }
    const old = root.querySelector<HTMLElement>('.scroller');
    const saved = scrollToRestore && (scrollToRestore.top || scrollToRestore.left) ? scrollToRestore : undefined;
    // A roadmap seen for the first time opens at today's column, not at the period's first quarter.
    const fresh = opts.resetScroll || (!old && !saved);
    const scroll = fresh ? { top: 0, left: 0 } : (saved ?? (old ? { top: old.scrollTop, left: old.scrollLeft } : { top: 0, left: 0 }));
    const focusKey = keyOf(document.activeElement);
    const openMenus = new Set([...root.querySelectorAll<HTMLElement>('details.menu[open][data-key]')].map((d) => d.dataset.key));
    if (!model) {
      renderPlaceholder(root, error ? { error, message: 'Waiting for a roadmap that can be drawn…' } : { message: 'Computing the roadmap…' });
      return;
    }
    render(root, model, state, { mode: host.mode, readOnly, exportFormats, error, pendingView, sourceUri });
    const scroller = root.querySelector<HTMLElement>('.scroller');
    if (scroller) {
      scroller.scrollTop = scroll.top;
      scroller.scrollLeft = fresh ? todayOffset(scroller) : scroll.left;
    }
    scrollToRestore = undefined;
    root.querySelectorAll<HTMLDetailsElement>('details.menu[data-key]').forEach((d) => { if (openMenus.has(d.dataset.key)) d.open = true; });
    if (focusKey) {
      const el = [...root.querySelectorAll<HTMLElement>('[data-key],[data-ref]')].find((x) => keyOf(x) === focusKey);
      el?.focus({ preventScroll: true });
    }
    applyHighlight(false);
  }

  function applyHighlight(scroll: boolean): void {
    root.querySelectorAll('.is-highlighted').forEach((e) => e.classList.remove('is-highlighted'));
    if (!highlight) return;
    const hits = [...root.querySelectorAll<HTMLElement>('[data-ref]')].filter((e) => e.dataset.ref === highlight);
    let first: HTMLElement | undefined;
    for (const el of hits) {
      const details = el.closest('details');
      if (details && !details.open && scroll) details.open = true;
      // A card in a collapsed lane is hidden: mark its lane instead.
      const collapsed = el.closest<HTMLElement>('.lane--collapsed');
      const target = collapsed?.querySelector<HTMLElement>('.lane__head') ?? el;
      target.classList.add('is-highlighted');
      first ??= target;
    }
    if (scroll && first) {
      const smooth = !window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
      const behavior: ScrollBehavior = smooth ? 'smooth' : 'auto';
      const scroller = first.closest<HTMLElement>('.scroller');
      // In the sticky lane column (an outcome, a collapsed lane): it is always in view sideways.
      if (scroller && first.closest('.lane__head')) scrollVertically(scroller, first, behavior);
      else first.scrollIntoView({ block: 'nearest', inline: 'nearest', behavior });
    }
  }

  /** Answers a snapshot request with an image of what is drawn, or with why there is none. */
  async function snapshot(id: number, format: SnapshotFormat): Promise<void> {
    let reply: { data: string } | { error: string };
    try {
      if (!model) throw new Error('the preview has not drawn a roadmap yet');
      const image = roadmapSvg(root.ownerDocument, model, state);
      reply = { data: format === 'svg' ? image.svg : await svgToPng(image) };
    } catch (e) {
      reply = { error: `The preview could not draw the ${format.toUpperCase()} image: ${(e as Error)?.message ?? e}` };
    }
    host.post({ type: 'snapshot', id, format, ...reply });
  }

  function receive(data: unknown): boolean {
    if (!isHostMessage(data)) return false;
    return handle(data);
  }

  function handle(msg: HostMessage): boolean {
    switch (msg.type) {
      case 'model': {
        if (msg.version < version) return false; // stale: an older computation arrived late
        version = msg.version;
        model = msg.model;
        sourceUri = msg.sourceUri;
        error = undefined;
        reindex(model);
        // Another document or unit than the one drawn (or, first, than the one saved): start at the top left.
        const key = JSON.stringify([sourceUri ?? null, model.unit]);
        const switched = shown !== undefined ? key !== shown
          : state.sourceUri !== undefined && sourceUri !== undefined && state.sourceUri !== sourceUri;
        shown = key;
        let dirty = false;
        if (sourceUri && sourceUri !== state.sourceUri) { state.sourceUri = sourceUri; dirty = true; }
        if (switched) { state.scroll = { top: 0, left: 0 }; scrollToRestore = undefined; dirty = true; }
        if (pendingView && model.view === pendingView) pendingView = undefined;
        if (!pendingView && state.view && !canDraw(model, state.view)) { state.view = model.view; dirty = true; }
        if (dirty) save();
        draw({ resetScroll: switched });
        return true;
      }
      case 'error':
        error = msg.message;
        draw();
        return true;
      case 'highlight':
        highlight = msg.ref;
        applyHighlight(true);
        return true;
      case 'config':
        readOnly = msg.readOnly ?? false;
        exportFormats = msg.exportFormats ?? [];
        if (msg.locked !== undefined && msg.locked !== state.locked) { state.locked = msg.locked; save(); }
        if (model || error) draw();
        return true;
      case 'snapshot':
        void snapshot(msg.id, msg.format);
        return true;
    }
  }

  attachEvents(root, {
    activate(el) {
      const ref = el.dataset.ref;
      if (!ref) return;
      const location = index.get(ref);
      if (host.mode === 'vscode' && location) {
        host.post({ type: 'reveal', ref, location });
      } else {
        const d = el.querySelector('details');
        if (d) d.open = !d.open;
      }
    },
    action(name, el) {
      if (!model) return;
      if (name === 'view' && isRoadmapView(el.dataset.view)) {
        const v = el.dataset.view;
        if (v === effectiveView(model, state.view)) return;
        state.view = v;
        state.scroll = { top: 0, left: 0 };
        if (host.mode === 'vscode') {
          host.post({ type: 'setView', view: v });
          if (!canDraw(model, v)) pendingView = v;
        }
        save();
        draw({ resetScroll: true });
      } else if (name === 'toggle-lane') {
        const id = el.dataset.laneId ?? '';
        state.collapsed = state.collapsed.includes(id) ? state.collapsed.filter((x) => x !== id) : [...state.collapsed, id];
        save();
        draw();
      } else if (name === 'clear-filters') {
        for (const k of FILTER_KEYS) state.filters[k] = '';
        save();
        draw();
      } else if (name === 'export' && el.dataset.format) {
        host.post({ type: 'export', format: el.dataset.format });
      }
    },
    filter(key, value) {
      if (!(FILTER_KEYS as readonly string[]).includes(key)) return;
      state.filters[key as keyof Filters] = value;
      save();
      draw();
    },
    unit(value) {
      if (!value || host.mode !== 'vscode') return;
      state.unit = value;
      save();
      host.post({ type: 'setUnit', unit: value });
    },
    move(card, cell) {
      const ref = card.dataset.ref;
      const column = cell.dataset.column;
      if (!ref || !column || host.mode !== 'vscode' || readOnly) return;
      host.post({ type: 'move', ref, column });
      // Optimistic: show the card where it was dropped until the new model arrives.
      card.dataset.column = column;
      card.classList.add('is-pending');
      cell.insertBefore(card, cell.querySelector('.cell__count'));
      card.focus({ preventScroll: true });
      if (moveTimer) clearTimeout(moveTimer);
      moveTimer = setTimeout(() => draw(), MOVE_TIMEOUT_MS);
    },
    scrolled(el) {
      state.scroll = { top: el.scrollTop, left: el.scrollLeft };
      if (saveQueued) return;
      saveQueued = true;
      requestAnimationFrame(() => { saveQueued = false; save(); });
    },
  });

  draw();
  if (host.mode === 'vscode') {
    const ready: ReadyMessage = { type: 'ready' };
    if (state.view) ready.view = state.view;
    if (state.unit) ready.unit = state.unit;
    host.post(ready);
  }
  return { receive };
}

/** The scrollLeft that puts today's column first after the sticky lane column (0 when there is none). */
function todayOffset(scroller: HTMLElement): number {
  const head = scroller.querySelector<HTMLElement>('.col-head--current');
  if (!head) return 0;
  const pad = parseFloat(getComputedStyle(scroller).scrollPaddingLeft) || 0;
  const left = head.getBoundingClientRect().left - scroller.getBoundingClientRect().left + scroller.scrollLeft - pad;
  return Math.max(0, Math.round(left));
}

/** Scrolls `scroller` up or down just enough to show `el` below the sticky header (scroll-padding-top). */
function scrollVertically(scroller: HTMLElement, el: HTMLElement, behavior: ScrollBehavior): void {
  const pad = parseFloat(getComputedStyle(scroller).scrollPaddingTop) || 0;
  const s = scroller.getBoundingClientRect();
  const r = el.getBoundingClientRect();
  const margin = 8;
  let dy = 0;
  if (r.top < s.top + pad + margin) dy = r.top - (s.top + pad + margin);
  else if (r.bottom > s.top + scroller.clientHeight - margin) dy = Math.min(r.bottom - (s.top + scroller.clientHeight - margin), r.top - (s.top + pad + margin));
  if (dy) scroller.scrollBy({ top: dy, behavior });
}

/** A stable key for an element, to find "the same" element after a re-render. */
function keyOf(el: Element | null): string | undefined {
  if (!(el instanceof HTMLElement)) return undefined;
  if (el.dataset.key) return el.dataset.key;
  if (el.dataset.ref) return `ref:${el.dataset.kind ?? ''}:${el.dataset.ref}:${el.closest<HTMLElement>('[data-lane]')?.dataset.lane ?? ''}`;
  return undefined;
}
