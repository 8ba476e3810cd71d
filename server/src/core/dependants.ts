/**
 * Which files an edit can reach, read from the link index (core/link.ts):
 * the incremental engine (core/cascade.ts) re-checks exactly these. Pace and
 * roll-up reach is in core/history/dependents.ts.
 */
import { paceDependents } from './history/dependents';
import type { CascadeIndex } from './link';
import type { Item, KeyResult, Ref, UnitFile } from './model';
import { declarationSignature } from './signatures';

/** What to re-check after a file's links changed. */
export type Reach =
  | { all: true }
  | {
      all: false;
      /** Files to check in full. */
      affected: Set<string>;
      /** Files that see only how their references resolve (REFERENCE_CODES); those also in `affected` are checked in full. */
      seeing: Set<string>;
      /** Loop membership before the update (see `loopChanges`). */
      loopsBefore: Map<string, number>;
      /**
       * When only ids of the edited unit changed (see `narrow`): that unit
       * and those ids. Within a file of `seeing` only the KRs and items that
       * `ownersSeeing` names can change their reference findings (none: the
       * file cannot change). `seeing` is narrowed to the files where some
       * can unless asked not to (`lazy`): the caller then asks each file as
       * it comes (Cascade.recheck), after the edited file is checked.
       */
      scope?: IdChange;
    };

/** Ids of one unit that changed what a reference to them reads (see `narrow`). */
export interface IdChange {
  unit: string;
  changed: ReadonlySet<string>;
}

/**
 * A file's references by the unit they name, made once per parse of the file
 * (kept by the caller with the model, see `RefsKept`): a rename asks every file
 * below the renamed unit and naming it which of its KRs and items see the
 * change, and most of their references name their own unit.
 */
export interface FileRefs {
  /** Unit named (the file's own for a same-unit reference) → the references to it. */
  byUnit: Map<string, RefEntry[]>;
  /** KRs with a `supports` key that names nothing. */
  bare: KeyResult[];
}

interface RefEntry {
  id: string;
  owner: KeyResult | Item;
  /** A KR's same-unit reference (`supports: KR2`, no unit): its suggestions offer the parent's KRs. */
  krOwn: boolean;
}

/** Each file's FileRefs, kept while its model lives (a model is never changed once parsed). */
export type RefsKept = WeakMap<UnitFile, FileRefs>;

/**
 * Updates the index from `prev` to `next` (a file whose links changed) and
 * answers the files that can see the difference. Its references: the files
 * of the units whose KRs gain or lose a supporter. Its declarations (unit,
 * parent, ids, horizons): the files of its unit, of the units below it (they
 * see its KRs, in suggestions) and those naming it, and the units on its
 * parent chain before and after (a loop of parents). Either way, the files on
 * loops that changed (the caller adds them, see `loopChanges`). A new or
 * vanished unit id can change suggestions anywhere: `all`. `lazy`: `seeing`
 * not narrowed (see Reach's `scope`).
 */
export function relinkReach(index: CascadeIndex, prev: UnitFile | undefined, next: UnitFile | undefined, fileOf: (key: string) => UnitFile | undefined, lazy = false): Reach {
  const affected = new Set<string>(next ? [next.file] : []);
  const before = prev ? supportedNames(prev) : new Set<string>();
  const after = next ? supportedNames(next) : new Set<string>();
  for (const name of [...before].filter((n) => !after.has(n)).concat([...after].filter((n) => !before.has(n)))) {
    index.units.get(name.slice(0, name.indexOf('/')))?.files.forEach((f) => affected.add(f.file));
  }
  const loopsBefore = index.loopMembers();
  // The files of the KRs that support this file's KRs see only how their references resolve (see paceDependents).
  const seeing = new Set<string>();
  if (prev && next && declarationSignature(prev) === declarationSignature(next)) {
    paceDependents(index, prev, next, seeing).forEach((f) => affected.add(f));
    index.update(prev, next);
    paceDependents(index, next, prev, seeing).forEach((f) => affected.add(f));
    return { all: false, affected, seeing, loopsBefore };
  }
  const own = new Set([prev?.unitId?.value, next?.unitId?.value].filter((u): u is string => u !== undefined));
  // So do the files below the unit and those naming it.
  const collect = () => {
    for (const u of own) {
      const info = index.units.get(u);
      info?.files.forEach((f) => affected.add(f.file));
      info?.children.forEach((c) => c.files.forEach((f) => seeing.add(f.file)));
      index.referrers.get(u)?.forEach((f) => seeing.add(f));
      const seen = new Set<string>();
      for (let p = index.parentOf(u); p && !seen.has(p.id); p = index.parentOf(p.id)) {
        seen.add(p.id);
        p.files.forEach((x) => affected.add(x.file));
      }
    }
  };
  collect();
  if (prev) paceDependents(index, prev, next, seeing).forEach((f) => affected.add(f));
  index.update(prev, next);
  collect();
  if (next) paceDependents(index, next, prev, seeing).forEach((f) => affected.add(f));
  if (prev?.unitId?.value !== next?.unitId?.value) return { all: true };
  const scope = prev && next ? narrow(index, prev, next, affected, seeing, lazy ? undefined : fileOf) : undefined;
  return { all: false, affected, seeing, loopsBefore, ...(scope ? { scope } : {}) };
}

