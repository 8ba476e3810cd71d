/**
 * The minimal text edit that sets a roadmap item's `horizon` (a drag in the
 * preview). Pure: text in, one edit out, in line/character positions.
 *
 * The item is found by its id key (the model's location line, checked; if the
 * file changed since, the key is searched under `roadmap:`). Then:
 *   - block map: the `horizon:` line among the item's children gets its value
 *     replaced (quotes and a trailing comment kept); without one, a
 *     `horizon: X` line is inserted at the children's indentation, after the
 *     title / supports / hypothesis entries;
 *   - flow map (`id: { title: …, horizon: now }`, on one line or several): the
 *     value inside the braces is replaced, or `, horizon: X` added before `}`.
 */

export interface Pos {
  line: number;
  character: number;
}

export interface LineEdit {
  start: Pos;
  end: Pos;
  newText: string;
}

export type HorizonEditResult =
  | { kind: 'edit'; edit: LineEdit }
  | { kind: 'unchanged' }
  | { kind: 'error'; message: string };

const KEY_RE = /^(\s*)("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{}[\],:][^#:]*?)\s*:(?=\s|$)/;

/** The key of a block-map line, unquoted, with its indentation; undefined for other lines. */
export function lineKey(line: string): { indent: number; key: string; keyStart: number; afterColon: number } | undefined {
  const m = KEY_RE.exec(line);
  if (!m) return undefined;
  const raw = m[2];
  const key = raw.startsWith('"') ? safeJson(raw) : raw.startsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw.trim();
  return { indent: m[1].length, key, keyStart: m[1].length, afterColon: m[0].length };
}

function safeJson(raw: string): string {
  try {
    return String(JSON.parse(raw));
  } catch {
    return raw.slice(1, -1);
  }
}

const isBlankOrComment = (l: string) => /^\s*(#.*)?$/.test(l);
const indentOf = (l: string) => /^\s*/.exec(l)![0].length;

/** The line of the item's id key: `hint` when it holds that key, else the key under `roadmap:`. */
export function findItemLine(lines: readonly string[], id: string, hint?: number): number | undefined {
  if (hint !== undefined && hint >= 0 && hint < lines.length && lineKey(lines[hint])?.key === id) return hint;
  let inRoadmap = false;
  let childIndent: number | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (isBlankOrComment(l)) continue;
    const k = lineKey(l);
    if (indentOf(l) === 0) {
      inRoadmap = k?.key === 'roadmap';
      childIndent = undefined;
      continue;
    }
    if (!inRoadmap || !k) continue;
    childIndent ??= k.indent;
    if (k.indent === childIndent && k.key === id) return i;
  }
  return undefined;
}

/**
 * @param text     the whole document
 * @param id       the item's id (the part after `unit/` in its ref)
 * @param horizon  the new value (a column id: `now`, `next`, `later`, `2026-Q3`)
 * @param hintLine the model's location line of the item's key (0-based)
 */
export function horizonEdit(text: string, id: string, horizon: string, hintLine?: number): HorizonEditResult {
  if (!/^(now|next|later|\d{4}-Q[1-4])$/.test(horizon)) return { kind: 'error', message: `"${horizon}" is not a horizon (now, next, later or a quarter like 2026-Q3)` };
  const lines = text.split(/\r?\n/);
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const keyLine = findItemLine(lines, id, hintLine);
  if (keyLine === undefined) return { kind: 'error', message: `Cannot find the roadmap item \`${id}\` in the file.` };
  const key = lineKey(lines[keyLine])!;
  const rest = lines[keyLine].slice(key.afterColon);
  const brace = rest.search(/\S/);
  if (brace >= 0 && rest[brace] === '{') return flowEdit(lines, keyLine, key.afterColon + brace, horizon);
  if (brace >= 0 && rest[brace] !== '#') return { kind: 'error', message: `\`${id}\` is not a map, so it has no horizon to change.` };
  return blockEdit(lines, keyLine, key.indent, horizon, eol);
}

function blockEdit(lines: string[], keyLine: number, itemIndent: number, horizon: string, eol: string): HorizonEditResult {
  // The item's block: following lines that are blank, comments, or indented deeper than its key.
  let childIndent: number | undefined;
  let last = keyLine; // last content line of the block
  const entries: { key: string; line: number; end: number }[] = [];
  for (let i = keyLine + 1; i < lines.length; i++) {
    const l = lines[i];
    if (isBlankOrComment(l)) continue;
    const ind = indentOf(l);
    if (ind <= itemIndent) break;
    last = i;
    childIndent ??= ind;
    const k = ind === childIndent ? lineKey(l) : undefined;
    if (k) entries.push({ key: k.key, line: i, end: i });
    else if (entries.length) entries[entries.length - 1].end = i;
  }
  const existing = entries.find((e) => e.key === 'horizon');
  if (existing) {
    const l = lines[existing.line];
    const k = lineKey(l)!;
    const after = l.slice(k.afterColon);
    const start = k.afterColon + (after.length - after.trimStart().length);
    if (start >= l.length || l[start] === '#') {
      // `horizon:` with no value (maybe a comment): write it right after the colon.
      const at = { line: existing.line, character: k.afterColon };
      return { kind: 'edit', edit: { start: at, end: at, newText: ` ${horizon}${start < l.length ? ' ' : ''}` } };
    }
    const value = valueSpan(l, start);
    const current = unquote(l.slice(value.start, value.end));
    if (current === horizon) return { kind: 'unchanged' };
    const q = l[value.start];
    const newText = q === '"' || q === "'" ? `${q}${horizon}${q}` : horizon;
    return { kind: 'edit', edit: { start: { line: existing.line, character: value.start }, end: { line: existing.line, character: value.end }, newText } };
  }
  const indent = ' '.repeat(childIndent ?? itemIndent + 2);
  // After the last of title / supports / hypothesis (and their continuation lines), else at the block's end.
  const anchor = [...entries].reverse().find((e) => ['hypothesis', 'supports', 'title'].includes(e.key));
  const afterLine = anchor ? anchor.end : last;
  const at = { line: afterLine, character: lines[afterLine].length };
  return { kind: 'edit', edit: { start: at, end: at, newText: `${eol}${indent}horizon: ${horizon}` } };
}

/** The value token starting at `start`: a quoted scalar, or plain text up to a ` #` comment. */
function valueSpan(line: string, start: number): { start: number; end: number } {
  const q = line[start];
  if (q === '"' || q === "'") {
    for (let i = start + 1; i < line.length; i++) {
      if (q === '"' && line[i] === '\\') { i++; continue; }
      if (line[i] === q) {
        if (q === "'" && line[i + 1] === "'") { i++; continue; }
        return { start, end: i + 1 };
      }
    }
    return { start, end: line.length };
  }
  const comment = line.slice(start).search(/\s#/);
  const end = comment < 0 ? line.length : start + comment;
  return { start, end: start + line.slice(start, end).trimEnd().length };
}

function unquote(v: string): string {
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.endsWith(v[0])) return v.slice(1, -1);
  return v;
}

/** Edits `horizon` inside a flow map that opens at (line, col). */
function flowEdit(lines: string[], line: number, col: number, horizon: string): HorizonEditResult {
  // Walk the characters of the map, tracking quotes and nesting; at depth 1 collect `key: value` spans.
  let depth = 0;
  let quote: string | undefined;
  let tokenStart: Pos | undefined;
  let keyText = '';
  let expectingKey = true;
  let horizonValue: { start: Pos; end: Pos; text: string } | undefined;
  let valueStart: Pos | undefined;
  let lastNonSpace: Pos | undefined;
  let close: Pos | undefined;
  let entries = 0;
  const finishValue = (end: Pos) => {
    if (keyText === 'horizon' && valueStart) horizonValue = { start: valueStart, end, text: sliceLines(lines, valueStart, end) };
    valueStart = undefined;
  };
  outer: for (let ln = line; ln < lines.length; ln++) {
    const s = lines[ln];
    for (let c = ln === line ? col : 0; c < s.length; c++) {
      const ch = s[c];
      if (quote) {
        if (quote === '"' && ch === '\\') { c++; continue; }
        if (ch === quote) {
          if (quote === "'" && s[c + 1] === "'") { c++; continue; }
          quote = undefined;
        }
        lastNonSpace = { line: ln, character: c + 1 };
        continue;
      }
      if (ch === '#' && (c === 0 || /\s/.test(s[c - 1]))) break; // comment to end of line
      if (ch === '{' || ch === '[') {
        depth++;
        if (depth === 1) continue;
      } else if (ch === '}' || ch === ']') {
        if (depth === 1) {
          if (valueStart && lastNonSpace) finishValue(lastNonSpace);
          close = { line: ln, character: c };
          break outer;
        }
        depth--;
      } else if (depth === 1 && ch === ',') {
        if (valueStart && lastNonSpace) finishValue(lastNonSpace);
        expectingKey = true;
        tokenStart = undefined;
        continue;
      } else if (depth === 1 && ch === ':' && expectingKey && (c + 1 >= s.length || /[\s,}\]]/.test(s[c + 1]))) {
        keyText = tokenStart ? unquote(sliceLines(lines, tokenStart, { line: ln, character: c }).trim()) : '';
        expectingKey = false;
        entries++;
        continue;
      }
      if (/\s/.test(ch)) continue;
      if (depth === 1) {
        if (expectingKey && !tokenStart) tokenStart = { line: ln, character: c };
        if (!expectingKey && !valueStart) valueStart = { line: ln, character: c };
        if (ch === '"' || ch === "'") quote = ch;
      }
      lastNonSpace = { line: ln, character: c + 1 };
    }
  }
  if (!close) return { kind: 'error', message: 'The item is a flow map (`{ … }`) that is not closed.' };
  if (horizonValue) {
    if (unquote(horizonValue.text.trim()) === horizon) return { kind: 'unchanged' };
    const q = horizonValue.text[0];
    const newText = q === '"' || q === "'" ? `${q}${horizon}${q}` : horizon;
    return { kind: 'edit', edit: { start: horizonValue.start, end: horizonValue.end, newText } };
  }
  // Insert before `}`: after the last entry (`, horizon: X`), or as the only one.
  if (entries === 0 || !lastNonSpace) {
    const at = { line, character: col + 1 };
    const tight = close.line === line && close.character === col + 1;
    return { kind: 'edit', edit: { start: at, end: at, newText: ` horizon: ${horizon}${tight ? ' ' : ''}` } };
  }
  return { kind: 'edit', edit: { start: lastNonSpace, end: lastNonSpace, newText: `, horizon: ${horizon}` } };
}

function sliceLines(lines: string[], a: Pos, b: Pos): string {
  if (a.line === b.line) return lines[a.line].slice(a.character, b.character);
  const out = [lines[a.line].slice(a.character)];
  for (let l = a.line + 1; l < b.line; l++) out.push(lines[l]);
  out.push(lines[b.line].slice(0, b.character));
  return out.join('\n');
}

/** Applies a LineEdit to a text (for tests and previews of the change). */
export function applyLineEdit(text: string, e: LineEdit): string {
  const lines = text.split(/(?<=\n)/);
  const offset = (p: Pos) => lines.slice(0, p.line).reduce((n, l) => n + l.length, 0) + p.character;
  return text.slice(0, offset(e.start)) + e.newText + text.slice(offset(e.end));
}
