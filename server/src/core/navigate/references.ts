/** Go to definition and find all references, over the whole cascade. */
import type { CascadeIndex } from '../link';
import type { UnitFile } from '../model';
import { rawSpan } from '../text-edit';
import { allRefSites, refParts, sameEntity, siteAt, targetOf, type Place, type Target } from './locate';

/** Where a target is declared: the entity's id key, or the `unit:` value of the unit's file(s). */
export function declarations(index: CascadeIndex, target: Target): Place[] {
  if (target.kind === 'entity') {
    const e = target.entity;
    const file = index.units.get(e.unit)?.files.find((f) => f.file === e.file) ?? index.files.find((f) => f.file === e.file);
    return [{ file: e.file, span: file ? rawSpan(file.text, e.keySpan, e.id) : e.keySpan }];
  }
  const unit = index.units.get(target.id);
  if (!unit) return [];
  return unit.files.filter((f) => f.unitId).map((f) => ({ file: f.file, span: rawSpan(f.text, f.unitId!.span, f.unitId!.value) }));
}

/** Definition of whatever is at `offset`: the declaration of what it names. */
export function definition(index: CascadeIndex, file: UnitFile, offset: number): Place[] {
  const site = siteAt(file, offset);
  const target = site && targetOf(index, site);
  if (!target) return [];
  const decls = declarations(index, target);
  // On a unit that several files declare, the first one (the primary) is the definition.
  return target.kind === 'unit' ? decls.slice(0, 1) : decls;
}

/**
 * Every use of a target: references (`ID`, `unit/ID`) that resolve to an
 * entity, or `parent:` values and `unit/` prefixes naming a unit.
 * `cancelled` is polled between files.
 */
export function usages(index: CascadeIndex, target: Target, cancelled: () => boolean = () => false): Place[] {
  const out: Place[] = [];
  let last: UnitFile | undefined;
  for (const { file, site } of allRefSites(index)) {
    if (file !== last && cancelled()) return out;
    last = file;
    const ref = site.ref;
    if (target.kind === 'entity') {
      const res = index.resolve(ref, file.unitId?.value ?? '');
      if (res.ok && sameEntity(res.entity, target.entity)) out.push({ file: file.file, span: refParts(file, ref).id });
    } else if (ref.unit === target.id) {
      const unit = refParts(file, ref).unit;
      if (unit) out.push({ file: file.file, span: unit });
    }
  }
  if (target.kind === 'unit') {
    for (const f of index.files) {
      if (f.parent?.value === target.id) out.push({ file: f.file, span: rawSpan(f.text, f.parent.span, f.parent.value) });
    }
  }
  return out.sort(byPlace);
}

/** Find all references from whatever is at `offset` (with the declaration when asked). */
export function references(index: CascadeIndex, file: UnitFile, offset: number, includeDeclaration: boolean, cancelled?: () => boolean): Place[] {
  const site = siteAt(file, offset);
  const target = site && targetOf(index, site);
  if (!target) return [];
  const uses = usages(index, target, cancelled);
  return includeDeclaration ? [...declarations(index, target), ...uses] : uses;
}

export function byPlace(a: Place, b: Place): number {
  return (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.span[0] - b.span[0];
}
