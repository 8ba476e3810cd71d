/**
 * Every word sequence to look for (forbidden words, private texts) found in
 * one pass over a text, without cutting the text into words first: one
 * precompiled regular expression finds where a sequence's first word stands
 * as a whole word, then a trie of the sequences reads the words that follow
 * from there. Exports run to megabytes and a cascade to hundreds of private
 * texts: the cost is one native regex scan of the text plus a few steps at
 * each place a first word occurs, whatever the number of sequences.
 *
 * Same words as scan.ts `words`: runs of letters, digits and combining marks;
 * the text must be lowercased already (the sequences' words are).
 */

interface Node {
  /** Indices of the sequences that end here. */
  ends: number[];
  next: Map<string, Node>;
}

/** True for a letter, digit or mark starting at `i` (surrogate pairs read whole). */
const WORD = /[\p{L}\p{N}\p{M}]/u;

function wordCharAt(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) ? 1 : 0;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) return WORD.test(s.slice(i, i + 2)) ? 2 : 0;
  return WORD.test(s[i]) ? 1 : 0;
}

/** True when the character before `i` is a letter, digit or mark (a low surrogate is read with its pair). */
function wordCharBefore(s: string, i: number): boolean {
  if (i <= 0) return false;
  const c = s.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) return WORD.test(s.slice(i - 2, i));
  return wordCharAt(s, i - 1) > 0;
}

export class Matcher {
  private readonly root = new Map<string, Node>();
  private readonly first?: RegExp;

  /** `list`: word sequences, lowercased (scan.ts `words`). */
  constructor(readonly list: readonly (readonly string[])[]) {
    list.forEach((seq, i) => {
      if (!seq.length) return;
      let level = this.root;
      let node: Node | undefined;
      for (const w of seq) {
        node = level.get(w);
        if (!node) level.set(w, (node = { ends: [], next: new Map() }));
        level = node.next;
      }
      node!.ends.push(i);
    });
    // Longest first, so that of `falcon` and `falconry` the whole word is taken (the lookahead backtracks to the other anyway).
    const firsts = [...this.root.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    if (firsts.length) this.first = new RegExp(`(?:${firsts.map(escape).join('|')})(?![\\p{L}\\p{N}\\p{M}])`, 'gu');
  }

  get size(): number {
    return this.list.length;
  }

  /** The indices (into `list`) of the sequences that occur in `lower` (a lowercased text) as consecutive whole words. */
  find(lower: string): Set<number> {
    const found = new Set<number>();
    const re = this.first;
    if (!re) return found;
    re.lastIndex = 0;
    for (let m = re.exec(lower); m; m = re.exec(lower)) {
      if (wordCharBefore(lower, m.index)) {
        re.lastIndex = m.index + 1;
        continue;
      }
      let node = this.root.get(m[0]);
      let at = m.index + m[0].length;
      while (node) {
        for (const n of node.ends) found.add(n);
        if (!node.next.size) break;
        // the next word: skip the separators, then read letters, digits and marks
        let start = at;
        while (start < lower.length && !wordCharAt(lower, start)) start++;
        if (start === at || start >= lower.length) break;
        let end = start;
        for (let k = wordCharAt(lower, end); k; k = wordCharAt(lower, end)) end += k;
        node = node.next.get(lower.slice(start, end));
        at = end;
      }
    }
    return found;
  }
}

/** A word holds only letters, digits and marks; escaped anyway so that no sequence can change the expression. */
function escape(w: string): string {
  return w.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}
