/**
 * What history needs from one text of a unit file, and nothing more: each
 * KR's `current` (and whether a roll-up computes it), each item's horizon,
 * status and confidence, and the refs the file declares.
 *
 * Cheap for the common commit: a text that differs from the file's text at
 * the revision before only in the values of a few `current:`, `horizon:`,
 * `status:`, `confidence:`, `target:` or `baseline:` lines (a check-in, a
 * slip, a drop) is not parsed: its facts are the older ones with those
 * values read from the changed lines. Only when the change is that narrow:
 * each changed line holds exactly one such value, the rest of the line is
 * unchanged, the old and the new value are plain tokens of the same kind (a
 * number for a number, a word the format allows for a word), the line count
 * is the same, and the file has no anchors, aliases, tags, directives, byte-
 * order mark or syntax errors. Then YAML reads the new text as the old one
 * with those values changed, so the facts are exactly what a parse gives.
 * Anything else is parsed (ParseCache).
 *
 * `root` is the model of the text the facts were derived from: the same
 * entities, titles and references as this text (only those values may
 * differ), which is what matching renames needs; `model()` parses this very
 * text when its values are needed (roll-ups computed over the cascade).
 */
import { DEFAULT_LIMITS } from '../config';
import { positionAt } from '../text';
import type { Item, KeyResult, Span, UnitFile } from '../model';
import { CONFIDENCES, HORIZONS, QUARTER, STATUSES } from '../schema';
import { ParseCache, type ItemState } from './series';

/** A value on one line that a narrow change may touch: where it is and what it feeds. */
interface Slot {
  line: number;
  start: number;
  end: number;
  /** 'kr': the KR's current (index in krs); 'inert': a number the facts do not hold (target, baseline); else the item field. */
  to: { kind: 'kr'; i: number } | { kind: 'item'; i: number; field: 'horizon' | 'status' | 'confidence' } | { kind: 'inert' };
}

export type ItemFacts = Omit<ItemState, 'date' | 'commit' | 'author'>;

export interface Facts {
  /** The file key. */
  file: string;
  text: string;
  /** The parsed text these facts were derived from (the same entities and references; values may differ). */
  root: UnitFile;
  /** [ref, written current, a roll-up KR without a written current]. */
  krs: [string, number | undefined, boolean][];
  /** [ref, signature, state]. */
  items: [string, string, ItemFacts][];
  /** The refs it declares, joined: equal → nothing to match. */
  refs: string;
  /** The values a narrow change may touch, by line (undefined: a change is always parsed). */
  slots?: Map<number, Slot>;
}

const ref = (e: KeyResult | Item) => `${e.unit}/${e.id}`;
const NUMBER = /^-?\d+(\.\d+)?$/;
const WORD = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

function strip<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

const signature = (s: ItemFacts) => JSON.stringify([s.horizon, s.status, s.confidence]);

/** Facts by file key and text, parsed or derived from the file's previous text; kept across calls. */
export class FactsCache {
  /** By file, then text (a text from git is one string for every revision it is in: its hash is computed once). */
  private readonly byFile = new Map<string, Map<string, Facts>>();

  constructor(readonly parsed: ParseCache = new ParseCache()) {}

  /** Texts parsed so far. */
  get size(): number {
    return this.parsed.size;
  }

  /** The facts of `text` at `file`; `before`: the same file's facts at the revision before, to derive them from. */
  of(file: string, text: string, before?: Facts): Facts {
    let texts = this.byFile.get(file);
    if (!texts) this.byFile.set(file, (texts = new Map()));
    let f = texts.get(text);
    if (!f) {
      f = (before && before.file === file && derive(before, text)) || factsOf(this.parsed.get(file, text), text);
      texts.set(text, f);
    }
    return f;
  }

  /** The model of exactly this text (parsed when the facts were derived). */
  model(f: Facts): UnitFile {
    return f.root.text === f.text ? f.root : this.parsed.get(f.file, f.text);
  }
}

function factsOf(file: UnitFile, text: string): Facts {
  const krs: Facts['krs'] = file.krs.map((k) => [ref(k), k.current?.value, !!k.rollup && k.current === undefined]);
  const items: Facts['items'] = file.items.map((it) => {
    const state = strip({ horizon: it.horizon?.value, status: it.status?.value, confidence: it.confidence?.value });
    return [ref(it), signature(state), state];
  });
  const facts: Facts = { file: file.file, text, root: file, krs, items, refs: [file.unitId?.value ?? '', ...krs.map((k) => k[0]), ...items.map((i) => i[0])].join('\n') };
  if (file.text === text && !file.syntaxErrors && !/[&*!]|^%/m.test(text)) facts.slots = slotsOf(file);
  return facts;
}

