/**
 * The `yaml` library's syntax errors in plain words, at the place of the
 * mistake: an unclosed quote or bracket is marked where it opens (the library
 * notices it only at the end of the value, often the end of the file), a
 * `title: Fix: the thing` says to quote the title, and nothing tells a
 * product manager to call an API. One finding per line: the first (most
 * exact) error on a line stands for the others the same mistake caused.
 */
import { isCollection, isScalar, Scalar, type Document, type Node, type YAMLError } from 'yaml';
import type { Span } from './model';
import { lineStarts, positionAt } from './text';

export interface SyntaxProblem {
  span: Span;
  message: string;
}

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
const lineEnd = (text: string, at: number) => {
  const nl = text.indexOf('\n', at);
  const end = nl < 0 ? text.length : nl;
  return text[end - 1] === '\r' ? end - 1 : end;
};
/** Syntax errors described one by one; past this many, one more finding says how many were left out. */
const MAX_DESCRIBED = 50;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${n} bytes`;
}

export function tooBigMessage(size: number, limit: number): string {
  return `This file is ${formatBytes(size)}, more than the ${formatBytes(limit)} a cascade file may have, so it is not read: split the unit into smaller files, or raise \`limits.max_file_size\` in okr.config.yaml`;
}

export function tooDeepMessage(limit: number): string {
  return `This file nests values more than ${limit} levels deep, so it is not read (a cascade file needs about 6): look for brackets that are never closed or runaway indentation, or raise \`limits.max_depth\` in okr.config.yaml`;
}

/** True when a quoted scalar's source (from its opening quote) has its closing quote. */
function closedQuote(src: string): boolean {
  const q = src[0];
  for (let i = 1; i < src.length; i++) {
    if (q === '"' && src[i] === '\\') i++;
    else if (src[i] === q) {
      if (q === "'" && src[i + 1] === "'") i++;
      else return true;
    }
  }
  return false;
}

/**
 * The quoted scalars and flow collections that never close, sorted by where
 * they open: one iterative, depth-bounded walk of the document.
 */
function unclosed(doc: Document.Parsed, text: string, maxDepth: number): { quotes: Scalar[]; flows: Node[] } {
  const quotes: Scalar[] = [];
  const flows: Node[] = [];
  const stack: [unknown, number][] = [[doc.contents, 0]];
  while (stack.length) {
    const [n, depth] = stack.pop()!;
    if (!n || typeof n !== 'object' || depth > maxDepth) continue;
    if (isScalar(n)) {
      if ((n.type === Scalar.QUOTE_DOUBLE || n.type === Scalar.QUOTE_SINGLE) && n.range && !closedQuote(text.slice(n.range[0], n.range[1]))) quotes.push(n);
    } else if (isCollection(n)) {
      if (n.flow && n.range && !/[\]}]$/.test(text.slice(n.range[0], n.range[1]).trimEnd())) flows.push(n);
      for (const it of n.items as unknown[]) {
        if (it && typeof it === 'object' && 'key' in it) {
          stack.push([(it as { key: unknown }).key, depth + 1]);
          stack.push([(it as unknown as { value: unknown }).value, depth + 1]);
        } else stack.push([it, depth + 1]);
      }
    }
  }
  const byStart = (a: Node, b: Node) => a.range![0] - b.range![0];
  return { quotes: quotes.sort(byStart), flows: flows.sort(byStart) };
}

/** The last of `list` (sorted by start) that opens before `pos` and passes `ok`. */
function lastBefore<T extends Node>(list: T[], pos: number, ok: (n: T) => boolean): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (list[i].range![0] < pos && ok(list[i])) return list[i];
  return undefined;
}

interface Context {
  text: string;
  maxDepth: number;
  lines: () => number[];
  open: () => { quotes: Scalar[]; flows: Node[] };
}

interface Located {
  span: Span;
  message: string;
  /** Lower comes first when two errors fall on one line. */
  rank: number;
}

