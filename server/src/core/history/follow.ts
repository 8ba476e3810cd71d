/**
 * History over many revisions, fast and following renames: the same series
 * as `krSeries` / `itemSeries` (series.ts), with every entity named as the
 * newest revision names it.
 *
 * Fast: a file whose text is the one it had at the revision before (the git
 * layer hands the same string for the same blob) is not looked at again; only
 * a revision with a roll-up KR whose `current` is computed builds the whole
 * cascade. Following: where two consecutive revisions do not name the same
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
import type { Item, KeyResult, UnitFile } from '../model';
import { Currents } from '../rollup';
import { ParseCache, type HistoryPoint, type ItemState, type Revision } from './series';

export interface History {
  /** KR ref (as the newest revision names it) → its value at each revision that set or changed it, oldest first. */
  krs: Map<string, HistoryPoint[]>;
  /** Item ref → horizon, status and confidence at each revision that changed one of them, oldest first. */
  items: Map<string, ItemState[]>;
  /** Revisions looked at, files parsed, and revision pairs that needed matching (renames): for tests and benchmarks. */
  stats: { revisions: number; parsed: number; matched: number };
}

interface Facts {
  text: string;
  file: UnitFile;
  /** [ref, written current, a roll-up KR without a written current]. */
  krs: [string, number | undefined, boolean][];
  /** [ref, signature, state]. */
  items: [string, string, Omit<ItemState, 'date' | 'commit' | 'author'>][];
  /** The refs it declares, joined: equal → nothing to match. */
  refs: string;
}

const ref = (e: KeyResult | Item) => `${e.unit}/${e.id}`;

function factsOf(file: UnitFile, text: string): Facts {
  const krs: Facts['krs'] = file.krs.map((k) => [ref(k), k.current?.value, !!k.rollup && k.current === undefined]);
  const items: Facts['items'] = file.items.map((it) => {
    const state = strip({ horizon: it.horizon?.value, status: it.status?.value, confidence: it.confidence?.value });
    return [ref(it), JSON.stringify([state.horizon, state.status, state.confidence]), state];
  });
  return { text, file, krs, items, refs: [file.unitId?.value ?? '', ...krs.map((k) => k[0]), ...items.map((i) => i[0])].join('\n') };
}

function strip<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

const dayOf = (date: string) => date.slice(0, 10);

const planOfFiles = (files: UnitFile[]): Plan => {
  const sorted = files.slice().sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { label: {}, files: sorted, index: new CascadeIndex(sorted), findings: () => [], display: (f) => f };
};

export interface HistoryOfOptions {
  cache?: ParseCache;
  /** Renames found between two revisions (`commit\ncommit` → older ref → newer ref), kept across calls: a new commit matches nothing again. */
  renames?: Map<string, Map<string, string>>;
}

export function historyOf(revisions: readonly Revision[], opts: HistoryOfOptions = {}): History {
  const cache = opts.cache ?? new ParseCache();
  const known = new Map<string, Facts>();
  let parsed = 0;
  const states: Facts[][] = revisions.map((rev) => {
    const list: Facts[] = [];
    for (const [file, text] of [...rev.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      let f = known.get(file);
      if (!f || f.text !== text) {
        const before = cache.size;
        f = factsOf(cache.get(file, text), text);
        if (cache.size > before) parsed++;
        known.set(file, f);
      }
      list.push(f);
    }
    return list;
  });

  // Each revision's refs → the newest revision's, composed from the newest back.
  const canon: Map<string, string>[] = new Array(revisions.length);
  let toNewest = new Map<string, string>();
  let matched = 0;
  for (let i = revisions.length - 1; i >= 0; i--) {
    if (i < revisions.length - 1 && !sameRefs(states[i], states[i + 1])) {
      const pair = `${revisions[i].commit}\n${revisions[i + 1].commit}`;
      let step = opts.renames?.get(pair);
      if (!step) {
        matched++;
        step = match({ base: planOfFiles(states[i].map((f) => f.file)), head: planOfFiles(states[i + 1].map((f) => f.file)), data: new DataReader(), same: sameField }).entityMap;
        opts.renames?.set(pair, step);
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
    canon[i] = toNewest;
  }

  const krs = new Map<string, HistoryPoint[]>();
  const items = new Map<string, ItemState[]>();
  let lastKr = new Map<string, number>();
  let lastItem = new Map<string, string>();
  let before = new Set<Facts>();
  revisions.forEach((rev, i) => {
    const name = (r: string) => canon[i].get(r) ?? r;
    const now = new Set(states[i]);
    const kr = (n: string, value: number, rolled: boolean) => {
      if (lastKr.get(n) !== value) push(krs, n, { date: dayOf(rev.date), value, source: 'git', commit: rev.commit, author: rev.author, ...(rolled ? { computed: true } : {}) });
    };
    const item = (n: string, sig: string, state: Facts['items'][number][2]) => {
      if (lastItem.get(n) !== sig) push(items, n, { date: dayOf(rev.date), commit: rev.commit, author: rev.author, ...state });
    };
    const computed = states[i].some((f) => f.krs.some((k) => k[2])) ? computedCurrents(states[i]) : undefined;
    if (i === 0 || computed || canon[i] !== canon[i - 1]) {
      // Every file looked at: the first revision, roll-ups computed over the cascade, renames.
      const seenKr = new Map<string, number>();
      const seenItem = new Map<string, string>();
      for (const f of states[i]) {
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
      lastKr = seenKr;
      lastItem = seenItem;
    } else {
      // Only the files that changed: what they say now, and what the files gone said before.
      const setKr = new Map<string, number | undefined>();
      const setItem = new Map<string, string>();
      for (const f of states[i]) {
        if (before.has(f)) continue;
        for (const [r, written] of f.krs) {
          if (written !== undefined) kr(name(r), written, false);
          setKr.set(name(r), written);
        }
        for (const [r, sig, state] of f.items) {
          item(name(r), sig, state);
          setItem.set(name(r), sig);
        }
      }
      for (const f of before) {
        if (now.has(f)) continue;
        for (const [r] of f.krs) if (!setKr.has(name(r))) lastKr.delete(name(r));
        for (const [r] of f.items) if (!setItem.has(name(r))) lastItem.delete(name(r));
      }
      for (const [n, v] of setKr) v === undefined ? lastKr.delete(n) : lastKr.set(n, v);
      for (const [n, v] of setItem) lastItem.set(n, v);
    }
    before = now;
  });
  return { krs, items, stats: { revisions: revisions.length, parsed, matched } };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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

/** Roll-up KRs without a written current: their computed values at this revision. */
function computedCurrents(files: Facts[]): Map<string, number> {
  const index = new CascadeIndex(files.map((f) => f.file).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)));
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
