/**
 * Minimal edits inside a YAML map, read from the parsed nodes and written as
 * text at the exact place: a new `key: value` line at the map's indentation
 * (or `, key: value` in a flow map), or a value for a key written empty.
 * Comments, quoting and indentation around the edit are left untouched.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { documentOf } from '../document';
import { othersChanged } from '../edits/anchors';
import type { UnitFile } from '../model';
import { columnOf, eolOf, lineStartOf, nextLineStart, yamlScalar, type TextEdit } from '../text-edit';
import { entries } from '../yaml-nodes';

export type YPair = Pair<Node, Node | null>;
export type Value = string | number;

/** The pair whose key starts at `keyStart`, with the map holding it. */
export function pairAt(file: UnitFile, keyStart: number): { pair: YPair; map: YAMLMap } | undefined {
  return pairAtIn(documentOf(file), keyStart);
}

/** The same, in a document already parsed. */
export function pairAtIn(doc: Document.Parsed, keyStart: number): { pair: YPair; map: YAMLMap } | undefined {
  const visit = (node: unknown, depth: number): { pair: YPair; map: YAMLMap } | undefined => {
    if (depth > 24) return undefined;
    if (isMap(node)) {
      for (const pair of node.items as YPair[]) {
        if ((pair.key as Node | null)?.range?.[0] === keyStart) return { pair, map: node };
        const found = visit(pair.value, depth + 1);
        if (found) return found;
      }
    } else if (isSeq(node)) {
      for (const it of node.items) {
        const found = visit(it, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  };
  return visit(doc.contents, 0);
}

/** A child pair of a pair whose value is a map. */
export function childPair(pair: YPair, key: string): YPair | undefined {
  return entries(pair.value).find((e) => e.key === key)?.pair;
}

const render = (v: Value, flow: boolean) => (typeof v === 'number' ? String(v) : yamlScalar(v, flow));

/** The indentation step the file uses (2 when it cannot tell). */
function indentStep(text: string): number {
  let min = Infinity;
  for (const m of text.matchAll(/^( +)[^\s#-]/gm)) min = Math.min(min, m[1].length);
  return Number.isFinite(min) ? min : 2;
}

/**
 * Adds `key: value` entries to the map that is `pair`'s value, after the
 * first of `after` that is present (else first in the map).
 */
export function insertEntries(file: UnitFile, pair: YPair, add: [string, Value][], after: string[]): TextEdit | undefined {
  const text = file.text;
  const eol = eolOf(text);
  const value = pair.value;
  const keyStart = (pair.key as Node).range![0];
  if (!value || (isScalar(value) && value.value === null)) {
    const flow = `{ ${add.map(([k, v]) => `${k}: ${render(v, true)}`).join(', ')} }`;
    if (value?.range && value.range[1] > value.range[0]) return { span: [value.range[0], value.range[1]], newText: flow };
    // `item:` with nothing after it: the entries go on the lines below, one step deeper.
    const indent = ' '.repeat(columnOf(text, keyStart) + indentStep(text));
    const lineEnd = nextLineStart(text, keyStart);
    const at = text[lineEnd - 1] === '\n' ? lineEnd - (text[lineEnd - 2] === '\r' ? 2 : 1) : lineEnd;
    return { span: [at, at], newText: add.map(([k, v]) => `${eol}${indent}${k}: ${render(v, false)}`).join('') };
  }
  if (!isMap(value)) return undefined;
  const items = value.items as YPair[];
  if (value.flow) {
    const last = items[items.length - 1];
    const body = add.map(([k, v]) => `${k}: ${render(v, true)}`).join(', ');
    if (last) {
      const end = last.value?.range?.[1] ?? (last.key as Node).range![1];
      return { span: [end, end], newText: `, ${body}` };
    }
    const open = value.range![0] + 1;
    return { span: [open, open], newText: ` ${body} ` };
  }
  const first = items[0]?.key as Node | undefined;
  if (!first?.range) return undefined;
  const indent = ' '.repeat(columnOf(text, first.range[0]));
  const lines = add.map(([k, v]) => `${indent}${k}: ${render(v, false)}`);
  const anchorKey = after.find((k) => entries(value).some((e) => e.key === k));
  if (!anchorKey) {
    const at = lineStartOf(text, first.range[0]);
    return { span: [at, at], newText: lines.map((l) => l + eol).join('') };
  }
  const anchor = entries(value).find((e) => e.key === anchorKey)!.pair;
  const end = anchor.value?.range?.[1] ?? (anchor.key as Node).range![1];
  const at = text[end - 1] === '\n' ? end : nextLineStart(text, end);
  if (at === text.length && !text.endsWith('\n')) return { span: [at, at], newText: lines.map((l) => eol + l).join('') };
  return { span: [at, at], newText: lines.map((l) => l + eol).join('') };
}

/** Gives a value to a key written without one: `supports:`, `supports: []`, `hypothesis: "  "`, `target: ~`. */
export function fillValue(file: UnitFile, pair: YPair, v: Value): TextEdit | undefined {
  const value = pair.value;
  const keyEnd = (pair.key as Node).range![1];
  if (!value || !value.range || (isScalar(value) && value.value === null && value.range[0] === value.range[1])) {
    // Nothing written after the colon (a comment may follow): the value goes right after it.
    const colon = file.text.indexOf(':', keyEnd);
    return colon < 0 ? undefined : { span: [colon + 1, colon + 1], newText: ` ${render(v, false)}` };
  }
  const [s, e] = value.range;
  if (isSeq(value) && value.items.length === 0 && value.flow) return { span: [s + 1, s + 1], newText: render(v, true) };
  if (isScalar(value) && (value.value === null || (typeof value.value === 'string' && value.value.trim() === ''))) {
    return { span: [s, e], newText: render(v, false) };
  }
  return undefined;
}

/**
 * Adds `key: value` to an entity's map, or fills the key when it is written
 * empty. An entity written as an alias of another (`d: *c`) gets its own map
 * merging that one (`d: { <<: *c, key: value }`); in a file with anchors, an
 * edit that would change what another entity reads (one that merges or
 * repeats this entity's map) is not made.
 */
export function setEntry(file: UnitFile, entityKeyStart: number, key: string, v: Value, after: string[]): TextEdit | undefined {
  const found = pairAt(file, entityKeyStart);
  if (!found) return undefined;
  const entity = [...file.objectives, ...file.krs, ...file.items].find((e) => e.keySpan[0] === entityKeyStart);
  const owner = entity && `${entity.kind}:${entity.id}`;
  const value = found.pair.value;
  if (isAlias(value) && value.range) {
    return guarded(file, owner, { span: [value.range[0], value.range[1]], newText: `{ <<: *${value.source}, ${key}: ${render(v, true)} }` });
  }
  const existing = childPair(found.pair, key);
  return guarded(file, owner, existing ? fillValue(file, existing, v) : insertEntries(file, found.pair, [[key, v]], after));
}

/** `edit`, unless the file has anchors and the edit changes what an entity other than `owner` reads. */
export function guarded(file: UnitFile, owner: string | undefined, edit: TextEdit | undefined): TextEdit | undefined {
  if (!edit) return undefined;
  if (!/[&*]/.test(file.text)) return edit;
  return othersChanged(file, [edit], owner) ? undefined : edit;
}