export function describeYamlErrors(doc: Document.Parsed, text: string, maxDepth: number): SyntaxProblem[] {
  if (!doc.errors.length) return [];
  let lines: number[] | undefined;
  let open: ReturnType<typeof unclosed> | undefined;
  const ctx: Context = { text, maxDepth, lines: () => (lines ??= lineStarts(text)), open: () => (open ??= unclosed(doc, text, maxDepth)) };
  const errors = doc.errors.slice().sort((a, b) => a.pos[0] - b.pos[0]);
  const located = errors.slice(0, MAX_DESCRIBED).map((e, i) => ({ ...describe(e, ctx), order: i }));
  if (errors.length > MAX_DESCRIBED) {
    const at = Math.min(errors[MAX_DESCRIBED].pos[0], text.length);
    located.push({ span: [at, at], message: `${errors.length - MAX_DESCRIBED} more YAML errors follow from here; fix the ones above first, the rest may go with them`, rank: 9, order: MAX_DESCRIBED });
  }
  located.sort((a, b) => a.rank - b.rank || a.order - b.order);
  const seen = new Set<number>();
  const out: (SyntaxProblem & { start: number })[] = [];
  for (const l of located) {
    const line = lineStart(text, l.span[0]);
    if (seen.has(line)) continue;
    seen.add(line);
    out.push({ span: l.span, message: l.message, start: l.span[0] });
  }
  return out.sort((a, b) => a.start - b.start).map(({ span, message }) => ({ span, message }));
}

