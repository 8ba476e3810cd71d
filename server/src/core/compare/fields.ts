/**
 * Field by field: what differs between two versions of an entry, and what it
 * means for a roadmap item (slipped or pulled in, done, dropped, revived,
 * confidence up or down). References count as the same when they name the
 * same things: `KR1` and `[KR1]`, `KR1` and `payments/KR1` inside `payments`,
 * a list in another order.
 */
import { horizonBucket, quarterIndex } from '../period';
import { KEYS } from '../schema';
import { sameValue, type Data } from './data';
import type { ChangeEntity, FieldChange, ItemEvent } from './types';

const REF_FIELDS = new Set(['supports', 'depends_on']);

/** The references a value names, own-unit prefixes dropped, sorted and unique; undefined when it is not references. */
export function refSet(value: unknown, ownUnit: string): string[] | undefined {
  const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (!list) return undefined;
  const out = new Set<string>();
  for (const v of list) {
    if (typeof v !== 'string') return undefined;
    const t = v.trim();
    if (!t) continue;
    out.add(t.startsWith(`${ownUnit}/`) ? t.slice(ownUnit.length + 1) : t);
  }
  return [...out].sort();
}

/** Two values of `key` mean the same. */
export function sameField(key: string, a: unknown, b: unknown, units: { baseUnit: string; headUnit: string }): boolean {
  if (sameValue(a, b)) return true;
  if (!REF_FIELDS.has(key)) return false;
  const x = refSet(a, units.baseUnit);
  const y = refSet(b, units.headUnit);
  return !!x && !!y && sameValue(x, y);
}

const ORDER: Record<ChangeEntity, readonly string[]> = { unit: KEYS.unit, objective: KEYS.objective, kr: ['objective', ...KEYS.kr], item: KEYS.item };

/** The fields that differ, in the format's key order (then any other key by name); undefined when none. */
export function fieldChanges(entity: ChangeEntity, a: Data, b: Data, units: { baseUnit: string; headUnit: string }): Record<string, FieldChange> | undefined {
  const order = ORDER[entity];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !(entity === 'unit' && k === 'unit'));
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  keys.sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0));
  const out: Record<string, FieldChange> = {};
  let any = false;
  for (const k of keys) {
    const before = a[k] ?? null;
    const after = b[k] ?? null;
    if (sameField(k, before, after, units)) continue;
    out[k] = { before, after };
    any = true;
  }
  return any ? out : undefined;
}

const BUCKET_ORDER = { now: 0, next: 1, later: 2 } as const;

/**
 * +1 when `after` is later in time than `before`, −1 when earlier, 0 when
 * neither can be said: quarters in order, `now` < `next` < `later`, a quarter
 * against a horizon mapped against today's quarter (as the horizons view
 * does). An item without a horizon sits in `later`.
 */
export function horizonOrder(before: unknown, after: unknown, todayQuarter: number): number {
  const h = (v: unknown) => (v === null || v === undefined ? 'later' : typeof v === 'string' ? v : undefined);
  const a = h(before);
  const b = h(after);
  if (a === undefined || b === undefined) return 0;
  const qa = quarterIndex(a);
  const qb = quarterIndex(b);
  if (qa !== undefined && qb !== undefined) return Math.sign(qb - qa);
  const ba = horizonBucket(a, todayQuarter);
  const bb = horizonBucket(b, todayQuarter);
  if (!ba || !bb) return 0;
  return Math.sign(BUCKET_ORDER[bb] - BUCKET_ORDER[ba]);
}

const CONFIDENCE_RANK: Record<string, number> = { low: 0, medium: 1, high: 2 };

/** What the field changes of an item mean: slipped / pulled in, status and result events, confidence up or down. */
export function itemEvents(fields: Record<string, FieldChange>, todayQuarter: number): { slipped?: boolean; events: ItemEvent[] } {
  const events: ItemEvent[] = [];
  let slipped: boolean | undefined;
  if (fields.horizon) {
    const o = horizonOrder(fields.horizon.before, fields.horizon.after, todayQuarter);
    if (o) {
      slipped = o > 0;
      events.push(slipped ? 'slipped' : 'pulled-in');
    }
  }
  if (fields.status) {
    const { before, after } = fields.status;
    if (after === 'done') events.push('done');
    else if (after === 'dropped') events.push('dropped');
    else if (before === 'dropped') events.push('revived');
  }
  if (fields.result) {
    if (fields.result.after === 'validated') events.push('validated');
    if (fields.result.after === 'invalidated') events.push('invalidated');
  }
  if (fields.confidence) {
    const x = CONFIDENCE_RANK[String(fields.confidence.before)];
    const y = CONFIDENCE_RANK[String(fields.confidence.after)];
    if (x !== undefined && y !== undefined && x !== y) events.push(y > x ? 'confidence-up' : 'confidence-down');
  }
  return slipped === undefined ? { events } : { slipped, events };
}
