/**
 * Compare mode: the board of the newer side of a comparison (a git revision
 * against the workspace, or a what-if) with what changed drawn on it. Cards
 * added are marked, cards removed are drawn as ghosts where they were, cards
 * that moved say where from, KR outcomes carry their progress delta; the
 * consequences (findings introduced or resolved, items no longer traced, KRs
 * left unsupported, dependencies now planned later, lanes emptied, load) are
 * listed above the board, each a link to its source.
 *
 * The host sends `{ type: 'compare', data }` (the `okr/compare` answer and a
 * label); `data: null` leaves compare mode. What is drawn is computed here from
 * the two roadmap models (so every view can show it) and the change set (for
 * renames, progress and consequences).
 */
import type { Card, Lane, RoadmapModel, SourceLocation } from '../../server/src/core/roadmap/model';

// ------------------------------------------------------------ the change set, as far as the preview reads it
// (server/src/core/compare/types.ts, DESIGN.md "Comparing two plans": fields may be added, never renamed)

export interface PlanLocation { file: string; line: number; character: number }
export interface ChangeView {
  kind: 'added' | 'removed' | 'renamed' | 'moved' | 'changed';
  entity: 'unit' | 'objective' | 'kr' | 'item';
  ref: string;
  from?: string;
  title?: string;
  location?: PlanLocation;
  before?: PlanLocation;
  fields?: Record<string, { before: unknown; after: unknown }>;
  slipped?: boolean;
  progress?: { before: number | null; after: number | null };
}
export interface FindingView {
  file: string;
  range: { start: { line: number; character: number } };
  severity: string;
  code: string;
  message: string;
}
export interface RefAtView { ref: string; title?: string; location?: PlanLocation }
export interface ChangeSetView {
  base: { rev?: string; path?: string; edits?: string[] };
  head: { rev?: string; path?: string; edits?: string[] };
  changes: ChangeView[];
  findings: { introduced: FindingView[]; resolved: FindingView[] };
  consequences: {
    untraceable: RefAtView[];
    traced: RefAtView[];
    unsupported: RefAtView[];
    supported: RefAtView[];
    dependsLater: { ref: string; on: string; horizon: string; dependencyHorizon: string; location?: PlanLocation }[];
    dependsLaterResolved: { ref: string; on: string; horizon: string; dependencyHorizon: string; location?: PlanLocation }[];
    lanes: { unit: string; lane: string; title: string; change: 'created' | 'removed' | 'emptied' | 'filled'; cards: { before: number; after: number } }[];
    load: { unit: string; capacity: { before: number | null; after: number | null }; now: { before: number; after: number }; overloaded: { before: boolean; after: boolean } }[];
  };
  summary: { added: number; removed: number; renamed: number; moved: number; changed: number; introduced: number; resolved: number };
}

/** What the host sends: the comparison and what it compares with ("HEAD (1ab24f9)", "what if: cut checkout/KR1"). */
export interface CompareData {
  label: string;
  changes: ChangeSetView;
  base: RoadmapModel | null;
  head: RoadmapModel | null;
}

export interface CompareMessage {
  type: 'compare';
  /** Null: leave compare mode. */
  data: CompareData | null;
}

// ------------------------------------------------------------ the overlay

export type MarkKind = 'added' | 'removed' | 'moved' | 'renamed';

export interface CardMark {
  kind: MarkKind;
  /** Words for where it came from: "from Q3 2026", "from checkout/old-id". */
  from?: string;
}

/** One line of the consequences list: what it says and where it jumps. */
export interface ConsequenceRow {
  group: string;
  kind: 'bad' | 'good' | 'info';
  ref: string;
  text: string;
  location?: SourceLocation;
}

export interface Overlay {
  label: string;
  /** The newer side's model with the removed cards put back as ghosts where they were. */
  model: RoadmapModel;
  marks: ReadonlyMap<string, CardMark>;
  ghosts: ReadonlySet<Card>;
  /** KR ref → progress on each side, when it changed. */
  progress: ReadonlyMap<string, { before: number | null; after: number | null }>;
  rows: ConsequenceRow[];
  summary: string;
}

/** Views whose cards sit on a board (where ghosts are drawn). */
const BOARD_VIEWS = new Set(['quarters', 'horizons', 'tech', 'portfolio']);

interface Placed { lane: Lane | null; card: Card }

function placements(lanes: Lane[], unlinked: Card[]): Map<string, Placed[]> {
  const out = new Map<string, Placed[]>();
  const add = (lane: Lane | null, card: Card): void => { const l = out.get(card.ref) ?? []; l.push({ lane, card }); out.set(card.ref, l); };
  for (const lane of lanes) for (const c of lane.cards) add(lane, c);
  for (const c of unlinked) add(null, c);
  return out;
}

