/**
 * The history kept between runs of the command line (`okr review`), so a
 * second run reads nothing twice: one file per repository and question in
 * the cache folder of `okr check` (cache/cli-cache.ts: `$OKR_CACHE_DIR`,
 * else `node_modules/.cache/okr`, else `~/.cache/okr-cascade`), named
 * `okr-history-<id>.bin`. It holds
 *
 *  - the texts of the blobs the history read, by blob id, and the parsed
 *    models of those texts, by file and text (no text is read from git or
 *    parsed again);
 *  - the commits of the last whole read (HEAD, its window, the files before
 *    it), so when HEAD has only grown only the new commits are read;
 *  - the last answers, by HEAD and question (a history, a commit on or
 *    before a day, a commit's files) and the last review documents, by
 *    everything they depend on.
 *
 * Bounded: only the blobs and models of the last read's window (at most
 * `--depth` commits, 500 by default) and of the last few answers are written
 * back; about the size of every version of the cascade's files in the
 * window. Versioned by the build (any other build's file is ignored) and
 * checked by a hash: a missing, damaged, truncated or foreign file is an
 * empty store (a cold read), never an error or a different answer. Safe to
 * delete at any time; `--no-cache` neither reads nor writes it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { endianness } from 'node:os';
import { Decoder, Encoder } from '../cache/codec';
import type { UnitFile } from '../core/model';
import { parseUnitFile } from '../core/parse';
import { ParseCache } from '../core/history/series';

const MAGIC = 'OKRH';
/** Bump on any change to this layout (the build id covers the models and the code). */
export const HISTORY_STORE_FORMAT = 1;
/** How many answers of each kind are kept. */
const KEEP = { answers: 4, befores: 16, trees: 8, reviews: 8 };

/** A commit of the stored window: sha, first parent, author date, author, the cascade paths it changed (null blob: deleted). */
export type StoredCommit = [sha: string, parent: string | null, date: string, author: string, changes: [string, string | null][]];

/** The last whole read, to grow from. */
export interface StoredLog {
  question: string;
  head: string;
  /** The files before the first commit (the window's start), when the window has one. */
  start?: { sha: string; date: string; author: string; files: [string, string][] };
  /** The commits of the window that changed a cascade file, oldest first. */
  commits: StoredCommit[];
}

interface State {
  blobs: Record<string, string>;
  log?: StoredLog;
  answers: [string, unknown][];
  befores: [string, string | null][];
  trees: [string, [string, string][]][];
  /** Renames matched between two commits (`older\nnewer` → older ref → newer ref). */
  renames?: [string, [string, string][]][];
}

interface Header {
  format: number;
  build: string;
  /** sha1 of the state's bytes and the tape. */
  hash: string;
  /** Bytes of the state JSON after the header. */
  stateLength: number;
  /** Model key, tape offset and length, hash of its text. */
  models: [string, number, number, string][];
  strings: string[];
  shapes: string[][];
  floats: (number | string)[];
}

const empty = (): State => ({ blobs: {}, answers: [], befores: [], trees: [] });

/** The file of a repository's history for a question's paths. */
export function historyStorePath(dir: string, root: string, paths: readonly string[]): string {
  const id = createHash('sha1').update(`${root}\u0000${[...paths].sort().join('\n')}`).digest('hex').slice(0, 16);
  return join(dir, `okr-history-${id}.bin`);
}

const modelKey = (file: string, text: string) => createHash('sha1').update(file).update('\u0000').update(text).digest('base64url');
const textHash = (text: string) => createHash('sha1').update(text).digest('base64url').slice(0, 16);

export class HistoryStore {
  /** Why the file was not used, when it was not. */
  ignored?: string;
  private state: State = empty();
  private models = new Map<string, [number, number, string]>();
  private decoder?: Decoder;
  /** The models' part of the file as read (tables and tape), written back as it is when no model is added or dropped. */
  private packed?: { models: Header['models']; strings: string[]; shapes: string[][]; floats: Header['floats']; body: Buffer };
  /** What this run used or made: what the next file holds. */
  private readonly usedBlobs = new Map<string, string>();
  private readonly usedModels = new Map<string, [UnitFile, string]>();
  private dirty = false;
  /** Models parsed this run (a warm run parses none). */
  parsed = 0;

