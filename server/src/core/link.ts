/**
 * The linked cascade: units by id, entities by id within their unit, what
 * each reference resolves to, and the reverse edges (who supports a KR, who
 * depends on an item). Built once from parsed files, then kept up to date one
 * file at a time (`update`): a file's own contributions are taken out and put
 * back, and loops are searched again only where the file could open or close one.
 */
import { findLoops } from './loops';
import { entityKey, type Entity, type Item, type KeyResult, type Ref, type UnitFile } from './model';

export interface UnitInfo {
  id: string;
  /** Every file that declares this unit (more than one is a `duplicate-id`), by file key. */
  files: UnitFile[];
  /** The file that wins for lookups: the first by file key. */
  primary: UnitFile;
  /** Objectives, KRs and items by id; the first declaration wins. */
  entities: Map<string, Entity>;
  /** The parent as written in the primary file, when given. */
  parent?: string;
  /** The units whose parent this is, by id. */
  children: UnitInfo[];
}

export type Resolution =
  | { ok: true; entity: Entity }
  | { ok: false; reason: 'unknown-unit'; unit: string }
  | { ok: false; reason: 'broken'; unit: string };

/** What one file adds to the reverse edges, so it can be taken out again. */
interface Contribution {
  supports: [unit: string, id: string, by: KeyResult | Item][];
  depends: [key: string, by: Item][];
  units: string[];
}

const byFile = (a: UnitFile, b: UnitFile) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
const byId = (a: UnitInfo, b: UnitInfo) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function insertSorted(list: UnitInfo[], u: UnitInfo): void {
  let i = list.length;
  while (i > 0 && byId(list[i - 1], u) > 0) i--;
  list.splice(i, 0, u);
}

export class CascadeIndex {
  readonly units = new Map<string, UnitInfo>();
  /**
   * `unit/ID` as written (same-unit refs completed) → the items whose
   * `depends_on` name it. Keyed by name, not by resolved entity, so a file can
   * come and go without re-resolving anybody else's references.
   */
  readonly dependents = new Map<string, Item[]>();
  /** Unit id → files whose references or parent name that unit. */
  readonly referrers = new Map<string, Set<string>>();
  /** `unit/ID` as written → the KRs and items whose `supports` name it. */
  /** Unit → KR id → the KRs and items whose `supports` name it (two lookups of strings the model holds: no key built per call, see supportersOf). */
  private readonly supporters = new Map<string, Map<string, (KeyResult | Item)[]>>();
  private readonly contributions = new Map<string, Contribution>();
  /** Parent id → the units naming it (see `childList`). */
  private readonly byParent = new Map<string, UnitInfo[]>();
  private loopCache?: Map<string, number>;
  private loopIds = 0;
  private scoped = false;
  private scopedLoops?: { loops: Map<string, number>; seen: Set<Entity> };

  constructor(readonly files: UnitFile[], copyOf?: CascadeIndex) {
    if (copyOf) {
      this.copy(copyOf);
      return;
    }
    for (const f of files) this.addUnit(f);
    this.rebuildChildren();
    for (const f of files) this.link(f);
  }

  /**
   * A copy to update without changing this one: the same files and entities
   * (models are shared, never changed), every map and list its own. Costs a
   * copy of the maps, not a build (no linking): a diff walks a copy of the
   * base side's index to the head side and checks the base side on this one.
   */
  clone(): CascadeIndex {
    return new CascadeIndex(this.files.slice(), this);
  }

  private copy(from: CascadeIndex): void {
    const infos = new Map<UnitInfo, UnitInfo>();
    for (const [id, u] of from.units) {
      const info: UnitInfo = { id: u.id, files: u.files.slice(), primary: u.primary, entities: new Map(u.entities), parent: u.parent, children: [] };
      infos.set(u, info);
      this.units.set(id, info);
    }
    for (const [parent, list] of from.byParent) this.byParent.set(parent, list.map((u) => infos.get(u) ?? u));
    for (const [u, info] of infos) info.children = this.childList(u.id);
    for (const [key, list] of from.dependents) this.dependents.set(key, list.slice());
    for (const [unit, files] of from.referrers) this.referrers.set(unit, new Set(files));
    for (const [unit, ids] of from.supporters) {
      const copy = new Map<string, (KeyResult | Item)[]>();
      for (const [id, list] of ids) copy.set(id, list.slice());
      this.supporters.set(unit, copy);
    }
    // A file's contribution is made whole by link() and only read after: shared.
    for (const [file, c] of from.contributions) this.contributions.set(file, c);
    this.loopCache = from.loopCache && new Map(from.loopCache);
    this.loopIds = from.loopIds;
    this.scoped = from.scoped;
  }

