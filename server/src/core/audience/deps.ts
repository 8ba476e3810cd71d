/**
 * What a unit's roadmaps are made from, as a set of units whose files can
 * change them — so the leak check re-renders a unit's exports only when one of
 * those files changed. The set is computed on the current cascade each time,
 * so a file that starts (or stops) supporting a KR of the unit joins (or
 * leaves) it, and that change of membership is itself a change.
 *
 * - the unit and every unit below it (their lanes, cards, sections);
 * - the units of every KR the `supports` chains of those entities reach, at
 *   any height (lane placement, the titles of supported KRs);
 * - the units of every supporter, at any depth, of their KRs (the trace view,
 *   `supportedBy` counts), and of the items their `depends_on` names;
 * - every unit a reference names (a broken reference starts resolving when
 *   that unit's file changes);
 * - the ancestors of all of these (privacy is inherited; a period too).
 */
import type { CascadeIndex } from '../link';
import type { Entity, Item, KeyResult, UnitFile } from '../model';

export function dependencies(index: CascadeIndex, unitId: string): Set<string> {
  const units = new Set<string>();
  const seen = new Set<Entity>();
  const up: (KeyResult | Item)[] = [];
  const down: KeyResult[] = [];
  const named = (e: KeyResult | Item) => {
    for (const r of e.supports) if (r.unit) units.add(r.unit);
    if (e.kind === 'item') {
      for (const r of e.dependsOn) {
        if (r.unit) units.add(r.unit);
        const res = index.resolve(r, e.unit);
        if (res.ok) units.add(res.entity.unit);
      }
    }
  };
  for (const u of index.descendants(unitId)) {
    units.add(u.id);
    for (const e of u.entities.values()) {
      if (e.kind === 'objective') continue;
      seen.add(e);
      up.push(e);
      if (e.kind === 'kr') down.push(e);
    }
  }
  for (let i = 0; i < up.length; i++) {
    named(up[i]);
    for (const kr of index.supportedKrs(up[i])) {
      units.add(kr.unit);
      if (!seen.has(kr)) {
        seen.add(kr);
        up.push(kr);
      }
    }
  }
  const below = new Set<Entity>(down);
  for (let i = 0; i < down.length; i++) {
    for (const s of index.supportersOf(down[i])) {
      units.add(s.unit);
      named(s);
      if (s.kind === 'kr' && !below.has(s)) {
        below.add(s);
        down.push(s);
      }
    }
  }
  for (const u of [...units]) {
    const chain = new Set<string>();
    for (let p = index.parentOf(u); p && !chain.has(p.id); p = index.parentOf(p.id)) {
      chain.add(p.id);
      units.add(p.id);
    }
  }
  return units;
}

/** Numbers each parsed file (a re-parsed file is a new object, so a new number): the versions a fingerprint is made of. */
export class FileVersions {
  private readonly ids = new WeakMap<UnitFile, number>();
  private next = 0;

  of(f: UnitFile): number {
    let id = this.ids.get(f);
    if (id === undefined) this.ids.set(f, (id = ++this.next));
    return id;
  }

  /** `unit:3,7;other:-` for the units, sorted: equal strings mean the same files in the same versions. */
  fingerprint(index: CascadeIndex, units: Iterable<string>): string {
    return [...units].sort().map((u) => `${u}:${index.units.get(u)?.files.map((f) => this.of(f)).join(',') ?? '-'}`).join(';');
  }
}
