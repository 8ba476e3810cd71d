/**
 * Parsing on other cores while a large workspace loads: worker threads that
 * run the same bundle (`new Worker(__filename)` with `workerData.okrParseWorker`),
 * parse batches of files, and send the models back in the cache's codec (one
 * transferred Int32 tape and small tables: about a tenth of what parsing
 * costs to decode, where a structured clone costs as much as parsing). The
 * decoded models share their strings, and the parser's garbage stays in the
 * worker's heap, freed when the pool closes.
 */
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { Limits } from '../core/config';
import type { UnitFile } from '../core/model';
import { parseUnitFile } from '../core/parse';
import { Decoder, Encoder } from './codec';

interface Request {
  id: number;
  files: [key: string, text: string][];
  limits?: Limits;
}

interface Reply {
  id: number;
  error?: string;
  tape?: Int32Array;
  strings?: string[];
  shapes?: string[][];
  floats?: number[];
  entries?: [offset: number, length: number][];
}

/** True in a thread started by a ParsePool: the bundle should run `runParseWorker` instead of its main. */
export function isParseWorker(): boolean {
  return !isMainThread && !!(workerData as { okrParseWorker?: boolean } | undefined)?.okrParseWorker;
}

/** The worker's side: parse each batch and answer it encoded. */
export function runParseWorker(): void {
  parentPort!.on('message', ({ id, files, limits }: Request) => {
    try {
      const enc = new Encoder();
      const entries = files.map(([key, text]) => {
        const { offset, length } = enc.add({ ...parseUnitFile(key, text, { limits }), text: undefined });
        return [offset, length] as [number, number];
      });
      const tape = enc.finish().slice(); // its own buffer, transferred
      const reply: Reply = { id, tape, strings: enc.strings, shapes: enc.shapes, floats: enc.floats, entries };
      parentPort!.postMessage(reply, [tape.buffer]);
    } catch (e) {
      parentPort!.postMessage({ id, error: String((e as Error)?.stack ?? e) } satisfies Reply);
    }
  });
}

/**
 * How many parse workers the language server starts at indexing: none unless
 * `OKR_PARSE_WORKERS=N` asks. Most files are read by the fast reader
 * (core/yaml-fast.ts), so a worker costs more to start and to send its models
 * back than it saves: at 1,000 units on 2 cores, one worker made the start use
 * 3.8–4.0 s of CPU instead of 3.2–3.4 s, in the same wall time, with 6 MiB more.
 */
export function workersFor(env: NodeJS.ProcessEnv = process.env): number {
  const forced = Number.parseInt(env.OKR_PARSE_WORKERS ?? '', 10);
  return Number.isInteger(forced) && forced >= 0 ? Math.min(forced, 8) : 0;
}

export class ParsePool {
  private readonly waiting = new Map<number, (r: Reply) => void>();
  /** The batches each worker has been given and not answered yet, oldest first. */
  private readonly queued = new Map<Worker, number[]>();
  private nextId = 0;
  private closed = false;
  /** Files the workers parsed. */
  parsed = 0;

  /** `depth`: batches a worker may hold at once (2 keeps it busy while this thread, parsing too, is slow to hand it the next). */
  private constructor(private readonly workers: Worker[], private readonly depth: number) {
    for (const w of workers) {
      this.queued.set(w, []);
      w.on('message', (r: Reply) => {
        const q = this.queued.get(w);
        if (q && q[0] === r.id) q.shift();
        if (q && !q.length) w.unref(); // idle: the process may end
        const resolve = this.waiting.get(r.id);
        this.waiting.delete(r.id);
        resolve?.(r);
      });
      w.on('error', () => this.drop(w));
      w.on('exit', () => this.drop(w));
      w.unref();
    }
  }

