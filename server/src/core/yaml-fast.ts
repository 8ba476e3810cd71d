/**
 * A fast reader for the plain shape most cascade files have: text → the tree
 * of yaml-tree.ts directly, without the `yaml` library's CST and Document.
 *
 * It reads a strict subset of YAML 1.2 and answers exactly what
 * `readYaml` + `readTree` answer for it (same values, keys as written, same
 * spans), or declines (undefined) so the caller reads the file the full way.
 * The subset: a root block map at column 0; block maps and block sequences
 * (a sequence may sit at its key's column); keys of plain ASCII id
 * characters; one-line values: plain scalars, single-quoted, double-quoted
 * without escapes, and one-line flow lists and maps of words (`[KR1, KR2]`,
 * `{ reach: 900 }`); comment and blank lines. Anything else is declined: a
 * tab, `\r` or control character anywhere, an anchor, alias, tag, merge key,
 * directive or second document, a block scalar, a multi-line scalar or flow
 * collection, a quoted or spaced key, an empty list item, an empty value
 * with a comment (`key: # …` is fine before a nested block), a comment where
 * a collection ends (the library counts those into the spans), odd
 * indentation, deep nesting, and every syntax error. Values are read by the
 * core schema as the library reads them (corePlain). The equality tests
 * (test/unit/parse/fast-equals-full.test.ts) compare both readers on samples,
 * fixtures, generated cascades and thousands of random mutations of them.
 */
import type { Limits } from './config';
import { utf8Bytes } from './yaml-read';
import type { YEntry, YMap, YScalar, YSeq, YValue } from './yaml-tree';

export interface FastRead {
  root: YMap;
  /** Where the root map starts (the document's content, after leading comments). */
  contentStart: number;
}

/** Thrown inside the reader to decline; never escapes `fastRead`. */
const DECLINE = Symbol('decline');

// Characters that make the whole file go the full way: tab, CR and other controls, NEL, LS/PS, BOM, non-characters.
// eslint-disable-next-line no-control-regex
const UNSUPPORTED = /[\x00-\x09\x0b-\x1f\x7f\x85\u2028\u2029\ufeff\ufffe\uffff]/;
/** Nesting the fast reader takes on; deeper files (rare) go the full way, which applies the limits. */
const MAX_FAST_DEPTH = 24;
const MAX_KEY = 1000;

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;

/** Key characters by code: 1 may start a key (ASCII letter, digit, `_`), 2 only follow (`.`, `-`, `/`). */
const KEY_CHARS = new Uint8Array(128).map((_, c) => (/[A-Za-z0-9_]/.test(String.fromCharCode(c)) ? 1 : /[./-]/.test(String.fromCharCode(c)) ? 2 : 0));

/** A key character: ASCII letter, digit, `_`, `.`, `-`, `/` (the first one a letter, digit or `_`). */
function keyChar(c: number, first: boolean): boolean {
  const k = c < 128 ? KEY_CHARS[c] : 0;
  return first ? k === 1 : k !== 0;
}

/** A plain scalar's value by the YAML 1.2 core schema, in the `yaml` library's order and with its functions. */
export function corePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Only these first characters can start a null, a boolean or a number.
  if (!((c >= 0x30 && c <= 0x39) || c === 0x2b || c === DASH || c === 0x2e || c === 0x7e || c === 0x6e || c === 0x4e || c === 0x74 || c === 0x54 || c === 0x66 || c === 0x46)) return s;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return s[0] === 't' || s[0] === 'T';
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

class Reader {
  /** The current content line: its start, indent, first character and end (its `\n` or the end of the text). */
  ls = 0;
  ind = -1;
  cs = 0;
  eol = 0;
  eof = false;
  /** The greatest column of a comment line skipped before the current content line; -1 when none. */
  cmt = -1;

  constructor(private readonly t: string) {}

  /** Moves to the content line at or after `from` (a line start), past blank and comment lines. */
  seek(from: number): void {
    const t = this.t;
    this.cmt = -1;
    let p = from;
    while (p < t.length) {
      let i = p;
      while (t.charCodeAt(i) === SPACE) i++;
      let e = t.indexOf('\n', i);
      if (e < 0) e = t.length;
      if (i === e) {
        p = e + 1;
        continue;
      }
      if (t.charCodeAt(i) === HASH) {
        if (i - p > this.cmt) this.cmt = i - p;
        p = e + 1;
        continue;
      }
      this.ls = p;
      this.ind = i - p;
      this.cs = i;
      this.eol = e;
      return;
    }
    this.eof = true;
    this.ind = -1;
  }

  next(): void {
    this.seek(this.eol + 1);
  }

  /** Where a value on the current line ends as a node (the library's `range[2]`): past its newline. */
  lineEnd(): number {
    return this.eol < this.t.length ? this.eol + 1 : this.eol;
  }

  /** A collection ends here: comment lines deeper than what follows would be counted into its span, so decline. */
  close(): void {
    if (this.cmt > (this.eof ? 0 : this.ind)) throw DECLINE;
  }

