/**
 * The leak check of every audience: renders, in memory, exactly the exports
 * `okr roadmap --audience all` writes (every unit an audience sees, every view
 * it allows, every format it lists) and scans their text (scan.ts).
 *
 * Incremental: a roadmap's scan is kept with the fingerprint of the files it is
 * made from (deps.ts) and a hash of its redacted model. A pass re-builds only
 * the roadmaps whose files changed, re-renders only those whose redacted model
 * changed, and re-scans a kept one when a new private text could be in it
 * (all of its words are among the words the export holds). A pass runs in
 * steps, one roadmap (unit and view) at a time, so an editor can interleave it
 * with typing; `run` does a whole pass at once (the CLI).
 *
 * Not scanned: the renderer bundle and stylesheet an HTML page embeds (the same
 * code in every export, no text of the cascade); everything else of the page is.
 */
import type { Audience, Limits, PaceThresholds } from '../config';
import type { CascadeIndex } from '../link';
import { dayQuarter, type Day } from '../period';
import { buildRoadmap, RoadmapError, roadmapUnitList } from '../roadmap/index';
import type { RoadmapModel, RoadmapView } from '../roadmap/model';
import { dependencies, FileVersions } from './deps';
import { Lens } from './lens';
import { collectLeaks, LeakSet, type Hit, type LeakSite } from './leaks';
import { Privacy, privateTexts } from './privacy';
import { redact, type Redacted } from './redact';
import { audienceUnits, renderAudienceModel, type ExportFormat } from './render';
import { Matcher } from './matcher';
import { containsWords, decode, findDates, normalizeDate, words, writtenDates } from './scan';

interface Entry {
  fp: string;
  /** The hash of the redacted model; computed only once a later pass has a kept scan to compare with. */
  hash?: string;
  hits: Hit[];
  /** Whether the audience looks for private texts (a new private text makes the scan stale). */
  private: boolean;
  stale?: boolean;
}

interface NeedleMeta {
  kind: 'forbidden' | 'private';
  text: string;
  words: string[];
  word?: string;
}

const key = (audience: string, unit: string, view: string) => `${audience}\0${unit}\0${view}`;

export class AudienceScanner {
  private readonly versions = new FileVersions();
  private readonly cache = new Map<string, Entry>();
  private settings = '';
  private audiences: Audience[] = [];
  private asOf: Day = { y: 1970, m: 1, d: 1 };
  private pace?: PaceThresholds;
  private privateKeys = new Set<string>();

  /** The audiences and "today"; a change drops every kept scan. */
  configure(audiences: readonly Audience[], asOf: Day, pace?: PaceThresholds): void {
    const settings = JSON.stringify([asOf, pace, audiences.map((a) => [a.name, a.views, a.show, a.include, a.hidePrivate, a.dates, a.forbidden.map((f) => f.value), a.formats])]);
    if (settings === this.settings) return;
    this.settings = settings;
    this.audiences = [...audiences];
    this.asOf = asOf;
    this.pace = pace;
    this.cache.clear();
  }

  get configured(): boolean {
    return this.audiences.length > 0;
  }

  /** A whole pass at once. */
  run(index: CascadeIndex): LeakSet {
    const pass = this.begin(index);
    while (!pass.step());
    return pass.result();
  }

  /** A pass over the cascade as it is now; do not step it after the cascade changed (begin another). */
  begin(index: CascadeIndex): ScanPass {
    return new ScanPass(this, index);
  }

  /** @internal */ state() {
    return { versions: this.versions, cache: this.cache, audiences: this.audiences, asOf: this.asOf, pace: this.pace, privateKeys: this.privateKeys };
  }

  /** @internal */ setPrivateKeys(keys: Set<string>): void {
    this.privateKeys = keys;
  }
}

export class ScanPass {
  private readonly queue: [unit: string, view: RoadmapView][] = [];
  private readonly plan = new Map<string, Audience[]>();
  private readonly lenses = new Map<string, Lens>();
  private readonly needles = new Map<string, { set: Matcher; meta: NeedleMeta[] }>();
  private readonly fingerprints = new Map<string, string>();
  private readonly visited = new Set<string>();
  private readonly origins = new Map<string, string>();
  private todayQuarter = 0;
  /** The units list every model carries, built once per pass (the redacted model drops it anyway). */
  private unitList?: RoadmapModel['units'];
  private next = 0;
  private prepared = false;
  /** The parse limits of the cascade's files (for a scan made elsewhere from their texts: lsp/leak-worker.ts). */
  limits?: Limits;

