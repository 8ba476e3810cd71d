/**
 * The generated roadmaps on both sides: lanes created, removed, emptied or
 * filled, and cards that changed lane or column. Only the roadmaps a change
 * can reach are built: those of the units at or above a changed unit, or
 * above a unit whose references lead to one (a unit whose own keys changed —
 * its period, its parent — reaches the roadmaps below it too). A unit whose
 * files differ only in lines no card is placed by (check-ins: `current`,
 * `confidence`, `baseline`, `target`, `reviewed`, a one-line `hypothesis`,
 * comments) reaches no roadmap: a quarter of check-ins builds none.
 */
import type { Day } from '../period';
import { buildRoadmap, roadmapUnitList, roadmapUnitOf, type RoadmapOptions } from '../roadmap/index';
import { compareRefs } from '../roadmap/cards';
import type { Card, RoadmapModel, RoadmapView } from '../roadmap/model';
import type { Matching } from './match';
import type { Plan } from './plan';
import type { Scope } from './scope';
import type { CardMove, CardPlace, LaneChange } from './types';

export interface RoadmapPair {
  /** The roadmap's unit on the newer side (the older side's when it is gone). */
  unit: string;
  base?: RoadmapModel;
  head?: RoadmapModel;
}

/** The units whose roadmap a preview shows for some file: products, companies, the top of a chain. */
export function roadmapUnits(plan: Plan): Set<string> {
  const out = new Set<string>();
  for (const u of plan.index.units.values()) out.add(roadmapUnitOf(plan.index, u));
  return out;
}

/** Units a change can reach, on one side: from `seeds`, along who refers to whom, then every ancestor (and the descendants of `deep` units). */
export function reachable(plan: Plan, seeds: Iterable<string>, deep: Iterable<string>): Set<string> {
  const index = plan.index;
  const unitOfFile = new Map<string, string>();
  for (const f of index.files) if (f.unitId) unitOfFile.set(f.file, f.unitId.value);
  const seen = new Set<string>();
  const queue = [...seeds];
  while (queue.length) {
    const u = queue.pop()!;
    if (seen.has(u)) continue;
    seen.add(u);
    for (const f of index.referrers.get(u) ?? []) {
      const v = unitOfFile.get(f);
      if (v && !seen.has(v)) queue.push(v);
    }
  }
  const out = new Set(seen);
  for (const u of seen) {
    const guard = new Set([u]);
    for (let p = index.parentOf(u); p && !guard.has(p.id); p = index.parentOf(p.id)) {
      guard.add(p.id);
      out.add(p.id);
    }
  }
  for (const d of deep) for (const u of index.descendants(d)) out.add(u.id);
  return out;
}

