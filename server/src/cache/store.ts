/**
 * The persistent cache of parsed models: one pack file per workspace in a
 * cache folder, holding the `UnitFile` model of each file (its text left out)
 * under a hash of the file's key and text. A hit skips parsing; anything
 * wrong with the pack (missing, damaged, another version or build of the
 * product) is a miss for every file, and the pack is written again. Safe to
 * delete at any time.
 *
 * Pack layout: "OKRC", crc32 of the rest, header length, header JSON (format,
 * build, the entries' hashes and tape ranges, the string, shape and float
 * tables), padding to 4 bytes, the Int32 tape (see codec.ts).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LIMITS, type Limits } from '../core/config';
import type { UnitFile } from '../core/model';
import { Decoder, Encoder } from './codec';
import { crc32 } from './crc32';

/** Bump on any change to the codec or the pack layout (the build hash covers parser and model changes). */
export const CACHE_FORMAT = 2;
const MAGIC = 'OKRC';

interface Header {
  format: number;
  build: string;
  /** hash → [offset, length] on the tape. */
  entries: [string, number, number][];
  strings: string[];
  shapes: string[][];
  /** Numbers JSON cannot hold (NaN, ±Infinity, -0) are written as strings. */
  floats: (number | string)[];
}

const NON_JSON = new Map<string, number>([['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity], ['-0', -0]]);
const toJsonNumber = (n: number): number | string => (Number.isFinite(n) && !Object.is(n, -0) ? n : Object.is(n, -0) ? '-0' : String(n));
function fromJsonNumber(x: number | string): number {
  if (typeof x === 'number') return x;
  const n = NON_JSON.get(x);
  if (n === undefined) throw new Error('damaged (a number)');
  return n;
}

export interface CacheStats {
  /** Files answered from the pack. */
  hits: number;
  /** Files parsed because the pack did not have them. */
  misses: number;
  /** Why the pack was not used, when it was not (missing, damaged, another build). */
  ignored?: string;
}


/** The hash a model is stored under: its file key and its text. */
export function contentKey(file: string, text: string, limits?: Limits): string {
  const h = createHash('sha1').update(file).update('\u0000').update(text);
  // A model depends on the limits it was parsed with (a file over them has only a finding).
  if (limits && (limits.maxFileSize !== DEFAULT_LIMITS.maxFileSize || limits.maxDepth !== DEFAULT_LIMITS.maxDepth)) h.update(`\u0000${limits.maxFileSize}/${limits.maxDepth}`);
  return h.digest('base64url');
}

/** The pack file of a workspace (its root folders) in a cache folder. */
export function packPath(dir: string, roots: readonly string[]): string {
  const id = createHash('sha1').update([...roots].sort().join('\n')).digest('hex').slice(0, 16);
  return join(dir, `okr-models-${id}.bin`);
}

export class ModelCache {
  readonly stats: CacheStats = { hits: 0, misses: 0 };
  private index = new Map<string, [number, number]>();
  private decoder?: Decoder;
  /** Per file, its model seen last this session (a hit or a fresh parse) and its content key: what the next save writes. */
  private readonly live = new Map<string, [key: string, model: UnitFile]>();
  private dirty = false;
  /** Entries in the pack as read (see `doneReading`). */
  private stored = 0;

  private constructor(
    readonly path: string | undefined,
    private readonly build: string,
  ) {}

  /** No cache: every lookup misses, nothing is written. */
  static none(): ModelCache {
    return new ModelCache(undefined, '');
  }

  /** Reads the pack at `path` (a missing or unusable pack is an empty cache). */
  static async open(path: string, build: string): Promise<ModelCache> {
    const cache = new ModelCache(path, build);
    let data: Buffer | undefined;
    try {
      data = await readFile(path);
    } catch {
      cache.stats.ignored = 'no cache yet';
    }
    if (data) cache.load(data);
    return cache;
  }

  static openSync(path: string, build: string): ModelCache {
    const cache = new ModelCache(path, build);
    let data: Buffer | undefined;
    try {
      data = readFileSync(path);
    } catch {
      cache.stats.ignored = 'no cache yet';
    }
    if (data) cache.load(data);
    return cache;
  }

  get enabled(): boolean {
    return this.path !== undefined;
  }

  /** The cached model of this text, or undefined (then parse it and `put` the result). */
  get(file: string, text: string, key = contentKey(file, text)): UnitFile | undefined {
    const at = this.index.get(key);
    if (!at || !this.decoder) return undefined;
    try {
      const model = this.decoder.read(at[0], at[1]) as UnitFile;
      if (!model || typeof model !== 'object' || model.file !== file) throw new Error('not the model of this file');
      model.text = text;
      this.stats.hits++;
      this.live.set(file, [key, model]);
      return model;
    } catch {
      this.index.delete(key); // a damaged entry is parsed again and rewritten
      this.stored--;
      this.dirty = true;
      return undefined;
    }
  }

  /** Remembers a freshly parsed model for the next save. */
  put(model: UnitFile, key = contentKey(model.file, model.text)): void {
    if (!this.enabled) return;
    this.stats.misses++;
    this.live.set(model.file, [key, model]);
    this.dirty = true;
  }

  /** True when a save would write something new (a miss, a dropped entry, a damaged pack). */
  get needsSave(): boolean {
    return this.enabled && (this.dirty || this.live.size !== this.stored);
  }

  /** Drops what was read from the pack (its tape and tables): call once every file is loaded, to free the memory. */
  doneReading(): void {
    this.stored = this.index.size;
    this.index = new Map();
    this.decoder = undefined;
  }

  /** The pack for the models `keep` accepts (by default all seen this session, one per file), written atomically; answers how many, or undefined when up to date. */
  async save(keep: (model: UnitFile) => boolean = () => true): Promise<number | undefined> {
    if (!this.path || !this.needsSave) return undefined;
    const [bytes, count] = this.encode(keep);
    const tmp = `${this.path}.${process.pid}.tmp`;
    await mkdir(join(this.path, '..'), { recursive: true });
    try {
      await writeFile(tmp, bytes);
      await rename(tmp, this.path);
    } finally {
      await rm(tmp, { force: true });
    }
    this.dirty = false;
    return count;
  }

  saveSync(keep: (model: UnitFile) => boolean = () => true): void {
    if (!this.path || !this.needsSave) return;
    const [bytes] = this.encode(keep);
    const tmp = `${this.path}.${process.pid}.tmp`;
    mkdirSync(join(this.path, '..'), { recursive: true });
    try {
      writeFileSync(tmp, bytes);
      renameSync(tmp, this.path);
    } finally {
      rmSync(tmp, { force: true });
    }
    this.dirty = false;
  }

  private load(data: Buffer): void {
    try {
      if (endianness() !== 'LE') throw new Error('big-endian machine');
      if (data.length < 12 || data.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a cache pack');
      if (data.readUInt32LE(4) !== crc32(data.subarray(8))) throw new Error('damaged (checksum)');
      const headerLength = data.readUInt32LE(8);
      const header = JSON.parse(data.toString('utf8', 12, 12 + headerLength)) as Header;
      if (header.format !== CACHE_FORMAT || header.build !== this.build) throw new Error('written by another version');
      const start = 12 + headerLength + ((4 - (headerLength % 4)) % 4);
      const slots = (data.length - start) / 4;
      if (!Number.isInteger(slots)) throw new Error('damaged (tape length)');
      // The tape must be 4-byte aligned to be read in place; copy it when it is not.
      const tape = (data.byteOffset + start) % 4 === 0
        ? new Int32Array(data.buffer, data.byteOffset + start, slots)
        : new Int32Array(new Uint8Array(data.subarray(start)).buffer);
      this.decoder = new Decoder(tape, header.strings, header.shapes, header.floats.map(fromJsonNumber));
      this.index = new Map(header.entries.map(([key, offset, length]) => [key, [offset, length]]));
      this.stored = this.index.size;
    } catch (e) {
      this.stats.ignored = (e as Error).message;
      this.index = new Map();
      this.decoder = undefined;
      this.dirty = true;
    }
  }

  private encode(keep: (model: UnitFile) => boolean): [Buffer, number] {
    const enc = new Encoder();
    const entries: [string, number, number][] = [];
    for (const [file, [key, model]] of this.live) {
      if (!keep(model)) {
        this.live.delete(file); // a file no longer in the workspace: not written, forgotten
        continue;
      }
      const { offset, length } = enc.add({ ...model, text: undefined });
      entries.push([key, offset, length]);
    }
    const tape = enc.finish();
    const header: Header = { format: CACHE_FORMAT, build: this.build, entries, strings: enc.strings, shapes: enc.shapes, floats: enc.floats.map(toJsonNumber) };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const pad = (4 - (json.length % 4)) % 4;
    const out = Buffer.alloc(12 + json.length + pad + tape.byteLength);
    out.write(MAGIC, 0, 'latin1');
    out.writeUInt32LE(json.length, 8);
    json.copy(out, 12);
    Buffer.from(tape.buffer, tape.byteOffset, tape.byteLength).copy(out, 12 + json.length + pad);
    out.writeUInt32LE(crc32(out.subarray(8)), 4);
    this.stored = entries.length;
    return [out, entries.length];
  }
}
