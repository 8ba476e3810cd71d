/**
 * Text for the SVG drawing without a browser: XML escaping, a width estimate
 * from font metrics, and wrapping to a box. Pure, so the same drawing comes out
 * of the CLI and of the preview.
 *
 * Widths are DejaVu Sans's advance widths (the first font of the drawing's
 * family list, Debian's default sans-serif, and as wide as any common sans: in
 * Verdana the text takes the same room, in Helvetica, Arial or Segoe UI less),
 * so text measured here stays inside its box in rsvg, Inkscape and browsers.
 */
import { oneLine } from './text';

/** The font stack of the drawing: measured with the first, the others no wider. */
export const FONT_FAMILY = "'DejaVu Sans', Verdana, Geneva, sans-serif";

// Advance widths of U+0020..U+007E in 1/1000 em (DejaVu Sans Book and Bold).
const ASCII_NORMAL = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
  636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
  1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
  603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
  500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
  635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];
const ASCII_BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
  696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
  1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
  733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
  500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
  716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
];

/** 1/1000 em of one code point: the table for ASCII; generous classes for the rest. */
function advance(cp: number, bold: boolean): number {
  if (cp >= 0x20 && cp <= 0x7e) return (bold ? ASCII_BOLD : ASCII_NORMAL)[cp - 0x20];
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfe0f) return 0; // combining marks, zero-width, variation selector
  if (isWide(cp)) return 1000;
  if (cp === 0x2026 || cp === 0x2014) return 1000; // … —
  return bold ? 760 : 700;
}

/** East Asian wide and emoji ranges: a full em. */
function isWide(cp: number): boolean {
  return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3)
    || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60)
    || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f000 && cp <= 0x1faff) || (cp >= 0x20000 && cp <= 0x3fffd)
    || (cp >= 0x2600 && cp <= 0x27bf);
}

/** Estimated width of `s` in px at `size` px. */
export function textWidth(s: string, size: number, bold = false): number {
  let w = 0;
  for (const ch of s) w += advance(ch.codePointAt(0)!, bold);
  return (w * size) / 1000;
}

export interface Wrapped {
  lines: string[];
  /** True when text was cut (the last line ends with an ellipsis). */
  truncated: boolean;
}

/**
 * `s` on at most `maxLines` lines no wider than `width` px: broken at spaces,
 * a word longer than a line broken where it must, the last line cut with `…`
 * when the text does not fit.
 */
export function wrap(s: string, width: number, size: number, maxLines: number, bold = false): Wrapped {
  const fits = (t: string) => textWidth(t, size, bold) <= width;
  const lines: string[] = [];
  let line = '';
  const words = oneLine(s).split(' ').filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const candidate = line ? `${line} ${word}` : word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line) {
      lines.push(line);
      line = '';
    }
    // The word alone: break it where it must.
    let rest = word;
    while (!fits(rest)) {
      const chars = [...rest];
      let n = chars.length - 1;
      while (n > 1 && !fits(chars.slice(0, n).join(''))) n--;
      lines.push(chars.slice(0, n).join(''));
      rest = chars.slice(n).join('');
      if (lines.length > maxLines) break;
    }
    line = rest;
    if (lines.length > maxLines) break;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return { lines, truncated: false };
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = ellipsize(kept[maxLines - 1], width, size, bold);
  return { lines: kept, truncated: true };
}

/** `s` cut so that `s…` fits `width`. */
export function ellipsize(s: string, width: number, size: number, bold = false): string {
  const chars = [...s];
  while (chars.length && textWidth(`${chars.join('')}…`, size, bold) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

// Characters XML 1.0 cannot hold: C0 controls but tab, LF and CR; lone surrogates; U+FFFE, U+FFFF.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content: characters XML cannot hold replaced by U+FFFD, `&`, `<`, `>` escaped. */
export function xmlText(s: string): string {
  return s.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value (in double quotes). */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;');
}

/** Text for a `<title>` or `<desc>`: one line of the cascade's text, escaped. */
export function xmlLine(s: string): string {
  return xmlText(oneLine(s));
}
