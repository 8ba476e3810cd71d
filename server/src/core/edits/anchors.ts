/**
 * Edits over anchors and aliases that change only what they were asked to.
 *
 *   - An alias (`horizon: *h`) is replaced by the plain value: only its
 *     entity changes.
 *   - An anchored value (`horizon: &h next`) that aliases after it repeat is
 *     replaced without its anchor, and the first of those aliases becomes
 *     `&h next`: the others still repeat `next`.
 *   - An entity written as an alias of another (`d: *c`) gets its own map
 *     that merges the other: `d: { <<: *c, horizon: now }`.
 *
 * `keepsOthers` then checks the result the way a reader would: every entity
 * and unit field except the one asked for must read back the same, or the
 * edit is refused.
 */
import { isAlias, isCollection, isScalar, type Alias, type Document, type Node } from 'yaml';
import type { UnitFile } from '../model';
import { parseUnitFile } from '../parse';
import { applyEdits, type TextEdit } from '../text-edit';
import { anchorTargets } from '../yaml-tree';

/** The aliases that repeat `node`, in document order. */
export function aliasesOf(doc: Document.Parsed, node: Node): Alias[] {
  const out: Alias[] = [];
  for (const [alias, target] of anchorTargets(doc, 64)) if (target === node) out.push(alias);
  return out.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
}

/** The span of `&name` written before a node (with anything between them, e.g. a tag), or undefined. */
function anchorSpan(text: string, node: Node): [number, number] | undefined {
  const anchor = (node as { anchor?: string }).anchor;
  if (!anchor || !node.range) return undefined;
  const at = text.lastIndexOf(`&${anchor}`, node.range[0]);
  if (at < 0 || /[\n\r]/.test(text.slice(at, node.range[0])) && !isCollection(node)) return undefined;
  return [at, at + anchor.length + 1];
}

const trimmedEnd = (text: string, node: Node) => {
  let end = node.range![1];
  while (end > node.range![0] && /\s/.test(text[end - 1])) end--;
  return end;
};

/**
 * Replaces the scalar or alias `node` (of the document of `text`) by
 * `newText`, keeping the meaning of every alias that repeats it. Undefined
 * when that cannot be done with a text edit (a collection others repeat).
 */
export function replaceValue(text: string, doc: Document.Parsed, node: Node, newText: string): TextEdit[] | undefined {
  if (!node.range) return undefined;
  const end = trimmedEnd(text, node);
  if (isAlias(node)) return [{ span: [node.range[0], end], newText }];
  const repeats = aliasesOf(doc, node);
  const anchor = anchorSpan(text, node);
  if (!repeats.length || !anchor) return [{ span: [node.range[0], end], newText }];
  if (!isScalar(node)) return undefined;
  const old = text.slice(node.range[0], end);
  if (/[\n\r]/.test(old)) return undefined; // a block scalar cannot move into an alias's place as is
  const first = repeats[0];
  return [
    { span: [anchor[0], end], newText },
    { span: [first.range![0], trimmedEnd(text, first)], newText: `${text.slice(anchor[0], anchor[1])} ${old}` },
  ];
}

/** What an entity reads, without where it is written. */
function reading(f: UnitFile): Map<string, string> {
  const strip = (k: string, v: unknown) => (k === 'span' || k === 'keySpan' || k === 'source' || k === 'supportsKey' || k === 'file' ? undefined : v);
  const out = new Map<string, string>();
  for (const e of [...f.objectives, ...f.krs, ...f.items]) {
    const key = `${e.kind}:${e.id}`;
    out.set(key, (out.get(key) ?? '') + JSON.stringify(e, strip));
  }
  const { unitId, name, level, parent, period, owner, capacity, reviewed } = f;
  out.set('unit', JSON.stringify({ unitId, name, level, parent, period, owner, capacity, reviewed }, strip));
  return out;
}

/**
 * Undefined when applying `edits` to `file` changes what any entity other
 * than `entity` (`kind:id`, or none for a unit-level change) reads; else the
 * entity that changed too, for the refusal message.
 */
export function othersChanged(file: UnitFile, edits: readonly TextEdit[], entity: string | undefined): string | undefined {
  const before = reading(file);
  const after = reading(parseUnitFile(file.file, applyEdits(file.text, edits)));
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    if (key === entity) continue;
    if (before.get(key) !== after.get(key)) return key;
  }
  return undefined;
}

/** `item:d` → `roadmap item \`d\``. */
export function describeKey(key: string): string {
  const [kind, ...rest] = key.split(':');
  const id = rest.join(':');
  return kind === 'unit' ? 'the unit' : `${kind === 'kr' ? 'key result' : kind === 'item' ? 'roadmap item' : 'objective'} \`${id}\``;
}
