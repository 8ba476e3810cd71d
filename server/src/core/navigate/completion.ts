/**
 * Completion candidates at an offset: references valid at that place (the
 * parent unit's KRs first for a KR's `supports`), keys valid in the map the
 * cursor is in (minus those present), and enum values.
 */
import type { CascadeIndex } from '../link';
import type { Entity, UnitFile } from '../model';
import { quarterId } from '../period';
import { CONFIDENCES, HORIZONS, ITEM_TYPES, KEYS, STATUSES, itemSchema, keyResultSchema, objectiveSchema, riceSchema, unitFileSchema } from '../schema';
import type { Span } from '../model';
import { cursorContext, type CursorContext } from './completion-context';
import { metricLine } from './hover';

export interface CompletionCandidate {
  label: string;
  kind: 'key' | 'ref' | 'unit' | 'enum' | 'id';
  insertText: string;
  replace: Span;
  /** For a reference: the title of what it names. */
  detail?: string;
  /** Where the target sits relative to the cursor's unit ("parent", "this unit"), shown on every row. */
  note?: string;
  /** Picking it raises a finding (`not-parent-link`): marked, and ranked after those that do not. */
  warns?: boolean;
  documentation?: string;
  sortText: string;
}

export interface Completions {
  items: CompletionCandidate[];
  /** More candidates exist than were returned; ask again as the user types. */
  incomplete: boolean;
}

type MapKind = keyof typeof KEYS;
const MAX_OTHERS = 200;
const LEVELS = ['company', 'product', 'team'];
const MAP_KEYS = new Set(['objectives', 'roadmap', 'key_results', 'rice']);

function mapKind(path: string[]): MapKind | undefined {
  if (path.length === 0) return 'unit';
  if (path[0] === 'objectives' && path.length === 2) return 'objective';
  if (path[0] === 'objectives' && path.length === 4 && path[2] === 'key_results') return 'kr';
  if (path[0] === 'roadmap' && path.length === 2) return 'item';
  if (path[0] === 'roadmap' && path.length === 3 && path[2] === 'rice') return 'rice';
  return undefined;
}

const SHAPES: Record<MapKind, Record<string, { description?: string } | undefined>> = {
  unit: unitFileSchema.shape,
  objective: objectiveSchema.shape,
  kr: keyResultSchema.shape,
  item: itemSchema.shape,
  rice: (riceSchema.unwrap().unwrap() as unknown as { shape: Record<string, { description?: string }> }).shape,
};

/** `file` is the parsed model of `text` when there is one (it may lag or be partial). */
export function completions(index: CascadeIndex, file: UnitFile | undefined, text: string, offset: number, trigger?: string): Completions {
  const ctx = cursorContext(text, offset);
  if (!ctx) return { items: [], incomplete: false };
  const kind = mapKind(ctx.path);
  if (ctx.mode === 'key') {
    if (trigger === ' ' || trigger === ':') return { items: [], incomplete: false };
    if (kind) return { items: keyItems(kind, ctx), incomplete: false };
    return { items: idItems(file, ctx), incomplete: false };
  }
  if (!kind || !ctx.key) return { items: [], incomplete: false };
  const self = file?.unitId?.value ?? topValue(text, 'unit');
  const parent = file?.parent?.value ?? topValue(text, 'parent');
  const values = new Values(ctx);
  const key = `${kind}.${ctx.key}`;
  switch (key) {
    case 'kr.supports':
      krRefs(index, values, self, parent, false);
      break;
    case 'item.supports':
      krRefs(index, values, self, parent, true);
      break;
    case 'item.depends_on':
      itemRefs(index, values, self, ctx.path[1]);
      break;
    case 'unit.parent':
      for (const u of index.units.values()) if (u.id !== self) values.add(u.id, 'unit', 0, [u.primary.name?.value, u.primary.level?.value].filter(Boolean).join(' · '));
      break;
    case 'unit.level':
      LEVELS.forEach((l, i) => values.add(l, 'enum', i));
      break;
    case 'item.horizon': {
      HORIZONS.forEach((h, i) => values.add(h, 'enum', i));
      const period = file?.period?.value;
      if (period) for (let q = period.first; q <= period.last; q++) values.add(quarterId(q), 'enum', 10 + q - period.first, `a quarter of ${period.text}`);
      break;
    }
    case 'item.confidence':
      CONFIDENCES.forEach((c, i) => values.add(c, 'enum', i));
      break;
    case 'item.status':
      STATUSES.forEach((s, i) => values.add(s, 'enum', i));
      break;
    case 'item.type':
      ITEM_TYPES.forEach((t, i) => values.add(t, 'enum', i));
      break;
  }
  return { items: values.items, incomplete: values.truncated };
}

/** Collects value candidates, skipping those already in the list. */
class Values {
  readonly items: CompletionCandidate[] = [];
  truncated = false;
  private others = 0;
  constructor(private readonly ctx: CursorContext) {}

