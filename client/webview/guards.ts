/**
 * The guards of the message protocol (messages.ts, which re-exports them): each
 * side checks what it receives, since `postMessage` carries untyped data. A
 * model is checked deep enough that the renderer cannot trip on it.
 */
import type { RoadmapModel, RoadmapView, SourceLocation } from '../../server/src/core/roadmap/model';
import { ROADMAP_VIEWS } from '../../server/src/core/roadmap/model';
import type { ReviewDocument } from '../../server/src/core/review/types';
import { isCompareData } from './compare';
import { DELTA_ARRAYS, type ModelDelta } from './delta';
import type {
  EndCompareMessage, ExportMessage, HostMessage, MoveMessage, ProbeMessage, ReadyMessage, RenderedMessage, ResyncMessage,
  RevealMessage, SectionsMessage, SetAudienceMessage, SetUnitMessage, SetViewMessage, SnapshotFormat, SnapshotMessage, WebviewMessage,
} from './messages';
import { isTally } from './tally';

export const SNAPSHOT_FORMATS: readonly SnapshotFormat[] = ['svg', 'png'];

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isNonEmptyStr = (x: unknown): x is string => typeof x === 'string' && x.length > 0;
const isOptStr = (x: unknown): boolean => x === undefined || typeof x === 'string';
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isStrArray = (x: unknown): x is string[] => Array.isArray(x) && x.every(isStr);

export function isRoadmapView(x: unknown): x is RoadmapView {
  return isStr(x) && (ROADMAP_VIEWS as readonly string[]).includes(x);
}

export function isSourceLocation(x: unknown): x is SourceLocation {
  return isObj(x) && isStr(x.file) && isNum(x.line) && x.line >= 0
    && (x.character === undefined || (isNum(x.character) && x.character >= 0));
}

export function isReadyMessage(x: unknown): x is ReadyMessage {
  return isObj(x) && x.type === 'ready'
    && (x.view === undefined || isRoadmapView(x.view)) && isOptStr(x.unit) && (x.open === undefined || isUnitList(x.open));
}
export function isSectionsMessage(x: unknown): x is SectionsMessage {
  return isObj(x) && x.type === 'sections' && isUnitList(x.open);
}
/** At most 2,000 unit ids (a company's products), each a non-empty string. */
const isUnitList = (x: unknown): x is string[] => Array.isArray(x) && x.length <= 2000 && x.every(isNonEmptyStr);
export function isRevealMessage(x: unknown): x is RevealMessage {
  return isObj(x) && x.type === 'reveal' && isNonEmptyStr(x.ref) && isSourceLocation(x.location);
}
export function isMoveMessage(x: unknown): x is MoveMessage {
  return isObj(x) && x.type === 'move' && isNonEmptyStr(x.ref) && isNonEmptyStr(x.column);
}
export function isSetViewMessage(x: unknown): x is SetViewMessage {
  return isObj(x) && x.type === 'setView' && isRoadmapView(x.view);
}
export function isSetUnitMessage(x: unknown): x is SetUnitMessage {
  return isObj(x) && x.type === 'setUnit' && isNonEmptyStr(x.unit);
}
export function isSetAudienceMessage(x: unknown): x is SetAudienceMessage {
  return isObj(x) && x.type === 'setAudience' && (x.audience === null || isNonEmptyStr(x.audience));
}
export function isExportMessage(x: unknown): x is ExportMessage {
  return isObj(x) && x.type === 'export' && isNonEmptyStr(x.format);
}

/** The largest image a snapshot may carry (characters of SVG text or of the PNG data URL). */
export const MAX_SNAPSHOT_CHARS = 64 * 1024 * 1024;

export function isSnapshotFormat(x: unknown): x is SnapshotFormat {
  return isStr(x) && (SNAPSHOT_FORMATS as readonly string[]).includes(x);
}
const isId = (x: unknown): x is number => isNum(x) && Number.isInteger(x) && x >= 0;

export function isSnapshotMessage(x: unknown): x is SnapshotMessage {
  return isObj(x) && x.type === 'snapshot' && isId(x.id) && isSnapshotFormat(x.format)
    && (x.data === undefined || (isStr(x.data) && x.data.length <= MAX_SNAPSHOT_CHARS))
    && isOptStr(x.error);
}

