/**
 * The minimal edit behind **OKR: Mark Reviewed**: the unit's `reviewed:` set
 * to a date. Pure: the parsed file in, text edits out.
 *
 *   - a `reviewed` value is replaced on its exact span (its quotes, and any
 *     comment after it, are kept);
 *   - `reviewed:` written without a value gets one right after its colon;
 *   - without `reviewed`, a `reviewed: DATE` line is added after `period:`
 *     (else after parent / level / name / unit), at the indentation of the
 *     file's top-level keys; in a flow map, `, reviewed: DATE` at its end.
 * The date it already has is no edit at all (`[]`).
 */
import { isMap, isScalar, Scalar, type Node } from 'yaml';
import { documentOf } from '../document';
import { fillValue, type YPair } from '../fixes/edit';
import type { UnitFile } from '../model';
import { isValidDate } from '../schema';
import { columnOf, eolOf, lineStartOf, nextLineStart, type TextEdit } from '../text-edit';

export type SetReviewedResult = TextEdit[] | { error: string };

/** The new entry goes after the first of these the file has. */
const AFTER = ['period', 'parent', 'level', 'name', 'unit'];

export function setReviewedEdits(file: UnitFile, date: string): SetReviewedResult {
  if (!isValidDate(date)) return { error: `"${date}" is not a date written YYYY-MM-DD` };
  if (file.syntaxErrors) return { error: 'the file has YAML syntax errors; fix them first' };
  const root = documentOf(file).contents;
  if (!isMap(root)) return { error: 'the file is not a unit (a map with `unit:`), so it has no review date' };
  const pairs = root.items as YPair[];
  const keyOf = (p: YPair) => (isScalar(p.key) ? String(p.key.value) : undefined);
  const existing = pairs.find((p) => keyOf(p) === 'reviewed');
  if (existing) {
    const v = existing.value;
    if (v && !isScalar(v)) return { error: '`reviewed` is not a single value; edit it by hand' };
    if (!v?.range || v.value === null || (typeof v.value === 'string' && v.value.trim() === '')) {
      const fill = fillValue(file, existing, date);
      return fill ? [fill] : { error: '`reviewed` cannot be edited here' };
    }
    if (String(v.value) === date) return [];
    const quote = v.type === Scalar.QUOTE_DOUBLE ? '"' : v.type === Scalar.QUOTE_SINGLE ? "'" : '';
    let end = v.range[1];
    while (end > v.range[0] && /\s/.test(file.text[end - 1])) end--;
    return [{ span: [v.range[0], end], newText: `${quote}${date}${quote}` }];
  }
  const text = file.text;
  if (root.flow) {
    const last = pairs[pairs.length - 1];
    if (!last) return [{ span: [root.range![0] + 1, root.range![0] + 1], newText: ` reviewed: ${date} ` }];
    const end = last.value?.range?.[1] ?? (last.key as Node).range![1];
    return [{ span: [end, end], newText: `, reviewed: ${date}` }];
  }
  const first = pairs[0]?.key as Node | undefined;
  if (!first?.range) return { error: 'the file has no keys to put `reviewed:` beside' };
  const eol = eolOf(text);
  const line = `${' '.repeat(columnOf(text, first.range[0]))}reviewed: ${date}`;
  const anchorKey = AFTER.find((k) => pairs.some((p) => keyOf(p) === k));
  if (!anchorKey) {
    const at = lineStartOf(text, first.range[0]);
    return [{ span: [at, at], newText: line + eol }];
  }
  const anchor = pairs.find((p) => keyOf(p) === anchorKey)!;
  const end = anchor.value?.range?.[1] ?? (anchor.key as Node).range![1];
  const at = text[end - 1] === '\n' ? end : nextLineStart(text, end);
  if (at === text.length && !text.endsWith('\n')) return [{ span: [at, at], newText: eol + line }];
  return [{ span: [at, at], newText: line + eol }];
}