  add(value: string, kind: CompletionCandidate['kind'], rank: number, detail?: string, documentation?: string, note?: { note: string; warns?: boolean }): void {
    if (this.ctx.present.includes(value)) return;
    if (rank >= 2) {
      const p = this.ctx.prefix.toLowerCase();
      if (p && !value.toLowerCase().includes(p)) return;
      if (++this.others > MAX_OTHERS) {
        this.truncated = true;
        return;
      }
    }
    const insertText = (this.ctx.needsSpace ? ' ' : '') + value;
    const sortText = `${String(rank).padStart(2, '0')}-${String(this.items.length).padStart(5, '0')}`;
    this.items.push({ label: value, kind, insertText, replace: this.ctx.replace, detail, documentation, sortText, ...note });
  }
}

const krDoc = (e: Entity) => (e.kind === 'kr' ? metricLine(e) : undefined);

/**
 * For a KR: the parent unit's KRs first, then the rest, each of which would
 * raise `not-parent-link` (marked so). For an item: its unit's KRs, the
 * parent's, then the rest.
 */
function krRefs(index: CascadeIndex, values: Values, self: string | undefined, parent: string | undefined, item: boolean): void {
  const krsOf = (unit: string) => [...(index.units.get(unit)?.entities.values() ?? [])].filter((e) => e.kind === 'kr');
  if (item && self) for (const k of krsOf(self)) values.add(k.id, 'ref', 0, k.title?.value, krDoc(k), { note: 'this unit' });
  if (parent && parent !== self) for (const k of krsOf(parent)) values.add(`${parent}/${k.id}`, 'ref', 1, k.title?.value, krDoc(k), { note: 'parent unit' });
  const above = ancestors(index, parent);
  for (const u of index.units.values()) {
    if (u.id === self || u.id === parent) continue;
    const note = item
      ? { note: `unit ${u.id}` }
      : { note: `⚠ ${!parent ? `${self ?? 'this unit'} has no parent` : above.has(u.id) ? 'skips a level' : `not above ${self ?? 'this unit'}`}: not-parent-link`, warns: true };
    for (const k of krsOf(u.id)) values.add(`${u.id}/${k.id}`, 'ref', 2, k.title?.value, krDoc(k), note);
  }
}

/** `unit` and the units above it (bounded: a parent loop is a finding of its own). */
function ancestors(index: CascadeIndex, unit: string | undefined): Set<string> {
  const out = new Set<string>();
  for (let u = unit; u && !out.has(u) && out.size < 64; u = index.units.get(u)?.parent) out.add(u);
  return out;
}

function itemRefs(index: CascadeIndex, values: Values, self: string | undefined, current: string | undefined): void {
  const itemsOf = (unit: string) => [...(index.units.get(unit)?.entities.values() ?? [])].filter((e) => e.kind === 'item');
  if (self) for (const it of itemsOf(self)) if (it.id !== current) values.add(it.id, 'ref', 0, it.title?.value);
  for (const u of index.units.values()) {
    if (u.id === self) continue;
    for (const it of itemsOf(u.id)) values.add(`${u.id}/${it.id}`, 'ref', 2, it.title?.value);
  }
}

function keyItems(kind: MapKind, ctx: CursorContext): CompletionCandidate[] {
  return KEYS[kind]
    .filter((k) => !ctx.present.includes(k))
    .map((k, i) => ({
      label: k,
      kind: 'key' as const,
      insertText: ctx.keyHasColon ? k : MAP_KEYS.has(k) ? `${k}:` : `${k}: `,
      replace: ctx.replace,
      detail: SHAPES[kind][k]?.description,
      sortText: `0-${String(i).padStart(3, '0')}`,
    }));
}

/** A new id under `objectives:`, `key_results:` or `roadmap:`: the next free `O<n>` / `KR<n>`. */
function idItems(file: UnitFile | undefined, ctx: CursorContext): CompletionCandidate[] {
  const last = ctx.path[ctx.path.length - 1];
  const make = (prefix: string, ids: string[]) => {
    const n = Math.max(0, ...ids.map((id) => Number(new RegExp(`^${prefix}(\\d+)$`).exec(id)?.[1] ?? 0))) + 1;
    const id = `${prefix}${n}`;
    return [{ label: id, kind: 'id' as const, insertText: ctx.keyHasColon ? id : `${id}:`, replace: ctx.replace, detail: `a new ${prefix === 'O' ? 'objective' : 'key result'}`, sortText: '0' }];
  };
  if (ctx.path.length === 1 && last === 'objectives') return make('O', file?.objectives.map((o) => o.id) ?? []);
  if (ctx.path.length === 3 && last === 'key_results') return make('KR', file?.krs.map((k) => k.id) ?? []);
  return [];
}

/** A top-level `key: value` read from the text (when the model has none). */
function topValue(text: string, key: string): string | undefined {
  const m = new RegExp(`^${key}:[ \\t]*["']?([a-z0-9][a-z0-9-]*)`, 'm').exec(text);
  return m?.[1];
}
