/**
 * Parsing on other cores while a large workspace loads: worker threads that
 * run the same bundle (`new Worker(__filename)` with `workerData.okrParseWorker`),
 * parse batches of files, and send the models back in the cache's codec (one
 * transferred Int32 tape and small tables: about a tenth of what parsing
 * costs to decode, where a structured clone costs as much as parsing). The
 * decoded models share their strings, and the parser's garbage stays in the
 * worker's heap, freed when the pool closes.
 */
import { availableParallelism, loadavg } from 'node:os';
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
 * How many parse workers to start for `files` files: one per core that is
 * idle beside this thread (cores minus the load average), at most 3; none
 * for a small workspace (starting a worker costs more than it saves) or on a
 * busy machine (a worker would only compete for the same cores).
 * `OKR_PARSE_WORKERS=N` sets the number.
 */
export function workersFor(files: number, env: NodeJS.ProcessEnv = process.env): number {
  const forced = Number.parseInt(env.OKR_PARSE_WORKERS ?? '', 10);
  if (Number.isInteger(forced) && forced >= 0) return Math.min(forced, 8);
  if (files < 150) return 0;
  const idle = Math.round(availableParallelism() - loadavg()[0]);
  return Math.max(0, Math.min(3, availableParallelism() - 1, idle - 1));
}

export class ParsePool {
  private readonly idle: Worker[] = [];
  private readonly waiting = new Map<number, (r: Reply) => void>();
  /** The batch each busy worker is parsing. */
  private readonly busy = new Map<Worker, number>();
  private nextId = 0;
  private closed = false;
  /** Files the workers parsed. */
  parsed = 0;

  private constructor(private readonly workers: Worker[]) {
    this.idle.push(...workers);
    for (const w of workers) {
      w.on('message', (r: Reply) => {
        const resolve = this.waiting.get(r.id);
        this.waiting.delete(r.id);
        this.busy.delete(w);
        if (!this.closed) this.idle.push(w);
        resolve?.(r);
      });
      w.on('error', () => this.drop(w));
      w.on('exit', () => this.drop(w));
      w.unref();
    }
  }

  /** A pool of `size` workers running `entry` (the running bundle), or undefined when there should be none or they cannot start. */
  static create(size: number, entry: string): ParsePool | undefined {
    if (size < 1) return undefined;
    try {
      return new ParsePool(Array.from({ length: size }, () => new Worker(entry, { workerData: { okrParseWorker: true } })));
    } catch {
      return undefined;
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** Workers free for a batch. */
  get available(): number {
    return this.idle.length;
  }

  /** Parses a batch (within `limits`) on a free worker; the models carry their texts. Falls back to parsing here if the worker fails. */
  async parse(files: [key: string, text: string][], limits?: Limits): Promise<UnitFile[]> {
    const worker = this.idle.pop();
    if (!worker) return files.map(([k, t]) => parseUnitFile(k, t, { limits }));
    const id = this.nextId++;
    const reply = await new Promise<Reply>((resolve) => {
      this.waiting.set(id, resolve);
      this.busy.set(worker, id);
      worker.postMessage({ id, files, limits } satisfies Request);
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
    this.idle.length = 0;
    await Promise.all(this.workers.map((w) => w.terminate().catch(() => undefined)));
  }

  /** A worker that died: its batch is parsed here; it takes no more. */
  private drop(w: Worker): void {
    const i = this.idle.indexOf(w);
    if (i >= 0) this.idle.splice(i, 1);
    const id = this.busy.get(w);
    this.busy.delete(w);
    const resolve = id === undefined ? undefined : this.waiting.get(id);
    if (id !== undefined) this.waiting.delete(id);
    resolve?.({ id: id!, error: 'the parse worker stopped' });
  }
}
