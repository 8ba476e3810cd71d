/**
 * "Certainly valid": a quick check, over the tree of yaml-tree.ts, that a
 * unit file has only the plain shapes the schema (schema.ts) accepts without
 * a doubt: known keys once each, text where text goes, finite numbers where
 * numbers go, ids that match, known words where words go. When it answers
 * true, `unitFileSchema` accepts the file (so there is nothing for
 * schemaProblems to say and zod need not run); anything less plain answers
 * false and zod decides, so it may be strict without losing a finding.
 * `uncertainParts` says more: which objectives and roadmap items the check
 * cannot vouch for, when it vouches for the rest (zod then checks only those,
 * schema-problems.ts `partProblems`). parse.ts uses them for trees of the
 * fast reader only; the equality tests
 * (test/unit/parse/fast-equals-full.test.ts) compare that path with the full
 * one, which always runs zod.
 */
import { CONFIDENCES, DATE, ENTITY_ID, HORIZONS, isValidDate, KEYS, PERIOD, QUARTER, RESULTS, ROLLUPS, STATUSES, UNIT_ID } from './schema';
import type { YEntry, YValue } from './yaml-tree';

type V = YValue | null;
type Field = (v: V) => boolean;

const isNull = (v: V) => !v || (v.kind === 'scalar' && v.value === null);
const scalar = (v: V): v is YValue & { kind: 'scalar' } => v?.kind === 'scalar';
const text: Field = (v) => isNull(v) || (scalar(v) && typeof v.value === 'string');
const num: Field = (v) => isNull(v) || (scalar(v) && typeof v.value === 'number' && Number.isFinite(v.value));
const bool: Field = (v) => isNull(v) || (scalar(v) && typeof v.value === 'boolean');
const oneOf = (words: readonly string[]): Field => (v) => isNull(v) || (scalar(v) && typeof v.value === 'string' && words.includes(v.value));
const matching = (re: RegExp): Field => (v) => isNull(v) || (scalar(v) && typeof v.value === 'string' && re.test(v.value));
const date: Field = (v) => isNull(v) || (scalar(v) && typeof v.value === 'string' && DATE.test(v.value) && isValidDate(v.value));
/** A reference is text; a number is read as written (an id field), a boolean or an empty element is not. */
const ref = (v: V) => scalar(v) && (typeof v.value === 'string' || (typeof v.value === 'number' && Number.isFinite(v.value)));
const refs: Field = (v) => isNull(v) || ref(v) || (v?.kind === 'seq' && !v.via && v.items.every(ref));
const nonNegative: Field = (v) => isNull(v) || (scalar(v) && typeof v.value === 'number' && Number.isFinite(v.value) && v.value >= 0);
const whole: Field = (v) => isNull(v) || (scalar(v) && typeof v.value === 'number' && Number.isInteger(v.value) && v.value >= 0);

/** True when `entries[i]`'s key was given before it in the same map (a scan for small maps, a set past them). */
function repeated(entries: readonly YEntry[]): boolean {
  if (entries.length > 12) return new Set(entries.map((e) => e.key)).size !== entries.length;
  for (let i = 1; i < entries.length; i++) for (let j = 0; j < i; j++) if (entries[i].key === entries[j].key) return true;
  return false;
}

/** A map whose keys are known (each once, none merged) and whose values pass their field's check. */
function fields(v: V, table: ReadonlyMap<string, Field>): boolean {
  if (v?.kind !== 'map' || v.via || repeated(v.entries)) return false;
  for (const e of v.entries) {
    const check = table.get(e.key);
    if (e.merged || !check || !check(e.value)) return false;
  }
  return true;
}

/** A map of id → entry (or nothing). */
function idMap(v: V, entry: ReadonlyMap<string, Field>): boolean {
  if (isNull(v)) return true;
  if (v?.kind !== 'map' || v.via || repeated(v.entries)) return false;
  for (const e of v.entries) if (e.merged || !ENTITY_ID.test(e.key) || !fields(e.value, entry)) return false;
  return true;
}

