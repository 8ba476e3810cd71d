/**
 * Small readers that never throw and keep source spans: over the resolved
 * tree (yaml-tree.ts: aliases and merge keys applied) for the model, and over
 * raw `yaml` nodes for the edits that work on the document itself.
 */
import { isMap, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Located, Ref, Span } from './model';
import type { YScalar, YValue } from './yaml-tree';

export type AnyNode = Node | null | undefined;
type V = YValue | null | undefined;

/** `[start, valueEnd)`: the squiggle range of a raw node. */
export function spanOf(node: AnyNode): Span | undefined {
  return node?.range ? [node.range[0], node.range[1]] : undefined;
}

/** The pairs of a raw map whose keys are scalars, with the key as written (`1.10`, `007`). */
export function entries(node: unknown): { key: string; keySpan: Span; pair: Pair<Node, Node | null>; value: AnyNode }[] {
  if (!isMap(node)) return [];
  const out = [];
  for (const pair of (node as YAMLMap<Node, Node | null>).items) {
    const k = pair.key;
    if (!isScalar(k) || !k.range || k.value === null || k.value === undefined) continue;
    out.push({ key: typeof k.source === 'string' ? k.source : String(k.value), keySpan: [k.range[0], k.range[1]] as Span, pair, value: pair.value });
  }
  return out;
}

const scalar = (v: V): YScalar | undefined => (v?.kind === 'scalar' && v.value !== null && v.value !== undefined ? v : undefined);

/** A scalar as text: a string as it reads, anything else (a number, a boolean) as written. */
export function textOf(v: V): Located<string> | undefined {
  const s = scalar(v);
  if (!s || typeof s.value === 'object') return undefined;
  return { value: typeof s.value === 'string' ? s.value : s.text, span: s.span };
}

export function numberOf(v: V): Located<number> | undefined {
  const s = scalar(v);
  return s && typeof s.value === 'number' && Number.isFinite(s.value) ? { value: s.value, span: s.span } : undefined;
}

export function boolOf(v: V): Located<boolean> | undefined {
  const s = scalar(v);
  return s && typeof s.value === 'boolean' ? { value: s.value, span: s.span } : undefined;
}

export function oneOf<T extends string>(v: V, allowed: readonly T[]): Located<T> | undefined {
  const s = scalar(v);
  return s && typeof s.value === 'string' && (allowed as readonly string[]).includes(s.value) ? { value: s.value as T, span: s.span } : undefined;
}

export function parseRef(raw: string, span: Span): Ref {
  const slash = raw.indexOf('/');
  return slash < 0 ? { raw, id: raw, span } : { raw, unit: raw.slice(0, slash), id: raw.slice(slash + 1), span };
}

/**
 * One reference or a list of them. Ids are text: a number-looking reference
 * is read as written (`supports: 1.10` names `1.10`); booleans, empty values
 * and maps are skipped (the schema reports them). A reference read through an
 * alias keeps the alias as its span and the anchored text as its `source`.
 */
export function refsOf(v: V): Ref[] {
  const one = (n: V): Ref | undefined => {
    const s = scalar(n);
    if (!s || (typeof s.value !== 'string' && typeof s.value !== 'number')) return undefined;
    const raw = (typeof s.value === 'string' ? s.value : s.text).trim();
    if (raw === '') return undefined;
    const ref = parseRef(raw, s.span);
    if (s.via && s.node?.range) ref.source = [s.node.range[0], s.node.range[1]];
    return ref;
  };
  if (v?.kind === 'seq') {
    const out: Ref[] = [];
    for (const n of v.items) {
      const r = one(n);
      if (r) out.push(r);
    }
    return out;
  }
  const r = one(v);
  return r ? [r] : [];
}

/** From a pair's key to the end of its value. */
export function pairSpan(keySpan: Span, value: V): Span {
  return [keySpan[0], value ? Math.max(keySpan[1], value.span[1]) : keySpan[1]];
}

/** The text elements of a list (a single text counts as a list of one); others are skipped (schema reports them). */
export function listOf(v: V): Located<string>[] {
  const items = v?.kind === 'seq' ? v.items : [v];
  const out: Located<string>[] = [];
  for (const n of items) {
    const s = scalar(n);
    if (s && typeof s.value === 'string') out.push({ value: s.value, span: s.span });
  }
  return out;
}