  /** Cheap: the plan is made at the first step. */
  constructor(private readonly scanner: AudienceScanner, readonly index: CascadeIndex) {}

  /** What the pass scans with: enough to run the same scan on another thread. */
  get settings(): { audiences: Audience[]; asOf: Day; pace?: PaceThresholds; limits?: Limits } {
    const { audiences, asOf, pace } = this.scanner.state();
    return { audiences, asOf, ...(pace ? { pace } : {}), ...(this.limits ? { limits: this.limits } : {}) };
  }

  private prepare(): void {
    if (this.prepared) return;
    this.prepared = true;
    const index = this.index;
    const { audiences, asOf, cache, privateKeys } = this.scanner.state();
    this.todayQuarter = dayQuarter(asOf);
    const privacy = new Privacy(index);
    const texts = privateTexts(index, privacy, words);
    for (const t of texts) this.origins.set(t.words.join(' '), t.label);
    // A kept scan may now miss a new private text (something was just marked private, a rare edit): scan again every roadmap that looks for them.
    if (texts.some((t) => !privateKeys.has(t.words.join(' ')))) for (const e of cache.values()) if (e.private) e.stale = true;
    this.scanner.setPrivateKeys(new Set(this.origins.keys()));
    const units = new Map<string, Set<RoadmapView>>();
    for (const a of audiences) {
      const lens = new Lens(a, index, privacy);
      this.lenses.set(a.name, lens);
      const meta: NeedleMeta[] = a.forbidden.map((f) => ({ kind: 'forbidden' as const, text: words(f.value).join(' '), words: words(f.value), word: f.value })).filter((m) => m.words.length);
      if (a.hidePrivate) for (const t of texts) meta.push({ kind: 'private', text: t.words.join(' '), words: t.words });
      this.needles.set(a.name, { set: new Matcher(meta.map((m) => m.words)), meta });
      for (const u of audienceUnits(index, lens)) {
        const views = units.get(u) ?? new Set<RoadmapView>();
        a.views.forEach((v) => views.add(v));
        units.set(u, views);
        this.plan.set(u, [...(this.plan.get(u) ?? []), a]);
      }
    }
    for (const [u, views] of [...units].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) for (const v of views) this.queue.push([u, v]);
  }

  /** How many roadmaps (unit and view) the pass covers, and how many are done. */
  get progress(): { done: number; total: number } {
    this.prepare();
    return { done: this.next, total: this.queue.length };
  }

  /** Checks one roadmap (every audience that gets it); true when the pass is done. */
  step(): boolean {
    this.prepare();
    if (this.next >= this.queue.length) return true;
    const [unit, view] = this.queue[this.next++];
    const { versions, cache, asOf, pace } = this.scanner.state();
    let fp = this.fingerprints.get(unit);
    if (fp === undefined) this.fingerprints.set(unit, (fp = versions.fingerprint(this.index, dependencies(this.index, unit))));
    const todo: Audience[] = [];
    for (const a of this.plan.get(unit) ?? []) {
      if (!a.views.includes(view)) continue;
      const k = key(a.name, unit, view);
      this.visited.add(k);
      const e = cache.get(k);
      if (!(e && e.fp === fp && !e.stale)) todo.push(a);
    }
    if (!todo.length) return this.next >= this.queue.length;
    let base: RoadmapModel | undefined;
    try {
      base = buildRoadmap(this.index, { unit, view, asOf, unitList: (this.unitList ??= roadmapUnitList(this.index)), ...(pace ? { pace } : {}) });
    } catch (e) {
      if (!(e instanceof RoadmapError)) throw e;
    }
    for (const a of todo) {
      const k = key(a.name, unit, view);
      if (!base) {
        cache.set(k, { fp, hits: [], private: a.hidePrivate });
        continue;
      }
      const red = redact(base, this.lenses.get(a.name)!, this.todayQuarter);
      // A kept scan of this roadmap is still good when the redacted model (and where its texts come from) did not change.
      const e = cache.get(k);
      const hash = e ? hashOf(`${JSON.stringify(red.model)}\n${red.sources.map((s) => `${s.file}\0${s.owner}\0${s.field}`).join('\n')}`) : undefined;
      if (e && e.hash === hash && !e.stale) {
        e.fp = fp;
        continue;
      }
      cache.set(k, { fp, hash, hits: scanRedacted(red, a, this.needles.get(a.name)!), private: a.hidePrivate });
    }
    return this.next >= this.queue.length;
  }

