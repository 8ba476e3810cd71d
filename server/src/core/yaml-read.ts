/**
 * Text → YAML document, within the limits of `okr.config.yaml`: a file over
 * `max_file_size` is not parsed, and one that nests deeper than `max_depth`
 * is measured (lexer, then the CST, both iterative) and not composed, so no
 * input can exhaust memory or the call stack. Either gives one finding at the
 * start of the file. The document is composed with the options every cascade
 * file is parsed with (core/document.ts), so its ranges are those of
 * `documentOf`.
 */
import { Composer, Lexer, Parser, type Document } from 'yaml';
import type { CST } from 'yaml';
import { DEFAULT_LIMITS, type Limits } from './config';
import { PARSE_OPTIONS } from './document';
import type { Span } from './model';
import { describeYamlErrors, tooBigMessage, tooDeepMessage } from './yaml-errors';

export interface YamlRead {
  /** Undefined when a limit stopped the reading. */
  doc?: Document.Parsed;
  /** Syntax errors (and a limit exceeded), in plain words, at the place of the mistake. */
  errors: { span: Span; message: string }[];
}

/** The UTF-8 size of a text, counted without copying it. */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * An upper bound of what `lexedDepthOver` measures, from characters alone:
 * every `[`/`{` not closed (in text or not) plus the most `- `/`? ` that
 * start one line. Most files are far below the limit, and skip the lexer.
 */
function roughDepth(text: string): number {
  let open = 0;
  let most = 0;
  let indicators = 0;
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) open++;
    else if ((c === 0x5d || c === 0x7d) && open > 0) open--;
    if (c === 0x0a || c === 0x0d) {
      lineStart = true;
      indicators = 0;
    } else if (lineStart && (c === 0x2d || c === 0x3f)) indicators++;
    else if (c !== 0x20 && c !== 0x09) lineStart = false;
    if (open + indicators > most) most = open + indicators;
  }
  return most;
}

/**
 * A lower bound of the nesting depth, from the lexer alone: open `[`/`{` plus
 * the `- ` and `? ` indicators that start one line. Cheap, and catches the
 * inputs that would make the CST itself huge (a million `[`).
 */
function lexedDepthOver(text: string, max: number): boolean {
  let flow = 0;
  let line = 0;
  let lineStart = true;
  for (const tok of new Lexer().lex(text)) {
    const c = tok[0];
    if (tok === '[' || tok === '{') flow++;
    else if ((tok === ']' || tok === '}') && flow > 0) flow--;
    else if (c === '\n' || c === '\r') {
      line = 0;
      lineStart = true;
      continue;
    } else if (lineStart && (tok === '-' || tok === '?')) line++;
    else if (c !== ' ' && c !== '\t' && c !== '\x02' && c !== '\x1f') lineStart = false;
    if (flow + line > max) return true;
  }
  return false;
}

type Tok = CST.Token | null | undefined;

/** The nesting depth of collections in the CST, walked with an explicit stack; stops past `max`. */
function cstDepthOver(tokens: readonly CST.Token[], max: number): boolean {
  const stack: [Tok, number][] = tokens.map((t) => [t, 0]);
  while (stack.length) {
    const [tok, depth] = stack.pop()!;
    if (!tok) continue;
    if (tok.type === 'document') {
      stack.push([tok.value, depth]);
      continue;
    }
    if (tok.type !== 'block-map' && tok.type !== 'block-seq' && tok.type !== 'flow-collection') continue;
    if (depth + 1 > max) return true;
    for (const it of tok.items as { key?: Tok; value?: Tok }[]) {
      stack.push([it.key, depth + 1]);
      stack.push([it.value, depth + 1]);
    }
  }
  return false;
}

/** Parses one cascade file's text (without its byte-order mark) within `limits`. */
export function readYaml(text: string, limits: Limits = DEFAULT_LIMITS): YamlRead {
  if (text.length * 3 > limits.maxFileSize) {
    const size = utf8Bytes(text);
    if (size > limits.maxFileSize) return { errors: [{ span: [0, 0], message: tooBigMessage(size, limits.maxFileSize) }] };
  }
  if (roughDepth(text) > limits.maxDepth && lexedDepthOver(text, limits.maxDepth)) return { errors: [{ span: [0, 0], message: tooDeepMessage(limits.maxDepth) }] };
  const tokens = Array.from(new Parser().parse(text));
  if (cstDepthOver(tokens, limits.maxDepth)) return { errors: [{ span: [0, 0], message: tooDeepMessage(limits.maxDepth) }] };
  // As `parseDocument` does: the first document, and an error at the start of a second one. The
  // model needs no source tokens (edits parse again with them, see documentOf): without them the
  // CST can be freed as soon as the document is composed. Ranges and values are the same.
  const composer = new Composer({ ...PARSE_OPTIONS, keepSourceTokens: false });
  let doc: Document.Parsed | undefined;
  let second: Span | undefined;
  for (const d of composer.compose(tokens, true, text.length)) {
    if (!doc) doc = d;
    else {
      second = [d.range[0], d.range[1]];
      break;
    }
  }
  const errors = describeYamlErrors(doc!, text, limits.maxDepth);
  if (second) errors.push(multipleDocuments(text, second[0]));
  return { doc, errors };
}

/** The `---` or `...` line that starts the second document, or where its content starts. */
function multipleDocuments(text: string, start: number): { span: Span; message: string } {
  const message = 'This file holds more than one YAML document (a `---` or `...` line starts another one), and a cascade file is one document: remove that line, or move what follows it into a file of its own';
  const lineOf = (at: number) => text.lastIndexOf('\n', at - 1) + 1;
  for (const line of [lineOf(start), lineOf(Math.max(0, lineOf(start) - 1))]) {
    if (/^(---|\.\.\.)(?=\s|$)/.test(text.slice(line, line + 4))) return { span: [line, line + 3], message };
  }
  return { span: [start, start], message };
}
