/**
 * Zod issues → `schema` problems on the exact key or value, with "did you
 * mean" for unknown keys. Validates the resolved tree (yaml-tree.ts), the
 * same one the model is read from, so an alias or a merge key means the same
 * to both; a finding about a value reached through an alias lands on the alias.
 */
import type { z } from 'zod';
import type { Problem, Span } from './model';
import { ENTITY_ID, itemSchema, KEYS, objectiveSchema, unitFileSchema } from './schema';
import { closest } from './text';
import { entriesOf, type YEntry, type YMap, type YValue } from './yaml-tree';

type Path = PropertyKey[];

/** Fields whose values are ids or references: read as written (`supports: 1.10` is the text `1.10`). */
const ID_FIELDS = new Set(['unit', 'parent', 'supports', 'depends_on']);

/** The data zod checks: maps as objects (the later of two equal keys wins), ids as text. */
function toData(v: YValue | null, asText: boolean): unknown {
  if (!v) return null;
  if (v.kind === 'scalar') return asText && typeof v.value === 'number' ? v.text : v.value;
  if (v.kind === 'seq') return v.items.map((i) => toData(i, asText));
  const obj: Record<string, unknown> = {};
  for (const e of v.entries) {
    const value = toData(e.value, asText || ID_FIELDS.has(e.key));
    // An own data property either way; only `__proto__` would call Object.prototype's setter if assigned.
    if (e.key === '__proto__') Object.defineProperty(obj, e.key, { value, enumerable: true, writable: true, configurable: true });
    else obj[e.key] = value;
  }
  return obj;
}

function kindOf(path: Path): { kind: keyof typeof KEYS; label: string } {
  const [top, id, sub, kr] = path;
  if (top === 'objectives' && path.length >= 4 && sub === 'key_results') return { kind: 'kr', label: `key result ${String(kr)}` };
  if (top === 'objectives' && path.length >= 2) return { kind: 'objective', label: `objective ${String(id)}` };
  if (top === 'roadmap' && path.length >= 3 && sub === 'rice') return { kind: 'rice', label: `the \`rice\` of ${String(id)}` };
  if (top === 'roadmap' && path.length >= 2) return { kind: 'item', label: `roadmap item ${String(id)}` };
  return { kind: 'unit', label: 'the unit' };
}

/** Looks values up by a zod path in the tree, with each map's keys indexed once. */
class Lookup {
  private readonly indexes = new Map<YMap, Map<string, YEntry>>();

  constructor(private readonly root: YValue | null) {}

  /** The entry of `key` in a map: the last one, as in the data zod saw. */
  entry(map: YValue | null | undefined, key: string): YEntry | undefined {
    if (map?.kind !== 'map') return undefined;
    let index = this.indexes.get(map);
    if (!index) {
      index = new Map();
      for (const e of map.entries) index.set(e.key, e);
      this.indexes.set(map, index);
    }
    return index.get(key);
  }

  value(path: Path): YValue | null | undefined {
    let v: YValue | null | undefined = this.root;
    for (const seg of path) {
      if (v?.kind === 'seq' && typeof seg === 'number') v = v.items[seg];
      else v = this.entry(v, String(seg))?.value;
      if (!v) return v;
    }
    return v;
  }

  keySpan(path: Path, key: string): Span | undefined {
    return this.entry(this.value(path), key)?.keySpan;
  }

  /** Where a finding about the whole file goes when nothing more exact exists. */
  fileStart(): Span {
    return entriesOf(this.root)[0]?.keySpan ?? [0, 0];
  }
}

export function schemaProblems(root: YValue | null, file: string): Problem[] {
  if (root?.kind !== 'map') {
    const empty = !root || (root.kind === 'scalar' && root.value === null);
    const message = empty
      ? 'This cascade file is empty: start it with `unit: <id>` and add objectives or a roadmap'
      : 'A cascade file must be a map of keys (unit, objectives, roadmap …), not a single value or a list';
    return [{ code: 'schema', severity: 'error', message, file, span: root?.span ?? [0, 0] }];
  }
  const result = unitFileSchema.safeParse(toData(root, false));
  if (result.success) return [];
  const at = new Lookup(root);
  const out: Problem[] = [];
  for (const issue of result.error.issues) for (const p of issueProblems(at, file, issue)) out.push(p);
  return out;
}

/**
 * `schemaProblems` for a file whose other parts are certainly valid
 * (yaml-fast-valid.ts `uncertainParts`): zod checks only these objectives and
 * items, each with the schema the file's schema checks it with, and their
 * issues are read at their place in the file. The same problems in the same
 * order: zod checks an objective or item whole and apart from the rest
 * (strict objects, no refinement across them), in the file's order of keys,
 * and the parts vouched for give it nothing to say (the equality tests
 * compare both ways on every fixture and thousands of mutated files).
 */
