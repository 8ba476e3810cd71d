/**
 * Which unit and which entity of the older side is which of the newer side.
 * First by id; then, among what is left on each side, a rename (same unit,
 * another id) or a move (another unit) when the entries are alike enough
 * (see similarity.ts). A unit renamed carries its entities along: they are
 * the same entities, not renames of their own.
 */
import type { UnitInfo } from '../link';
import { entityKey, type Entity } from '../model';
import { compareRefs } from '../roadmap/cards';
import type { DataReader, Data } from './data';
import type { Plan } from './plan';
import { likeness, overlap, textSimilarity } from './similarity';

export type PairHow = 'same' | 'renamed' | 'moved';

export interface EntityPair {
  how: PairHow;
  base: Entity;
  head: Entity;
}

export interface UnitPair {
  how: 'same' | 'renamed';
  base: UnitInfo;
  head: UnitInfo;
}

export interface Matching {
  units: UnitPair[];
  removedUnits: UnitInfo[];
  addedUnits: UnitInfo[];
  /** Base unit id → head unit id. */
  unitMap: Map<string, string>;
  /**
   * Head ids of units whose files are the same text on both sides: their
   * entities are the same, one for one, and are left out of `pairs`.
   */
  identical: Set<string>;
  /** Entity pairs of the other units, and the renames and moves. */
  pairs: EntityPair[];
  removed: Entity[];
  added: Entity[];
  /** Base entity key → head entity key (an entity of an identical unit keeps its key). */
  entityMap: Map<string, string>;
  /** The older side's version of a newer side's entity, if it had one. */
  baseOf(head: Entity): Entity | undefined;
}

export interface MatchContext {
  base: Plan;
  head: Plan;
  data: DataReader;
  /** Two values of one field mean the same (references compared as what they name). */
  same: (key: string, a: unknown, b: unknown, ctx: { baseUnit: string; headUnit: string }) => boolean;
}

const keyOf = (e: Entity) => entityKey(e.unit, e.id);

export function dataOf(ctx: MatchContext, side: 'base' | 'head', e: Entity): Data {
  const plan = ctx[side];
  const file = plan.index.units.get(e.unit)?.files.find((f) => f.file === e.file);
  return file ? ctx.data.entity(file, e) : {};
}

/** Same files, same text: nothing in the unit can differ. */
export const sameFiles = (a: UnitInfo, b: UnitInfo) => a.files.length === b.files.length && a.files.every((f, i) => f === b.files[i] || (f.file === b.files[i].file && f.text === b.files[i].text));

export function match(ctx: MatchContext): Matching {
  const units = matchUnits(ctx);
  const unitMap = new Map(units.pairs.map((p) => [p.base.id, p.head.id]));
  const identical = new Set(units.pairs.filter((p) => p.how === 'same' && sameFiles(p.base, p.head)).map((p) => p.head.id));
  const headToBase = new Map<Entity, Entity>();
  const baseUnits = ctx.base.index.units;
  const m: Matching = {
    units: units.pairs, removedUnits: units.removed, addedUnits: units.added, unitMap, identical, pairs: [], removed: [], added: [], entityMap: new Map(),
    baseOf: (h) => (identical.has(h.unit) ? baseUnits.get(h.unit)?.entities.get(h.id) : headToBase.get(h)),
  };
  const headTaken = new Set<Entity>();
  const leftBase: Entity[] = [];
  for (const info of ctx.base.index.units.values()) {
    const headUnit = unitMap.get(info.id);
    if (headUnit && identical.has(headUnit)) continue;
    for (const e of info.entities.values()) {
      const h = headUnit ? ctx.head.index.units.get(headUnit)?.entities.get(e.id) : undefined;
      if (h && h.kind === e.kind) {
        m.pairs.push({ how: 'same', base: e, head: h });
        headTaken.add(h);
      } else leftBase.push(e);
    }
  }
  const leftHead: Entity[] = [];
  for (const info of ctx.head.index.units.values()) {
    if (identical.has(info.id)) continue;
    for (const e of info.entities.values()) if (!headTaken.has(e)) leftHead.push(e);
  }
  const found = pairLeftovers(ctx, leftBase, leftHead, unitMap);
  m.pairs.push(...found);
  const pairedBase = new Set(found.map((p) => p.base));
  const pairedHead = new Set(found.map((p) => p.head));
  m.removed = leftBase.filter((e) => !pairedBase.has(e));
  m.added = leftHead.filter((e) => !pairedHead.has(e));
  for (const p of m.pairs) {
    m.entityMap.set(keyOf(p.base), keyOf(p.head));
    headToBase.set(p.head, p.base);
  }
  return m;
}

function sortedUnits(plan: Plan): UnitInfo[] {
  return [...plan.index.units.values()].sort((a, b) => compareRefs(a.id, b.id));
}

