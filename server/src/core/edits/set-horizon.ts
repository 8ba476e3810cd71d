/**
 * The minimal edit that sets a roadmap item's `horizon` (a card dragged to
 * another column of the preview). Pure: the parsed file in, text edits out.
 *
 * Read from the parsed nodes, written through the same helpers as the quick
 * fixes (fixes/edit.ts):
 *   - a `horizon` value is replaced on its exact span: its quotes are kept,
 *     and so is anything after it (a comment, the `}` of a flow map);
 *   - `horizon:` written without a value gets one right after its colon;
 *   - without `horizon`, `horizon: X` is added to the item's map: a line at
 *     the children's indentation after title / supports / hypothesis, or
 *     `, horizon: X` in a flow map (on one line or several).
 * Setting the horizon the item already has is no edit at all (`[]`).
 */
import { isScalar, Scalar } from 'yaml';
import { childPair, fillValue, insertEntries, pairAt } from '../fixes/edit';
import type { UnitFile } from '../model';
import { HORIZONS, QUARTER } from '../schema';
import type { TextEdit } from '../text-edit';
import { parseRef } from '../yaml-nodes';

export type SetHorizonResult = TextEdit[] | { error: string };

/** A column of the roadmap a card may be dropped on: `now`, `next`, `later` or a quarter `YYYY-Qn`. */
export function isHorizon(value: string): boolean {
  return (HORIZONS as readonly string[]).includes(value) || QUARTER.test(value);
}

/** The new `horizon` entry goes after the last of these the item has. */
const AFTER = ['hypothesis', 'supports', 'title'];

export function setHorizonEdits(file: UnitFile, itemId: string, horizon: string): SetHorizonResult {
  if (!isHorizon(horizon)) return { error: `"${horizon}" is not a horizon (now, next, later or a quarter like 2026-Q3)` };
  if (file.syntaxErrors) return { error: 'the file has YAML syntax errors; fix them first' };
  const item = file.items.find((i) => i.id === itemId);
  const found = item && pairAt(file, item.keySpan[0]);
  if (!found) return { error: `there is no roadmap item \`${itemId}\` in this file` };
  const existing = childPair(found.pair, 'horizon');
  if (existing) {
    const v = existing.value;
    if (v && !isScalar(v)) return { error: `the \`horizon\` of \`${itemId}\` is not a single value; edit it by hand` };
    if (!v?.range || v.value === null || (typeof v.value === 'string' && v.value.trim() === '')) {
      const fill = fillValue(file, existing, horizon);
      return fill ? [fill] : { error: `the \`horizon\` of \`${itemId}\` cannot be edited here` };
    }
    if (v.value === horizon) return [];
    const quote = v.type === Scalar.QUOTE_DOUBLE ? '"' : v.type === Scalar.QUOTE_SINGLE ? "'" : '';
    // A block scalar's span ends with its line break: keep it.
    let end = v.range[1];
    while (end > v.range[0] && /\s/.test(file.text[end - 1])) end--;
    return [{ span: [v.range[0], end], newText: `${quote}${horizon}${quote}` }];
  }
  const insert = insertEntries(file, found.pair, [['horizon', horizon]], AFTER);
  return insert ? [insert] : { error: `\`${itemId}\` is not a map, so it has no horizon to set` };
}

/**
 * The same, for an item named `unit/ID` (the refs of the roadmap model) or
 * `ID`: the unit must be the file's.
 */
export function setHorizonOfRef(file: UnitFile, ref: string, horizon: string): SetHorizonResult {
  const r = parseRef(ref, [0, 0]);
  if (r.unit !== undefined && r.unit !== (file.unitId?.value ?? '')) return { error: `\`${ref}\` is not declared in this file` };
  return setHorizonEdits(file, r.id, horizon);
}
