/**
 * What one audience may see: which entities (private ones and those its
 * `include` filters out are gone) and which fields (`show`, minus fields
 * named in `private_fields`). Both only when `hide_private` is on for the
 * private part; `include` and `show` always apply.
 */
import type { Audience } from '../config';
import type { ShowField } from '../config-schema';
import type { CascadeIndex } from '../link';
import type { Entity, Item, Located } from '../model';
import { Privacy } from './privacy';

/** The `private_fields` name behind each `show` field (`outcome` and `unit` are handled apart). */
const PRIVATE_FIELD: Partial<Record<ShowField, string>> = {
  title: 'title', kr: 'supports', hypothesis: 'hypothesis', confidence: 'confidence', status: 'status',
  owner: 'owner', horizon: 'horizon', type: 'type', due: 'due', dependencies: 'depends_on',
};

export class Lens {
  private readonly show: Set<ShowField>;

  constructor(
    readonly audience: Audience,
    readonly index: CascadeIndex,
    readonly privacy: Privacy = new Privacy(index),
  ) {
    this.show = new Set(audience.show);
  }

  get hidePrivate(): boolean {
    return this.audience.hidePrivate;
  }

  /** A private unit, when this audience hides private entries. */
  unitHidden(id: string): boolean {
    return this.hidePrivate && this.privacy.unit(id);
  }

  /** True when the entity is on this audience's roadmaps: not private (when hidden), and for an item, let through by `include`. */
  visible(e: Entity): boolean {
    if (this.hidePrivate && this.privacy.entity(e)) return false;
    return e.kind !== 'item' || this.included(e);
  }

  /** `include: { status, type }`: an item passes when its status and type are listed (an item without one does not pass that filter). */
  included(it: Item): boolean {
    const { status, type } = this.audience.include;
    if (status && !(it.status && status.includes(it.status.value))) return false;
    if (type && !(it.type && type.includes(it.type.value))) return false;
    return true;
  }

  /** A field named in the entity's `private_fields`, when this audience hides private entries. */
  privateField(e: Entity, field: string): boolean {
    return this.hidePrivate && this.privacy.field(e, field);
  }

  /** True when `show` lists the field and the entity does not keep it private. */
  shows(e: Entity, field: ShowField): boolean {
    if (!this.show.has(field)) return false;
    const pf = PRIVATE_FIELD[field];
    return !pf || !this.privateField(e, pf);
  }

  /** `outcome`: the KR's numbers are shown; each of `baseline`, `current`, `target`, `unit` may still be private on its own. */
  showsOutcome(): boolean {
    return this.show.has('outcome');
  }

  /** The display name of a unit as this audience may see it (its `name`, else its id), or undefined when the name is private. */
  unitName(id: string): Located<string> | undefined {
    const u = this.index.units.get(id);
    if (!u) return undefined;
    if (this.hidePrivate && this.privacy.unitField(id, 'name')) return undefined;
    return u.primary.name ?? u.primary.unitId;
  }

  /** `show` lists `unit`. */
  showsUnit(): boolean {
    return this.show.has('unit');
  }
}
