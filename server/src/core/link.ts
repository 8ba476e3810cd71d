/**
 * The linked cascade: units by id, entities by id within their unit, what
 * each reference resolves to, and the reverse edges (who supports a KR, who
 * depends on an item). An immutable snapshot, rebuilt from parsed files.
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

  constructor(readonly files: readonly UnitFile[]) {
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
