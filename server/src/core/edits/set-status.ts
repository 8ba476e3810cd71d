/**
 * The minimal edit that sets a roadmap item's `status` (`okr what-if --drop`
 * sets `dropped`). Pure: the parsed file in, text edits out.
 *
 *   - a `status` value is replaced on its exact span (quotes kept, a comment
 *     after it kept); an alias there (`status: *s`) is replaced by the value,
 *     so only this item changes;
 *   - a value that defines an anchor other entries use is refused: changing
 *     it would change them too;
 *   - `status:` written without a value gets one after its colon; without
 *     `status`, a `status: X` entry is added after title / supports /
 *     hypothesis / horizon / confidence (a line, or `, status: X` in a flow map).
 * Setting the status the item already has is no edit at all (`[]`).
 */
import { isAlias, isScalar, Scalar, visit, type Node } from 'yaml';
import { documentOf } from '../document';
import { childPair, fillValue, insertEntries, pairAt } from '../fixes/edit';
import type { UnitFile } from '../model';
import { STATUSES } from '../schema';
import type { TextEdit } from '../text-edit';

export type SetStatusResult = TextEdit[] | { error: string };

const AFTER = ['confidence', 'horizon', 'hypothesis', 'supports', 'title'];

export function setStatusEdits(file: UnitFile, itemId: string, status: string): SetStatusResult {
  if (!(STATUSES as readonly string[]).includes(status)) return { error: `"${status}" is not a status (${STATUSES.join(', ')})` };
  if (file.syntaxErrors) return { error: 'the file has YAML syntax errors; fix them first' };
  const item = file.items.find((i) => i.id === itemId);
  const found = item && pairAt(file, item.keySpan[0]);
  if (!found) return { error: `there is no roadmap item \`${itemId}\` in this file` };
  if (isAlias(found.pair.value)) return { error: `\`${itemId}\` is written as an alias of another entry; edit it by hand` };
  const existing = childPair(found.pair, 'status');
  if (!existing) {
    const insert = insertEntries(file, found.pair, [['status', status]], AFTER);
    return insert ? [insert] : { error: `\`${itemId}\` is not a map, so it has no status to set` };
  }
  const v = existing.value;
  if (isAlias(v)) return [{ span: [v.range![0], v.range![1]], newText: status }];
  if (v && !isScalar(v)) return { error: `the \`status\` of \`${itemId}\` is not a single value; edit it by hand` };
  if (!v?.range || v.value === null || (typeof v.value === 'string' && v.value.trim() === '')) {
    const fill = fillValue(file, existing, status);
    return fill ? [fill] : { error: `the \`status\` of \`${itemId}\` cannot be edited here` };
  }
  if (v.value === status) return [];
  if (v.anchor && aliased(file, v.anchor)) return { error: `the \`status\` of \`${itemId}\` defines the anchor &${v.anchor} that other entries use; edit it by hand` };
  const quote = v.type === Scalar.QUOTE_DOUBLE ? '"' : v.type === Scalar.QUOTE_SINGLE ? "'" : '';
  let end = v.range[1];
  while (end > v.range[0] && /\s/.test(file.text[end - 1])) end--;
  return [{ span: [v.range[0], end], newText: `${quote}${status}${quote}` }];
}

function aliased(file: UnitFile, anchor: string): boolean {
  let used = false;
  visit(documentOf(file), {
    Alias(_k, n: Node) {
      if ((n as unknown as { source: string }).source === anchor) {
        used = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return used;
}