  /** True when the loops of the whole cascade are known (searched, and kept up to date since). */
  loopsKnown(): boolean {
    return this.loopCache !== undefined;
  }

  /**
   * Replaces `prev` by `next` (same file key), adds `next` (a new file) or
   * removes `prev` (a deleted file). Keeps `files` sorted by key. Costs what
   * the two files touch: their units, the parents of those, their links.
   */
  update(prev: UnitFile | undefined, next: UnitFile | undefined): void {
    this.scopedLoops = undefined;
    const oldLoops = this.loopCache;
    // The units whose info (files, primary, parent) can change, with their parent before.
    const touched = new Map<string, string | undefined>();
    for (const f of [prev, next]) {
      const id = f?.unitId?.value;
      if (id !== undefined && !touched.has(id)) touched.set(id, this.units.get(id)?.parent);
    }
    const before = new Map([...touched.keys()].map((id) => [id, this.units.get(id)]));
    if (prev) {
      this.unlink(prev);
      this.detachUnit(prev);
      let at = this.fileIndex(prev.file);
      if (this.files[at] !== prev) at = this.files.indexOf(prev);
      if (at >= 0) this.files.splice(at, 1);
    }
    if (next) {
      this.files.splice(this.fileIndex(next.file), 0, next);
      this.attachUnit(next);
    }
    for (const id of touched.keys()) {
      const info = this.units.get(id);
      if (info && !info.files.length) this.units.delete(id);
      else if (info) this.refreshUnit(info);
    }
    this.relinkChildren(touched, before);
    if (next) this.link(next);
    if (!oldLoops) return;
    // A loop that is gone went through an entity of the units these files
    // declare (theirs, or one they shadowed or uncovered as a duplicate unit);
    // a new loop goes through such an entity too. Search again from those.
    const units = new Set([prev?.unitId?.value, next?.unitId?.value].filter((u): u is string => !!u));
    const broken = new Set<number>();
    for (const [key, id] of oldLoops) if (units.has(key.slice(0, key.indexOf('/')))) broken.add(id);
    const loops = new Map<string, number>();
    const starts: Entity[] = [];
    for (const [key, id] of oldLoops) {
      if (!broken.has(id)) loops.set(key, id);
      else {
        const e = this.entity(key);
        if (e) starts.push(e);
      }
    }
    for (const u of units) for (const e of this.units.get(u)?.entities.values() ?? []) if (e.kind !== 'objective') starts.push(e);
    this.searchLoops(starts, loops);
    this.loopCache = loops;
  }

