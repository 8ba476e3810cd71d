/**
 * Minimal text edits on offsets: what quick fixes and rename produce. The text
 * stays the single source of truth; an edit replaces one exact span.
 */
import { parse } from 'yaml';
import type { Span } from './model';

export interface TextEdit {
  span: Span;
  newText: string;
}

/** Applies non-overlapping edits (any order) to `text`. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span[0] - a.span[0] || b.span[1] - a.span[1]);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.span[0]) + e.newText + out.slice(e.span[1]);
  return out;
}

/**
 * The span of exactly `raw` inside a scalar's span (which may include quotes
 * or surrounding blanks); the scalar's span when `raw` cannot be found there.
 */
export function rawSpan(text: string, span: Span, raw: string): Span {
  const i = text.slice(span[0], span[1]).indexOf(raw);
  return i < 0 ? span : [span[0] + i, span[0] + i + raw.length];
}

/** The line break the file uses. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Offset of the start of the line that holds `offset`. */
export function lineStartOf(text: string, offset: number): number {
  const i = text.lastIndexOf('\n', offset - 1);
  return i + 1;
}

/** Offset just after the line break ending the line that holds `offset`, or the text length. */
export function nextLineStart(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i + 1;
}

/** Column of `offset` on its line. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

const PLAIN_UNSAFE = /^[\s\-?:,[\]{}#&*!|>'"%@`]|: |\s#|[\s:]$|^$|^(true|false|null|~|yes|no|on|off)$/i;

/**
 * `value` as a YAML scalar: plain when that reads back the same string,
 * double-quoted otherwise. `flow`: the scalar sits inside `[ ]` or `{ }`.
 */
export function yamlScalar(value: string, flow = false): string {
  const plain = !PLAIN_UNSAFE.test(value) && !/[\n\r\t]/.test(value) && !(flow && /[,[\]{}]/.test(value)) && readsBack(value);
  return plain ? value : JSON.stringify(value);
}

/** True when `value` written plain reads back as the same string (not a number, boolean or null). */
function readsBack(value: string): boolean {
  try {
    return parse(value) === value;
  } catch {
    return false;
  }
}
