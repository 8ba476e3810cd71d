/**
 * Reading a workspace's cascade files in slices: files are read ahead in
 * parallel, then parsed (or taken from the model cache) for a few
 * milliseconds at a time, yielding to the event loop between slices so that
 * requests, edits and opened documents are served while a large workspace
 * loads. Also `$/progress` for clients that show it.
 */
import { WorkDoneProgress, type Connection } from 'vscode-languageserver';
import type { Limits } from '../core/config';
import type { UnitFile } from '../core/model';
import { parseUnitFile } from '../core/parse';
import type { ParsePool } from '../cache/parse-pool';
import { contentKey, type ModelCache } from '../cache/store';

/** Work done between two yields to the event loop. */
const SLICE_MS = 12;
/** Files read ahead of the parser. */
const READ_AHEAD = 48;

export interface Source {
  key: string;
  path: string;
}

/** The cached model of a disk text, or the hash to store a fresh one under. */
function fromCache(cache: ModelCache | undefined, key: string, text: string, limits: Limits | undefined): { model?: UnitFile; hash?: string } {
  if (!cache?.enabled) return {};
  const hash = contentKey(key, text, limits);
  return { model: cache.get(key, text, hash), hash };
}

/** A file open in an editor: its disk version stays in the cache (for the next start) without being parsed. */
function retain(cache: ModelCache | undefined, key: string, text: string, limits: Limits | undefined): void {
  if (cache?.enabled) cache.get(key, text, contentKey(key, text, limits));
}

/** Parses one disk text within `limits`, through the cache when there is one. */
export function parseThrough(cache: ModelCache | undefined, key: string, text: string, limits?: Limits): UnitFile {
  const { model, hash } = fromCache(cache, key, text, limits);
  if (model) return model;
  const parsed = parseUnitFile(key, text, { limits });
  if (hash) cache!.put(parsed, hash);
  return parsed;
}

/** 1,000: thousands separated (without the locale data `toLocaleString` loads on first use, at start). */
export const count = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Files a worker parses at a time. */
const BATCH = 16;

/**
 * Reads (with `read`: undefined for a file not to check) and parses `sources`, handing models to `take` (with how many files
 * are done so far) in slices: this thread takes files from the front, a few
 * milliseconds at a time, yielding between slices; the pool's workers, when
 * there are any, take batches from the back. `skip(key)` (asked before a
 * file is parsed and again when its model is handed over) leaves out files
 * whose text comes from elsewhere (an open editor). Answers how many files
 * were read.
 */
export async function loadInSlices(
  sources: readonly Source[],
  read: (path: string) => Promise<string | undefined>,
  cache: ModelCache | undefined,
  skip: (key: string) => boolean,
  take: (models: UnitFile[], done: number) => void,
  pool?: ParsePool,
  limits?: Limits,
): Promise<number> {
  const reads = new Map<number, Promise<string | undefined>>();
  const readAt = (i: number) => {
    let p = reads.get(i);
    if (!p) reads.set(i, (p = read(sources[i].path)));
    return p;
  };
  const textOf = async (i: number) => {
    const t = await readAt(i);
    reads.delete(i);
    return t;
  };
  let lo = 0;
  let hi = sources.length;
  let done = 0;
  const give = (models: UnitFile[], files: number) => {
    done += files;
    take(models.filter((m) => !skip(m.file)), done);
  };
  const jobs = new Set<Promise<void>>();
  const toWorker = (from: number, to: number) => {
    const job = (async () => {
      const models: UnitFile[] = [];
      const misses: [string, string][] = [];
      const hashes: (string | undefined)[] = [];
      for (let i = from; i < to; i++) {
        const text = await textOf(i);
        if (text === undefined) continue;
        if (skip(sources[i].key)) {
          retain(cache, sources[i].key, text, limits);
          continue;
        }
        const { model, hash } = fromCache(cache, sources[i].key, text, limits);
        if (model) models.push(model);
        else {
          misses.push([sources[i].key, text]);
          hashes.push(hash);
        }
      }
      const parsed = misses.length ? await pool!.parse(misses, limits) : [];
      parsed.forEach((m, i) => hashes[i] && cache!.put(m, hashes[i]));
      give(models.concat(parsed), to - from);
    })();
    jobs.add(job);
    void job.finally(() => jobs.delete(job));
  };
  while (lo < hi || jobs.size) {
    while (pool && pool.available && hi - lo >= 2 * BATCH) {
      for (let j = hi - BATCH; j < hi; j++) readAt(j);
      toWorker(hi - BATCH, hi);
      hi -= BATCH;
    }
    if (lo < hi) {
      for (let j = lo; j < Math.min(hi, lo + READ_AHEAD); j++) readAt(j);
      const slice: UnitFile[] = [];
      const started = Date.now();
      let n = 0;
      do {
        const src = sources[lo];
        const text = await textOf(lo++);
        n++;
        if (text === undefined) continue;
        if (skip(src.key)) retain(cache, src.key, text, limits);
        else slice.push(parseThrough(cache, src.key, text, limits));
      } while (lo < hi && Date.now() - started < SLICE_MS);
      give(slice, n);
    } else await Promise.race(jobs);
    await yieldToEventLoop();
  }
  return done;
}

/** `$/progress` for one piece of work, when the client supports it; otherwise nothing. */
export class Progress {
  private token?: string;
  private ready?: Promise<boolean>;
  private total = 0;
  private lastPercent = -1;

  constructor(
    private readonly conn: Connection,
    private readonly supported: boolean,
  ) {}

  begin(title: string, total: number): void {
    if (!this.supported) return;
    this.total = total;
    const token = (this.token = `okr-indexing-${Date.now()}`);
    this.ready = this.conn
      .sendRequest('window/workDoneProgress/create', { token })
      .then(() => true, () => false);
    void this.ready.then((ok) => void (ok && this.conn.sendProgress(WorkDoneProgress.type, token, { kind: 'begin', title, cancellable: false, percentage: 0 })));
  }

  /** `done` of `total`: sent when the percentage moves. */
  report(done: number): void {
    if (!this.ready || !this.token) return;
    const percentage = this.total ? Math.floor((done * 100) / this.total) : 100;
    if (percentage === this.lastPercent) return;
    this.lastPercent = percentage;
    const token = this.token;
    const message = `${count(done)}/${count(this.total)}`;
    void this.ready.then((ok) => void (ok && this.conn.sendProgress(WorkDoneProgress.type, token, { kind: 'report', message, percentage })));
  }

  end(message: string): void {
    if (!this.ready || !this.token) return;
    const token = this.token;
    this.token = undefined;
    void this.ready.then((ok) => void (ok && this.conn.sendProgress(WorkDoneProgress.type, token, { kind: 'end', message })));
  }
}
