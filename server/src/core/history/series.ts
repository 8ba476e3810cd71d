/**
 * A KR's values over time, from the revisions it is handed (DESIGN.md "The
 * review": `history`). Pure: the git layer (server/src/git/) reads commits and
 * passes their texts in; nothing here spawns a process or reads a file.
 *
 *   krSeries(revisions)        → ref → the value at each revision that set or changed it
 *   itemSeries(revisions)      → ref → horizon, status and confidence at each change
 *   withCheckins(kr, points)   → git points merged with the KR's hand check-ins, within its period
 *
 * Revisions come oldest first. A file whose text was seen before is parsed
 * once (the caller can share `ParseCache` across calls: keyed by file and text,
 * so the git layer's blob cache maps onto it). A roll-up KR without a written
 * `current` gets its computed value at each revision (marked `computed`).
 */
import { CascadeIndex } from '../link';
import type { Item, KeyResult, Period, UnitFile } from '../model';
import { parseUnitFile } from '../parse';
import { compareDays, parseDay } from '../period';
import { Currents } from '../rollup';
import { periodDays } from './pace';

/** One revision of the cascade: a commit (or a working tree) and its cascade files' texts. */
export interface Revision {
  commit: string;
  /** When it was committed: `YYYY-MM-DD…` (an ISO date or timestamp; the day is used). */
  date: string;
  author: string;
  /** File key → text, for every cascade file at that revision. */
  files: ReadonlyMap<string, string>;
}

export interface HistoryPoint {
  /** `YYYY-MM-DD` */
  date: string;
  value: number;
  source: 'git' | 'checkin';
  commit?: string;
  author?: string;
  /** A check-in's note. */
  note?: string;
  /** True when the value was computed by the KR's roll-up at that revision. */
  computed?: boolean;
}

export interface ItemState {
  date: string;
  commit: string;
  author: string;
  horizon?: string;
  status?: string;
  confidence?: string;
}

/** Parsed files by file key and text: a revision that did not touch a file costs nothing. */
export class ParseCache {
  private readonly byKey = new Map<string, UnitFile>();

  get(file: string, text: string): UnitFile {
    const key = `${file}\0${text}`;
    let f = this.byKey.get(key);
    if (!f) this.byKey.set(key, (f = parseUnitFile(file, text)));
    return f;
  }

  get size(): number {
    return this.byKey.size;
  }
}

export interface SeriesOptions {
  cache?: ParseCache;
  /** The ref an entity has today, given its ref at a revision (renames, moved units); identity by default. */
  canonical?: (ref: string, revision: Revision) => string;
}

const dayOf = (date: string) => date.slice(0, 10);

function indexAt(rev: Revision, cache: ParseCache): CascadeIndex {
  const files = [...rev.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([file, text]) => cache.get(file, text));
  return new CascadeIndex(files);
}

function* entitiesOf<K extends 'kr' | 'item'>(index: CascadeIndex, kind: K): Generator<K extends 'kr' ? KeyResult : Item> {
  for (const u of index.units.values()) for (const e of u.entities.values()) if (e.kind === kind) yield e as K extends 'kr' ? KeyResult : Item;
}

/** Ref → the value of `current` (written, or computed by roll-up) at each revision that set or changed it, oldest first. */
export function krSeries(revisions: readonly Revision[], opts: SeriesOptions = {}): Map<string, HistoryPoint[]> {
  const cache = opts.cache ?? new ParseCache();
  const out = new Map<string, HistoryPoint[]>();
  let last = new Map<string, number>();
  for (const rev of revisions) {
    const index = indexAt(rev, cache);
    const currents = new Currents(index);
    const seen = new Map<string, number>();
    for (const kr of entitiesOf(index, 'kr')) {
      const c = currents.of(kr);
      if (!c) continue;
      const ref = opts.canonical ? opts.canonical(`${kr.unit}/${kr.id}`, rev) : `${kr.unit}/${kr.id}`;
      seen.set(ref, c.value);
      if (last.get(ref) === c.value) continue;
      const point: HistoryPoint = { date: dayOf(rev.date), value: c.value, source: 'git', commit: rev.commit, author: rev.author, ...(c.computed ? { computed: true } : {}) };
      const list = out.get(ref);
      if (list) list.push(point);
      else out.set(ref, [point]);
    }
    // A KR that vanished (or lost its current) and comes back is a new point.
    last = seen;
  }
  return out;
}

/** Ref → the item's horizon, status and confidence at each revision that changed one of them, oldest first. */
export function itemSeries(revisions: readonly Revision[], opts: SeriesOptions = {}): Map<string, ItemState[]> {
  const cache = opts.cache ?? new ParseCache();
  const out = new Map<string, ItemState[]>();
  let last = new Map<string, string>();
  for (const rev of revisions) {
    const index = indexAt(rev, cache);
    const seen = new Map<string, string>();
    for (const it of entitiesOf(index, 'item')) {
      const ref = opts.canonical ? opts.canonical(`${it.unit}/${it.id}`, rev) : `${it.unit}/${it.id}`;
      const state = { horizon: it.horizon?.value, status: it.status?.value, confidence: it.confidence?.value };
      const sig = JSON.stringify(state);
      seen.set(ref, sig);
      if (last.get(ref) === sig) continue;
      const point: ItemState = { date: dayOf(rev.date), commit: rev.commit, author: rev.author, ...strip(state) };
      const list = out.get(ref);
      if (list) list.push(point);
      else out.set(ref, [point]);
    }
    last = seen;
  }
  return out;
}

function strip<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/**
 * The KR's history for the review: git points and hand check-ins (`checkins:`)
 * merged by date (on one day, git first), kept within the KR's period when it
 * has one.
 */
export function withCheckins(kr: KeyResult, git: readonly HistoryPoint[], period?: Pick<Period, 'first' | 'last'>): HistoryPoint[] {
  const hand: HistoryPoint[] = kr.checkins.map((c) => ({ date: c.date.value, value: c.value.value, source: 'checkin', ...(c.note ? { note: c.note.value } : {}) }));
  const all = [...git, ...hand].map((p, i) => ({ p, i }));
  all.sort((a, b) => (a.p.date < b.p.date ? -1 : a.p.date > b.p.date ? 1 : a.i - b.i));
  const days = period && periodDays(period);
  return all.map((x) => x.p).filter((p) => {
    if (!days) return true;
    const d = parseDay(p.date);
    return !!d && compareDays(d, days.first) >= 0 && compareDays(d, days.last) <= 0;
  });
}

/** The latest value on or before `day` (a `YYYY-MM-DD`), if any. */
export function valueAt(points: readonly HistoryPoint[], day: string): HistoryPoint | undefined {
  let found: HistoryPoint | undefined;
  for (const p of points) if (p.date <= day) found = p;
  return found;
}