  isDash(): boolean {
    const c = this.t.charCodeAt(this.cs + 1);
    return this.t.charCodeAt(this.cs) === DASH && (this.cs + 1 === this.eol || c === SPACE);
  }

  /** The end of a plain key starting at `k` when `k` starts `key:` (then a space or the line's end); else -1. */
  keyAt(k: number): number {
    const t = this.t;
    if (KEY_CHARS[t.charCodeAt(k)] !== 1) return -1;
    let i = k + 1;
    while (i < this.eol && KEY_CHARS[t.charCodeAt(i)]) i++;
    if (t.charCodeAt(i) !== COLON || i - k > MAX_KEY) return -1;
    return i + 1 === this.eol || t.charCodeAt(i + 1) === SPACE ? i : -1;
  }

  block(depth: number): { v: YValue; end: number } {
    return this.isDash() ? this.seq(this.ind, depth) : this.map(this.cs, depth);
  }

  /** A block map whose first key starts at `k` on the current line (its column is the map's). */
  map(k: number, depth: number): { v: YMap; end: number } {
    if (depth > MAX_FAST_DEPTH) throw DECLINE;
    const t = this.t;
    const col = k - this.ls;
    const entries: YEntry[] = [];
    const start = k;
    let end = k;
    for (;;) {
      const ke = this.keyAt(k);
      if (ke < 0) throw DECLINE;
      const key = t.slice(k, ke);
      if (key === '<<') throw DECLINE;
      let p = ke + 1;
      while (p < this.eol && t.charCodeAt(p) === SPACE) p++;
      let value: YValue;
      // `key:   # okr-ignore: …` before a nested block: the comment is read as no value.
      const commented = p < this.eol && p > ke + 1 && t.charCodeAt(p) === HASH;
      if (p === this.eol || commented) {
        const at = this.eol;
        this.next();
        if (!this.eof && (this.ind > col || (this.ind === col && this.isDash()))) {
          const b = this.ind > col ? this.block(depth + 1) : this.seq(col, depth + 1);
          value = b.v;
          end = b.end;
        } else {
          // An empty value: null, where the line ends; a comment after it would be counted into its span.
          if (this.cmt >= 0 || commented) throw DECLINE;
          value = { kind: 'scalar', span: [at, at], value: null, text: '' } as YScalar;
          end = at;
        }
      } else {
        value = this.inline(p);
        end = this.lineEnd();
        this.next();
      }
      entries.push({ key, keySpan: [k, ke], value } as YEntry);
      if (this.eof || this.ind < col) {
        this.close();
        break;
      }
      if (this.ind > col || this.isDash()) throw DECLINE;
      k = this.cs;
    }
    return { v: { kind: 'map', span: [start, end], entries } as YMap, end };
  }

  /** A block sequence at column `col`, the current line being its first `-`. */
  seq(col: number, depth: number): { v: YSeq; end: number } {
    if (depth > MAX_FAST_DEPTH) throw DECLINE;
    const t = this.t;
    const items: YValue[] = [];
    const start = this.cs;
    let end = start;
    for (;;) {
      let p = this.cs + 1;
      while (p < this.eol && t.charCodeAt(p) === SPACE) p++;
      let item: YValue;
      if (p === this.eol) {
        this.next();
        if (this.eof || this.ind <= col) throw DECLINE; // an empty item
        const b = this.block(depth + 1);
        item = b.v;
        end = b.end;
      } else {
        const c = t.charCodeAt(p);
        if (c === HASH || c === DASH) throw DECLINE;
        if (this.keyAt(p) >= 0) {
          const b = this.map(p, depth + 1);
          item = b.v;
          end = b.end;
        } else {
          item = this.inline(p);
          end = this.lineEnd();
          this.next();
        }
      }
      items.push(item);
      if (this.eof || this.ind < col) {
        this.close();
        break;
      }
      if (this.ind > col) throw DECLINE;
      if (!this.isDash()) {
        this.close();
        break;
      }
    }
    return { v: { kind: 'seq', span: [start, end], items } as YSeq, end };
  }

  /** After a value ending at `i`: only spaces, then the line's end or a comment. */
  rest(i: number): void {
    const t = this.t;
    if (i === this.eol) return;
    if (t.charCodeAt(i) !== SPACE) throw DECLINE;
    while (i < this.eol && t.charCodeAt(i) === SPACE) i++;
    if (i < this.eol && t.charCodeAt(i) !== HASH) throw DECLINE;
  }