/**
 * The unit's ids, kinds, horizons or roll-ups changed, nothing else other
 * files read of it (the same unit and parent, one file, no id twice): of the
 * files that see only how their references resolve, keeps those whose
 * references can tell (see `ownersSeeing`). A rename of a company KR then
 * re-checks the files naming it, not every product below the company.
 * Without `fileOf` (relinkReach's `lazy`) `seeing` is left as it is: only
 * the change is answered.
 */
function narrow(index: CascadeIndex, prev: UnitFile, next: UnitFile, affected: Set<string>, seeing: Set<string>, fileOf: ((key: string) => UnitFile | undefined) | undefined): IdChange | undefined {
  const unit = next.unitId?.value;
  if (!unit || prev.unitId?.value !== unit || prev.parent?.value !== next.parent?.value || index.units.get(unit)?.files.length !== 1) return undefined;
  const before = declared(prev);
  const after = declared(next);
  if (!before || !after) return undefined;
  const changed = new Set<string>();
  for (const [id, what] of before) if (after.get(id) !== what) changed.add(id);
  for (const id of after.keys()) if (!before.has(id)) changed.add(id);
  if (fileOf) {
    for (const key of seeing) {
      const f = affected.has(key) ? undefined : fileOf(key);
      if (f && ownersSeeing(index, f, { unit, changed })?.size === 0) seeing.delete(key);
    }
  }
  return { unit, changed };
}

/** Id → what a reference to it reads (kind, horizon, roll-up and metric unit); undefined when an id is declared twice. */
function declared(f: UnitFile): Map<string, string> | undefined {
  const out = new Map<string, string>();
  const add = (id: string, what: string) => {
    if (out.has(id)) return false;
    out.set(id, what);
    return true;
  };
  for (const o of f.objectives) if (!add(o.id, 'o')) return undefined;
  for (const k of f.krs) if (!add(k.id, `k|${k.rollup?.value ?? ''}|${k.metricUnit?.value.trim() ?? ''}`)) return undefined;
  for (const i of f.items) if (!add(i.id, `i|${i.horizon?.value ?? ''}`)) return undefined;
  return out;
}

/**
 * The KRs and items of `f` whose reference findings (REFERENCE_CODES) can
 * change when the ids `changed` of `unit` changed: those with a reference
 * into `unit` naming one of them, or one that does not resolve (its
 * suggestions list `unit`'s ids; a KR's same-unit reference offers its
 * parent's too), or, below `unit`, a KR whose `supports` names nothing (its
 * advice names a KR of the parent). None: nothing of the file can change.
 * Undefined when the file cannot be judged that way (no unit, a syntax
 * error): all of it. `kept`: where the file's FileRefs are kept (made on first use).
 */
