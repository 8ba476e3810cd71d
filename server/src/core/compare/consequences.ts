/**
 * What a change does to the plan around it: items that lose (or gain) their
 * last KR, KRs that lose (or gain) all support, dependencies that now point
 * at something planned later, and each unit's `now` load against its capacity.
 */
import { entityKey, type Entity, type Item, type UnitFile } from '../model';
import { dayQuarter, horizonBucket, quarterIndex, type Day } from '../period';
import { compareRefs } from '../roadmap/cards';
import { nowItems } from '../rules/overloaded-now';
import { entityLocation } from './changes';
import type { Matching } from './match';
import type { Plan } from './plan';
import type { Scope } from './scope';
import type { DependencyLater, LoadChange, RefAt } from './types';

const keyOf = (e: Entity) => entityKey(e.unit, e.id);
const refAt = (plan: Plan, e: Entity): RefAt => ({ ref: keyOf(e), ...(e.title ? { title: e.title.value } : {}), location: entityLocation(plan, e) });
const byRef = (a: { ref: string }, b: { ref: string }) => compareRefs(a.ref, b.ref);

export interface Traceability {
  untraceable: RefAt[];
  traced: RefAt[];
  unsupported: RefAt[];
  supported: RefAt[];
}

/** Entities on both sides whose support changed: items by the KRs they reach, KRs by what supports them. */
export function traceability(base: Plan, head: Plan, m: Matching, scope: Scope): Traceability {
  const out: Traceability = { untraceable: [], traced: [], unsupported: [], supported: [] };
  // Only where a change can be felt: the units touched on the newer side, and those touched on the older one.
  const units = new Set([...scope.touched.head, ...[...scope.touched.base].map((u) => m.unitMap.get(u) ?? u)]);
  for (const u of units) {
    for (const h of head.index.units.get(u)?.entities.values() ?? []) {
      const b = h.kind === 'objective' ? undefined : m.baseOf(h);
      if (!b || b.kind !== h.kind) continue;
      if (b.kind === 'item' && h.kind === 'item') {
        const before = base.index.supportedKrs(b).length > 0;
        const after = head.index.supportedKrs(h).length > 0;
        if (before && !after) out.untraceable.push(refAt(head, h));
        if (!before && after) out.traced.push(refAt(head, h));
      } else if (b.kind === 'kr' && h.kind === 'kr') {
        const before = base.index.supportersOf(b).length > 0;
        const after = head.index.supportersOf(h).length > 0;
        if (before && !after) out.unsupported.push(refAt(head, h));
        if (!before && after) out.supported.push(refAt(head, h));
      }
    }
  }
  for (const list of Object.values(out)) list.sort(byRef);
  return out;
}

const BUCKET = { now: 0, next: 1, later: 2 } as const;

/** True when `on`'s horizon is later than `it`'s (as `depends-on-later` judges it). */
function later(it: string, on: string, todayQuarter: number): boolean {
  const qa = quarterIndex(it);
  const qb = quarterIndex(on);
  if (qa !== undefined && qb !== undefined) return qb > qa;
  const a = horizonBucket(it, todayQuarter);
  const b = horizonBucket(on, todayQuarter);
  return !!a && !!b && BUCKET[b] > BUCKET[a];
}

function dependsLaterPairs(plan: Plan, units: Set<string>, todayQuarter: number, rename: (key: string) => string): Map<string, DependencyLater> {
  const out = new Map<string, DependencyLater>();
  for (const f of plan.files) {
    const from = f.unitId?.value;
    if (!from || !units.has(from)) continue;
    for (const it of f.items) {
      if (!it.horizon || !it.dependsOn.length) continue;
      for (const r of it.dependsOn) {
        const res = plan.index.resolve(r, from);
        if (!res.ok || res.entity.kind !== 'item' || !res.entity.horizon) continue;
        const dep: Item = res.entity;
        if (!later(it.horizon.value, dep.horizon!.value, todayQuarter)) continue;
        const ref = rename(keyOf(it));
        const on = rename(keyOf(dep));
        out.set(`${ref}\n${on}`, { ref, on, horizon: it.horizon.value, dependencyHorizon: dep.horizon!.value, location: entityLocation(plan, it) });
      }
    }
  }
  return out;
}

/** Dependencies on something planned later: new on the newer side, and gone from it. */
export function dependsLater(base: Plan, head: Plan, m: Matching, scope: Scope, asOf: Day): { introduced: DependencyLater[]; resolved: DependencyLater[] } {
  const q = dayQuarter(asOf);
  // Both sides look at the same units (a unit touched on one side is looked at on the other too).
  const toHead = (u: string) => m.unitMap.get(u) ?? u;
  const toBase = new Map([...m.unitMap].map(([b, h]) => [h, b]));
  const units = {
    base: new Set([...scope.touched.base, ...[...scope.touched.head].map((u) => toBase.get(u) ?? u)]),
    head: new Set([...scope.touched.head, ...[...scope.touched.base].map(toHead)]),
  };
  const before = dependsLaterPairs(base, units.base, q, (k) => m.entityMap.get(k) ?? k);
  const after = dependsLaterPairs(head, units.head, q, (k) => k);
  const cmp = (a: DependencyLater, b: DependencyLater) => compareRefs(a.ref, b.ref) || compareRefs(a.on, b.on);
  return {
    introduced: [...after].filter(([k]) => !before.has(k)).map(([, v]) => v).sort(cmp),
    resolved: [...before].filter(([k]) => !after.has(k)).map(([, v]) => v).sort(cmp),
  };
}

/** Units whose `now` load or capacity differs (done and dropped items do not count, as for `overloaded-now`). */
export function loadChanges(m: Matching, asOf: Day): LoadChange[] {
  const q = dayQuarter(asOf);
  const load = (f: UnitFile | undefined) => ({ capacity: f?.capacity?.value ?? null, now: f ? nowItems(f, q).length : 0 });
  const out: LoadChange[] = [];
  const push = (unit: string, a: UnitFile | undefined, b: UnitFile | undefined) => {
    const x = load(a);
    const y = load(b);
    if (x.capacity === y.capacity && x.now === y.now) return;
    const over = (l: { capacity: number | null; now: number }) => l.capacity !== null && l.now > l.capacity;
    out.push({ unit, capacity: { before: x.capacity, after: y.capacity }, now: { before: x.now, after: y.now }, overloaded: { before: over(x), after: over(y) } });
  };
  for (const p of m.units) if (p.base.primary !== p.head.primary && p.base.primary.text !== p.head.primary.text) push(p.head.id, p.base.primary, p.head.primary);
  for (const u of m.removedUnits) push(u.id, u.primary, undefined);
  for (const u of m.addedUnits) push(u.id, undefined, u.primary);
  return out.sort((a, b) => compareRefs(a.unit, b.unit));
}