  /** Where a file key is, or would be inserted, in the sorted `files`. */
  private fileIndex(key: string): number {
    let lo = 0;
    let hi = this.files.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.files[mid].file < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private addUnit(f: UnitFile): void {
    const id = f.unitId?.value;
    if (!id) return;
    this.attachUnit(f);
    this.refreshUnit(this.units.get(id)!);
  }

  /** Adds the file to its unit's files (creating the unit); the caller refreshes the unit. */
  private attachUnit(f: UnitFile): void {
    const id = f.unitId?.value;
    if (!id) return;
    const info = this.units.get(id);
    if (!info) {
      this.units.set(id, { id, files: [f], primary: f, entities: new Map(), parent: f.parent?.value, children: this.childList(id) });
    } else {
      info.files.push(f);
      info.files.sort(byFile);
    }
  }

  /** Takes the file out of its unit's files; an emptied unit is deleted by the caller. */
  private detachUnit(f: UnitFile): void {
    const id = f.unitId?.value;
    const info = id ? this.units.get(id) : undefined;
    if (info) info.files = info.files.filter((x) => x !== f);
  }

  /**
   * Keeps `children` equal to what `rebuildChildren` gives, for the units an
   * update touched: a unit whose parent changed moves between its parents'
   * lists; a unit that vanished leaves its parent's list. The lists live in
   * `byParent` (by the parent's id, existing or not), so a unit that appears
   * finds the units that already name it.
   */
  private relinkChildren(touched: Map<string, string | undefined>, before: Map<string, UnitInfo | undefined>): void {
    for (const [id, oldParent] of touched) {
      const was = before.get(id);
      const now = this.units.get(id);
      const newParent = now?.parent;
      if (was === now && oldParent === newParent) continue;
      if (was && oldParent !== undefined && oldParent !== id) {
        const list = this.childList(oldParent);
        const i = list.indexOf(was);
        if (i >= 0) list.splice(i, 1);
      }
      if (now && newParent !== undefined && newParent !== id) insertSorted(this.childList(newParent), now);
    }
  }

  /** The units that name `parent` as theirs (itself excepted), by id: the `children` of that unit. */
  private childList(parent: string): UnitInfo[] {
    let list = this.byParent.get(parent);
    if (!list) this.byParent.set(parent, (list = []));
    return list;
  }

  private refreshUnit(info: UnitInfo): void {
    info.primary = info.files[0];
    info.parent = info.primary.parent?.value;
    info.entities.clear();
    for (const f of info.files) for (const e of [...f.objectives, ...f.krs, ...f.items]) if (!info.entities.has(e.id)) info.entities.set(e.id, e);
  }

  private rebuildChildren(): void {
    this.byParent.clear();
    for (const info of [...this.units.values()].sort(byId)) {
      if (info.parent !== undefined && info.parent !== info.id) this.childList(info.parent).push(info);
    }
    for (const info of this.units.values()) info.children = this.childList(info.id);
  }

  private link(f: UnitFile): void {
    const c: Contribution = { supports: [], depends: [], units: [] };
    const from = f.unitId?.value;
    if (f.parent) c.units.push(f.parent.value);
    if (from) {
      // KRs, then items (no generator: its iterator allocates at every step while the code is still cold).
      for (const list of [f.krs, f.items]) {
        for (const e of list) {
          for (const r of e.supports) {
            c.units.push(r.unit ?? from);
            c.supports.push([r.unit ?? from, r.id, e]);
          }
        }
      }
      for (const it of f.items) {
        for (const r of it.dependsOn) {
          c.units.push(r.unit ?? from);
          c.depends.push([entityKey(r.unit ?? from, r.id), it]);
        }
      }
    }
    for (const [unit, id, e] of c.supports) {
      let ids = this.supporters.get(unit);
      if (!ids) this.supporters.set(unit, (ids = new Map()));
      push(ids, id, e);
    }
    for (const [key, e] of c.depends) push(this.dependents, key, e);
    for (const u of c.units) {
      let s = this.referrers.get(u);
      if (!s) this.referrers.set(u, (s = new Set()));
      s.add(f.file);
    }
    this.contributions.set(f.file, c);
  }

  private unlink(f: UnitFile): void {
    const c = this.contributions.get(f.file);
    if (!c) return;
    this.contributions.delete(f.file);
    for (const [unit, id, e] of c.supports) {
      const ids = this.supporters.get(unit);
      if (!ids) continue;
      pull(ids, id, e);
      if (!ids.size) this.supporters.delete(unit);
    }
    for (const [key, e] of c.depends) pull(this.dependents, key, e);
    for (const u of c.units) {
      const s = this.referrers.get(u);
      if (s?.delete(f.file) && s.size === 0) this.referrers.delete(u);
    }
  }

  /**
   * True when the link `from → to` (a KR's `supports` or an item's
   * `depends_on`) lies on a loop: both ends in one strongly connected component.
   */
  onLoop(from: Entity, to: Entity): boolean {
    let loops: Map<string, number>;
    if (this.scoped && !this.loopCache) {
      // Only what is reachable from `from`: enough to know its loop, without searching a cascade still being loaded.
      const s = (this.scopedLoops ??= { loops: new Map(), seen: new Set() });
      if (!s.seen.has(from)) this.searchLoops([from], s.loops, s.seen);
      loops = s.loops;
    } else loops = this.loopMembers();
    const c = loops.get(entityKey(from.unit, from.id));
    return c !== undefined && c === loops.get(entityKey(to.unit, to.id));
  }

  /**
   * While a cascade is loading, loops are searched only from the entities
   * asked about (and forgotten at every change), never over the whole
   * cascade; `false` goes back to one search over everything.
   */
  setScopedLoops(scoped: boolean): void {
    this.scoped = scoped;
    this.scopedLoops = undefined;
    this.loopCache = undefined;
  }

  /** Entity keys that sit on a loop → the id of their loop. */
  loopMembers(): Map<string, number> {
    if (!this.loopCache) {
      const all: Entity[] = [];
      // An entity that names nothing cannot be on a loop: no search starts from it (one may still pass through it).
      for (const info of this.units.values()) for (const e of info.entities.values()) if (e.kind === 'kr' ? e.supports.length : e.kind === 'item' && e.dependsOn.length) all.push(e);
      this.loopCache = new Map();
      this.searchLoops(all, this.loopCache);
    }
    return this.loopCache;
  }

  /** Every loop reachable from `starts` is written into `out` (and every entity visited into `seen`). */
  private searchLoops(starts: Iterable<Entity>, out: Map<string, number>, seen?: Set<Entity>): void {
    const next = (e: Entity): Entity[] => {
      if (e.kind === 'objective') return [];
      const want = e.kind === 'kr' ? 'kr' : 'item';
      const found: Entity[] = [];
      for (const r of e.kind === 'kr' ? e.supports : e.dependsOn) {
        const res = this.resolve(r, e.unit);
        if (res.ok && res.entity.kind === want) found.push(res.entity);
      }
      return found;
    };
    findLoops(starts, next, () => ++this.loopIds, (e, id) => out.set(entityKey(e.unit, e.id), id), seen);
  }

  resolve(ref: Ref, fromUnit: string): Resolution {
    const unitId = ref.unit ?? fromUnit;
    const unit = this.units.get(unitId);
    if (!unit) return { ok: false, reason: 'unknown-unit', unit: unitId };
    const entity = unit.entities.get(ref.id);
    return entity ? { ok: true, entity } : { ok: false, reason: 'broken', unit: unitId };
  }

  entity(key: string): Entity | undefined {
    const slash = key.indexOf('/');
    return this.units.get(key.slice(0, slash))?.entities.get(key.slice(slash + 1));
  }

  /** The KRs and items whose `supports` name this KR (none for other kinds). */
  supportersOf(e: Entity): (KeyResult | Item)[] {
    return (e.kind === 'kr' ? this.supporters.get(e.unit)?.get(e.id) : undefined) ?? [];
  }

  /** The KRs a KR or item supports, resolved (broken references left out), added to `out`. */
  supportedKrs(e: KeyResult | Item, out: KeyResult[] = []): KeyResult[] {
    // resolve() without its answer object: this runs for every card of every roadmap built.
    for (const r of e.supports) {
      const entity = this.units.get(r.unit ?? e.unit)?.entities.get(r.id);
      if (entity?.kind === 'kr') out.push(entity);
    }
    return out;
  }

  parentOf(unit: string): UnitInfo | undefined {
    const p = this.units.get(unit)?.parent;
    return p && p !== unit ? this.units.get(p) : undefined;
  }

  /** The unit and every unit below it (cycle-safe). */
  descendants(unit: string): UnitInfo[] {
    const out: UnitInfo[] = [];
    const seen = new Set<string>();
    const visit = (u: UnitInfo | undefined) => {
      if (!u || seen.has(u.id)) return;
      seen.add(u.id);
      out.push(u);
      u.children.forEach(visit);
    };
    visit(this.units.get(unit));
    return out;
  }
}

/** Adds `v` keeping the list in source order (file, then position), whatever order files came in. */
function push<T extends Entity>(map: Map<string, T[]>, key: string, v: T): void {
  const list = map.get(key);
  if (!list) return void map.set(key, [v]);
  let i = list.length;
  while (i > 0 && (list[i - 1].file > v.file || (list[i - 1].file === v.file && list[i - 1].keySpan[0] > v.keySpan[0]))) i--;
  list.splice(i, 0, v);
}

function pull<T>(map: Map<string, T[]>, key: string, v: T): void {
  const list = map.get(key);
  if (!list) return;
  const i = list.indexOf(v);
  if (i >= 0) list.splice(i, 1);
  if (!list.length) map.delete(key);
}