  /** A pool of `size` workers running `entry` (the running bundle), or undefined when there should be none or they cannot start. */
  static create(size: number, entry: string, depth = 1): ParsePool | undefined {
    if (size < 1) return undefined;
    try {
      return new ParsePool(Array.from({ length: size }, () => new Worker(entry, { workerData: { okrParseWorker: true } })), Math.max(1, depth));
    } catch {
      return undefined;
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Batches the workers can take now. */
  get available(): number {
    if (this.closed) return 0;
    let n = 0;
    for (const q of this.queued.values()) n += this.depth - q.length;
    return n;
  }

  /** Parses a batch (within `limits`) on a free worker; the models carry their texts. Falls back to parsing here if the worker fails. */
  async parse(files: [key: string, text: string][], limits?: Limits): Promise<UnitFile[]> {
    let worker: Worker | undefined;
    for (const [w, q] of this.queued) if (q.length < this.depth && (!worker || q.length < this.queued.get(worker)!.length)) worker = w;
    if (!worker || this.closed) return files.map(([k, t]) => parseUnitFile(k, t, { limits }));
    const id = this.nextId++;
    const target = worker;
    const reply = await new Promise<Reply>((resolve) => {
      this.waiting.set(id, resolve);
      this.queued.get(target)!.push(id);
      target.ref(); // busy: its answer is awaited
      target.postMessage({ id, files, limits } satisfies Request);
    });
    if (reply.error || !reply.tape) return files.map(([k, t]) => parseUnitFile(k, t, { limits }));
    this.parsed += files.length;
    const dec = new Decoder(reply.tape, reply.strings!, reply.shapes!, reply.floats!);
    return reply.entries!.map(([offset, length], i) => {
      const model = dec.read(offset, length) as UnitFile;
      model.text = files[i][1];
      return model;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate().catch(() => undefined)));
  }

  /** A worker that died: its batches are parsed here; it takes no more. */
  private drop(w: Worker): void {
    const q = this.queued.get(w) ?? [];
    this.queued.delete(w);
    for (const id of q) {
      const resolve = this.waiting.get(id);
      this.waiting.delete(id);
      resolve?.({ id, error: 'the parse worker stopped' });
    }
  }
}

/**
 * How many parse workers a CLI run starts for `files` files: none unless
 * `OKR_PARSE_WORKERS=N` asks, and then no more than the batches keep busy.
 * With the fast reader a worker makes `okr check` slower (1,000 units, 2
 * cores: 3.4–4.4 s of CPU with one worker, 2.7–3.2 s without).
 */
export function cliWorkersFor(files: number, env: Record<string, string | undefined> = process.env): number {
  // parseShared gives a worker a batch only while two are left: more workers than that would idle.
  const useful = Math.floor(files / (2 * BATCH));
  return Math.min(workersFor(env), useful);
}

/** Files per batch sent to a worker, and per turn on this thread between looks at the workers' answers. */
const BATCH = 24;
const HERE = 6;

/**
 * Parses `files` (key, text): `here` on this thread from the front, the
 * pool's workers (when there is one) from the back, in batches, each worker
 * holding up to the pool's depth so it never waits on this thread; answers
 * the models in the order given. Without a pool, simply `files.map(here)`.
 * `parsed(model, i)` is told of each model a worker made (e.g. to cache it).
 */
export async function parseShared(
  files: readonly [key: string, text: string][],
  here: (key: string, text: string) => UnitFile,
  pool: ParsePool | undefined,
  limits?: Limits,
  parsed?: (model: UnitFile, i: number) => void,
): Promise<UnitFile[]> {
  const out: UnitFile[] = new Array(files.length);
  if (!pool) {
    for (let i = 0; i < files.length; i++) out[i] = here(files[i][0], files[i][1]);
    return out;
  }
  let lo = 0;
  let hi = files.length;
  const jobs = new Set<Promise<void>>();
  const send = (from: number, to: number) => {
    const job = pool.parse(files.slice(from, to), limits).then((models) => {
      models.forEach((m, k) => {
        out[from + k] = m;
        parsed?.(m, from + k);
      });
    });
    jobs.add(job);
    void job.finally(() => jobs.delete(job));
  };
  // With a worker per core, this thread only hands out batches and decodes the answers (its heap, holding
  // every text and model, makes parsing here dearer than on a worker).
  const hereToo = pool.size < availableParallelism();
  while (lo < hi || jobs.size) {
    while (pool.available && hi - lo >= (hereToo ? 2 * BATCH : 1)) {
      const from = Math.max(lo, hi - BATCH);
      send(from, hi);
      hi = from;
    }
    if (lo < hi && hereToo) {
      for (const end = Math.min(hi, lo + HERE); lo < end; lo++) out[lo] = here(files[lo][0], files[lo][1]);
      await new Promise<void>((resolve) => setImmediate(resolve)); // the workers' answers come in
    } else await Promise.race(jobs);
  }
  return out;
}

/**
 * `parseShared` with the workers a CLI run starts for these files
 * (`cliWorkersFor`; none without `workerEntry`, the running bundle), closed
 * when done. `stats` says how they were parsed, for `OKR_STATS=1`.
 */
export async function parseWithWorkers(
  files: readonly [key: string, text: string][],
  workerEntry: string | undefined,
  env: Record<string, string | undefined>,
  limits?: Limits,
): Promise<{ models: UnitFile[]; stats: string }> {
  const pool = workerEntry ? ParsePool.create(cliWorkersFor(files.length, env), workerEntry, 2) : undefined;
  try {
    const models = await parseShared(files, (key, text) => parseUnitFile(key, text, { limits }), pool, limits);
    return { models, stats: pool ? `${pool.parsed} parsed by ${pool.size} worker(s)` : 'no parse workers' };
  } finally {
    void pool?.close();
  }
}
