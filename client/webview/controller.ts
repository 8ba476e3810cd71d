/**
 * The webview's state machine: holds the last good model, the view state and
 * what the host told us; validates every message; draws by patching the page
 * (patch.ts), so an update keeps scroll, focus and what is open; turns user
 * gestures into messages for the host; answers snapshot and probe requests.
 *
 * A model is drawn as soon as it arrives and acknowledged with `rendered` at
 * the next frame (when it is painted); the host posts the next one only then,
 * so models never queue up. Other redraws (resize, config) are coalesced to
 * one per frame. The
 * board scrolls only when the reader asks: a new document, unit or view starts
 * at the top left (today's column is on screen there, fold.ts), an update keeps
 * the scroll, and only the card under the editor's cursor is scrolled to.
 */
import type { PortfolioSection, RoadmapModel, RoadmapView, SourceLocation } from '../../server/src/core/roadmap/model';
import { attachEvents } from './events';
import { applyHighlight } from './highlight';
import { roadmapSvg, svgToPng } from './image';
import type { HostMessage, ReadyMessage, SnapshotFormat, WebviewMessage } from './messages';
import { isHostMessage, isRoadmapModel, isRoadmapView } from './messages';
import { applyDelta } from './delta';
import type { ReviewDocument } from '../../server/src/core/review/types';
import { buildOverlay, rowTarget, type CompareData, type Overlay } from './compare';
import { patch } from './patch';
import { probeLayout } from './probe';
import { PAGE, buildApp, isLarge, openSections, renderPlaceholder } from './render';
import type { Filters, ViewState } from './state';
import { FILTER_KEYS, isOpen, restoreState, toggleOpen } from './state';
import { canDraw, effectiveView } from './views';
import { gitMerger, type GitOutcomes } from './sparkline';
import { fillSections, withSkeletons } from './tally';
import { atNextFrame } from './frame';
import { RenderMemo } from './memo';
import { locationIndex, measure } from './locations';

/** What the page runs in: a VS Code webview, or a static exported page. */
export interface Host {
  mode: 'vscode' | 'standalone';
  post(msg: WebviewMessage): void;
  getState(): unknown;
  setState(state: ViewState): void;
  /**
   * An exported page: the whole cards of the elided portfolio section of `unit`
   * (what the page holds besides its model), or undefined.
   */
  section?(unit: string): Pick<PortfolioSection, 'lanes' | 'unlinked'> | undefined;
}

/** How long an optimistic move waits for the host's new model before it is undone. */
const MOVE_TIMEOUT_MS = 4000;
/** A frame may never come (a hidden page): draw anyway after this long. */
const FRAME_FALLBACK_MS = 100;

export interface Controller {
  /** Feed a message from the host (unvalidated). Returns false if it was dropped. */
  receive(data: unknown): boolean;
  /** Draws again at the next frame if an open section waits for its cards (an exported page: their blocks were read). */
  refresh(): void;
}

