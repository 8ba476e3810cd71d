/**
 * Reading a workspace's cascade files in slices: files are read ahead in
 * parallel, then parsed (or taken from the model cache) for a few
 * milliseconds at a time, yielding to the event loop between slices so that
 * requests, edits and opened documents are served while a large workspace
 * loads. Also `$/progress` for clients that show it.
 */
import { WorkDoneProgress, type Connection } from 'vscode-languageserver';
import type { UnitFile } from '../core/model';
import { parseUnitFile } from '../core/parse';
import { contentKey, type ModelCache } from '../cache/store';
import { readText } from './disk';

/** Work done between two yields to the event loop. */
const SLICE_MS = 12;
/** Files read ahead of the parser. */
const READ_AHEAD = 48;

export interface Source {
  key: string;
  path: string;
}

/** Parses one disk text, through the cache when there is one. */
export function parseThrough(cache: ModelCache | undefined, key: string, text: string): UnitFile {
  if (!cache?.enabled) return parseUnitFile(key, text);
  const hash = contentKey(key, text);
  const hit = cache.get(key, text, hash);
  if (hit) return hit;
  const model = parseUnitFile(key, text);
  cache.put(model, hash);
  return model;
}

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Reads and parses `sources` in order, handing each slice of models to
 * `take`; `skip(key)` (asked when a file's turn comes) leaves out files
 * whose text comes from elsewhere (an open editor). Answers how many files
 * were read.
 */
export async function loadInSlices(
  sources: readonly Source[],
  cache: ModelCache | undefined,
  skip: (key: string) => boolean,
  take: (models: UnitFile[], done: number) => void,
): Promise<number> {
  const reads: Promise<string | undefined>[] = [];
  const readAt = (i: number) => (reads[i] ??= readText(sources[i].path));
  let done = 0;
  let i = 0;
  while (i < sources.length) {
    for (let j = i; j < Math.min(sources.length, i + READ_AHEAD); j++) readAt(j);
    const slice: UnitFile[] = [];
    const started = Date.now();
    do {
      const src = sources[i];
      const text = await readAt(i);
      delete reads[i];
      i++;
      done++;
      if (text === undefined || skip(src.key)) continue;
      slice.push(parseThrough(cache, src.key, text));
    } while (i < sources.length && Date.now() - started < SLICE_MS);
    take(slice, done);
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
    const message = `${done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')}`;
    void this.ready.then((ok) => void (ok && this.conn.sendProgress(WorkDoneProgress.type, token, { kind: 'report', message, percentage })));
  }

  end(message: string): void {
    if (!this.ready || !this.token) return;
    const token = this.token;
    this.token = undefined;
    void this.ready.then((ok) => void (ok && this.conn.sendProgress(WorkDoneProgress.type, token, { kind: 'end', message })));
  }
}
