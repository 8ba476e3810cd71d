/**
 * The leak scan over rendered text: it reads what an export would hold (HTML
 * source, Markdown, CSV, JSON), never the model the text came from, so a field
 * the redaction forgot is found like any other.
 *
 * Words: runs of letters and digits (any script, with their combining marks),
 * compared lowercased; every
 * other character — `-`, `_`, spaces, punctuation, markup — separates words.
 * A forbidden word or a private text is found when its words appear one after
 * the other in the text's words ("ACME Bank" matches `ACME-Bank` and
 * `acme  bank`, never `ACMEBank` or `acme banking`).
 *
 * Escapes are read first, so text cannot hide behind them: JSON and JavaScript
 * `\uXXXX` and `\n`, HTML character references, Markdown backslash escapes and
 * Mermaid's `#NN;` codes.
 */

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** The words of a text, lowercased (a loop over char codes: exports run to megabytes). */
export function words(s: string): string[] {
  const out: string[] = [];
  let start = -1;
  let upper = false;
  const flush = (end: number) => {
    const w = s.slice(start, end);
    out.push(upper ? w.toLowerCase() : w);
    start = -1;
    upper = false;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let word: boolean;
    if (c < 128) {
      const isUpper = c >= 65 && c <= 90;
      word = isUpper || (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
      if (isUpper) upper = true;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      word = WORD_CHAR.test(s.slice(i, i + 2));
      if (word) upper = true;
      if (word && start < 0) start = i;
      i++;
      if (!word && start >= 0) flush(i - 1);
      continue;
    } else {
      word = WORD_CHAR.test(s[i]);
      if (word) upper = true;
    }
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) flush(i);
  }
  if (start >= 0) flush(s.length);
  return out;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const JSON_ESCAPE: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

/** The text as a reader would see it: escapes of JSON, HTML, Markdown and Mermaid read once. */
export function decode(text: string): string {
  // Each pass only when its escape character is there (each reads what the one before it produced): a megabyte export often has none.
  let t = text;
  if (t.includes('\\')) {
    t = t.replace(/\\(u[0-9a-fA-F]{4}|[nrtbf]|[!-/:-@[-`{-~])/g, (_, e: string) =>
      e.length === 5 ? String.fromCharCode(parseInt(e.slice(1), 16)) : (JSON_ESCAPE[e] ?? e));
  }
  if (t.includes('&')) {
    t = t.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]+);/g, (m, e: string) => {
      if (e[0] !== '#') return NAMED[e.toLowerCase()] ?? m;
      return fromCode(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) ?? m;
    });
  }
  if (t.includes('#')) t = t.replace(/#(\d{1,7});/g, (m, n: string) => fromCode(Number(n)) ?? m);
  return t;
}

function fromCode(n: number): string | undefined {
  return Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : undefined;
}

function startsAt(tokens: readonly string[], i: number, seq: readonly string[]): boolean {
  if (i + seq.length > tokens.length) return false;
  for (let k = 1; k < seq.length; k++) if (tokens[i + k] !== seq[k]) return false;
  return true;
}

/** True when `seq` occurs in `tokens` as consecutive words. */
export function containsWords(tokens: readonly string[], seq: readonly string[]): boolean {
  if (!seq.length) return false;
  for (let i = 0; i + seq.length <= tokens.length; i++) if (tokens[i] === seq[0] && startsAt(tokens, i, seq)) return true;
  return false;
}

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const E = '(?![\\p{L}\\p{N}])';
/**
 * Dates and quarters as people write them: `2026-09-30` (also with `/` or
 * `.`), `30/09/2026`, `2026-Q3`, `2026 Q3`, `Q3 2026`, `Q3-26`, `Q3'26`, a
 * quarter alone (`Q3`), `Sep 2026`, `September 30, 2026`, `30 Sep 2026`. A
 * year, a half or a month alone (`2026`, `2026-H2`, `May`) is not: the period
 * label of an export is one, and a month name is too often a plain word.
 *
 * A date starts where no letter or digit stands before it: checked by hand
 * (`dateMatches`), since a lookbehind at the head of the expression is tried
 * at every character of a megabyte export and costs three times the scan.
 */
const DATES = [
  `\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}${E}`,
  `\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}${E}`,
  `\\d{4}[- ]?q[1-4]${E}`,
  `q[1-4](?:\\s*[-/']\\s*|\\s+)(?:\\d{4}|\\d{2})${E}`,
  `q[1-4]${E}`,
  `${MONTH}\\.?\\s+(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s+)?\\d{4}${E}`,
  `\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}\\.?,?\\s+\\d{4}${E}`,
].join('|');
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function* dateMatches(text: string): Generator<string> {
  const re = new RegExp(DATES, 'giu'); // its own lastIndex (V8 keeps the compiled code)
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const i = m.index;
    const before = i === 0 ? '' : i >= 2 && /[\udc00-\udfff]/.test(text[i - 1]) ? text.slice(i - 2, i) : text[i - 1];
    if (before && LETTER_OR_DIGIT.test(before)) {
      re.lastIndex = i + 1;
      continue;
    }
    yield m[0];
  }
}

/** The dates and quarters written in a text, normalized (lowercase, single spaces), in order. */
export function findDates(text: string): string[] {
  return [...dateMatches(text)].map(normalizeDate);
}

/** The dates and quarters of a text as written, by their normalized form (the first spelling of each). */
export function writtenDates(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of dateMatches(text)) {
    const k = normalizeDate(d);
    if (!out.has(k)) out.set(k, d);
  }
  return out;
}

export function normalizeDate(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ');
}
