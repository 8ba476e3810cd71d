/**
 * The hypothesis template: the sentence the missing-hypothesis quick fix
 * writes ("We believe <the change> will move <the KR> because <reason>"), and
 * how the rules tell a template still to be filled in from a hypothesis a
 * person wrote. Both sides use the placeholders defined here, so the fix's
 * own text is always recognised as unfinished.
 */
import type { Span } from './model';

/** What the fix leaves where the reason goes; a snippet selects it, so typing replaces it. */
export const REASON_PLACEHOLDER = '<reason>';
/** Where the KR goes when the item supports none yet. */
export const KR_PLACEHOLDER = '<the key result>';

/**
 * A placeholder nobody replaced: `<words>` (`<reason>`, `<the change>`), or an
 * ellipsis standing alone as a word (`because …`, `We believe ... will`).
 */
const HOLE = /<[A-Za-z][A-Za-z '’-]{0,40}>|(?<=^|\s)(?:…|\.\.\.)(?=\s|$)/;

/** The first placeholder still in a hypothesis (its text and offset in `hypothesis`), if any. */
export function unfilledPlaceholder(hypothesis: string): { text: string; index: number } | undefined {
  const m = HOLE.exec(hypothesis);
  return m ? { text: m[0], index: m.index } : undefined;
}

/**
 * A title as it reads in the middle of a sentence: the first letter
 * lower-cased, unless the first word looks like a name or an acronym
 * (`TPV`, `iDEAL`, `WooCommerce`, `3DS`, `I`); no closing full stop.
 */
export function midSentence(title: string): string {
  const t = title.trim().replace(/[.!]+$/, '');
  const first = /^\S+/.exec(t)?.[0] ?? '';
  const ordinaryWord = first === 'A' || /^[A-Z][^A-Z0-9]+$/.test(first);
  return ordinaryWord ? t[0].toLowerCase() + t.slice(1) : t;
}

/** KR titles that start with a verb ("Cut churn") read "will help cut churn"; a metric ("Churn rate") reads "will move churn rate". */
const VERBS = new Set([
  'achieve', 'boost', 'bring', 'convert', 'cut', 'decrease', 'deliver', 'double', 'drive', 'eliminate', 'expand', 'get',
  'grow', 'halve', 'hit', 'improve', 'increase', 'keep', 'launch', 'lift', 'lower', 'maintain', 'make', 'maximise', 'maximize',
  'minimise', 'minimize', 'move', 'raise', 'reach', 'recover', 'reduce', 'remove', 'retain', 'shorten', 'speed', 'stop',
  'triple', 'turn', 'win',
]);

export interface HypothesisTemplate {
  /** The sentence, placeholders included as plain text (what a client without snippets inserts). */
  text: string;
  /** The places to fill in, in tab order, as offsets into `text`. */
  placeholders: Span[];
}

/**
 * "We believe <change> will move <kr> because <reason>": the change is the
 * item's title (a placeholder pre-filled with it), the KR its title when it
 * has one (else its reference, else a placeholder), the reason a placeholder.
 */
export function hypothesisTemplate(change: string, kr: { title?: string; ref?: string } | undefined): HypothesisTemplate {
  const placeholders: Span[] = [];
  let text = '';
  const put = (s: string, hole = false) => {
    if (hole) placeholders.push([text.length, text.length + s.length]);
    text += s;
  };
  put('We believe ');
  put(midSentence(change), true);
  const title = kr?.title?.trim();
  if (title) {
    const verb = VERBS.has(/^\S+/.exec(title)![0].toLowerCase());
    put(` will ${verb ? 'help' : 'move'} ${midSentence(title)}`);
  } else if (kr?.ref) {
    put(` will move ${kr.ref}`);
  } else {
    put(' will move ');
    put(KR_PLACEHOLDER, true);
  }
  put(' because ');
  put(REASON_PLACEHOLDER, true);
  return { text, placeholders };
}