  /** The leaks of the whole pass (call when `step` answered true). Forgets the scans of roadmaps no longer rendered. */
  result(): LeakSet {
    this.prepare();
    const { cache, audiences } = this.scanner.state();
    for (const k of [...cache.keys()]) if (!this.visited.has(k)) cache.delete(k);
    const entries: { audience: string; unit: string; view: RoadmapView; hits: Hit[]; home: LeakSite }[] = [];
    for (const a of audiences) {
      for (const [unit, view] of this.queue) {
        const e = cache.get(key(a.name, unit, view));
        if (!e?.hits.length) continue;
        const f = this.index.units.get(unit)?.primary;
        if (!f) continue;
        entries.push({ audience: a.name, unit, view, hits: e.hits, home: { file: f.file, owner: unit, field: 'unit' } });
      }
    }
    return new LeakSet(collectLeaks(entries, this.origins));
  }
}

/** Renders the audience's formats of one redacted model and scans each text. */
export function scanRedacted(red: Redacted, audience: Audience, needles: { set: Matcher; meta: NeedleMeta[] }): Hit[] {
  const found = new Map<number, Set<ExportFormat>>();
  const dates = new Map<string, Set<ExportFormat>>();
  const add = <K>(map: Map<K, Set<ExportFormat>>, k: K, f: ExportFormat) => (map.get(k) ?? map.set(k, new Set()).get(k)!).add(f);
  for (const format of audience.formats) {
    const text = decode(renderAudienceModel(red.model, format, undefined, 'okrscan')).toLowerCase();
    for (const n of needles.set.find(text)) add(found, n, format);
    if (!audience.dates) for (const d of findDates(text)) add(dates, d, format);
  }
  const hits: Hit[] = [];
  if (!found.size && !dates.size) return hits;
  // Back to the texts that hold each hit through an index of their words and dates, so that many hits in a large roadmap do not each read every text.
  const sources = red.sources.map((s) => ({ site: { file: s.file, owner: s.owner, field: s.field }, words: words(s.value.value), dates: writtenDates(s.value.value) }));
  const byWord = new Map<string, number[]>();
  const byDate = new Map<string, number[]>();
  const note = <K>(map: Map<K, number[]>, k: K, i: number) => {
    const list = map.get(k);
    if (!list) map.set(k, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  sources.forEach((s, i) => {
    for (const w of s.words) note(byWord, w, i);
    for (const d of s.dates.keys()) note(byDate, d, i);
  });
  for (const [n, formats] of found) {
    const m = needles.meta[n];
    const sites = (byWord.get(m.words[0]) ?? []).filter((i) => containsWords(sources[i].words, m.words)).map((i) => sources[i].site);
    hits.push({ kind: m.kind, text: m.text, words: m.words, ...(m.word ? { word: m.word } : {}), formats: [...formats], sites });
  }
  const exempt = new Set([red.model.asOf, red.model.period].filter((x): x is string => !!x).map(normalizeDate));
  for (const [d, formats] of dates) {
    const holders = (byDate.get(d) ?? []).map((i) => sources[i]);
    if (!holders.length && exempt.has(d)) continue; // the export's own as-of date or period label
    hits.push({ kind: 'date', text: d, words: [], formats: [...formats], sites: holders.map((s) => s.site), ...(holders.length ? { word: holders[0].dates.get(d) } : {}) });
  }
  return hits;
}

/** Two 32-bit FNV-1a style hashes of a string, as hex. */
function hashOf(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c ^ (a >>> 7), 0x5bd1e995) >>> 0;
  }
  return `${a.toString(16)}${b.toString(16)}:${text.length}`;
}