interface Board { lanes: Lane[]; unlinked: Card[] }

/**
 * Marks the head board's cards and puts the base board's removed cards back as
 * ghosts (a copy of the head board: the model held by the webview is not touched).
 */
function overlayBoard(head: Board, base: Board | undefined, titles: Map<string, string>, renamedFrom: Map<string, string>,
  marks: Map<string, CardMark>, ghosts: Set<Card>, withGhosts: boolean): Board {
  const before = base ? placements(base.lanes, base.unlinked) : new Map<string, Placed[]>();
  const after = placements(head.lanes, head.unlinked);
  const renamedTo = new Set(renamedFrom.values());
  for (const [ref, now] of after) {
    const old = renamedFrom.get(ref) ?? ref;
    const was = before.get(old);
    if (!was) { marks.set(ref, { kind: 'added' }); continue; }
    const cols = (ps: Placed[]) => [...new Set(ps.map((p) => p.card.column))];
    const wasCols = cols(was);
    const nowCols = cols(now);
    const lanesOf = (ps: Placed[]) => [...new Set(ps.map((p) => p.lane?.id ?? '#unlinked'))].sort().join();
    if (wasCols.join() !== nowCols.join()) marks.set(ref, { kind: 'moved', from: `from ${wasCols.map((c) => titles.get(c) ?? c).join(', ')}` });
    else if (lanesOf(was) !== lanesOf(now)) marks.set(ref, { kind: 'moved', from: `from ${was.map((p) => p.lane ? p.lane.title : 'Unlinked').join(', ')}` });
    else if (old !== ref) marks.set(ref, { kind: 'renamed', from: `was ${old}` });
  }
  if (!withGhosts || !base) return head;
  const lanes = head.lanes.map((l) => ({ ...l, cards: [...l.cards] }));
  const unlinked = [...head.unlinked];
  const byId = new Map(lanes.map((l) => [l.id, l]));
  const columns = new Set(titles.keys());
  for (const [ref, was] of before) {
    if (after.has(ref) || renamedTo.has(ref)) continue;
    marks.set(ref, { kind: 'removed' });
    for (const p of was) {
      const ghost: Card = { ...p.card, column: columns.has(p.card.column) ? p.card.column : 'later' };
      ghosts.add(ghost);
      if (!p.lane) { unlinked.push(ghost); continue; }
      let lane = byId.get(p.lane.id);
      if (!lane) {
        lane = { ...p.lane, cards: [] };
        byId.set(lane.id, lane);
        lanes.push(lane);
      }
      lane.cards.push(ghost);
    }
  }
  return { lanes, unlinked };
}

const at = (l: PlanLocation | undefined): SourceLocation | undefined => (l ? { file: l.file, line: l.line, character: l.character } : undefined);
const pct = (x: number | null): string => (x === null ? '?' : `${Math.round(x * 100)}%`);

/** The head model with changes drawn on it, for the view the head model is of. */
export function buildOverlay(data: CompareData): Overlay | undefined {
  const head = data.head;
  if (!head) return undefined;
  const base = data.base ?? undefined;
  const cs = data.changes;
  const renamedFrom = new Map(cs.changes.filter((c) => c.kind === 'renamed' && c.from).map((c) => [c.ref, c.from!]));
  const titles = new Map(head.columns.map((c) => [c.id, c.title]));
  for (const c of base?.columns ?? []) if (!titles.has(c.id)) titles.set(c.id, c.title);
  const marks = new Map<string, CardMark>();
  const ghosts = new Set<Card>();
  const withGhosts = BOARD_VIEWS.has(head.view);
  const top = overlayBoard(head, base, titles, renamedFrom, marks, ghosts, withGhosts);
  const model: RoadmapModel = { ...head, lanes: top.lanes, unlinked: top.unlinked };
  if (head.sections) {
    const baseSections = new Map((base?.sections ?? []).map((s) => [s.unit, s]));
    model.sections = head.sections.map((s) => ({ ...s, ...overlayBoard(s, baseSections.get(s.unit), titles, renamedFrom, marks, ghosts, withGhosts) }));
  }
  const progress = new Map<string, { before: number | null; after: number | null }>();
  for (const c of cs.changes) if (c.entity === 'kr' && c.progress) progress.set(c.ref, c.progress);
  return { label: data.label, model, marks, ghosts, progress, rows: consequenceRows(cs), summary: summaryLine(cs) };
}