/** Lines that never decide where a card goes (a line's key and its one-line value; comments). */
const UNPLACED = /^[ \t]*(?:(?:current|baseline|target|confidence|reviewed|hypothesis)[ \t]*:[^\n]*|#[^\n]*)$/gm;

/** A unit's files without the lines that place no card: equal on both sides → the same cards in the same places. */
function placement(plan: Plan, unit: string): string | undefined {
  return plan.index.units.get(unit)?.files.map((f) => `${f.file}\0${f.text.replace(UNPLACED, '')}`).join('\0');
}

/** How a side's roadmap is built (by default: buildRoadmap; a caller may keep them between runs). */
export type BuildRoadmap = (side: 'base' | 'head', plan: Plan, options: RoadmapOptions & { unit: string }) => RoadmapModel;

const build: BuildRoadmap = (_side, plan, options) => buildRoadmap(plan.index, options);

/** Builds the roadmaps (`view`) a change can reach, paired by unit across the sides. */
export function affectedRoadmaps(base: Plan, head: Plan, m: Matching, scope: Scope, asOf: Day, view: RoadmapView, builder: BuildRoadmap = build): RoadmapPair[] {
  const { deep } = scope;
  const toHead = (u: string) => m.unitMap.get(u);
  const toBase = new Map([...m.unitMap].map(([b, h]) => [h, b]));
  // Units changed only in check-in lines (same id, same keys) move no card: they seed nothing.
  const quiet = new Set<string>();
  for (const u of scope.changed.head) {
    const b = toBase.get(u);
    if (b === u && !deep.head.has(u) && placement(head, u) === placement(base, b)) quiet.add(u);
  }
  const changed = { base: [...scope.changed.base].filter((u) => !quiet.has(u)), head: [...scope.changed.head].filter((u) => !quiet.has(u)) };
  const reachBase = reachable(base, changed.base, deep.base);
  const reachHead = reachable(head, changed.head, deep.head);
  const units = new Map<string, { base?: string; head?: string }>();
  for (const u of roadmapUnits(head)) if (reachHead.has(u)) units.set(u, { base: toBase.get(u), head: u });
  for (const u of roadmapUnits(base)) {
    if (!reachBase.has(u)) continue;
    const h = toHead(u);
    if (h && units.has(h)) continue;
    units.set(h ?? u, { base: u, head: h && head.index.units.has(h) ? h : undefined });
  }
  const out: RoadmapPair[] = [];
  // Each model lists every unit: made once per side, not once per roadmap (that grew with the square of the cascade).
  const lists: { base?: RoadmapOptions['unitList']; head?: RoadmapOptions['unitList'] } = {};
  const listOf = (side: 'base' | 'head') => (lists[side] ??= roadmapUnitList(side === 'base' ? base.index : head.index));
  for (const [unit, sides] of [...units].sort((a, b) => compareRefs(a[0], b[0]))) {
    out.push({
      unit,
      base: sides.base ? builder('base', base, { unit: sides.base, view, asOf, path: base.display, unitList: listOf('base') }) : undefined,
      head: sides.head ? builder('head', head, { unit: sides.head, view, asOf, path: head.display, unitList: listOf('head') }) : undefined,
    });
  }
  return out;
}

const UNLINKED = 'unlinked';

interface Placed {
  card: Card;
  places: CardPlace[];
  /** The places as one string, to compare. */
  key: string;
}

function places(model: RoadmapModel | undefined, rename: (ref: string) => string): Map<string, Placed> {
  const out = new Map<string, Placed>();
  if (!model) return out;
  const add = (lane: string, card: Card) => {
    const ref = rename(card.ref);
    const entry = out.get(ref);
    if (entry) entry.places.push({ lane, column: card.column });
    else out.set(ref, { card, places: [{ lane, column: card.column }], key: '' });
  };
  for (const lane of model.lanes) {
    const id = rename(lane.id);
    for (const c of lane.cards) add(id, c);
  }
  for (const c of model.unlinked) add(UNLINKED, c);
  for (const e of out.values()) {
    if (e.places.length > 1) e.places.sort((a, b) => (a.lane < b.lane ? -1 : a.lane > b.lane ? 1 : a.column < b.column ? -1 : a.column > b.column ? 1 : 0));
    e.key = e.places.map((p) => `${p.lane}\t${p.column}`).join('\n');
  }
  return out;
}

/** Lanes and cards that differ between the two models of each pair (older refs renamed to the newer ones). */
export function roadmapChanges(pairs: RoadmapPair[], m: Matching): { lanes: LaneChange[]; cards: CardMove[] } {
  const rename = (ref: string) => m.entityMap.get(ref) ?? ref;
  const lanes: LaneChange[] = [];
  const cards: CardMove[] = [];
  for (const pair of pairs) {
    const before = new Map((pair.base?.lanes ?? []).map((l) => [rename(l.id), l]));
    const after = new Map((pair.head?.lanes ?? []).map((l) => [l.id, l]));
    for (const id of [...new Set([...before.keys(), ...after.keys()])].sort(compareRefs)) {
      const a = before.get(id);
      const b = after.get(id);
      const n = { before: a?.cards.length ?? 0, after: b?.cards.length ?? 0 };
      const change = !a ? 'created' : !b ? 'removed' : n.before && !n.after ? 'emptied' : !n.before && n.after ? 'filled' : undefined;
      if (change) lanes.push({ unit: pair.unit, lane: id, title: (b ?? a)!.title, change, cards: n });
    }
    const pa = places(pair.base, rename);
    const pb = places(pair.head, (r) => r);
    const moved = [...pa.keys()].filter((ref) => pa.get(ref)!.key !== pb.get(ref)?.key);
    for (const ref of pb.keys()) if (!pa.has(ref)) moved.push(ref);
    for (const ref of moved.sort(compareRefs)) {
      const a = pa.get(ref);
      const b = pb.get(ref);
      const card = (b ?? a)!.card;
      const move: CardMove = { unit: pair.unit, ref, kind: card.kind, title: card.title, before: a?.places ?? null, after: b?.places ?? null };
      if (a && a.card.ref !== ref) move.from = a.card.ref;
      cards.push(move);
    }
  }
  return { lanes, cards };
}