export function isRenderedMessage(x: unknown): x is RenderedMessage {
  return isObj(x) && x.type === 'rendered' && isNum(x.version);
}
export function isResyncMessage(x: unknown): x is ResyncMessage {
  return isObj(x) && x.type === 'resync';
}
export function isEndCompareMessage(x: unknown): x is EndCompareMessage {
  return isObj(x) && x.type === 'endCompare';
}
export function isProbeMessage(x: unknown): x is ProbeMessage {
  return isObj(x) && x.type === 'probe' && isId(x.id) && isObj(x.report) && Array.isArray(x.report.todayCards);
}

/** The extension's front door: true only for a well-formed message from the webview. */
export function isWebviewMessage(x: unknown): x is WebviewMessage {
  return isReadyMessage(x) || isRenderedMessage(x) || isResyncMessage(x) || isRevealMessage(x) || isMoveMessage(x)
    || isSetViewMessage(x) || isSetUnitMessage(x) || isSetAudienceMessage(x) || isExportMessage(x) || isSnapshotMessage(x) || isProbeMessage(x) || isEndCompareMessage(x)
    || isSectionsMessage(x) || (isObj(x) && (x.type === 'askReview' || x.type === 'endReview'));
}

/**
 * A structural check of a model, deep enough that the renderer cannot trip:
 * arrays where arrays are expected, and a ref, title, column and location on
 * every card. Optional fields are checked by the renderer as it reads them.
 * Elements of the long arrays found in `known` (checked before, e.g. kept by a
 * delta) are not checked again; those checked now are added to it.
 */
export function isRoadmapModel(x: unknown, known?: WeakSet<object>): x is RoadmapModel {
  const each = (list: unknown[], ok: (e: unknown) => boolean): boolean =>
    list.every((e) => (known && isObj(e) && known.has(e)) || (ok(e) && (known?.add(e as object), true)));
  if (!isObj(x) || !isStr(x.unit) || !isRoadmapView(x.view)) return false;
  // A model redacted for an audience (core/audience) lacks the fields it may not see: titles, supports, locations.
  const r = x.audience !== undefined;
  if (r && !isStr(x.audience)) return false;
  const isLane = (l: unknown) => laneOk(l, r);
  const isCard = (c: unknown) => cardOk(c, r);
  if (!Array.isArray(x.columns) || !x.columns.every((c) => isObj(c) && isStr(c.id) && isStr(c.title))) return false;
  if (!Array.isArray(x.lanes) || !each(x.lanes, isLane)) return false;
  if (!Array.isArray(x.unlinked) || !each(x.unlinked, isCard)) return false;
  // An elided section's cards are a tally (core/roadmap/elide.ts), or skeletons once the page expanded it (tally.ts).
  const isSkeleton = (c: unknown) => isObj(c) && isStr(c.ref) && (c.kind === 'item' || c.kind === 'kr') && isStr(c.column) && isStr(c.unit);
  const isSkeletonLane = (l: unknown) => isObj(l) && laneOk({ ...l, cards: [] }, r) && Array.isArray(l.cards) && l.cards.every(isSkeleton);
  if (x.sections !== undefined && !(Array.isArray(x.sections) && each(x.sections, (s) =>
    isObj(s) && isStr(s.unit) && (isStr(s.title) || (r && s.title === undefined)) && (s.elided === undefined || s.elided === true)
    && Array.isArray(s.lanes) && s.lanes.every(s.elided ? isSkeletonLane : isLane)
    && Array.isArray(s.unlinked) && s.unlinked.every(s.elided ? isSkeleton : isCard)
    && (s.tally === undefined || (s.elided === true && isTally(s.tally, s.lanes.length)))))) return false;
  if (x.trace !== undefined && !(Array.isArray(x.trace) && each(x.trace, (n) => traceOk(n, r)))) return false;
  if (x.gaps !== undefined && !(Array.isArray(x.gaps) && each(x.gaps, (g) => isObj(g) && isStr(g.kind) && isStr(g.ref) && isStr(g.title)
    && isStr(g.message) && (g.entity === 'kr' || g.entity === 'item') && isSourceLocation(g.location)))) return false;
  if (x.units !== undefined && !(Array.isArray(x.units) && x.units.every((u) => isObj(u) && isStr(u.id) && isStr(u.title)))) return false;
  return true;
}

/** The shape of a delta (what it holds is checked once applied, with isRoadmapModel). */
export function isModelDelta(x: unknown): x is ModelDelta {
  return isObj(x) && isObj(x.set) && isStrArray(x.unset) && Array.isArray(x.arrays) && x.arrays.every((a) =>
    isObj(a) && (DELTA_ARRAYS as readonly unknown[]).includes(a.field) && isNum(a.length) && Number.isInteger(a.length) && a.length >= 0
    && a.length <= 1_000_000 && Array.isArray(a.changed)
    && a.changed.every((c) => Array.isArray(c) && c.length === 2 && Number.isInteger(c[0]) && c[0] >= 0 && c[0] < (a.length as number)));
}

