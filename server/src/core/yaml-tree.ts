/**
 * The document as YAML 1.2 means it, read once: aliases resolved, merge keys
 * (`<<: *defaults`, `<<: [*a, *b]`) applied with explicit keys winning, tags
 * such as `!!float 20` honoured, keys read as written (`1.10:` and `007:` are
 * text). The model (parse.ts) and the schema check (schema-problems.ts) both
 * read this tree, so they always agree.
 *
 * Where things are located (docs/format.md, "YAML as YAML"): a value written
 * in place keeps its own span; a value reached through an alias (directly,
 * inside an aliased map or list, or through a merge key) is located at that
 * alias, the text this entity's author wrote; the anchor's own text keeps its
 * spans for the entity that holds it. `node` always points at the text that
 * defines the value, which is where an edit would go.
 *
 * Bounded: an alias that would expand the document past a budget (the larger
 * of 10,000 values and one per character of the file), nest it deeper than
 * `maxDepth`, or name itself is reported once and read as empty.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, type Alias, type Document, type Node, type Pair } from 'yaml';
import type { Span } from './model';

interface YBase {
  /** Where findings about this value land: its own text, or the alias that brought it here. */
  span: Span;
  /** The node that defines the value (for an aliased value, inside the anchored node); absent from the fast reader's tree (yaml-fast.ts), which has no aliases. */
  node?: Node;
  /** The alias this value was reached through (the outermost one), if any. */
  via?: Alias;
}

export interface YScalar extends YBase {
  kind: 'scalar';
  /** The value per YAML 1.2 (core schema and explicit tags): string, number, boolean or null. */
  value: unknown;
  /** The text as written: a plain scalar's source (`1.10`, `007`), a quoted or block scalar's content. */
  text: string;
}

export interface YEntry {
  key: string;
  keySpan: Span;
  value: YValue | null;
  /** The pair that defines it (in the anchored map, for an entry reached through an alias or a merge key); absent from the fast reader's tree. */
  pair?: Pair;
  /** Brought in by a merge key; an explicit entry of the same key always wins, so none is listed then. */
  merged?: true;
}

export interface YMap extends YBase {
  kind: 'map';
  /**
   * Explicit entries in order (a key given twice is listed twice: the later
   * one wins), and merged entries at the place of their `<<`, each key only
   * when no explicit entry and no earlier merge source has it.
   */
  entries: YEntry[];
}

export interface YSeq extends YBase {
  kind: 'seq';
  items: (YValue | null)[];
}

export type YValue = YScalar | YMap | YSeq;

export interface TreeProblem {
  /** `yaml-syntax` for aliases that cannot be read, `schema` for keys the format cannot use. */
  code: 'yaml-syntax' | 'schema';
  span: Span;
  message: string;
}

export interface Tree {
  root: YValue | null;
  problems: TreeProblem[];
}

const TAG = 'tag:yaml.org,2002:';
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT = /^[-+]?[0-9]+$/;

/** A scalar's value as YAML 1.2 reads it, explicit tags included (`!!float 20` is the number 20). */
export function scalarValue(n: Scalar): unknown {
  const v = n.value;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v !== 'string' || !n.tag?.startsWith(TAG)) return v;
  const s = v.trim();
  switch (n.tag.slice(TAG.length)) {
    case 'float':
      if (FLOAT.test(s) || INT.test(s)) return Number(s);
      if (/^[-+]?\.(inf|Inf|INF)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
      if (/^\.(nan|NaN|NAN)$/.test(s)) return NaN;
      return v;
    case 'int':
      if (INT.test(s)) return Number(s);
      if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
      if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
      return v;
    case 'bool':
      return s === 'true' ? true : s === 'false' ? false : v;
    case 'null':
      return s === '' || s === '~' || s === 'null' ? null : v;
    default:
      return v;
  }
}

/** The text of a scalar as written: `1.10` stays `1.10`, `007` stays `007`. */
export function scalarSource(n: Scalar): string {
  return typeof n.source === 'string' ? n.source : String(n.value ?? '');
}

const spanOfNode = (n: Node): Span => (n.range ? [n.range[0], n.range[1]] : [0, 0]);

/**
 * For each alias, the node it names: the last node with that anchor before it
 * in document order (YAML's rule), found in one iterative pass.
 */
export function anchorTargets(doc: Document.Parsed, maxDepth: number): Map<Alias, Node> {
  const out = new Map<Alias, Node>();
  const anchors = new Map<string, Node>();
  const stack: [unknown, number][] = [[doc.contents, 0]];
  while (stack.length) {
    const [n, depth] = stack.pop()!;
    if (!n || typeof n !== 'object' || depth > maxDepth) continue;
    if (isAlias(n)) {
      const target = anchors.get(n.source);
      if (target) out.set(n, target);
      continue;
    }
    const anchor = (n as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, n as Node);
    if (isMap(n) || isSeq(n)) {
      const children: unknown[] = [];
      for (const it of n.items as unknown[]) {
        if (isPair(it)) children.push(it.key, it.value);
        else children.push(it);
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], depth + 1]);
    }
  }
  return out;
}

class Reader {
  private readonly targets: Map<Alias, Node>;
  private budget: number;
  private readonly expanding = new Set<Node>();
  private readonly said = new Set<string>();
  readonly problems: TreeProblem[] = [];

  constructor(doc: Document.Parsed, textLength: number, private readonly maxDepth: number) {
    this.targets = anchorTargets(doc, maxDepth);
    this.budget = Math.max(10_000, textLength);
  }

  private problem(span: Span, message: string, once?: string, code: TreeProblem['code'] = 'yaml-syntax'): void {
    if (once) {
      if (this.said.has(once)) return;
      this.said.add(once);
    }
    this.problems.push({ code, span, message });
  }

