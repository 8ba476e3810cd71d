/** Plain text helpers: line starts, offset ↔ line/character, `# okr-ignore` comments. */

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

export interface LineChar {
  line: number;
  character: number;
}

export function offsetAt(starts: number[], textLength: number, pos: LineChar): number {
  if (pos.line < 0) return 0;
  if (pos.line >= starts.length) return textLength;
  const lineEnd = pos.line + 1 < starts.length ? starts[pos.line + 1] : textLength;
  return Math.max(starts[pos.line], Math.min(starts[pos.line] + pos.character, lineEnd));
}

export function positionAt(starts: readonly number[], offset: number): LineChar {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

const IGNORE = /(?:^|\s)#\s*okr-ignore:\s*([a-z][a-z-]*(?:\s*,\s*[a-z][a-z-]*)*)/;

/** Line → codes silenced by a trailing `# okr-ignore: CODE[, CODE]` comment. */
export function ignoreComments(text: string, starts: number[]): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  if (!text.includes('okr-ignore')) return out;
  for (let line = 0; line < starts.length; line++) {
    const end = line + 1 < starts.length ? starts[line + 1] : text.length;
    const m = IGNORE.exec(text.slice(starts[line], end));
    if (m) out.set(line, new Set(m[1].split(',').map((c) => c.trim())));
  }
  return out;
}

/** The most edits a suggestion may take, whatever the word's length: bounds each comparison to O(length × MAX_EDITS). */
export const MAX_EDITS = 8;

/**
 * Optimal string alignment distance (Levenshtein plus adjacent
 * transpositions) when it is at most `max`; `max + 1` otherwise. Only the
 * diagonal band of width 2·max+1 is computed, three rows kept, and it stops as
 * soon as a row exceeds `max`: O(min(|a|, |b|) × max) time, O(|b|) memory.
 */
export function editDistance(a: string, b: string, max = MAX_EDITS): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  const big = max + 1;
  if (Math.abs(la - lb) > max) return big;
  if (la === 0 || lb === 0) return Math.max(la, lb);
  let prev2 = new Int32Array(lb + 1);
  let prev = new Int32Array(lb + 1);
  let cur = new Int32Array(lb + 1);
  for (let j = 0; j <= lb; j++) prev[j] = j <= max ? j : big;
  for (let i = 1; i <= la; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(lb, i + max);
    cur[lo - 1] = lo === 1 && i <= max ? i : big;
    let rowMin = cur[lo - 1];
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v > big ? big : v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < lb) cur[hi + 1] = big;
    if (rowMin > max) return big;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[lb], big);
}

/** How many edits a candidate may be from `word`: `strict` (keys) keeps near misses; ids allow more, as any real id beats none. */
function allowedEdits(word: string, strict: boolean): number {
  return Math.min(MAX_EDITS, strict ? Math.max(1, Math.floor(word.length / 3)) : Math.max(2, Math.ceil(word.length / 2)));
}

type Scored = [candidate: string, score: number];

function score(lower: string, c: string, cl: string, max: number): number | undefined {
  if (cl === lower) return 0;
  const d = editDistance(lower, cl, max);
  if (d > max) return undefined;
  return d + (cl.includes(lower) || lower.includes(cl) ? -0.5 : 0);
}

/** Ties sorted as people count: KR2 before KR10. */
const NUMERIC = new Intl.Collator('en', { numeric: true });

function best(scored: Scored[], limit: number): string[] {
  scored.sort((x, y) => x[1] - y[1] || NUMERIC.compare(x[0], y[0]));
  return scored.slice(0, limit).map((s) => s[0]);
}

/**
 * Candidates close to `word`, best first. `strict` (for keys) keeps only near
 * misses; otherwise (for ids) it allows more edits. Linear in the candidates,
 * each comparison bounded (see `editDistance`); for many candidates and many
 * words, use a `Suggester`.
 */
export function closest(word: string, candidates: Iterable<string>, strict = true, limit = 3): string[] {
  const lower = word.toLowerCase();
  const max = allowedEdits(word, strict);
  const scored: Scored[] = [];
  for (const c of new Set(candidates)) {
    if (c === word) continue;
    const s = score(lower, c, c.toLowerCase(), max);
    if (s !== undefined) scored.push([c, s]);
  }
  return best(scored, limit);
}

/** Up to this many candidates, a suggester compares with each of them. */
const LINEAR = 256;
/** Candidates up to this length go into the deletion index. */
const INDEXED_LENGTH = 24;
/** The deletion index finds every candidate within this many edits. */
const INDEX_EDITS = 2;

/**
 * "Did you mean" over one fixed set of candidates, asked for many words (every
 * broken reference into one unit). A few hundred candidates are compared one
 * by one; beyond that a deletion index (each candidate with up to two
 * characters deleted → the candidates) finds the ones within two edits without
 * looking at the others, so N words against N candidates cost about N, not N².
 * With that many candidates, only ids within two edits are suggested.
 * Answers are memoized per word.
 */
export class Suggester {
  private readonly list: string[];
  private readonly lower: string[];
  private index?: Map<string, number[]>;
  private long?: number[];
  private readonly answers = new Map<string, string[]>();

  constructor(candidates: Iterable<string>, private readonly strict = false) {
    this.list = [...new Set(candidates)];
    this.lower = this.list.map((c) => c.toLowerCase());
  }

  get size(): number {
    return this.list.length;
  }

  closest(word: string, limit = 3): string[] {
    const key = `${limit}\0${word}`;
    let out = this.answers.get(key);
    if (!out) this.answers.set(key, (out = this.compute(word, limit)));
    return out;
  }

  private compute(word: string, limit: number): string[] {
    const lower = word.toLowerCase();
    const max = allowedEdits(word, this.strict);
    const scored: Scored[] = [];
    const consider = (i: number) => {
      const c = this.list[i];
      if (c === word) return;
      const s = score(lower, c, this.lower[i], max);
      if (s !== undefined) scored.push([c, s]);
    };
    if (this.list.length <= LINEAR) {
      for (let i = 0; i < this.list.length; i++) consider(i);
      return best(scored, limit);
    }
    this.build();
    const seen = new Set<number>();
    if (lower.length <= INDEXED_LENGTH + INDEX_EDITS) {
      for (const v of deletions(lower, INDEX_EDITS)) for (const i of this.index!.get(v) ?? []) if (!seen.has(i)) seen.add(i);
    }
    for (const i of this.long!) if (Math.abs(this.lower[i].length - lower.length) <= max) seen.add(i);
    for (const i of seen) consider(i);
    return best(scored, limit);
  }

  private build(): void {
    if (this.index) return;
    const index = new Map<string, number[]>();
    const long: number[] = [];
    this.lower.forEach((c, i) => {
      if (c.length > INDEXED_LENGTH) return void long.push(i);
      for (const v of deletions(c, INDEX_EDITS)) {
        const list = index.get(v);
        if (list) list.push(i);
        else index.set(v, [i]);
      }
    });
    this.index = index;
    this.long = long;
  }
}

/** `word` and every string made from it by deleting up to `n` characters. */
function deletions(word: string, n: number): Set<string> {
  const out = new Set<string>([word]);
  let layer = [word];
  for (let k = 0; k < n; k++) {
    const next: string[] = [];
    for (const w of layer) {
      for (let i = 0; i < w.length; i++) {
        const v = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(v)) {
          out.add(v);
          next.push(v);
        }
      }
    }
    layer = next;
  }
  return out;
}
