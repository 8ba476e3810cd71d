/** Plain-text helpers shared by the exporters. */

// C0/C1 controls other than white space, and lone surrogates.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Every kind of line break and run of white space, Unicode's included.
const SPACE = /[\s\u0085\u2028\u2029]+/g;

/** One line of text: controls shown as U+FFFD, white space (line breaks too) collapsed to one space, trimmed. */
export function oneLine(s: string): string {
  return s.replace(CONTROL, '\uFFFD').replace(SPACE, ' ').trim();
}

export const percent = (p: number): string => `${Math.round(p * 100)}%`;
