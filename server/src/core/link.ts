/**
 * The linked cascade: units by id, entities by id within their unit, what
 * each reference resolves to, and the reverse edges (who supports a KR, who
 * depends on an item). A snapshot built from parsed files; `replaceFile` swaps
 * in a re-parsed file whose links did not change (the common keystroke).
 */
import { entityKey, type Entity, type Item, type KeyResult, type Ref, type UnitFile } from './model';

export interface UnitInfo {
  id: string;
  /** Every file that declares this unit (more than one is a `duplicate-id`). */
  files: UnitFile[];
  /** The file that wins for lookups: the first by path. */
  primary: UnitFile;
  /** Objectives, KRs and items by id; the first declaration wins. */
  entities: Map<string, Entity>;
  /** The parent as written, when given. */
  parent?: string;
  children: UnitInfo[];
}

export type Resolution =
  | { ok: true; entity: Entity }
  | { ok: false; reason: 'unknown-unit'; unit: string }
  | { ok: false; reason: 'broken'; unit: string };

export class CascadeIndex {
  readonly units = new Map<string, UnitInfo>();
  /** `unit/KR` → the KRs and items whose `supports` resolve to it. */
  readonly supporters = new Map<string, (KeyResult | Item)[]>();
  /** `unit/ITEM` → the items whose `depends_on` resolve to it. */
  readonly dependents = new Map<string, Item[]>();
  /** Unit id → files whose references or parent name that unit. */
  readonly referrers = new Map<string, Set<string>>();

  private loopCache?: Map<string, number>;

  constructor(readonly files: UnitFile[]) {
    for (const f of files) {
      const id = f.unitId?.value;
      if (!id) continue;
      let info = this.units.get(id);
      if (!info) {
        info = { id, files: [], primary: f, entities: new Map(), parent: f.parent?.value, children: [] };
        this.units.set(id, info);
      }
      info.files.push(f);
      for (const e of [...f.objectives, ...f.krs, ...f.items]) if (!info.entities.has(e.id)) info.entities.set(e.id, e);
    }
    for (const info of this.units.values()) {
      const parent = info.parent ? this.units.get(info.parent) : undefined;
      if (parent && parent !== info) parent.children.push(info);
    }
    for (const f of files) this.linkFile(f);
  }

  private linkFile(f: UnitFile): void {
    const from = f.unitId?.value;
    if (f.parent) this.addReferrer(f.parent.value, f.file);
    if (!from) return;
    const add = <T>(map: Map<string, T[]>, key: string, v: T) => {
      const list = map.get(key);
      if (list) list.push(v);
      else map.set(key, [v]);
    };
    for (const e of [...f.krs, ...f.items]) {
      for (const r of e.supports) {
        this.addReferrer(r.unit ?? from, f.file);
        const res = this.resolve(r, from);
        if (res.ok && res.entity.kind === 'kr') add(this.supporters, entityKey(res.entity.unit, res.entity.id), e);
      }
    }
    for (const it of f.items) {
      for (const r of it.dependsOn) {
        this.addReferrer(r.unit ?? from, f.file);
        const res = this.resolve(r, from);
        if (res.ok && res.entity.kind === 'item') add(this.dependents, entityKey(res.entity.unit, res.entity.id), it);
      }
    }
  }

  private addReferrer(unit: string, file: string): void {
    let s = this.referrers.get(unit);
    if (!s) this.referrers.set(unit, (s = new Set()));
    s.add(file);
  }

  /**
   * Swaps `next` in for `prev` when both have the same link signature (see
   * `linkSignature`): entities are replaced in place, nothing is re-resolved.
   */
  replaceFile(prev: UnitFile, next: UnitFile): void {
    const i = this.files.indexOf(prev);
    if (i < 0) throw new Error(`replaceFile: ${prev.file} is not in the index`);
    this.files[i] = next;
    const swap = new Map<Entity, Entity>();
    const olds = [...prev.objectives, ...prev.krs, ...prev.items];
    const news = [...next.objectives, ...next.krs, ...next.items];
    olds.forEach((e, k) => swap.set(e, news[k]));
    const info = next.unitId ? this.units.get(next.unitId.value) : undefined;
    if (info) {
      info.files = info.files.map((f) => (f === prev ? next : f));
      if (info.primary === prev) info.primary = next;
      for (const [id, e] of info.entities) {
        const n = swap.get(e);
        if (n) info.entities.set(id, n);
      }
    }
    const fix = <T extends Entity>(list: T[] | undefined) => list?.forEach((e, k) => swap.has(e) && (list[k] = swap.get(e) as T));
    for (const e of [...prev.krs, ...prev.items]) {
      for (const r of e.supports) {
        const res = this.resolve(r, e.unit);
        if (res.ok) fix(this.supporters.get(entityKey(res.entity.unit, res.entity.id)));
      }
    }
    for (const it of prev.items) {
      for (const r of it.dependsOn) {
        const res = this.resolve(r, it.unit);
        if (res.ok) fix(this.dependents.get(entityKey(res.entity.unit, res.entity.id)));
      }
    }
  }

