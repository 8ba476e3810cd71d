/**
 * The minimal edit that sets a roadmap item's `horizon` (a card dragged to
 * another column of the preview). Pure: the parsed file in, text edits out.
 *
 * Read from the parsed nodes, written through the same helpers as the quick
 * fixes (fixes/edit.ts):
 *   - a `horizon` value is replaced on its exact span: its quotes are kept,
 *     and so is anything after it (a comment, the `}` of a flow map);
 *   - `horizon:` written without a value gets one right after its colon;
 *   - without `horizon` (or with one merged in by `<<`), `horizon: X` is
 *     added to the item's map: a line at the children's indentation after
 *     title / supports / hypothesis, or `, horizon: X` in a flow map.
 * Over anchors (edits/anchors.ts) only the dragged item moves: `horizon: *h`
 * becomes a plain value, `horizon: &h next` hands its anchor to the first
 * alias that repeats it, an item written `d: *c` becomes
 * `d: { <<: *c, horizon: X }`; anything else that would move another item too
 * is refused with a message. Setting the horizon the item already has is no
 * edit at all (`[]`).
 */
import { isAlias, isScalar, Scalar } from 'yaml';
import { documentOf } from '../document';
import { childPair, fillValue, insertEntries, pairAtIn } from '../fixes/edit';
import type { UnitFile } from '../model';
import { HORIZONS, QUARTER } from '../schema';
import type { TextEdit } from '../text-edit';
import { parseRef } from '../yaml-nodes';
import { describeKey, othersChanged, replaceValue } from './anchors';

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
  const doc = documentOf(file);
  const found = item && pairAtIn(doc, item.keySpan[0]);
  if (!item || !found) return { error: `there is no roadmap item \`${itemId}\` in this file` };
  if (item.horizon?.value === horizon) return [];
  const edits = horizonEdits(file, doc, found.pair, itemId, horizon);
  if (!Array.isArray(edits)) return edits;
  const other = othersChanged(file, edits, `item:${itemId}`);
  if (other) return { error: `moving \`${itemId}\` would also move ${describeKey(other)}, which repeats its entry through an anchor (\`&\`); edit the file by hand` };
  return edits;
}

function horizonEdits(file: UnitFile, doc: ReturnType<typeof documentOf>, pair: NonNullable<ReturnType<typeof pairAtIn>>['pair'], itemId: string, horizon: string): SetHorizonResult {
  const value = pair.value;
  if (isAlias(value) && value.range) {
    // The whole item repeats another one: it gets its own map that merges it, so only it moves.
    return [{ span: [value.range[0], value.range[1]], newText: `{ <<: *${value.source}, horizon: ${horizon} }` }];
  }
  const existing = childPair(pair, 'horizon');
  if (!existing) {
    const insert = insertEntries(file, pair, [['horizon', horizon]], AFTER);
    return insert ? [insert] : { error: `\`${itemId}\` is not a map, so it has no horizon to set` };
  }
  const v = existing.value;
  if (v && !isScalar(v) && !isAlias(v)) return { error: `the \`horizon\` of \`${itemId}\` is not a single value; edit it by hand` };
  if (!v?.range || (isScalar(v) && (v.value === null || (typeof v.value === 'string' && v.value.trim() === '')))) {
    const fill = fillValue(file, existing, horizon);
    return fill ? [fill] : { error: `the \`horizon\` of \`${itemId}\` cannot be edited here` };
  }
  const quote = isScalar(v) && v.type === Scalar.QUOTE_DOUBLE ? '"' : isScalar(v) && v.type === Scalar.QUOTE_SINGLE ? "'" : '';
  const edits = replaceValue(file.text, doc, v, `${quote}${horizon}${quote}`);
  return edits ?? { error: `the \`horizon\` of \`${itemId}\` is repeated elsewhere through its anchor and cannot be moved alone; edit it by hand` };
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