/** The values on lines of their own (two on one line: that line is never derived). */
function slotsOf(file: UnitFile): Map<number, Slot> | undefined {
  const slots = new Map<number, Slot>();
  const crowded = new Set<number>();
  const add = (span: Span, token: string, to: Slot['to']) => {
    const line = lineOf(file.lineStarts, span[0]);
    const start = span[0] - file.lineStarts[line];
    const end = span[1] - file.lineStarts[line];
    if (file.text.slice(span[0], span[1]) !== token || line !== lineOf(file.lineStarts, span[1])) return crowded.add(line);
    if (slots.has(line)) crowded.add(line);
    slots.set(line, { line, start, end, to });
  };
  file.krs.forEach((k, i) => {
    if (k.current) add(k.current.span, String(k.current.value), { kind: 'kr', i });
    if (k.target) add(k.target.span, String(k.target.value), { kind: 'inert' });
    if (k.baseline) add(k.baseline.span, String(k.baseline.value), { kind: 'inert' });
  });
  file.items.forEach((it, i) => {
    for (const field of ['horizon', 'status', 'confidence'] as const) {
      const v = it[field];
      if (v) add(v.span, v.value, { kind: 'item', i, field });
    }
  });
  for (const l of crowded) slots.delete(l);
  return slots;
}

const lineOf = (starts: readonly number[], offset: number): number => positionAt(starts, offset).line;

/** Is `token` a value YAML reads as itself that the field allows? */
function allowed(to: Slot['to'], token: string): boolean {
  if (to.kind !== 'item') return NUMBER.test(token) && Number.isFinite(Number(token));
  if (!WORD.test(token)) return false;
  if (to.field === 'horizon') return (HORIZONS as readonly string[]).includes(token) || QUARTER.test(token);
  return ((to.field === 'status' ? STATUSES : CONFIDENCES) as readonly string[]).includes(token);
}

/** The facts of `text` from the file's previous facts, when only slot values changed; undefined otherwise. */
function derive(before: Facts, text: string): Facts | undefined {
  // (A text within a third of the size limit is never too big: the parser's own first check.)
  if (!before.slots || text.charCodeAt(0) === 0xfeff || text.length * 3 > DEFAULT_LIMITS.maxFileSize) return undefined;
  // The lines that differ: from the first differing character's line to the last's, in both texts.
  const old = before.text;
  const most = Math.min(old.length, text.length);
  let p = 0;
  while (p < most && old.charCodeAt(p) === text.charCodeAt(p)) p++;
  let e = 0;
  while (e < most - p && old.charCodeAt(old.length - 1 - e) === text.charCodeAt(text.length - 1 - e)) e++;
  const from = p === 0 ? 0 : old.lastIndexOf('\n', p - 1) + 1;
  let first = 0;
  for (let i = old.indexOf('\n'); i >= 0 && i < from; i = old.indexOf('\n', i + 1)) first++;
  const end = (t: string) => {
    const nl = t.indexOf('\n', t.length - e);
    return nl < 0 ? t.length : nl;
  };
  const a = old.slice(from, end(old)).split('\n');
  const b = text.slice(from, end(text)).split('\n');
  if (a.length !== b.length) return undefined;
  let krs: Facts['krs'] | undefined;
  let items: Facts['items'] | undefined;
  let slots: Map<number, Slot> | undefined;
  for (let k = 0; k < a.length; k++) {
    const l = first + k;
    if (a[k] === b[k]) continue;
    const s = before.slots.get(l);
    if (!s) return undefined;
    const prefix = a[k].slice(0, s.start);
    const suffix = a[k].slice(s.end);
    if (b[k].length <= prefix.length + suffix.length || !b[k].startsWith(prefix) || !b[k].endsWith(suffix)) return undefined;
    const token = b[k].slice(s.start, b[k].length - suffix.length);
    if (!allowed(s.to, token)) return undefined;
    slots ??= new Map(before.slots);
    slots.set(l, { ...s, end: s.start + token.length });
    if (s.to.kind === 'kr') {
      krs ??= before.krs.slice();
      const [r, , rolled] = krs[s.to.i];
      krs[s.to.i] = [r, Number(token), rolled];
    } else if (s.to.kind === 'item') {
      items ??= before.items.slice();
      const [r, , state] = items[s.to.i];
      const next = { ...state, [s.to.field]: token };
      items[s.to.i] = [r, signature(next), next];
    }
  }
  return { file: before.file, text, root: before.root, krs: krs ?? before.krs, items: items ?? before.items, refs: before.refs, slots };
}
