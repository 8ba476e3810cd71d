/**
 * Cascade text made safe for Markdown: whatever a title, hypothesis, unit name
 * or owner holds, it comes out as the same literal text wherever the Markdown is
 * pasted (CommonMark, GitHub Flavored Markdown, GitHub's extras) — never as
 * emphasis, a heading, a list, a block quote, raw HTML, a link, an autolink, an
 * image, a footnote, a mention, an issue reference or a line break.
 *
 * CommonMark lets any ASCII punctuation be escaped with `\`, and an escaped
 * character is always literal; everything below rests on that.
 */

import { oneLine } from './text';

/**
 * Characters escaped wherever they stand:
 * `\` (escapes), `` ` `` (code), `*` `_` (emphasis), `~` (strikethrough), `[` `]`
 * (links, images, footnotes, task boxes), `(` `)` (link destinations: some
 * renderers, marked among them, end a link text early at `](`), `<` `>` (HTML, autolinks, quotes), `&`
 * (entities), `|` (table cells), `#` (headings, GitHub issue references), `@`
 * (mentions, e-mail autolinks), `:` (URL autolinks, emoji), `$` (GitHub math),
 * `!` (images), `^` (footnotes elsewhere), `{` `}` (attribute extensions).
 */
const ALWAYS = /[\\`*_~[\]()<>&|#@:$!^{}]/g;

/**
 * Inline text: safe inside a paragraph, a list item, a heading, a table cell or
 * a link text. One line; a leading list marker, ordered-list number, `=` or
 * `+` escaped too, and `www.` split so no extended autolink forms.
 */
export function mdText(s: string): string {
  return oneLine(s)
    .replace(ALWAYS, '\\$&')
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d{1,9})([.)])/, '$1\\$2')
    .replace(/(www)\./gi, '$1\\.');
}

/**
 * A code span holding `s` literally: the fence is one backtick longer than the
 * longest run inside, padded when the text starts or ends with a backtick or a
 * space. In a table cell (`inTable`), `|` is escaped (GFM splits cells first).
 */
export function mdCode(s: string, inTable = false): string {
  let t = oneLine(s);
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  if (/^[` ]|[` ]$/.test(t) || t === '') t = ` ${t} `;
  if (inTable) t = t.replace(/\|/g, '\\|');
  return `${fence}${t}${fence}`;
}

/**
 * A link the export makes to a source file of the cascade: a relative path,
 * each segment percent-encoded (so no scheme such as `javascript:` can be read
 * from a file name, and no `(`, `)`, space or `<` ends the destination),
 * prefixed with `base`, plus a `#L<line>` anchor (1-based, as GitHub shows).
 * Undefined for anything that is not a plain relative path (absolute, a drive,
 * a URI, a `..` or empty segment: going up is only possible through `base`).
 */
export function sourceHref(file: string, line: number | undefined, base = ''): string | undefined {
  const path = file.replace(/\\/g, '/');
  // Absolute paths, drives and URIs are not linked; any other name is encoded below, `:` included.
  if (!path || path.startsWith('/') || /^[A-Za-z]:\//.test(path) || /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(path)) return undefined;
  const segments = path.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return undefined;
  const prefix = base.replace(/\\/g, '/').replace(/\/+$/, '');
  const baseSegs = prefix ? prefix.split('/') : [];
  if (baseSegs.some((s) => s === '' || (s !== '..' && s !== '.' && /[:]/.test(s)))) return undefined;
  const encode = (s: string) => (s === '..' || s === '.' ? s : encodeURIComponent(s).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29')));
  const all = [...baseSegs, ...segments].map(encode).join('/');
  const rel = all.startsWith('../') || all.startsWith('./') ? all : `./${all}`;
  return line === undefined ? rel : `${rel}#L${line + 1}`;
}

/** `[text](href)` with the text escaped; just the text when there is no safe href. */
export function mdLink(text: string, href: string | undefined): string {
  return href ? `[${mdText(text)}](${href})` : mdText(text);
}