  /**
   * True when the link `from → to` (a KR's `supports` or an item's
   * `depends_on`) lies on a loop: both ends in one strongly connected component.
   */
  onLoop(from: Entity, to: Entity): boolean {
    const loops = (this.loopCache ??= this.findLoops());
    const c = loops.get(entityKey(from.unit, from.id));
    return c !== undefined && c === loops.get(entityKey(to.unit, to.id));
  }

  /** Entity keys that sit on a loop → the id of their loop (iterative Tarjan). */
  loopMembers(): Map<string, number> {
    return (this.loopCache ??= this.findLoops());
  }

  private findLoops(): Map<string, number> {
    const next = (e: Entity): Entity[] => {
      if (e.kind === 'objective') return [];
      const want = e.kind === 'kr' ? 'kr' : 'item';
      const out: Entity[] = [];
      for (const r of e.kind === 'kr' ? e.supports : e.dependsOn) {
        const res = this.resolve(r, e.unit);
        if (res.ok && res.entity.kind === want) out.push(res.entity);
      }
      return out;
    };
    const index = new Map<Entity, number>();
    const low = new Map<Entity, number>();
    const onStack = new Set<Entity>();
    const stack: Entity[] = [];
    const out = new Map<string, number>();
    let counter = 0;
    let component = 0;
    for (const info of this.units.values()) {
      for (const root of info.entities.values()) {
        if (root.kind === 'objective' || index.has(root)) continue;
        const work: { node: Entity; edges: Entity[]; i: number }[] = [];
        const enter = (n: Entity) => {
          index.set(n, counter);
          low.set(n, counter++);
          stack.push(n);
          onStack.add(n);
          work.push({ node: n, edges: next(n), i: 0 });
        };
        enter(root);
        while (work.length) {
          const top = work[work.length - 1];
          if (top.i < top.edges.length) {
            const m = top.edges[top.i++];
            if (!index.has(m)) enter(m);
            else if (onStack.has(m)) low.set(top.node, Math.min(low.get(top.node)!, index.get(m)!));
            continue;
          }
          work.pop();
          if (work.length) low.set(work[work.length - 1].node, Math.min(low.get(work[work.length - 1].node)!, low.get(top.node)!));
          if (low.get(top.node) !== index.get(top.node)) continue;
          const members: Entity[] = [];
          let m: Entity;
          do {
            m = stack.pop()!;
            onStack.delete(m);
            members.push(m);
          } while (m !== top.node);
          if (members.length > 1 || top.edges.includes(top.node)) {
            component++;
            for (const e of members) out.set(entityKey(e.unit, e.id), component);
          }
        }
      }
    }
    return out;
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

  supportersOf(e: Entity): (KeyResult | Item)[] {
    return this.supporters.get(entityKey(e.unit, e.id)) ?? [];
  }

  /** The KRs a KR or item supports, resolved (broken references left out). */
  supportedKrs(e: KeyResult | Item): KeyResult[] {
    const out: KeyResult[] = [];
    for (const r of e.supports) {
      const res = this.resolve(r, e.unit);
      if (res.ok && res.entity.kind === 'kr') out.push(res.entity);
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

/**
 * Everything about a file that other files' findings can depend on: its unit,
 * parent, ids and kinds, references and horizons. Equal signatures mean an
 * edit (a title, a hypothesis, a comment) cannot change any other file.
 */
export function linkSignature(f: UnitFile): string {
  const parts: string[] = [f.unitId?.value ?? '', f.parent?.value ?? ''];
  for (const o of f.objectives) parts.push(`o:${o.id}`);
  for (const k of f.krs) parts.push(`k:${k.id}>${k.supports.map((r) => r.raw).join(',')}`);
  for (const i of f.items) parts.push(`i:${i.id}@${i.horizon?.value ?? ''}>${i.supports.map((r) => r.raw).join(',')}|${i.dependsOn.map((r) => r.raw).join(',')}`);
  return parts.join('\n');
}