/** Units by id; then a unit whose id changed, by its file and the ids it declares. */
function matchUnits(ctx: MatchContext): { pairs: UnitPair[]; removed: UnitInfo[]; added: UnitInfo[] } {
  const pairs: UnitPair[] = [];
  const removed: UnitInfo[] = [];
  for (const b of sortedUnits(ctx.base)) {
    const h = ctx.head.index.units.get(b.id);
    if (h) pairs.push({ how: 'same', base: b, head: h });
    else removed.push(b);
  }
  const added = sortedUnits(ctx.head).filter((h) => !ctx.base.index.units.has(h.id));
  if (!removed.length || !added.length) return { pairs, removed, added };
  // What a unit declares, titles included: two unrelated units both have an O1 and a KR1.
  const ids = (u: UnitInfo) => new Set([...u.entities.values()].map((e) => `${e.kind}:${e.id}:${(e.title?.value ?? '').toLowerCase().trim()}`));
  // Thousands of units gone and come at once: only a file at the same path can be the same unit.
  const everyPair = removed.length * added.length <= 250_000;
  const headIds = new Map(added.map((h) => [h, ids(h)]));
  const candidates: { score: number; b: UnitInfo; h: UnitInfo }[] = [];
  for (const b of removed) {
    const bIds = ids(b);
    for (const h of added) {
      const sameFile = b.primary.file === h.primary.file;
      if (!sameFile && !everyPair) continue;
      const o = overlap(bIds, headIds.get(h)!);
      const name = textSimilarity(b.primary.name?.value ?? b.id, h.primary.name?.value ?? h.id);
      if ((sameFile && (o >= 0.3 || name >= 0.6)) || o >= 0.6) candidates.push({ score: o + (sameFile ? 1 : 0) + name / 2, b, h });
    }
  }
  const taken = greedy(candidates, (c) => c.b.id, (c) => c.h.id);
  for (const c of taken) pairs.push({ how: 'renamed', base: c.b, head: c.h });
  const tb = new Set(taken.map((c) => c.b));
  const th = new Set(taken.map((c) => c.h));
  return { pairs, removed: removed.filter((u) => !tb.has(u)), added: added.filter((u) => !th.has(u)) };
}

/** Best score first; ties by the base key, then the head key. Each side is used once. */
function greedy<C extends { score: number }>(candidates: C[], bk: (c: C) => string, hk: (c: C) => string): C[] {
  candidates.sort((x, y) => y.score - x.score || compareRefs(bk(x), bk(y)) || compareRefs(hk(x), hk(y)));
  const usedB = new Set<string>();
  const usedH = new Set<string>();
  const out: C[] = [];
  for (const c of candidates) {
    if (usedB.has(bk(c)) || usedH.has(hk(c))) continue;
    usedB.add(bk(c));
    usedH.add(hk(c));
    out.push(c);
  }
  return out;
}

/**
 * Entities left on both sides: renames within one unit (any pair of the
 * same kind), moves across units (same id or same title). Only pairs alike
 * enough count; the rest are removals and additions.
 */
function pairLeftovers(ctx: MatchContext, leftBase: Entity[], leftHead: Entity[], unitMap: Map<string, string>): EntityPair[] {
  if (!leftBase.length || !leftHead.length) return [];
  const byUnit = new Map<string, Entity[]>();
  const byId = new Map<string, Entity[]>();
  const byTitle = new Map<string, Entity[]>();
  const add = (m: Map<string, Entity[]>, k: string, e: Entity) => (m.get(k) ?? m.set(k, []).get(k)!).push(e);
  for (const h of leftHead) {
    add(byUnit, `${h.kind}:${h.unit}`, h);
    add(byId, `${h.kind}:${h.id}`, h);
    if (h.title) add(byTitle, `${h.kind}:${h.title.value.toLowerCase().trim()}`, h);
  }
  const candidates: { score: number; how: PairHow; b: Entity; h: Entity }[] = [];
  for (const b of leftBase) {
    const mapped = unitMap.get(b.unit);
    const seen = new Set<Entity>();
    const within = mapped ? (byUnit.get(`${b.kind}:${mapped}`) ?? []) : [];
    const across = [...(byId.get(`${b.kind}:${b.id}`) ?? []), ...(b.title ? (byTitle.get(`${b.kind}:${b.title.value.toLowerCase().trim()}`) ?? []) : [])];
    for (const h of [...within, ...across]) {
      if (seen.has(h)) continue;
      seen.add(h);
      const how: PairHow = h.unit === mapped ? 'renamed' : 'moved';
      const l = likeness(dataOf(ctx, 'base', b), dataOf(ctx, 'head', h), (k, x, y) => ctx.same(k, x, y, { baseUnit: b.unit, headUnit: h.unit }));
      const refs = how === 'renamed' ? referrerOverlap(ctx, b, h, unitMap) : 0;
      const alike = (l.title >= 0.8 && l.score >= 0.5) || l.score >= 0.75 || (refs >= 0.5 && (l.title >= 0.5 || l.score >= 0.6));
      if (alike) candidates.push({ score: l.score + l.title + refs, how, b, h });
    }
  }
  return greedy(candidates, (c) => keyOf(c.b), (c) => keyOf(c.h)).map((c) => ({ how: c.how, base: c.b, head: c.h }));
}

/** How far the entities that name `b` (a KR's supporters, an item's dependents) are those that name `h`. */
function referrerOverlap(ctx: MatchContext, b: Entity, h: Entity, unitMap: Map<string, string>): number {
  const names = (plan: Plan, e: Entity, map: (unit: string) => string) => {
    const by = e.kind === 'kr' ? plan.index.supportersOf(e) : e.kind === 'item' ? (plan.index.dependents.get(keyOf(e)) ?? []) : [];
    return new Set(by.map((x) => entityKey(map(x.unit), x.id)));
  };
  const before = names(ctx.base, b, (u) => unitMap.get(u) ?? u);
  const after = names(ctx.head, h, (u) => u);
  return before.size && after.size ? overlap(before, after) : 0;
}
