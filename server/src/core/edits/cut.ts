/**
 * The minimal edit that deletes an entity's entry (`okr what-if --cut`): an
 * objective (with its KRs), a KR or a roadmap item. Pure: the parsed file
 * in, text edits out.
 *
 *   - in a block map: the lines from the id key's line to the line the value
 *     ends on, a comment at the end of that line included; the lines around
 *     (comments above the entry, blank lines) stay;
 *   - in a flow map: the entry and one comma beside it;
 *   - an entry that holds an anchor other entries use (`&defaults` … `*defaults`)
 *     is refused: deleting it would break them.
 */
import { isAlias, visit, type Node } from 'yaml';
import { documentOf } from '../document';
import { pairAt, type YPair } from '../fixes/edit';
import type { Entity, UnitFile } from '../model';
import { lineStartOf, nextLineStart, type TextEdit } from '../text-edit';

export type CutResult = TextEdit[] | { error: string };

/** The entity with this id declared in the file (the first, if the id is repeated). */
export function entityIn(file: UnitFile, id: string): Entity | undefined {
  return [...file.objectives, ...file.krs, ...file.items].filter((e) => e.id === id).sort((a, b) => a.keySpan[0] - b.keySpan[0])[0];
}

export function cutEdits(file: UnitFile, id: string): CutResult {
  if (file.syntaxErrors) return { error: 'the file has YAML syntax errors; fix them first' };
  const e = entityIn(file, id);
  const found = e && pairAt(file, e.keySpan[0]);
  if (!e || !found) return { error: `there is no objective, key result or roadmap item \`${id}\` in this file` };
  const span = found.map.flow ? flowSpan(file.text, found.map.items as YPair[], found.pair) : blockSpan(file.text, found.pair);
  const anchor = usedAnchor(file, span);
  if (anchor) return { error: `\`${id}\` defines the anchor &${anchor} that other entries use; deleting it would break them, so edit the file by hand` };
  return [{ span, newText: '' }];
}

const keyStart = (p: YPair) => (p.key as Node).range![0];
const valueEnd = (p: YPair) => p.value?.range?.[1] ?? (p.key as Node).range![1];

/** Whole lines: from the key's line to the end of the line the value ends on (trailing blanks of a block scalar left out). */
function blockSpan(text: string, pair: YPair): [number, number] {
  const k = keyStart(pair);
  const lineStart = lineStartOf(text, k);
  const start = /^[ \t]*$/.test(text.slice(lineStart, k)) ? lineStart : k;
  let end = valueEnd(pair);
  while (end > k && /\s/.test(text[end - 1])) end--;
  return [start, nextLineStart(text, end)];
}

/** `a: 1, ` (or `, a: 1` for the last entry). */
function flowSpan(text: string, items: YPair[], pair: YPair): [number, number] {
  const i = items.indexOf(pair);
  const next = items[i + 1];
  if (next) return [keyStart(pair), keyStart(next)];
  const prev = items[i - 1];
  return [prev ? valueEnd(prev) : keyStart(pair), valueEnd(pair)];
}

/** An anchor defined inside `span` that an alias outside it refers to. */
function usedAnchor(file: UnitFile, span: [number, number]): string | undefined {
  if (!file.text.includes('&')) return undefined;
  const inside = new Set<string>();
  const aliasedOutside = new Set<string>();
  const within = (n: Node) => !!n.range && n.range[0] >= span[0] && n.range[0] < span[1];
  visit(documentOf(file), {
    Node(_k, n) {
      if (isAlias(n)) {
        if (!within(n)) aliasedOutside.add(n.source);
      } else if (n.anchor && within(n)) inside.add(n.anchor);
    },
  });
  return [...inside].find((a) => aliasedOutside.has(a));
}
