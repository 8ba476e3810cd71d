/** Small readers over the `yaml` AST that never throw and keep source spans. */
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Located, Ref, Span } from './model';

export type AnyNode = Node | null | undefined;

/** `[start, valueEnd)`: the squiggle range of a node. */
export function spanOf(node: AnyNode): Span | undefined {
  return node?.range ? [node.range[0], node.range[1]] : undefined;
}

/** The pairs of a map whose keys are scalars, with the key text. */
export function entries(node: unknown): { key: string; keySpan: Span; pair: Pair<Node, Node | null>; value: AnyNode }[] {
  if (!isMap(node)) return [];
  const out = [];
  for (const pair of (node as YAMLMap<Node, Node | null>).items) {
    const k = pair.key;
    if (!isScalar(k) || !k.range || k.value === null || k.value === undefined) continue;
    out.push({ key: String(k.value), keySpan: [k.range[0], k.range[1]] as Span, pair, value: pair.value });
  }
  return out;
}

export function scalarText(node: AnyNode): Located<string> | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined || !node.range) return undefined;
  if (typeof node.value === 'object') return undefined;
  return { value: String(node.value), span: [node.range[0], node.range[1]] };
}

export function scalarNumber(node: AnyNode): Located<number> | undefined {
  if (!isScalar(node) || typeof node.value !== 'number' || !node.range || !Number.isFinite(node.value)) return undefined;
  return { value: node.value, span: [node.range[0], node.range[1]] };
}

export function scalarOneOf<T extends string>(node: AnyNode, allowed: readonly T[]): Located<T> | undefined {
  const t = scalarText(node);
  return t && (allowed as readonly string[]).includes(t.value) ? (t as Located<T>) : undefined;
}

export function parseRef(raw: string, span: Span): Ref {
  const slash = raw.indexOf('/');
  return slash < 0 ? { raw, id: raw, span } : { raw, unit: raw.slice(0, slash), id: raw.slice(slash + 1), span };
}

/** One reference or a list of them; non-text elements are skipped (schema reports them). */
export function refs(node: AnyNode): Ref[] {
  const one = (n: AnyNode): Ref | undefined => {
    const t = isScalar(n) && typeof n.value === 'string' ? scalarText(n) : undefined;
    if (!t || t.value.trim() === '') return undefined;
    return parseRef(t.value.trim(), t.span);
  };
  if (isSeq(node)) return node.items.map((n) => one(n as AnyNode)).filter((r): r is Ref => !!r);
  const r = one(node);
  return r ? [r] : [];
}

/** From a pair's key to the end of its value. */
export function pairSpan(keySpan: Span, value: AnyNode): Span {
  return [keySpan[0], value?.range ? Math.max(keySpan[1], value.range[1]) : keySpan[1]];
}

export function scalarBool(node: AnyNode): Located<boolean> | undefined {
  if (!isScalar(node) || typeof node.value !== 'boolean' || !node.range) return undefined;
  return { value: node.value, span: [node.range[0], node.range[1]] };
}

/** The text elements of a list (a single text counts as a list of one); others are skipped (schema reports them). */
export function scalarList(node: AnyNode): Located<string>[] {
  const items = isSeq(node) ? (node.items as AnyNode[]) : [node];
  return items.map((n) => (isScalar(n) && typeof n.value === 'string' ? scalarText(n) : undefined)).filter((t): t is Located<string> => !!t);
}
