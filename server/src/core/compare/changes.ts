/**
 * The `changes` of a change set: one entry per unit or entity that was
 * added, removed, renamed, moved to another file or unit, or changed, with
 * every field that differs. A file that only moved is one `moved` change of
 * its unit; a unit renamed carries its entities along.
 */
import type { UnitInfo } from '../link';
import { entityKey, type Entity, type KeyResult, type UnitFile } from '../model';
import { dayQuarter, type Day } from '../period';
import { compareRefs } from '../roadmap/cards';
import { krProgress } from '../roadmap/progress';
import { positionAt } from '../text';
import { fieldChanges, itemEvents } from './fields';
import { dataOf, type MatchContext, type Matching } from './match';
import type { Plan } from './plan';
import type { Change, ChangeKind, FieldChange, PlanLocation } from './types';

const keyOf = (e: Entity) => entityKey(e.unit, e.id);

export function fileOf(plan: Plan, e: { unit: string; file: string }): UnitFile | undefined {
  return plan.index.units.get(e.unit)?.files.find((f) => f.file === e.file) ?? plan.files.find((f) => f.file === e.file);
}

export function entityLocation(plan: Plan, e: Entity): PlanLocation {
  const pos = positionAt(fileOf(plan, e)?.lineStarts ?? [0], e.keySpan[0]);
  return { file: plan.display(e.file), line: pos.line, character: pos.character };
}

export function unitLocation(plan: Plan, u: UnitInfo): PlanLocation {
  const f = u.primary;
  const pos = positionAt(f.lineStarts, f.unitId?.span[0] ?? 0);
  return { file: plan.display(f.file), line: pos.line, character: pos.character };
}

/** Same text, same meaning: nothing in it can differ. */
const sameText = (a: UnitFile, b: UnitFile) => a === b || a.text === b.text;

export function collectChanges(ctx: MatchContext, m: Matching, asOf: Day): Change[] {
  const { base, head } = ctx;
  const out: Change[] = [];
  const todayQuarter = dayQuarter(asOf);
  for (const p of m.units) {
    const files = (u: UnitInfo) => u.files.map((f) => f.file).join('\n');
    const moved = files(p.base) !== files(p.head);
    const fields = ctx.data.sameUnit(p.base.primary, p.head.primary) ? undefined : fieldChanges('unit', ctx.data.unit(p.base.primary), ctx.data.unit(p.head.primary), { baseUnit: p.base.id, headUnit: p.head.id });
    const kind: ChangeKind | undefined = p.how === 'renamed' ? 'renamed' : moved ? 'moved' : fields ? 'changed' : undefined;
    if (!kind) continue;
    out.push(clean({
      kind, entity: 'unit', ref: p.head.id, from: p.how === 'renamed' ? p.base.id : undefined, title: unitTitle(p.head),
      location: unitLocation(head, p.head), before: unitLocation(base, p.base), fields,
    }));
  }
  for (const u of m.removedUnits) out.push({ kind: 'removed', entity: 'unit', ref: u.id, title: unitTitle(u), before: unitLocation(base, u) });
  for (const u of m.addedUnits) out.push({ kind: 'added', entity: 'unit', ref: u.id, title: unitTitle(u), location: unitLocation(head, u) });

  for (const p of m.pairs) {
    const bf = fileOf(base, p.base);
    const hf = fileOf(head, p.head);
    if (p.how === 'same' && bf && hf && sameText(bf, hf)) continue;
    const units = { baseUnit: p.base.unit, headUnit: p.head.unit };
    const same = bf && hf && ctx.data.sameEntity(bf, p.base, hf, p.head);
    let fields = same ? undefined : fieldChanges(p.base.kind, dataOf(ctx, 'base', p.base), dataOf(ctx, 'head', p.head), units);
    if (p.base.kind === 'kr' && p.head.kind === 'kr') fields = withObjective(fields, p.base, p.head, m);
    const kind: ChangeKind | undefined = p.how !== 'same' ? p.how : fields ? 'changed' : undefined;
    if (!kind) continue;
    const change: Change = {
      kind, entity: p.head.kind, ref: keyOf(p.head), from: p.how !== 'same' ? keyOf(p.base) : undefined, title: p.head.title?.value ?? p.base.title?.value,
      location: entityLocation(head, p.head), before: entityLocation(base, p.base), fields,
    };
    if (fields && p.head.kind === 'item') {
      const { slipped, events } = itemEvents(fields, todayQuarter);
      change.slipped = slipped;
      if (events.length) change.events = events;
    }
    if (fields && p.base.kind === 'kr' && p.head.kind === 'kr') change.progress = progressChange(p.base, p.head);
    out.push(clean(change));
  }
  for (const e of m.removed) out.push(clean({ kind: 'removed', entity: e.kind, ref: keyOf(e), title: e.title?.value, before: entityLocation(base, e) }));
  for (const e of m.added) out.push(clean({ kind: 'added', entity: e.kind, ref: keyOf(e), title: e.title?.value, location: entityLocation(head, e) }));
  return out.sort(byChange);
}

/** A KR written under another objective than before (objective renames followed). */
function withObjective(fields: Record<string, FieldChange> | undefined, a: KeyResult, b: KeyResult, m: Matching): Record<string, FieldChange> | undefined {
  const before = m.entityMap.get(entityKey(a.unit, a.objective)) ?? entityKey(a.unit, a.objective);
  if (before === entityKey(b.unit, b.objective)) return fields;
  return { objective: { before: a.objective, after: b.objective }, ...fields };
}

function progressChange(a: KeyResult, b: KeyResult): Change['progress'] {
  const before = krProgress(a) ?? null;
  const after = krProgress(b) ?? null;
  return before === after ? undefined : { before, after };
}

const unitTitle = (u: UnitInfo) => u.primary.name?.value ?? u.id;

const ENTITY_RANK = { unit: 0, objective: 1, kr: 2, item: 3 } as const;
const KIND_RANK: Record<ChangeKind, number> = { removed: 0, renamed: 1, moved: 2, changed: 3, added: 4 };
const unitPart = (c: Change) => (c.entity === 'unit' ? c.ref : c.ref.slice(0, c.ref.indexOf('/')));

/** By unit, then unit / objective / KR / item, then ref, then kind: the same input always prints the same list. */
export function byChange(a: Change, b: Change): number {
  return compareRefs(unitPart(a), unitPart(b)) || ENTITY_RANK[a.entity] - ENTITY_RANK[b.entity] || compareRefs(a.ref, b.ref) || KIND_RANK[a.kind] - KIND_RANK[b.kind];
}

/** Drops the keys whose value is undefined (stable JSON, clean deep-equals). */
export function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
