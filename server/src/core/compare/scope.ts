/**
 * Where a change can be felt, per side: the units whose files differ (or
 * that were added, removed or renamed), the units they name and the units
 * that name them. Consequences are looked for there only, so a what-if on a
 * 1,000-unit cascade does not walk every entity of it.
 */
import type { UnitInfo } from '../link';
import type { UnitFile } from '../model';
import { sameFiles, type Matching } from './match';
import type { Plan } from './plan';

export interface Sides<T> {
  base: T;
  head: T;
}

export interface Scope {
  /** Units whose files differ, or that were added, removed or renamed. */
  changed: Sides<Set<string>>;
  /** Changed units whose own keys (parent, period, level) or id changed: what is below them can move too. */
  deep: Sides<Set<string>>;
  /** The changed units, the units their files name, and the units whose files name them. */
  touched: Sides<Set<string>>;
}

const unitKeys = (u: UnitInfo) => JSON.stringify([u.primary.parent?.value, u.primary.period?.value.text, u.primary.level?.value]);

export function scopeOf(base: Plan, head: Plan, m: Matching): Scope {
  const s: Scope = { changed: { base: new Set(), head: new Set() }, deep: { base: new Set(), head: new Set() }, touched: { base: new Set(), head: new Set() } };
  for (const p of m.units) {
    if (p.how === 'same' && sameFiles(p.base, p.head)) continue;
    s.changed.base.add(p.base.id);
    s.changed.head.add(p.head.id);
    if (p.how === 'renamed' || unitKeys(p.base) !== unitKeys(p.head)) {
      s.deep.base.add(p.base.id);
      s.deep.head.add(p.head.id);
    }
  }
  for (const u of m.removedUnits) (s.changed.base.add(u.id), s.deep.base.add(u.id));
  for (const u of m.addedUnits) (s.changed.head.add(u.id), s.deep.head.add(u.id));
  s.touched.base = touched(base, s.changed.base);
  s.touched.head = touched(head, s.changed.head);
  return s;
}

function touched(plan: Plan, changed: Set<string>): Set<string> {
  const out = new Set(changed);
  const unitOf = new Map<string, string>();
  for (const f of plan.index.files) if (f.unitId) unitOf.set(f.file, f.unitId.value);
  for (const u of changed) {
    const info = plan.index.units.get(u);
    for (const f of info?.files ?? []) for (const named of namedUnits(f, u)) out.add(named);
    for (const f of plan.index.referrers.get(u) ?? []) {
      const v = unitOf.get(f);
      if (v) out.add(v);
    }
  }
  return out;
}

/** The units a file's references and parent name. */
function namedUnits(f: UnitFile, own: string): Set<string> {
  const out = new Set<string>();
  if (f.parent) out.add(f.parent.value);
  for (const e of [...f.krs, ...f.items]) for (const r of [...e.supports, ...(e.kind === 'item' ? e.dependsOn : [])]) out.add(r.unit ?? own);
  return out;
}