  /** `at`: the span of the alias this node is read through (then every span inside is that one). */
  read(node: unknown, depth: number, at?: { span: Span; alias: Alias }): YValue | null {
    if (!node || typeof node !== 'object') return null;
    if (depth > this.maxDepth) {
      this.problem(at?.span ?? spanOfNode(node as Node), `Through its aliases, this file nests values more than ${this.maxDepth} levels deep; it is read only that far`, 'depth');
      return null;
    }
    if (isAlias(node)) return this.alias(node, depth, at);
    if (at && --this.budget < 0) {
      this.problem(at.span, 'The aliases of this file expand to more values than the file could hold (an alias of an alias of …): it is read only in part; write the values out, or use fewer nested aliases', 'budget');
      return null;
    }
    const span = at?.span ?? spanOfNode(node as Node);
    const base = { span, node: node as Node, ...(at ? { via: at.alias } : {}) };
    if (isScalar(node)) return { kind: 'scalar', ...base, value: scalarValue(node), text: scalarSource(node) };
    if (isSeq(node)) return { kind: 'seq', ...base, items: (node.items as unknown[]).map((n) => this.read(n, depth + 1, at)) };
    if (isMap(node)) return { kind: 'map', ...base, entries: this.entries(node.items as Pair[], depth, at) };
    return null;
  }

  private alias(a: Alias, depth: number, at?: { span: Span; alias: Alias }): YValue | null {
    const span = at?.span ?? spanOfNode(a);
    const target = this.targets.get(a);
    if (!target) {
      this.problem(span, `\`*${a.source}\` names no anchor: an alias repeats a value marked \`&${a.source}\` earlier in the file; add the anchor there, or write the value out`);
      return null;
    }
    if (this.expanding.has(target)) {
      this.problem(span, `\`*${a.source}\` is used inside the value it repeats (\`&${a.source}\`), which would never end: write the value out`);
      return null;
    }
    this.expanding.add(target);
    try {
      return this.read(target, depth, at ?? { span, alias: a });
    } finally {
      this.expanding.delete(target);
    }
  }

  private entries(pairs: Pair[], depth: number, at?: { span: Span; alias: Alias }): YEntry[] {
    const explicit: YEntry[] = [];
    const merges: { index: number; entries: YEntry[] }[] = [];
    for (const pair of pairs) {
      const k = pair.key as Node | null;
      if (isScalar(k) && k.type === Scalar.PLAIN && k.value === '<<' && k.source === '<<') {
        merges.push({ index: explicit.length, entries: this.merge(pair.value as Node | null, depth, at) });
        continue;
      }
      const key = this.key(k, depth, at);
      if (key === undefined) continue;
      explicit.push({ key: key.text, keySpan: key.span, value: this.read(pair.value, depth + 1, at), pair });
    }
    if (!merges.length) return explicit;
    const taken = new Set(explicit.map((e) => e.key));
    const out: YEntry[] = [];
    let next = 0;
    for (const m of merges) {
      while (next < m.index) out.push(explicit[next++]);
      for (const e of m.entries) {
        if (taken.has(e.key)) continue;
        taken.add(e.key);
        out.push({ ...e, merged: true });
      }
    }
    while (next < explicit.length) out.push(explicit[next++]);
    return out;
  }

  /** A key as text, or undefined (reported) when it is a list or map, or an alias of one. */
  private key(k: Node | null, depth: number, at?: { span: Span; alias: Alias }): { text: string; span: Span } | undefined {
    if (!k) return undefined;
    const span = at?.span ?? spanOfNode(k);
    if (isScalar(k)) return k.value === null && !k.source ? undefined : { text: scalarSource(k), span };
    if (isAlias(k)) {
      const v = this.read(k, depth + 1, at);
      if (v?.kind === 'scalar') return { text: v.text, span };
      if (!v) return undefined;
    }
    this.problem(span, 'A key must be a name or text, but this one is a list or a map (a complex key, written after `? `): write the key as plain text', undefined, 'schema');
    return undefined;
  }

  /** The entries a `<<` brings in: from one map or a list of maps, the earlier source winning. */
  private merge(value: Node | null, depth: number, at?: { span: Span; alias: Alias }): YEntry[] {
    const sources = isSeq(value) ? (value.items as Node[]) : [value];
    const out: YEntry[] = [];
    const seen = new Set<string>();
    for (const src of sources) {
      const v = this.read(src, depth + 1, at);
      if (!v) continue;
      if (v.kind !== 'map') {
        this.problem(v.span, '`<<` merges maps into this one: give it `*name` naming an anchored map, or a list of such aliases', undefined, 'schema');
        continue;
      }
      for (const e of v.entries) {
        if (seen.has(e.key)) continue;
        seen.add(e.key);
        out.push(e);
      }
    }
    return out;
  }
}

/** Reads a parsed document as the tree above; `maxDepth` bounds every walk. */
export function readTree(doc: Document.Parsed, textLength: number, maxDepth: number): Tree {
  const r = new Reader(doc, textLength, maxDepth);
  const root = r.read(doc.contents, 0);
  return { root, problems: r.problems };
}

/** The entries of a map value (none for anything else). */
export function entriesOf(v: YValue | null | undefined): YEntry[] {
  return v?.kind === 'map' ? v.entries : [];
}

/** The value of `key` in a map: the last explicit entry, else the merged one. */
export function entryOf(v: YValue | null | undefined, key: string): YEntry | undefined {
  const list = entriesOf(v);
  for (let i = list.length - 1; i >= 0; i--) if (list[i].key === key) return list[i];
  return undefined;
}