export function startController(root: HTMLElement, host: Host, embedded?: RoadmapModel): Controller {
  const state = restoreState(host.getState());
  /** The elided sections' tallies, expanded (tally.ts). */
  const skeletons = new WeakMap<PortfolioSection, PortfolioSection>();
  let model: RoadmapModel | undefined = embedded && withSkeletons(embedded, skeletons);
  let version = -Infinity;
  let drawnVersion = -Infinity;
  let error: string | undefined;
  let highlight: string | null = null;
  let pendingView: RoadmapView | undefined;
  let readOnly = false;
  let exportFormats: string[] = [];
  let audiences: { name: string; views: RoadmapView[] }[] = [];
  let audience: string | undefined;
  let sourceUri: string | undefined;
  /** Which document and unit the drawn model shows; the scroll position belongs to it. */
  let shown: string | undefined;
  let scrollToRestore: { top: number; left: number } | undefined = { ...state.scroll };
  let moveTimer: ReturnType<typeof setTimeout> | undefined;
  let saveQueued = false;
  /** A draw waiting for the next frame, and whether it starts the scroll over. */
  let queued: { reset: boolean; cancel: () => void } | undefined;
  /** Compare mode: the comparison the host sent and its overlay; `plain` while the reader toggled back to the plain board. */
  /** The Review view: shown while set; its document once the host sent it. */
  let review: { doc?: ReviewDocument; error?: string } | undefined;
  /** The KRs' git history (sent after the board), merged into the outcomes' sparklines. */
  let git: GitOutcomes | undefined;
  const withGit = gitMerger();
  let compare: { data: CompareData; overlay?: Overlay; plain: boolean; folded?: boolean } | undefined;
  /** Cells and lists showing more than their first page, by key. */
  const pages = new Map<string, number>();
  /** What the last draw built, so that the next skips what did not change (memo.ts). */
  const memo = new RenderMemo();

  /** Where each card, outcome and trace node of the model is written (locations.ts). */
  let index = new Map<string, SourceLocation>();
  /** Parts of models already checked (a delta keeps most of them). */
  const checked = new WeakSet<object>();
  const save = (): void => host.setState(state);
  const changed = (): void => { save(); draw(); }; // the reader changed the view state: kept, and drawn

  const reindex = (m: RoadmapModel): void => { index = locationIndex(m); };
  if (model) reindex(model);

  /** Draws at the next frame (coalescing every request until then). */
  function requestDraw(reset = false): void {
    if (queued) { queued.reset ||= reset; return; }
    queued = { reset, cancel: atNextFrame(() => { const r = queued?.reset ?? false; cancelQueued(); draw({ resetScroll: r }); }, FRAME_FALLBACK_MS) };
  }
  function cancelQueued(): void {
    queued?.cancel();
    queued = undefined;
  }

  /** The open portfolio sections (unit ids) the host was last told of (undefined: none told yet). */
  let openTold: string | undefined;
  /**
   * Opened sections whose cards were left out: an exported page fills them in
   * from what it holds; in VS Code the host is told which sections are open
   * (when that changed) and sends a model with their cards.
   */
  function fetchSections(): void {
    if (!model?.sections?.some((s) => s.elided)) return;
    const open = openSections(model, state);
    if (host.mode === 'vscode') {
      const key = open.join('\n');
      if (key !== openTold) { openTold = key; host.post({ type: 'sections', open }); }
      return;
    }
    const filled = host.section && fillSections(model, open, host.section);
    if (filled) { model = filled; reindex(model); }
  }

  function draw(opts: { resetScroll?: boolean } = {}): void {
    const started = performance.now();
    fetchSections();
    const reset = opts.resetScroll || queued?.reset;
    cancelQueued();
    if (moveTimer) { clearTimeout(moveTimer); moveTimer = undefined; }
    if (!model) {
      renderPlaceholder(root, error ? { error, message: 'Waiting for a roadmap that can be drawn…' } : { message: 'Computing the roadmap…' });
      return;
    }
    const current = root.firstElementChild;
    const first = !(current instanceof HTMLElement && current.classList.contains('app') && !current.classList.contains('app--placeholder'));
    const cmp = compare && { label: compare.data.label, overlay: compare.overlay, showing: !compare.plain, folded: compare.folded };
    const build = (patching: boolean): HTMLElement => {
      memo.begin(patching);
      return buildApp(withGit(model!, git), state, { mode: host.mode, readOnly, exportFormats, audiences, audience, error, pendingView, sourceUri, compare: cmp, review }, measure(root), pages, memo);
    };
    if (first) {
      root.replaceChildren(build(false));
    } else {
      patch(current, build(true));
      // A part kept by the memo found no drawn element to stand for: build it all (never expected).
      if (root.querySelector('[data-stub]')) root.replaceChildren(build(false));
    }
    memo.commit();
    const scroller = root.querySelector<HTMLElement>('.scroller');
    const restore = scrollToRestore && (scrollToRestore.top || scrollToRestore.left) ? scrollToRestore : undefined;
    if (scroller && (reset || (first && !restore))) { scroller.scrollTop = 0; scroller.scrollLeft = 0; }
    else if (scroller && first && restore) { scroller.scrollTop = restore.top; scroller.scrollLeft = restore.left; }
    scrollToRestore = undefined;
    applyHighlight(root, model, highlight, false);
    if (version > drawnVersion && host.mode === 'vscode') {
      drawnVersion = version;
      const v = version;
      const done = performance.now();
      // Said when the frame that paints it starts (or soon, if no frame comes: a hidden page).
      atNextFrame(() => host.post({ type: 'rendered', version: v, drawMs: Math.round(done - started), frameMs: Math.round(performance.now() - done), at: Date.now() }), FRAME_FALLBACK_MS);
    }
  }

  /** Answers a snapshot request with an image of what is drawn, or with why there is none. */
  async function snapshot(id: number, format: SnapshotFormat): Promise<void> {
    if (queued) draw();
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
    if (!isHostMessage(data, checked)) return false;
    return handle(data);
  }

  /** Takes a model in (whole, or a delta applied to the one held) and draws it. */
  function accept(next: RoadmapModel, v: number, uri: string | undefined): boolean {
    version = v;
    model = withSkeletons(next, skeletons);
    // Expanded from checked tallies: a delta that keeps them need not check their skeletons.
    for (const s of model.sections ?? []) checked.add(s);
    sourceUri = uri;
    error = undefined;
    reindex(model);
    // Another document or unit than the one drawn (or, first, than the one saved): start at the top left.
    const key = JSON.stringify([sourceUri ?? null, model.unit]);
    const switched = shown !== undefined ? key !== shown
      : state.sourceUri !== undefined && sourceUri !== undefined && state.sourceUri !== sourceUri;
    shown = key;
    let dirty = false;
    if (sourceUri && sourceUri !== state.sourceUri) { state.sourceUri = sourceUri; dirty = true; }
    if (switched) { state.scroll = { top: 0, left: 0 }; scrollToRestore = undefined; pages.clear(); dirty = true; }
    if (pendingView && model.view === pendingView) pendingView = undefined;
    if (!pendingView && state.view && !canDraw(model, state.view)) { state.view = model.view; dirty = true; }
    if (dirty) save();
    draw({ resetScroll: switched });
    return true;
  }

  function handle(msg: HostMessage): boolean {
    switch (msg.type) {
      case 'model':
        if (msg.version < version) return false; // stale: an older computation arrived late
        return accept(msg.model, msg.version, msg.sourceUri);
      case 'delta': {
        // A delta fits only the model it was made from; else the host sends the whole model.
        if (!model || msg.base !== version || msg.version <= version) { host.post({ type: 'resync' }); return false; }
        const next = applyDelta(model, msg.delta);
        if (!isRoadmapModel(next, checked)) { host.post({ type: 'resync' }); return false; }
        return accept(next, msg.version, msg.sourceUri);
      }
      case 'error':
        error = msg.message;
        requestDraw();
        return true;
      case 'highlight':
        highlight = msg.ref;
        if (queued) draw();
        applyHighlight(root, model, highlight, true);
        return true;
      case 'config':
        readOnly = msg.readOnly ?? false;
        exportFormats = msg.exportFormats ?? [];
        if (msg.locked !== undefined && msg.locked !== state.locked) { state.locked = msg.locked; save(); }
        audiences = msg.audiences ?? [];
        audience = msg.audience;
        if ((audience ?? '') !== (state.audience ?? '')) { state.audience = audience; save(); }
        if (model || error) requestDraw();
        return true;
      case 'snapshot':
        void snapshot(msg.id, msg.format);
        return true;
      case 'review':
        if (!review) return false; // not asked for, or left since
        review = msg.doc ? { doc: msg.doc } : { error: msg.error ?? 'the language server gave no review' };
        if (model) draw({ resetScroll: true });
        return true;
      case 'history':
        git = { krs: msg.krs, periods: msg.periods };
        if (model) requestDraw();
        return true;
      case 'compare':
        compare = msg.data ? { data: msg.data, overlay: buildOverlay(msg.data), plain: compare?.data.label === msg.data.label && compare.plain, folded: compare?.folded } : undefined;
        if (model) draw();
        return true;
      case 'probe':
        if (queued) draw();
        host.post({ type: 'probe', id: msg.id, report: probeLayout(root.ownerDocument) });
        return true;
    }
  }

  const large = (): boolean => !!model && isLarge(model);

  attachEvents(root, {
    activate(el) {
      const ref = el.dataset.ref;
      if (!ref) return;
      const gap = el.dataset.gap !== undefined ? model?.gaps?.[Number(el.dataset.gap)] : undefined;
      const row = el.dataset.consequence !== undefined ? compare?.overlay?.rows[Number(el.dataset.consequence)] : undefined;
      if (row && compare && host.mode === 'vscode') {
        const target = rowTarget(compare.data, row, (r) => index.get(r));
        if (target) host.post({ type: 'reveal', ...target });
        return;
      }
      const reviewed = review?.doc && [...review.doc.items, ...review.doc.krs].find((x) => x.ref === ref)?.location;
      const location = gap?.ref === ref ? gap.location : reviewed ?? index.get(ref);
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
        return;
      }
      if (name === 'export' && el.dataset.format) {
        host.post({ type: 'export', format: el.dataset.format });
        return;
      }
      if (name === 'compare-toggle' && compare) {
        compare.plain = !compare.plain;
        draw();
        return;
      }
      if (name === 'review' || name === 'review-close') {
        review = name === 'review' ? {} : undefined;
        host.post({ type: name === 'review' ? 'askReview' : 'endReview' });
        draw({ resetScroll: true });
        return;
      }
      if (name === 'compare-fold' && compare) {
        compare.folded = !compare.folded;
        draw();
        return;
      }
      if (name === 'compare-close') {
        compare = undefined;
        host.post({ type: 'endCompare' });
        draw();
        return;
      }
      if (name === 'toggle-lane') toggleOpen(state, el.dataset.laneId ?? '', !large());
      else if (name === 'toggle-section') toggleOpen(state, el.dataset.section ?? '', !large());
      else if (name === 'toggle-trace') toggleOpen(state, el.dataset.node ?? '', el.dataset.default === '1');
      else if (name === 'unfold') state.unfold = true;
      else if (name === 'fold') delete state.unfold;
      else if (name === 'clear-filters') for (const k of FILTER_KEYS) state.filters[k] = '';
      else if (name === 'more' && el.dataset.cell) pages.set(el.dataset.cell, (pages.get(el.dataset.cell) ?? PAGE) + PAGE * 4);
      else return;
      changed();
    },
    toggle(id, open) {
      if (!model || isOpen(state, id, false) === open) return;
      toggleOpen(state, id, false);
      changed();
    },
    filter(key, value) {
      if (!(FILTER_KEYS as readonly string[]).includes(key)) return;
      state.filters[key as keyof Filters] = value;
      changed();
    },
    unit(value) {
      if (!value || host.mode !== 'vscode') return;
      state.unit = value;
      save();
      host.post({ type: 'setUnit', unit: value });
    },
    audience(value) {
      if (host.mode !== 'vscode') return;
      host.post({ type: 'setAudience', audience: value || null });
    },
    move(card, cell) {
      const ref = card.dataset.ref;
      const column = cell.dataset.column;
      if (!ref || !column || host.mode !== 'vscode' || readOnly) return;
      host.post({ type: 'move', ref, column });
      // Optimistic: show the card where it was dropped until the new model arrives (the page is no longer what was built).
      memo.reset();
      card.dataset.column = column;
      card.classList.add('is-pending');
      cell.insertBefore(card, cell.querySelector('.cell__more'));
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
  // A wider or narrower panel may fold or unfold past quarters.
  window.addEventListener('resize', () => { if (model) requestDraw(); });

  draw();
  if (host.mode === 'vscode') {
    const ready: ReadyMessage = { type: 'ready' };
    if (state.view) ready.view = state.view;
    if (state.unit) ready.unit = state.unit;
    const open = state.opened.filter((id) => id.startsWith('section:')).map((id) => id.slice('section:'.length)).filter(Boolean);
    if (open.length) ready.open = open;
    openTold = open.join('\n');
    host.post(ready);
  }
  // Only a section opened and still waiting for its cards needs drawing again.
  const waiting = (): boolean => !!model && openSections(model, state).some((u) => model?.sections?.find((s) => s.unit === u)?.elided);
  return { receive, refresh: () => { if (waiting()) requestDraw(); } };
}
