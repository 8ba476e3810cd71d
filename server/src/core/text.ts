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

export function positionAt(starts: number[], offset: number): LineChar {
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

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * Candidates close to `word`, best first. `strict` (for keys) keeps only near
 * misses; otherwise (for ids) it allows more edits, as any real id beats none.
 */
export function closest(word: string, candidates: Iterable<string>, strict = true, limit = 3): string[] {
  const lower = word.toLowerCase();
  const max = strict ? Math.max(1, Math.floor(word.length / 3)) : Math.max(2, Math.ceil(word.length / 2));
  const scored: [string, number][] = [];
  for (const c of new Set(candidates)) {
    if (c === word) continue;
    const cl = c.toLowerCase();
    const d = cl === lower ? 0 : editDistance(lower, cl) + (cl.includes(lower) || lower.includes(cl) ? -0.5 : 0);
    if (d <= max) scored.push([c, d]);
  }
  scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0], 'en', { numeric: true }));
  return scored.slice(0, limit).map((s) => s[0]);
}