  /** A one-line value starting at `p` on the current line. */
  inline(p: number): YValue {
    const t = this.t;
    const c = t.charCodeAt(p);
    const eol = this.eol;
    if (c === 0x27 || c === 0x22) {
      // 'single' ('' is a quote) or "double" (no escapes: a backslash declines).
      let i = p + 1;
      let s = '';
      let from = i;
      for (;;) {
        const q = t.indexOf(c === 0x27 ? "'" : '"', i);
        if (q < 0 || q >= eol) throw DECLINE;
        if (c === 0x27 && t.charCodeAt(q + 1) === 0x27) {
          s += t.slice(from, q + 1);
          i = from = q + 2;
          continue;
        }
        s += t.slice(from, q);
        i = q + 1;
        break;
      }
      if (c === 0x22 && s.includes('\\')) throw DECLINE;
      this.rest(i);
      return { kind: 'scalar', span: [p, i], value: s, text: s } as YScalar;
    }
    if (c === 0x5b || c === 0x7b) return this.flow(p);
    // Indicators that cannot start a plain scalar here (or that start what the fast reader leaves alone).
    if (c === 0x5d || c === 0x7d || c === 0x2c || c === HASH || c === 0x26 || c === 0x2a || c === 0x21 || c === 0x7c || c === 0x3e || c === 0x25 || c === 0x40 || c === 0x60 || c === 0x3f || c === COLON) throw DECLINE;
    if (c === DASH && (p + 1 === eol || t.charCodeAt(p + 1) === SPACE)) throw DECLINE;
    // The value ends at ` #` (a comment) or the line's end; `: ` or a final `:` inside it would make it a map.
    // (Searched in the line alone: a search of the text would run on to the end of the file.)
    const line = t.slice(p, eol);
    let stop = line.indexOf(' #');
    if (stop < 0) stop = line.length;
    for (let colon = line.indexOf(':'); colon >= 0 && colon < stop; colon = line.indexOf(':', colon + 1)) {
      if (colon + 1 === line.length || line.charCodeAt(colon + 1) === SPACE) throw DECLINE;
    }
    let n = stop;
    while (n > 0 && line.charCodeAt(n - 1) === SPACE) n--;
    const text = n === line.length ? line : line.slice(0, n);
    const last = p + n;
    return { kind: 'scalar', span: [p, last], value: corePlain(text), text } as YScalar;
  }

  /** The end of a word in a flow collection (`KR1`, `team/KR2`, `0.5`, `-3`) starting at `i`; throws when there is none. */
  word(i: number): number {
    const t = this.t;
    const s = i;
    for (; i < this.eol; i++) {
      const c = t.charCodeAt(i);
      if (!(keyChar(c, false) || c === 0x2b)) break;
    }
    if (i === s || (t.charCodeAt(s) === DASH && i === s + 1)) throw DECLINE;
    return i;
  }

  /** `[a, b]` or `{ a: 1, b: 2 }` on one line, made of words. */
  flow(p: number): YValue {
    const t = this.t;
    const map = t.charCodeAt(p) === 0x7b;
    const close = map ? 0x7d : 0x5d;
    const items: YValue[] = [];
    const entries: YEntry[] = [];
    let i = p + 1;
    const skip = () => {
      while (i < this.eol && t.charCodeAt(i) === SPACE) i++;
    };
    const scalar = (s: number, e: number): YScalar => {
      const text = t.slice(s, e);
      return { kind: 'scalar', span: [s, e], value: corePlain(text), text } as YScalar;
    };
    skip();
    if (t.charCodeAt(i) === close) i++;
    else {
      for (;;) {
        const s = i;
        i = this.word(i);
        if (map) {
          const ke = i;
          if (t.charCodeAt(i) !== COLON || t.charCodeAt(i + 1) !== SPACE) throw DECLINE;
          i++;
          skip();
          const vs = i;
          i = this.word(i);
          entries.push({ key: t.slice(s, ke), keySpan: [s, ke], value: scalar(vs, i) } as YEntry);
        } else items.push(scalar(s, i));
        skip();
        const c = t.charCodeAt(i);
        i++;
        if (c === close) break;
        if (c !== 0x2c) throw DECLINE;
        skip();
      }
    }
    this.rest(i);
    return map ? ({ kind: 'map', span: [p, i], entries } as YMap) : ({ kind: 'seq', span: [p, i], items } as YSeq);
  }
}

/**
 * The tree of a file in the fast reader's subset, or undefined (read it the
 * full way). `limits` only decides what is too large to try.
 */
export function fastRead(text: string, limits: Limits): FastRead | undefined {
  // Over max_file_size goes the full way, which says so; the UTF-8 size is counted only when it might be.
  if (text.length * 3 > limits.maxFileSize && utf8Bytes(text) > limits.maxFileSize) return undefined;
  if (limits.maxDepth < MAX_FAST_DEPTH + 4 || UNSUPPORTED.test(text)) return undefined;
  const r = new Reader(text);
  try {
    r.seek(0);
    if (r.eof || r.ind !== 0) return undefined;
    const contentStart = r.cs;
    const { v } = r.map(r.cs, 0);
    if (!r.eof) return undefined;
    return { root: v, contentStart };
  } catch (e) {
    if (e === DECLINE) return undefined;
    throw e;
  }
}

