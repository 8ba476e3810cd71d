/**
 * History over many revisions, fast and following renames: the same series
 * as `krSeries` / `itemSeries` (series.ts), with every entity named as the
 * newest revision names it.
 *
 * Fast: a file whose text is the one it had at the revision before (the git
 * layer hands the same string for the same blob) is not looked at again; a
 * text that only moved values is not parsed (facts.ts); only a revision with
 * a roll-up KR whose `current` is computed builds the whole cascade; and a
 * history grows with new commits without looking at the older ones again
 * (HistoryBuilder), unless a new commit renamed something. Following: where two consecutive revisions do not name the same
 * KRs and items (an id renamed, a unit renamed, entities added or removed),
 * they are matched as `okr diff` matches them (core/compare/match.ts), and a
 * KR's older points join the series of the KR it became. A file moved keeps
 * its unit and ids, so it needs no matching.
 */
import { DataReader } from '../compare/data';
import { sameField } from '../compare/fields';
import { match } from '../compare/match';
import type { Plan } from '../compare/plan';
import { CascadeIndex } from '../link';
import type { UnitFile } from '../model';
import { Currents } from '../rollup';
import { FactsCache, type Facts } from './facts';
import type { HistoryPoint, ItemState, Revision } from './series';

export interface History {
  /** KR ref (as the newest revision names it) → its value at each revision that set or changed it, oldest first. */
  krs: Map<string, HistoryPoint[]>;
  /** Item ref → horizon, status and confidence at each revision that changed one of them, oldest first. */
  items: Map<string, ItemState[]>;
  /** Revisions looked at, files parsed, and revision pairs that needed matching (renames): for tests and benchmarks. */
  stats: { revisions: number; parsed: number; matched: number };
}

const dayOf = (date: string) => date.slice(0, 10);

const planOfFiles = (files: UnitFile[]): Plan => {
  const sorted = files.slice().sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { label: {}, files: sorted, index: new CascadeIndex(sorted), findings: () => [], display: (f) => f };
};

export interface HistoryOfOptions {
  /** Facts by file and text (derived from the file's previous text where only values changed), kept across calls. */
  cache?: FactsCache;
  /** Renames found between two revisions (`commit\ncommit` → older ref → newer ref), kept across calls: a new commit matches nothing again. */
  renames?: Map<string, Map<string, string>>;
}

export function historyOf(revisions: readonly Revision[], opts: HistoryOfOptions = {}): History {
  return new HistoryBuilder(opts).extend(revisions);
}

/**
 * `historyOf` that grows: `extend` with the revisions after the last ones
 * (new commits) looks only at those, unless one of them renamed something
 * (then every older point is named anew: the whole history is rebuilt).
 * Each answer is its own: a later `extend` never changes an earlier one.
 */
export class HistoryBuilder {
  private readonly cache: FactsCache;
  private revisions: Revision[] = [];
  private states: Facts[][] = [];
  private canon: Map<string, string>[] = [];
  private known = new Map<string, Facts>();
  private krs = new Map<string, HistoryPoint[]>();
  private items = new Map<string, ItemState[]>();
  private lastKr = new Map<string, number>();
  private lastItem = new Map<string, string>();
  private before = new Set<Facts>();
  private matched = 0;
  private parsed = 0;

  constructor(private readonly opts: HistoryOfOptions = {}) {
    this.cache = opts.cache ?? new FactsCache();
  }

  /** Each file's facts at the newest revision. */
  get latest(): ReadonlyMap<string, Facts> {
    return this.known;
  }