export function partProblems(root: YValue, file: string, parts: { objectives: readonly YEntry[]; items: readonly YEntry[] }): Problem[] {
  const out: Problem[] = [];
  let at: Lookup | undefined;
  const check = (top: 'objectives' | 'roadmap', schema: z.ZodType, entries: readonly YEntry[]) => {
    for (const e of entries) {
      const result = schema.safeParse(toData(e.value, ID_FIELDS.has(e.key)));
      if (result.success) continue;
      at ??= new Lookup(root);
      for (const issue of result.error.issues) for (const p of issueProblems(at, file, { ...issue, path: [top, e.key, ...issue.path] } as z.core.$ZodIssue)) out.push(p);
    }
  };
  // In the order of the file's schema: objectives, then the roadmap.
  check('objectives', objectiveSchema, parts.objectives);
  check('roadmap', itemSchema, parts.items);
  return out;
}

/** `confidence must be a number` under `rice:` → `rice.confidence must be a number`: not the item's own field. */
function qualified(path: Path, message: string): string {
  const parent = path.length >= 2 ? path[path.length - 2] : undefined;
  const field = path[path.length - 1];
  if (parent === 'rice' && typeof field === 'string' && message.startsWith(`${field} `)) {
    return `\`rice.${field}\`${message.slice(field.length)}${field === 'confidence' ? ' (the RICE confidence, from 0 to 1)' : ''}`;
  }
  return message;
}

function issueProblems(at: Lookup, file: string, issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path;
  const problem = (span: Span, message: string, data?: Problem['data']): Problem => ({ code: 'schema', severity: 'error', message, file, span, ...(data ? { data } : {}) });
  if (issue.code === 'unrecognized_keys') {
    const { kind, label } = kindOf([...path, '?']);
    return issue.keys.map((key) => {
      const span = at.keySpan(path, key) ?? at.fileStart();
      const suggestions = closest(key, KEYS[kind]);
      const hint = suggestions.length ? `; did you mean \`${suggestions[0]}\`?` : `; the keys allowed here are ${KEYS[kind].join(', ')}`;
      return problem(span, `Unknown key \`${key}\` in ${label}${hint}`, { key, suggestions });
    });
  }
  if (issue.code === 'invalid_union') {
    // A list with one bad element: point at that element, not the whole list.
    const deep = issue.errors.find((branch) => branch.length > 0 && branch.every((i) => i.path.length > 0));
    if (deep) return deep.flatMap((i) => issueProblems(at, file, { ...i, path: [...path, ...i.path] } as z.core.$ZodIssue));
  }
  if (issue.code === 'invalid_key') {
    const key = String(path[path.length - 1]);
    const span = at.keySpan(path.slice(0, -1), key) ?? at.fileStart();
    const detail = ENTITY_ID.test(key) ? (issue.issues[0]?.message ?? 'invalid id') : idRule(key);
    // (the schema's own message says the same without naming the offending character)
    return [problem(span, `\`${key}\` is not a valid id: ${detail}`)];
  }
  const value = path.length ? at.value(path) : undefined;
  if (value && issue.code === 'invalid_type' && issue.expected === 'object' && path.length >= 2) {
    const { kind, label } = kindOf(path);
    const id = String(path[path.length - 1]);
    if (kind !== 'unit' && kind !== 'rice') return [problem(value.span, `${label.replace(/ (\S+)$/, ` \`$1\``)} must be a map of its fields (\`${id}: { title: …${kind === 'objective' ? ', key_results: …' : kind === 'kr' ? ', target: …' : ', supports: …'} }\`), not a single value or a list`)];
  }
  if (value) return [problem(value.span, qualifiedReference(path, value, qualified(path, issue.message)))];
  // The value is missing: a required key (only `unit`).
  const parentKey = path.length > 1 ? at.keySpan(path.slice(0, -2), String(path[path.length - 2])) : undefined;
  const missing = String(path[path.length - 1] ?? '');
  const message = missing === 'unit' ? 'Missing `unit:` — every cascade file names its unit, e.g. `unit: payments`' : `Missing \`${missing}\`: ${issue.message}`;
  return [problem(parentKey ?? at.fileStart(), message)];
}

/** What is wrong with an id, in plain words: ASCII only. */
function idRule(key: string): string {
  // eslint-disable-next-line no-control-regex
  const other = /[^\x00-\x7f]/.test(key) ? ` (\`${[...key].find((c) => c.charCodeAt(0) > 0x7f)}\` is not ASCII)` : '';
  return `an id must start with an ASCII letter or digit and use only ASCII letters (a–z, A–Z), digits, '_', '.' and '-'${other}`;
}

/** A reference written as `true`, `false` or `null` is not text: say to quote it, and only then. */
function qualifiedReference(path: Path, value: YValue, message: string): string {
  const field = path.find((p) => p === 'supports' || p === 'depends_on');
  if (!field || value.kind !== 'scalar' || typeof value.value !== 'boolean') return message;
  return `${message}; \`${value.text}\` reads as a yes/no value, so if it is an id, write it in quotes: "${value.text}"`;
}