/** The checks of one kind of map, keyed by the keys the schema allows (those not listed are left to zod). */
const table = (allowed: readonly string[], checks: Record<string, Field>) => new Map(Object.entries(checks).filter(([k]) => allowed.includes(k)));

const RICE = table(KEYS.rice, { reach: num, impact: num, confidence: num, effort: num });
const rice: Field = (v) => isNull(v) || fields(v, RICE);
const horizon: Field = (v) => oneOf(HORIZONS)(v) || matching(QUARTER)(v);

// `private_fields` and `checkins` are left to zod (rare, and their elements have rules of their own).
const KR = table(KEYS.kr, {
  title: text, baseline: num, current: num, unit: text, owner: text, supports: refs, rollup: oneOf(ROLLUPS), private: bool,
  target: (v) => isNull(v) || (scalar(v) && (typeof v.value === 'string' || (typeof v.value === 'number' && Number.isFinite(v.value)))),
});
const ITEM = table(KEYS.item, {
  title: text, supports: refs, hypothesis: text, horizon, confidence: oneOf(CONFIDENCES), status: oneOf(STATUSES), type: text,
  depends_on: refs, due: date, effort: nonNegative, rice, owner: text, result: oneOf(RESULTS), evidence: text, private: bool,
});
const OBJECTIVE = table(KEYS.objective, { title: text, owner: text, private: bool, key_results: (v) => idMap(v, KR) });
const UNIT = table(KEYS.unit, {
  unit: (v) => scalar(v) && typeof v.value === 'string' && UNIT_ID.test(v.value),
  name: text, level: text, owner: text, reviewed: date, private: bool, capacity: whole,
  parent: (v) => isNull(v) || (scalar(v) && typeof v.value === 'string'),
  period: (v) => matching(PERIOD)(v) || (scalar(v) && typeof v.value === 'number' && Number.isInteger(v.value) && v.value >= 1000 && v.value <= 9999),
  objectives: (v) => idMap(v, OBJECTIVE),
  roadmap: (v) => idMap(v, ITEM),
});

/** True only when `unitFileSchema` certainly accepts this tree (`unit:` present, every value plain and right). */
export function certainlyValid(root: V): boolean {
  return fields(root, UNIT) && root?.kind === 'map' && root.entries.some((e) => e.key === 'unit');
}

/** The objectives and roadmap items (entries of `objectives:` and `roadmap:`) the quick check cannot vouch for. */
export interface UncertainParts {
  objectives: YEntry[];
  items: YEntry[];
}

/** A key JavaScript puts first in an object's own keys (an array index): zod would meet it out of the written order. */
const arrayIndex = (key: string) => /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295;

/**
 * When everything in the file but some objectives and roadmap items is
 * certainly valid, and those are entries of plain maps of ids (no key given
 * twice, none merged, each a valid id in the written order): those entries.
 * Otherwise undefined (zod checks the whole file). No entries: certainly valid.
 */
export function uncertainParts(root: V): UncertainParts | undefined {
  if (root?.kind !== 'map' || root.via || repeated(root.entries) || !root.entries.some((e) => e.key === 'unit')) return undefined;
  const parts: UncertainParts = { objectives: [], items: [] };
  for (const e of root.entries) {
    if (e.merged) return undefined;
    if (e.key === 'objectives' || e.key === 'roadmap') {
      if (!entriesIn(e.value, e.key === 'objectives' ? OBJECTIVE : ITEM, e.key === 'objectives' ? parts.objectives : parts.items)) return undefined;
      continue;
    }
    const check = UNIT.get(e.key);
    if (!check || !check(e.value)) return undefined;
  }
  return parts;
}

/** A map of id → entry (or nothing), the entries that do not pass added to `out`. */
function entriesIn(v: V, entry: ReadonlyMap<string, Field>, out: YEntry[]): boolean {
  if (isNull(v)) return true;
  if (v?.kind !== 'map' || v.via || repeated(v.entries)) return false;
  for (const e of v.entries) {
    if (e.merged || !ENTITY_ID.test(e.key) || arrayIndex(e.key)) return false;
    if (!fields(e.value, entry)) out.push(e);
  }
  return true;
}