export function ownersSeeing(index: CascadeIndex, f: UnitFile, change: IdChange, kept?: RefsKept): Set<KeyResult | Item> | undefined {
  const from = f.unitId?.value;
  if (!from || f.syntaxErrors) return undefined;
  const { unit, changed } = change;
  let refs = kept?.get(f);
  if (!refs) {
    refs = fileRefs(f, from);
    kept?.set(f, refs);
  }
  const out = new Set<KeyResult | Item>();
  // A reference into `unit` sees the change when it names a changed id or names nothing (index.resolve(ref, from).ok, without making the answer).
  const ids = index.units.get(unit)?.entities;
  for (const r of refs.byUnit.get(unit) ?? []) if (changed.has(r.id) || !ids?.has(r.id)) out.add(r.owner);
  if (index.parentOf(from)?.id === unit) {
    // Below `unit`: a KR whose `supports` names nothing is advised one of its KRs, and a KR's same-unit reference that names nothing offers them.
    for (const k of refs.bare) out.add(k);
    const own = from === unit ? undefined : index.units.get(from)?.entities;
    if (from !== unit) for (const r of refs.byUnit.get(from) ?? []) if (r.krOwn && !own?.has(r.id)) out.add(r.owner);
  }
  return out;
}

/** `f`'s references by the unit they name (see FileRefs). */
function fileRefs(f: UnitFile, from: string): FileRefs {
  const byUnit = new Map<string, RefEntry[]>();
  const add = (ref: Ref, owner: KeyResult | Item, krOwn: boolean) => {
    const target = ref.unit ?? from;
    const list = byUnit.get(target);
    const entry = { id: ref.id, owner, krOwn };
    if (list) list.push(entry);
    else byUnit.set(target, [entry]);
  };
  const bare: KeyResult[] = [];
  for (const k of f.krs) {
    if (!k.supports.length && k.supportsKey) bare.push(k);
    for (const r of k.supports) add(r, k, r.unit === undefined);
  }
  for (const it of f.items) {
    for (const r of it.supports) add(r, it, false);
    for (const r of it.dependsOn) add(r, it, false);
  }
  return { byUnit, bare };
}

/** The entity keys (`unit/ID`) whose loop changed: loop ids are renumbered when searched again, so who shares a loop is compared, not the numbers. */
export function loopChanges(before: Map<string, number>, after: Map<string, number>): string[] {
  if (sameLoops(before, after)) return [];
  const a = loopMates(before);
  const b = loopMates(after);
  const out: string[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) if (a.get(key) !== b.get(key)) out.push(key);
  return out;
}

/** Adds every file that declares the entity `unit/ID` (a duplicate unit's files share its keys, hence its loops). */
export function addFilesDeclaring(index: CascadeIndex, key: string, out: Set<string>, also: (UnitFile | undefined)[]): void {
  const slash = key.indexOf('/');
  const id = key.slice(slash + 1);
  const declares = (f: UnitFile) => f.krs.some((x) => x.id === id) || f.items.some((x) => x.id === id);
  for (const f of index.units.get(key.slice(0, slash))?.files ?? []) if (declares(f)) out.add(f.file);
  for (const f of also) if (f && [...f.krs, ...f.items].some((x) => `${x.unit}/${x.id}` === key)) out.add(f.file);
}

/** `unit/ID` of every KR the file's KRs and items say they support (same-unit ids completed). */
function supportedNames(f: UnitFile): Set<string> {
  const from = f.unitId?.value ?? '';
  const out = new Set<string>();
  for (const e of [...f.krs, ...f.items]) for (const r of e.supports) out.add(`${r.unit ?? from}/${r.id}`);
  return out;
}

/** Whether the two share out the same keys into the same loops (whatever the loop ids): one pass, nothing sorted (most edits change no loop). */
function sameLoops(a: Map<string, number>, b: Map<string, number>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  const aToB = new Map<number, number>();
  const bToA = new Map<number, number>();
  for (const [key, x] of a) {
    const y = b.get(key);
    if (y === undefined) return false;
    const y0 = aToB.get(x);
    const x0 = bToA.get(y);
    if (y0 === undefined && x0 === undefined) {
      aToB.set(x, y);
      bToA.set(y, x);
    } else if (y0 !== y || x0 !== x) return false;
  }
  return true;
}

/** Entity key → the sorted keys of its loop (a canonical form, whatever the loop ids). */
function loopMates(loops: Map<string, number>): Map<string, string> {
  const byLoop = new Map<number, string[]>();
  for (const [key, id] of loops) {
    const list = byLoop.get(id);
    if (list) list.push(key);
    else byLoop.set(id, [key]);
  }
  const out = new Map<string, string>();
  for (const keys of byLoop.values()) {
    const mates = keys.sort().join('\n');
    for (const k of keys) out.set(k, mates);
  }
  return out;
}