function summaryLine(cs: ChangeSetView): string {
  const s = cs.summary;
  const parts = [
    s.added && `${s.added} added`, s.removed && `${s.removed} removed`, s.renamed && `${s.renamed} renamed`,
    s.moved && `${s.moved} moved`, s.changed && `${s.changed} changed`,
    s.introduced && `${s.introduced} new ${s.introduced === 1 ? 'finding' : 'findings'}`, s.resolved && `${s.resolved} resolved`,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'no change to the plan';
}

/** Every consequence as a row that jumps to its source (the changes to KR numbers and horizons first). */
export function consequenceRows(cs: ChangeSetView): ConsequenceRow[] {
  const rows: ConsequenceRow[] = [];
  const c = cs.consequences;
  for (const f of cs.findings.introduced) {
    rows.push({ group: 'New findings', kind: 'bad', ref: f.code, text: `${f.code}: ${f.message}`, location: { file: f.file, line: f.range.start.line, character: f.range.start.character } });
  }
  for (const f of cs.findings.resolved) {
    rows.push({ group: 'Findings resolved', kind: 'good', ref: f.code, text: `${f.code}: ${f.message}`, location: { file: f.file, line: f.range.start.line, character: f.range.start.character } });
  }
  for (const x of c.untraceable) rows.push({ group: 'No longer traced to a KR', kind: 'bad', ref: x.ref, text: `${x.ref}${x.title ? ` ${x.title}` : ''} supports no key result now`, location: at(x.location) });
  for (const x of c.unsupported) rows.push({ group: 'KRs left unsupported', kind: 'bad', ref: x.ref, text: `${x.ref}${x.title ? ` ${x.title}` : ''}: nothing supports it now`, location: at(x.location) });
  for (const d of c.dependsLater) rows.push({ group: 'Depends on later work', kind: 'bad', ref: d.ref, text: `${d.ref} (${d.horizon}) depends on ${d.on}, now planned ${d.dependencyHorizon}`, location: at(d.location) });
  for (const l of c.lanes) {
    const words = { created: 'new lane', removed: 'lane removed', emptied: 'lane emptied', filled: 'lane filled' }[l.change];
    rows.push({ group: 'Lanes', kind: l.change === 'emptied' || l.change === 'removed' ? 'bad' : 'info', ref: l.lane, text: `${l.lane} ${l.title}: ${words} (${l.cards.before} → ${l.cards.after} cards)` });
  }
  for (const l of c.load) {
    const cap = l.capacity.after ?? l.capacity.before;
    rows.push({ group: 'Load in now', kind: l.overloaded.after && !l.overloaded.before ? 'bad' : 'info', ref: l.unit,
      text: `${l.unit}: ${l.now.before} → ${l.now.after} items in now${cap !== null ? ` (capacity ${cap})` : ''}${l.overloaded.after ? ', over capacity' : ''}` });
  }
  for (const x of c.traced) rows.push({ group: 'Now traced to a KR', kind: 'good', ref: x.ref, text: `${x.ref}${x.title ? ` ${x.title}` : ''} supports a key result now`, location: at(x.location) });
  for (const x of c.supported) rows.push({ group: 'KRs now supported', kind: 'good', ref: x.ref, text: `${x.ref}${x.title ? ` ${x.title}` : ''} is supported now`, location: at(x.location) });
  for (const d of c.dependsLaterResolved) rows.push({ group: 'No longer depends on later work', kind: 'good', ref: d.ref, text: `${d.ref} no longer waits for ${d.on}`, location: at(d.location) });
  for (const ch of cs.changes) {
    if (ch.entity === 'kr' && ch.progress) {
      rows.push({ group: 'Key results', kind: (ch.progress.after ?? 0) < (ch.progress.before ?? 0) ? 'bad' : 'good', ref: ch.ref,
        text: `${ch.ref}${ch.title ? ` ${ch.title}` : ''}: progress ${pct(ch.progress.before)} → ${pct(ch.progress.after)}`, location: at(ch.location ?? ch.before) });
    } else if (ch.entity === 'item' && ch.fields?.horizon && ch.slipped !== undefined) {
      const h = ch.fields.horizon;
      rows.push({ group: ch.slipped ? 'Slipped' : 'Pulled in', kind: ch.slipped ? 'bad' : 'good', ref: ch.ref,
        text: `${ch.ref}${ch.title ? ` ${ch.title}` : ''}: ${String(h.before ?? 'no horizon')} → ${String(h.after ?? 'no horizon')}`, location: at(ch.location) });
    }
  }
  return rows;
}

// ------------------------------------------------------------ the message guard

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isArr = (x: unknown): x is unknown[] => Array.isArray(x);

/** A structural check deep enough that the renderer cannot trip (the models are checked by isRoadmapModel). */
export function isCompareData(x: unknown, isModel: (m: unknown) => m is RoadmapModel): x is CompareData {
  if (!isObj(x) || typeof x.label !== 'string' || !isObj(x.changes)) return false;
  if (!(x.base === null || isModel(x.base)) || !(x.head === null || isModel(x.head))) return false;
  const cs = x.changes;
  const c = cs.consequences;
  if (!isObj(cs.base) || !isObj(cs.head) || !isArr(cs.changes) || !isObj(cs.findings) || !isObj(c) || !isObj(cs.summary)) return false;
  if (!isArr(cs.findings.introduced) || !isArr(cs.findings.resolved)) return false;
  for (const k of ['untraceable', 'traced', 'unsupported', 'supported', 'dependsLater', 'dependsLaterResolved', 'lanes', 'load']) if (!isArr(c[k])) return false;
  const loc = (l: unknown): boolean => l === undefined || (isObj(l) && typeof l.file === 'string' && typeof l.line === 'number' && l.line >= 0 && typeof l.character === 'number');
  const finding = (f: unknown): boolean => isObj(f) && typeof f.file === 'string' && typeof f.code === 'string' && typeof f.message === 'string'
    && isObj(f.range) && isObj(f.range.start) && typeof f.range.start.line === 'number' && typeof f.range.start.character === 'number';
  const refAt = (r: unknown): boolean => isObj(r) && typeof r.ref === 'string' && (r.title === undefined || typeof r.title === 'string') && loc(r.location);
  const dep = (d: unknown): boolean => isObj(d) && ['ref', 'on', 'horizon', 'dependencyHorizon'].every((k) => typeof d[k] === 'string') && loc(d.location);
  return cs.changes.every((ch) => isObj(ch) && typeof ch.kind === 'string' && typeof ch.entity === 'string' && typeof ch.ref === 'string'
      && loc(ch.location) && loc(ch.before) && (ch.fields === undefined || isObj(ch.fields))
      && (ch.progress === undefined || (isObj(ch.progress) && [ch.progress.before, ch.progress.after].every((p) => p === null || typeof p === 'number'))))
    && cs.findings.introduced.every(finding) && cs.findings.resolved.every(finding)
    && [...(c.untraceable as unknown[]), ...(c.traced as unknown[]), ...(c.unsupported as unknown[]), ...(c.supported as unknown[])].every(refAt)
    && [...(c.dependsLater as unknown[]), ...(c.dependsLaterResolved as unknown[])].every(dep)
    && (c.lanes as unknown[]).every((l) => isObj(l) && typeof l.lane === 'string' && typeof l.title === 'string' && typeof l.change === 'string' && isObj(l.cards))
    && (c.load as unknown[]).every((l) => isObj(l) && typeof l.unit === 'string' && isObj(l.capacity) && isObj(l.now) && isObj(l.overloaded));
}

/**
 * Where a consequence opens. A what-if's locations are in its hypothetical
 * texts (DESIGN.md), so there a row opens the entity it concerns as it is in
 * the workspace: the ref of the row, or for a finding the card or KR of the
 * newer side that holds the finding's line. `real` gives the workspace's location of a ref.
 */
export function rowTarget(data: CompareData, row: ConsequenceRow, real: (ref: string) => SourceLocation | undefined): { ref: string; location: SourceLocation } | undefined {
  const hypothetical = !!data.changes.head.edits?.length || data.changes.head.rev === 'what-if';
  if (!hypothetical) return row.location ? { ref: row.ref, location: row.location } : undefined;
  let ref = row.ref;
  if (row.group === 'New findings' || row.group === 'Findings resolved') {
    const m = row.group === 'New findings' ? data.head : data.base;
    const at = row.location;
    if (!m || !at) return undefined;
    const lanes = [...m.lanes, ...(m.sections ?? []).flatMap((s) => s.lanes)];
    const spots = [...lanes.flatMap((l) => [...l.cards, ...l.outcomes]), ...m.unlinked, ...(m.sections ?? []).flatMap((s) => s.unlinked)]
      .filter((e) => e.location.file === at.file && e.location.line <= at.line)
      .sort((a, b) => b.location.line - a.location.line);
    if (!spots.length) return undefined;
    ref = spots[0].ref;
  }
  const location = real(ref);
  return location ? { ref, location } : undefined;
}