  /** The history with these revisions (oldest first, after those given before) added. */
  extend(more: readonly Revision[]): History {
    const parsedBefore = this.cache.size;
    const from = this.revisions.length;
    for (const rev of more) {
      const list: Facts[] = [];
      for (const [file, text] of [...rev.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        let f = this.known.get(file);
        if (!f || f.text !== text) this.known.set(file, (f = this.cache.of(file, text, f)));
        list.push(f);
      }
      this.revisions.push(rev);
      this.states.push(list);
    }
    const renamed = this.states.slice(Math.max(0, from - 1)).some((s, i, all) => i > 0 && !sameRefs(all[i - 1], s));
    const start = renamed ? 0 : from;
    if (renamed) this.name();
    else for (let i = from; i < this.revisions.length; i++) this.canon[i] = i > 0 ? this.canon[i - 1] : new Map();
    if (start === 0) {
      this.krs = new Map();
      this.items = new Map();
      this.lastKr = new Map();
      this.lastItem = new Map();
      this.before = new Set();
    } else {
      this.krs = new Map(this.krs);
      this.items = new Map(this.items);
    }
    const fresh = new Set<unknown[]>();
    for (let i = start; i < this.revisions.length; i++) this.series(i, fresh);
    this.parsed += this.cache.size - parsedBefore;
    return { krs: this.krs, items: this.items, stats: { revisions: this.revisions.length, parsed: this.parsed, matched: this.matched } };
  }

  /** Each revision's refs → the newest revision's, composed from the newest back. */
  private name(): void {
    const { revisions, states, cache } = this;
    let toNewest = new Map<string, string>();
    for (let i = revisions.length - 1; i >= 0; i--) {
      if (i < revisions.length - 1 && !sameRefs(states[i], states[i + 1])) {
        const pair = `${revisions[i].commit}\n${revisions[i + 1].commit}`;
        let step = this.opts.renames?.get(pair);
        if (!step) {
          this.matched++;
          step = match({ base: planOfFiles(modelsFor(states[i], states[i + 1], cache)), head: planOfFiles(modelsFor(states[i + 1], states[i], cache)), data: new DataReader(), same: sameField }).entityMap;
          this.opts.renames?.set(pair, step);
        }
        const next = new Map<string, string>();
        for (const f of states[i]) {
          for (const [r] of [...f.krs, ...f.items]) {
            const to = step.get(r) ?? r;
            next.set(r, toNewest.get(to) ?? to);
          }
        }
        toNewest = next;
      }
      this.canon[i] = toNewest;
    }
  }

  /** The points revision `i` adds (`fresh`: the lists this call made, pushed to in place). */
  private series(i: number, fresh: Set<unknown[]>): void {
    const { krs, items, canon } = this;
    const rev = this.revisions[i];
    const states = this.states[i];
    const name = (r: string) => canon[i].get(r) ?? r;
    const now = new Set(states);
    const kr = (n: string, value: number, rolled: boolean) => {
      if (this.lastKr.get(n) !== value) push(krs, n, { date: dayOf(rev.date), value, source: 'git', commit: rev.commit, author: rev.author, ...(rolled ? { computed: true } : {}) }, fresh);
    };
    const item = (n: string, sig: string, state: Facts['items'][number][2]) => {
      if (this.lastItem.get(n) !== sig) push(items, n, { date: dayOf(rev.date), commit: rev.commit, author: rev.author, ...state }, fresh);
    };
    const computed = states.some((f) => f.krs.some((k) => k[2])) ? computedCurrents(states, this.cache) : undefined;
    if (i === 0 || computed || canon[i] !== canon[i - 1]) {
      // Every file looked at: the first revision, roll-ups computed over the cascade, renames.
      const seenKr = new Map<string, number>();
      const seenItem = new Map<string, string>();
      for (const f of states) {
        for (const [r, written, rolled] of f.krs) {
          const value = rolled ? computed?.get(r) : written;
          if (value === undefined) continue;
          kr(name(r), value, rolled);
          seenKr.set(name(r), value);
        }
        for (const [r, sig, state] of f.items) {
          item(name(r), sig, state);
          seenItem.set(name(r), sig);
        }
      }
      this.lastKr = seenKr;
      this.lastItem = seenItem;
    } else {
      // Only the files that changed: what they say now, and what the files gone said before.
      const setKr = new Map<string, number | undefined>();
      const setItem = new Map<string, string>();
      for (const f of states) {
        if (this.before.has(f)) continue;
        for (const [r, written] of f.krs) {
          if (written !== undefined) kr(name(r), written, false);
          setKr.set(name(r), written);
        }
        for (const [r, sig, state] of f.items) {
          item(name(r), sig, state);
          setItem.set(name(r), sig);
        }
      }
      for (const f of this.before) {
        if (now.has(f)) continue;
        for (const [r] of f.krs) if (!setKr.has(name(r))) this.lastKr.delete(name(r));
        for (const [r] of f.items) if (!setItem.has(name(r))) this.lastItem.delete(name(r));
      }
      for (const [n, v] of setKr) v === undefined ? this.lastKr.delete(n) : this.lastKr.set(n, v);
      for (const [n, v] of setItem) this.lastItem.set(n, v);
    }
    this.before = now;
  }
}

/** Adds a point; a list an earlier answer holds is copied first. */
function push<T>(map: Map<string, T[]>, key: string, value: T, fresh: Set<unknown[]>): void {
  let list = map.get(key);
  if (list && !fresh.has(list)) map.set(key, (list = list.slice()));
  if (!list) map.set(key, (list = []));
  fresh.add(list);
  list.push(value);
}

/** The same refs in the same files (a file moved or edited in values only needs no matching). */
function sameRefs(a: Facts[], b: Facts[]): boolean {
  if (a.length !== b.length) {
    const refs = (l: Facts[]) => l.map((f) => f.refs).sort().join('\n\n');
    return refs(a) === refs(b);
  }
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && a[i].refs !== b[i].refs) return sameMultiset(a, b);
  return true;
}

function sameMultiset(a: Facts[], b: Facts[]): boolean {
  const refs = (l: Facts[]) => l.map((f) => f.refs).sort().join('\n\n');
  return refs(a) === refs(b);
}

/**
 * The models of one side of a revision pair, for matching: a file whose refs
 * are the same at the same path on the other side has all its entities
 * paired by id, so the model it was derived from does (same entities,
 * titles and references); any other file is read as it is (its entities
 * may be renamed or moved, judged on their values too).
 */
function modelsFor(side: Facts[], other: Facts[], cache: FactsCache): UnitFile[] {
  const refs = new Map(other.map((f) => [f.file, f.refs]));
  return side.map((f) => (refs.get(f.file) === f.refs ? f.root : cache.model(f)));
}

/** Roll-up KRs without a written current: their computed values at this revision. */
function computedCurrents(files: Facts[], cache: FactsCache): Map<string, number> {
  const index = new CascadeIndex(files.map((f) => cache.model(f)).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)));
  const currents = new Currents(index);
  const out = new Map<string, number>();
  for (const f of files) {
    for (const [r, , rolled] of f.krs) {
      if (!rolled) continue;
      const e = index.entity(r);
      const c = e?.kind === 'kr' ? currents.of(e) : undefined;
      if (c) out.set(r, c.value);
    }
  }
  return out;
}
