/**
 * Where the cursor is, read from the text itself (indentation and the line),
 * so completion works while the document is incomplete or invalid YAML:
 * `supports: `, `supports: [KR1, |`, `- |` under `depends_on:`, a new key line.
 */
import type { Span } from '../model';

export interface CursorContext {
  /** Keys of the enclosing maps, outermost first: `['roadmap', 'setup-wizard']`. */
  path: string[];
  mode: 'key' | 'value';
  /** For `value`: the key whose value is being written. */
  key?: string;
  /** The word under the cursor and the span it replaces. */
  prefix: string;
  replace: Span;
  /** A value needs a space before it (the cursor follows `:` or `,` directly). */
  needsSpace: boolean;
  /** For `key`: the word is already followed by `:` (editing an existing key). */
  keyHasColon: boolean;
  /** Keys present in the map (key mode) or values already in the list (value mode). */
  present: string[];
}

const WORD = /[A-Za-z0-9_.\-/]/;
const KEY_LINE = /^(\s*)(?:-\s+)?("[^"]*"|'[^']*'|[^\s#:'"{}[\],][^#:]*?)\s*:(?=\s|$)(.*)$/;

interface Line {
  indent: number;
  key?: string;
  rest?: string;
  blank: boolean;
  dash: boolean;
}

function readLine(text: string): Line {
  const indent = text.length - text.trimStart().length;
  const body = text.trim();
  if (!body || body.startsWith('#')) return { indent, blank: true, dash: false };
  const m = KEY_LINE.exec(text);
  const dash = body.startsWith('-') && (body.length === 1 || /\s/.test(body[1]));
  if (!m) return { indent, blank: false, dash };
  return { indent: m[1].length, key: m[2].replace(/^["']|["']$/g, ''), rest: m[3], blank: false, dash };
}

/** Splits a text into lines with their start offsets. */
function linesOf(text: string): { start: number; text: string }[] {
  const out: { start: number; text: string }[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    out.push({ start, text: raw.replace(/\r$/, '') });
    start += raw.length + 1;
  }
  return out;
}

/** True when the offset in `before` sits in a comment (a `#` outside quotes). */
function inComment(before: string): boolean {
  let quote = '';
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(before[i - 1]))) return true;
  }
  return false;
}

export function cursorContext(text: string, offset: number): CursorContext | undefined {
  const lines = linesOf(text);
  let li = lines.length - 1;
  while (li > 0 && lines[li].start > offset) li--;
  const line = lines[li];
  const col = offset - line.start;
  const before = line.text.slice(0, col);
  if (inComment(before)) return undefined;
  let ws = col;
  while (ws > 0 && WORD.test(line.text[ws - 1])) ws--;
  let we = col;
  while (we < line.text.length && WORD.test(line.text[we])) we++;
  const prefix = line.text.slice(ws, col);
  const replace: Span = [line.start + ws, line.start + we];
  const prev = line.text.slice(0, ws).trimEnd();
  const needsSpace = ws > 0 && (line.text[ws - 1] === ':' || line.text[ws - 1] === ',');
  const keyHasColon = /^\s*:/.test(line.text.slice(we));
  const base = { prefix, replace, needsSpace, keyHasColon };

  const here = readLine(before);
  // `key: value…` on this line, cursor in the value.
  if (here.key !== undefined && here.rest !== undefined && before.length > here.indent + here.key.length) {
    const path = enclosing(lines, li, here.indent);
    const rest = here.rest;
    const flowMap = rest.lastIndexOf('{');
    if (flowMap >= 0 && !rest.slice(flowMap).includes('}')) return inFlowMap([...path, here.key], rest.slice(flowMap + 1), base);
    const open = rest.lastIndexOf('[');
    const inList = open >= 0 && !rest.slice(open).includes(']');
    const present = inList ? listValues(rest.slice(open + 1)) : [];
    return { ...base, path, mode: 'value', key: here.key, present };
  }
  // `- value` in a block sequence: the value of the key above.
  if (here.dash || /^\s*-\s*$/.test(before) || /^\s*-\s+[^:]*$/.test(before)) {
    const dashIndent = before.length - before.trimStart().length;
    for (let i = li - 1; i >= 0; i--) {
      const l = readLine(lines[i].text);
      if (l.blank || (l.dash && l.indent >= dashIndent && l.key === undefined)) continue;
      if (l.key !== undefined && l.indent <= dashIndent && !(l.rest ?? '').trim()) {
        const present = blockSeqValues(lines, i + 1, li);
        return { ...base, path: enclosing(lines, i, l.indent), mode: 'value', key: l.key, present };
      }
      break;
    }
    return undefined;
  }
  // A key being written: only blanks (and the word) before the cursor.
  if (prev === '' && !/[:{}[\]]/.test(line.text.slice(0, ws))) {
    const indent = ws;
    return { ...base, path: enclosing(lines, li, indent), mode: 'key', present: siblingKeys(lines, li, indent) };
  }
  return undefined;
}

/** The keys of the maps enclosing a line whose content starts at `indent`. */
function enclosing(lines: { text: string }[], li: number, indent: number): string[] {
  const path: string[] = [];
  let limit = indent;
  for (let i = li - 1; i >= 0 && limit > 0; i--) {
    const l = readLine(lines[i].text);
    if (l.blank || l.key === undefined || l.indent >= limit) continue;
    path.unshift(l.key);
    limit = l.indent;
  }
  return path;
}

/** Keys already written in the block map a line at `indent` belongs to. */
function siblingKeys(lines: { text: string }[], li: number, indent: number): string[] {
  const out: string[] = [];
  for (const step of [-1, 1]) {
    for (let i = li + step; i >= 0 && i < lines.length; i += step) {
      const l = readLine(lines[i].text);
      if (l.blank) continue;
      if (l.indent < indent) break;
      if (l.indent === indent && l.key !== undefined && !l.dash) out.push(l.key);
    }
  }
  return out;
}

function listValues(inner: string): string[] {
  return inner.split(',').map((s) => s.trim().replace(/^["']|["']$/g, '')).filter(Boolean);
}

function blockSeqValues(lines: { text: string }[], from: number, to: number): string[] {
  const out: string[] = [];
  for (let i = from; i < lines.length; i++) {
    if (i === to) continue;
    const m = /^\s*-\s+(.*?)\s*(#.*)?$/.exec(lines[i].text);
    if (!m) {
      if (readLine(lines[i].text).blank) continue;
      break;
    }
    if (m[1]) out.push(m[1].replace(/^["']|["']$/g, ''));
  }
  return out;
}

/** Inside `{ a: 1, b|` on one line: a key of that map, or the value of its last key. */
function inFlowMap(path: string[], inner: string, base: Omit<CursorContext, 'path' | 'mode' | 'present'>): CursorContext {
  const parts = inner.split(',');
  const last = parts[parts.length - 1];
  const present = parts.slice(0, -1).map((p) => p.split(':')[0].trim()).filter(Boolean);
  const colon = last.indexOf(':');
  if (colon >= 0) return { ...base, path, mode: 'value', key: last.slice(0, colon).trim(), present: [] };
  return { ...base, path, mode: 'key', present };
}