/** A required field, or (in a redacted model, `r`) one that may be absent. */
const need = (v: unknown, ok: (v: unknown) => boolean, r: boolean): boolean => ok(v) || (r && v === undefined);

function laneOk(x: unknown, r: boolean): boolean {
  return isObj(x) && isStr(x.id) && need(x.title, isStr, r)
    && Array.isArray(x.outcomes) && x.outcomes.every((o) => isObj(o) && isStr(o.ref) && need(o.title, isStr, r) && need(o.location, isSourceLocation, r))
    && Array.isArray(x.cards) && x.cards.every((c) => cardOk(c, r));
}
function cardOk(x: unknown, r: boolean): boolean {
  return isObj(x) && isStr(x.ref) && (x.kind === 'item' || x.kind === 'kr') && need(x.title, isStr, r)
    && isStr(x.column) && need(x.supports, isStrArray, r) && need(x.location, isSourceLocation, r)
    && (x.supportsTitles === undefined || isStrArray(x.supportsTitles));
}
function traceOk(x: unknown, r: boolean): boolean {
  return isObj(x) && isStr(x.ref) && (x.kind === 'kr' || x.kind === 'item') && need(x.title, isStr, r)
    && need(x.location, isSourceLocation, r) && Array.isArray(x.children) && x.children.every((c) => traceOk(c, r));
}

/** The webview's front door: true only for a well-formed message from the extension (`known`: see isRoadmapModel). */
export function isHostMessage(x: unknown, known?: WeakSet<object>): x is HostMessage {
  if (!isObj(x)) return false;
  switch (x.type) {
    case 'model': return isNum(x.version) && isRoadmapModel(x.model, known) && isOptStr(x.sourceUri);
    case 'delta': return isNum(x.version) && isNum(x.base) && isModelDelta(x.delta) && isOptStr(x.sourceUri);
    case 'error': return isStr(x.message);
    case 'highlight': return x.ref === null || isStr(x.ref);
    case 'config': return (x.readOnly === undefined || typeof x.readOnly === 'boolean')
      && (x.exportFormats === undefined || isStrArray(x.exportFormats))
      && (x.locked === undefined || typeof x.locked === 'boolean')
      && (x.audiences === undefined || (Array.isArray(x.audiences) && x.audiences.length <= 100 && x.audiences.every((a) => isObj(a) && isNonEmptyStr(a.name) && Array.isArray(a.views) && a.views.every(isRoadmapView))))
      && isOptStr(x.audience);
    case 'snapshot': return isId(x.id) && isSnapshotFormat(x.format);
    case 'probe': return isId(x.id);
    case 'review': return (x.doc === null && isOptStr(x.error)) || isReviewDocument(x.doc);
    case 'history': return isObj(x.krs) && Object.values(x.krs).every((ps) => Array.isArray(ps) && ps.every((p) => isObj(p) && isStr(p.date) && isNum(p.value) && (p.source === 'git' || p.source === 'checkin')))
      && isObj(x.periods) && Object.values(x.periods).every((d) => isObj(d) && isStr(d.first) && isStr(d.last));
    case 'compare': return x.data === null || isCompareData(x.data, (m): m is RoadmapModel => isRoadmapModel(m, known));
    default: return false;
  }
}

/** A structural check of a review document, deep enough that the Review view cannot trip. */
function isReviewDocument(x: unknown): x is ReviewDocument {
  if (!isObj(x) || !isStr(x.unit) || !isStr(x.asOf) || !Array.isArray(x.krs) || !Array.isArray(x.items) || !isStrArray(x.decisions)) return false;
  return x.krs.every((k) => isObj(k) && isStr(k.ref) && isStr(k.title) && isStr(k.objective) && isStr(k.objectiveTitle) && isStr(k.status)
      && Array.isArray(k.history) && k.history.every((p) => isObj(p) && isStr(p.date) && isNum(p.value)) && isStrArray(k.bets) && isStrArray(k.liveBets)
      && isSourceLocation(k.location) && isOptStr(k.period) && (k.change === undefined || (isObj(k.change) && isNum(k.change.from) && isNum(k.change.to))))
    && x.items.every((i) => isObj(i) && isStr(i.ref) && isStr(i.title) && isStrArray(i.events) && (i.location === undefined || isSourceLocation(i.location)));
}