  private constructor(readonly path: string | undefined, private readonly build: string) {}

  /** A store that keeps nothing (`--no-cache`). */
  static none(): HistoryStore {
    return new HistoryStore(undefined, '');
  }

  /** The store at `path`, read when first asked (a review kept whole reads only its own small file). */
  static open(path: string, build: string): HistoryStore {
    return new HistoryStore(path, build);
  }

  private loaded = false;

  private get s(): State {
    if (!this.loaded && this.path) {
      this.loaded = true;
      let data: Buffer | undefined;
      try {
        data = readFileSync(this.path);
      } catch {
        this.ignored = 'no history kept yet';
      }
      if (data) this.load(data);
    }
    return this.state;
  }

  private load(data: Buffer): void {
    try {
      if (endianness() !== 'LE') throw new Error('big-endian machine');
      if (data.length < 8 || data.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a history file');
      const length = data.readUInt32LE(4);
      if (8 + length > data.length) throw new Error('truncated');
      const header = JSON.parse(data.toString('utf8', 8, 8 + length)) as Header;
      if (header.format !== HISTORY_STORE_FORMAT || header.build !== this.build) throw new Error('written by another version');
      const stateEnd = 8 + length + header.stateLength;
      const start = stateEnd + ((4 - (stateEnd % 4)) % 4);
      if (!(header.stateLength >= 0) || start > data.length) throw new Error('truncated');
      const body = data.subarray(start);
      if (body.length % 4 || createHash('sha1').update(data.subarray(8 + length, stateEnd)).update(body).digest('hex') !== header.hash) throw new Error('damaged');
      const tape = new Int32Array(new Uint8Array(body).buffer);
      const floats = header.floats.map((x) => (typeof x === 'number' ? x : x === '-0' ? -0 : Number(x)));
      const s = JSON.parse(data.toString('utf8', 8 + length, stateEnd)) as State;
      if (!s || typeof s.blobs !== 'object' || !Array.isArray(s.answers) || !Array.isArray(s.befores) || !Array.isArray(s.trees)) throw new Error('damaged');
      this.decoder = new Decoder(tape, header.strings, header.shapes, floats);
      this.packed = { models: header.models, strings: header.strings, shapes: header.shapes, floats: header.floats, body };
      this.models = new Map(header.models.map(([k, o, l, t]) => [k, [o, l, t]]));
      this.state = s;
    } catch (e) {
      this.ignored = (e as Error).message;
      this.state = empty();
      this.models = new Map();
      this.decoder = undefined;
    }
  }

  get enabled(): boolean {
    return this.path !== undefined;
  }

  /** Blob texts kept (by id). */
  blobs(): Map<string, string> {
    return new Map(Object.entries(this.s.blobs));
  }

  /** Keeps blob texts read or used this run. */
  useBlobs(texts: ReadonlyMap<string, string>): void {
    for (const [id, text] of texts) this.usedBlobs.set(id, text);
  }

  /** A parse cache that takes models from the store, and keeps every model it gives for the next run. */
  parseCache(): ParseCache {
    return new StoredParse(this);
  }

  model(file: string, text: string): UnitFile {
    void this.s; // the file read
    const key = modelKey(file, text);
    const used = this.usedModels.get(key);
    if (used) return used[0];
    let m: UnitFile | undefined;
    const at = this.models.get(key);
    if (at) m = this.decode(at, file);
    if (m) m.text = text;
    else this.models.delete(key); // not in the file, or damaged: parsed, and written anew
    if (!m) {
      m = parseUnitFile(file, text);
      this.parsed++;
      this.dirty = true;
    }
    this.usedModels.set(key, [m, textHash(text)]);
    return m;
  }

  private decode(at: [number, number, string], file?: string): UnitFile | undefined {
    if (!this.decoder) return undefined;
    try {
      const read = this.decoder.read(at[0], at[1]) as UnitFile;
      return read && typeof read === 'object' && typeof read.file === 'string' && (file === undefined || read.file === file) ? read : undefined;
    } catch {
      return undefined; // a damaged entry: parsed again
    }
  }

  renames(): Map<string, Map<string, string>> {
    return new Map((this.s.renames ?? []).map(([pair, step]) => [pair, new Map(step)]));
  }

  setRenames(renames: ReadonlyMap<string, ReadonlyMap<string, string>>): void {
    if (!this.enabled) return;
    // The newest pairs (the window's), at most as many as the window has commits.
    this.s.renames = [...renames].slice(-600).map(([pair, step]) => [pair, [...step]]);
    this.dirty = true;
  }

  log(question: string): StoredLog | undefined {
    return this.s.log?.question === question ? this.s.log : undefined;
  }

  setLog(log: StoredLog | undefined): void {
    this.s.log = log;
    this.dirty = true;
  }

  private kept<T>(list: [string, T][], key: string): T | undefined {
    return list.find(([k]) => k === key)?.[1];
  }

  private keep<T>(list: [string, T][], key: string, value: T, most: number): void {
    const i = list.findIndex(([k]) => k === key);
    if (i >= 0) list.splice(i, 1);
    list.unshift([key, value]);
    list.length = Math.min(list.length, most);
    this.dirty = true;
  }

  answer(key: string): unknown {
    return this.kept(this.s.answers, key);
  }

  setAnswer(key: string, value: unknown): void {
    if (this.enabled) this.keep(this.s.answers, key, value, KEEP.answers);
  }

  /** The commit on or before a day (null: none), kept by HEAD and day. */
  before(key: string): string | null | undefined {
    return this.kept(this.s.befores, key);
  }

  setBefore(key: string, sha: string | null): void {
    if (this.enabled) this.keep(this.s.befores, key, sha, KEEP.befores);
  }

  /** A commit's cascade files (path, blob), by commit and paths. */
  tree(key: string): [string, string][] | undefined {
    return this.kept(this.s.trees, key);
  }

  setTree(key: string, files: [string, string][]): void {
    if (this.enabled) this.keep(this.s.trees, key, files, KEEP.trees);
  }

  /** The review documents, in a small file of their own beside the history (`….reviews.json`): a review kept whole reads only it. */
  private reviewList?: [string, string][];
  private reviewsDirty = false;

  private get reviews(): [string, string][] {
    if (!this.reviewList) {
      this.reviewList = [];
      if (this.path) {
        try {
          const kept = JSON.parse(readFileSync(reviewsPath(this.path), 'utf8')) as { format?: number; build?: string; reviews?: [string, string, string][] };
          if (kept.format === HISTORY_STORE_FORMAT && kept.build === this.build && Array.isArray(kept.reviews)) {
            for (const r of kept.reviews) if (Array.isArray(r) && typeof r[0] === 'string' && typeof r[1] === 'string' && r[2] === textHash(r[1])) this.reviewList.push([r[0], r[1]]);
          }
        } catch {
          // missing or damaged: none kept
        }
      }
    }
    return this.reviewList;
  }

  review(key: string): string | undefined {
    return this.reviews.find(([k]) => k === key)?.[1];
  }

  setReview(key: string, text: string): void {
    if (!this.enabled) return;
    const list = this.reviews.filter(([k]) => k !== key);
    list.unshift([key, text]);
    this.reviewList = list.slice(0, KEEP.reviews);
    this.reviewsDirty = true;
  }

  /** Writes the files for the next run, atomically (never throws: a read-only or full disk only makes the next run cold). */
  save(): void {
    if (this.path && this.reviewsDirty) {
      const reviews = this.reviews.map(([k, t]) => [k, t, textHash(t)]);
      writeAtomically(reviewsPath(this.path), Buffer.from(JSON.stringify({ format: HISTORY_STORE_FORMAT, build: this.build, reviews }), 'utf8'));
      this.reviewsDirty = false;
    }
    if (!this.path || !this.dirty) return;
    try {
      const keepBlobs = new Set<string>();
      const log = this.s.log;
      if (log) {
        for (const [, blob] of log.start?.files ?? []) keepBlobs.add(blob);
        for (const c of log.commits) for (const [, blob] of c[4]) if (blob) keepBlobs.add(blob);
      }
      for (const [, files] of this.s.trees) for (const [, blob] of files) keepBlobs.add(blob);
      const blobs: Record<string, string> = {};
      const all = { ...this.s.blobs, ...Object.fromEntries(this.usedBlobs) };
      for (const id of keepBlobs) if (all[id] !== undefined) blobs[id] = all[id];
      const texts = new Set(Object.values(blobs).map(textHash));
      const state: State = { ...this.s, blobs };
      const packed = this.packed;
      // Nothing new and nothing dropped (the usual run: a check-in derived, not parsed): the models as they were.
      const same = packed && [...this.usedModels.keys()].every((k) => this.models.has(k)) && packed.models.every((e) => texts.has(e[3]));
      if (same) return this.write(state, packed.body, { models: packed.models, strings: packed.strings, shapes: packed.shapes, floats: packed.floats });
      const enc = new Encoder();
      const models: [string, number, number, string][] = [];
      const add = (key: string, m: UnitFile, th: string) => {
        const { offset, length } = enc.add({ ...m, text: undefined });
        models.push([key, offset, length, th]);
      };
      for (const [key, [m, th]] of this.usedModels) if (texts.has(th)) add(key, m, th);
      // The models this run did not need (an answer was kept) stay for the next one.
      for (const [key, at] of this.models) {
        if (this.usedModels.has(key) || !texts.has(at[2])) continue;
        const m = this.decode(at);
        if (m) add(key, m, at[2]);
      }
      const tape = enc.finish();
      const floats = enc.floats.map((n) => (Number.isFinite(n) && !Object.is(n, -0) ? n : Object.is(n, -0) ? '-0' : String(n)));
      this.write(state, Buffer.from(tape.buffer, tape.byteOffset, tape.byteLength), { models, strings: enc.strings, shapes: enc.shapes, floats });
    } catch {
      // The next run reads git again.
    }
  }

  private write(state: State, body: Buffer, tables: Pick<Header, 'models' | 'strings' | 'shapes' | 'floats'>): void {
    const stateBytes = Buffer.from(JSON.stringify(state), 'utf8');
    const hash = createHash('sha1').update(stateBytes).update(body).digest('hex');
    const header: Header = { format: HISTORY_STORE_FORMAT, build: this.build, hash, stateLength: stateBytes.length, ...tables };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const stateEnd = 8 + json.length + stateBytes.length;
    const pad = (4 - (stateEnd % 4)) % 4;
    const out = Buffer.alloc(stateEnd + pad + body.length);
    out.write(MAGIC, 0, 'latin1');
    out.writeUInt32LE(json.length, 4);
    json.copy(out, 8);
    stateBytes.copy(out, 8 + json.length);
    body.copy(out, stateEnd + pad);
    if (writeAtomically(this.path!, out)) this.dirty = false;
  }
}

const reviewsPath = (path: string) => path.replace(/\.bin$/, '.reviews.json');

function writeAtomically(path: string, data: Buffer): boolean {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, path);
    return true;
  } catch {
    return false; // a read-only or full disk: the next run is cold
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** ParseCache whose parses go through the store. */
class StoredParse extends ParseCache {
  constructor(private readonly store: HistoryStore) {
    super();
  }

  override get(file: string, text: string): UnitFile {
    return this.store.model(file, text);
  }

  override get size(): number {
    return this.store.parsed;
  }
}