function describe(e: YAMLError, ctx: Context): Located {
  const { text, maxDepth } = ctx;
  const lineNo = (at: number) => positionAt(ctx.lines(), at).line + 1;
  const pos: Span = [Math.min(e.pos[0], text.length), Math.min(Math.max(e.pos[1], e.pos[0]), text.length)];
  const message = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const at = (span: Span, m: string, rank = 5): Located => ({ span, message: m, rank });
  const restOfLine = (from: number): Span => [from, Math.max(from, lineEnd(text, from))];
  if (/Maximum call stack/.test(message)) return at([0, 0], tooDeepMessage(maxDepth), 0);
  switch (e.code) {
    case 'MISSING_CHAR': {
      if (/closing ["']quote/.test(message)) {
        const q = message.includes('"') ? '"' : "'";
        const open = lastBefore(ctx.open().quotes, pos[0] + 1, (n) => n.type === (q === '"' ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE));
        const start = open?.range?.[0] ?? pos[0];
        const where = open ? ` on line ${lineNo(start)}` : '';
        return at(restOfLine(start), `The text opened with ${q}${where} is never closed, so everything after it was read as part of it: add the closing ${q} at the end of the value`, 0);
      }
      if (/Implicit map keys need to be followed by map values/.test(message)) {
        return at(restOfLine(lineStart(text, pos[0]) + indentOf(text, pos[0])), 'YAML expects `key: value` here (a key, a colon and a space): add the colon, or indent this line under the key it belongs to', 3);
      }
      if (/Missing , or : between/.test(message)) return at(pos, 'Separate the entries of this `{ }` map with commas, and each key from its value with `: `', 2);
      if (/Missing , between/.test(message)) return at(pos, 'Separate the items of this `[ ]` list with commas', 2);
      if (/Missing space after :/.test(message)) return at(pos, 'Put a space after the `:` that ends a key', 2);
      if (/Comments must be separated/.test(message)) return at(pos, 'Put a space before the `#` of a comment (a `#` right after a value is part of the value)', 2);
      if (/directives-end/.test(message)) return at(pos, 'A `%` directive line must be followed by a `---` line before the content', 2);
      if (/Tags and anchors must be separated/.test(message)) return at(pos, 'Put a space after an anchor (`&name`) or a tag (`!!str`) before the value', 2);
      if (/Sequence item without - indicator/.test(message)) return at(pos, 'This list item has no `- ` before it: start every item of the list with `- `', 2);
      break;
    }
    case 'BAD_INDENT': {
      const flow = /^Flow (sequence|map) in block collection/.exec(message);
      if (flow) {
        const close = flow[1] === 'map' ? '}' : ']';
        const openChar = flow[1] === 'map' ? '{' : '[';
        const open = lastBefore(ctx.open().flows, pos[0], (n) => text[n.range![0]] === openChar);
        const start = open?.range?.[0] ?? pos[0];
        const where = open ? ` on line ${lineNo(start)}` : '';
        return at(restOfLine(start), `The \`${openChar}\`${where} is never closed: end it with \`${close}\`, or indent the lines that continue it further than its key`, 1);
      }
      if (/mapping items must start at the same column/.test(message)) return at(restOfLine(pos[0]), 'This key is not lined up with the keys above it: indent it exactly like the other keys of its map (indentation is how YAML nests)', 3);
      if (/sequence items must start at the same column/.test(message)) return at(restOfLine(pos[0]), 'This list item is not lined up with the items above it: indent every `- ` of a list alike', 3);
      return at(restOfLine(pos[0]), 'This line is not indented as YAML expects here: line it up with its siblings, or indent it under the key it belongs to', 4);
    }
    case 'BLOCK_AS_IMPLICIT_KEY': {
      if (/Nested mappings are not allowed in compact mappings/.test(message)) {
        const ls = lineStart(text, pos[0]);
        const line = text.slice(ls, lineEnd(text, ls));
        const m = /^(\s*(?:-\s+)?)([^:#]+?):\s+(.*?)\s*$/.exec(line);
        const value = m ? m[3].replace(/\\/g, '\\\\').replace(/"/g, '\\"') : '';
        const example = m ? `: \`${m[2]}: "${value.length > 40 ? `${value.slice(0, 32).trimEnd()} …` : value}"\`` : '';
        return at(restOfLine(pos[0]), `This value contains ": ", which YAML reads as the start of another key: put the whole value in quotes${example}`, 1);
      }
      return at(restOfLine(pos[0]), 'A list item (`- `) cannot stand here: indent it under the key whose list it belongs to, or line it up with the other items', 3);
    }
    case 'TAB_AS_INDENT':
      return at(pos, 'This line is indented with a tab, and YAML indents with spaces only: replace the tab with spaces', 1);
    case 'BAD_DQ_ESCAPE':
      return at(pos, `${message.replace(/^Invalid escape sequence /, '`')}\` is not a valid escape inside double quotes: write \`\\\\\` for a backslash, or use single quotes`, 1);
    case 'MULTILINE_IMPLICIT_KEY':
      return at(pos, 'A key must fit on one line: end the key with `: ` on the line where it starts, or quote text that runs over several lines', 4);
    case 'BAD_SCALAR_START':
      return at(pos, `${message.replace('Plain value cannot start with', 'A value cannot start with')} unless it is in quotes: put the value in quotes`, 2);
    case 'BLOCK_IN_FLOW':
      return at(pos, 'Inside `[ ]` or `{ }` everything is written on the line, separated by commas: close the brackets, or write the list as indented `- ` items', 2);
    case 'MULTIPLE_ANCHORS':
      return at(pos, 'A value can have only one anchor (`&name`): remove the others', 2);
    case 'MULTIPLE_TAGS':
      return at(pos, 'A value can have only one tag (`!!str`): remove the others', 2);
    case 'ALIAS_PROPS':
      return at(pos, 'An alias (`*name`) repeats another value as it is: it cannot carry an anchor or a tag of its own', 2);
    case 'BAD_ALIAS':
      return at(pos, `${message}: give the anchor (\`&name\`) or alias (\`*name\`) a name made of letters, digits, '-' or '_'`, 2);
    case 'BAD_PROP_ORDER':
      return at(pos, 'Write an anchor (`&name`) or a tag after the `- ` or `? ` that starts the entry, not before it', 2);
    case 'DUPLICATE_KEY':
      return at(pos, 'This key is given twice in one map: YAML keys must be unique, so remove one', 2);
    case 'KEY_OVER_1024_CHARS':
      return at(pos, 'A key longer than 1,024 characters must be written as an explicit key (`? key`): shorten it', 2);
    case 'UNEXPECTED_TOKEN':
      return at(pos, `${message.replace(/^Unexpected /, 'Unexpected `').replace(/ (in|at) /, '` $1 ')}: remove it, or check the brackets and indentation around it`, 4);
    default:
      break;
  }
  // Whatever else the library says, without its advice to programmers.
  return at(pos, `YAML syntax: ${message.replace(/;?\s*please use [^.;]*\.?/i, '').replace(/YAML\.\w+\(\)/g, 'YAML')}`, 5);
}

function indentOf(text: string, at: number): number {
  const ls = lineStart(text, at);
  let i = ls;
  while (text[i] === ' ') i++;
  return i - ls;
}
