/**
 * The findings of a whole cascade, kept beside the model pack: every file's
 * findings and the totals, valid for exactly one set of file texts (their
 * content keys) and one set of check options. A start that finds every file
 * unchanged publishes these at once and verifies them in the background
 * (the language server), or prints them without checking (the CLI). Any
 * difference (a file added, removed or edited, other options, another build)
 * makes the whole set unusable: findings depend on other files, so a partial
 * match proves nothing. Audience leak findings are not kept (they are found
 * by a scan of their own). Safe to delete at any time.
 *
 * Layout: one line of header JSON (format, build, options, state, totals,
 * and per file where its parts lie in the body), then the body: each file's
 * findings as a JSON text of their own (parsed only when asked for) and,
 * when the writer renders them, the JSON of what it publishes (the language
 * server's diagnostics): a start that matches sends those bytes as they are,
 * without decoding them or building an object per finding.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import type { Code, Problem, ProblemData, Severity } from '../core/model';
import type { Totals } from '../core/cascade';

/** Bump on any change to the layout below. */
export const FINDINGS_FORMAT = 2;

/** One finding: code, severity, message, span start, span end, data (when any). */
type Row = [Code, Severity, string, number, number, ProblemData?];

interface Stored {
  format: number;
  build: string;
  /** The check options the findings were made with (see Cascade.optionsKey). */
  options: string;
  /** One hash of every file key and content key, sorted. */
  state: string;
  /** A cheaper one, when the writer gave it: of what each file is without reading it (see SaveOptions.quick). */
  quick?: string;
  /** Per file: where its rows (the JSON of a Row[]) lie in the body and, when rendered, the JSON of what is published for it. */
  files: [file: string, rowsAt: number, rowsLength: number, renderedAt?: number, renderedLength?: number][];
  totals: Totals;
  /** Whatever else the writer needs back (the CLI: the coverage report). */
  extra?: unknown;
}

/** What a valid cache answers: the findings by file key, and the totals. */
export interface CachedFindings {
  findings: Map<string, Problem[]>;
  totals: Totals;
  extra?: unknown;
}

/** A valid cache as the language server takes it: each file's rendered JSON as written, the findings parsed only when asked for. */
export interface RenderedFindings {
  /** Per file, its rendered JSON, UTF-8 (undefined when it was saved without). */
  rendered: [file: string, json: Buffer | undefined][];
  totals: Totals;
  findings(): Map<string, Problem[]>;
}

/**
 * What a save writes besides the findings: `extra` comes back with them; `leaks`: keep audience leak findings (the CLI finds them in the same check);
 * `render`: the JSON kept beside each file's findings (see RenderedFindings).
 */
export interface SaveOptions {
  extra?: unknown;
  leaks?: boolean;
  render?: (file: string, problems: readonly Problem[]) => string;
  /** Another state to match (the language server's: one hash of every file's size, modification time and inode). */
  quick?: string;
}

function problemsOf(file: string, rows: string): Problem[] {
  return (JSON.parse(rows) as Row[]).map(([code, severity, message, a, b, data]) => (data ? { code, severity, message, file, span: [a, b], data } : { code, severity, message, file, span: [a, b] }));
}

/** The findings file beside a model pack (`okr-models-….bin` → `okr-findings-….json`). */
export function findingsPath(packPath: string): string {
  return packPath.replace(/okr-models-([^/\\]*)\.bin$/, 'okr-findings-$1.json');
}

/** One hash for a cascade: every file key with the content key of its text. */
export function stateOf(contentKeys: Iterable<[file: string, key: string]>): string {
  const h = createHash('sha1');
  for (const [file, key] of [...contentKeys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) h.update(file).update('\u0000').update(key).update('\n');
  return h.digest('base64url');
}

export class FindingsCache {
  private stored?: Stored;
  private body: Buffer = Buffer.alloc(0);
  /** The state last written or read: a save of the same state and options writes nothing. */
  private written?: string;

  private constructor(
    readonly path: string,
    private readonly build: string,
  ) {}

  static async open(path: string, build: string): Promise<FindingsCache> {
    const c = new FindingsCache(path, build);
    c.accept(await readFile(path).catch(() => undefined));
    return c;
  }

  static openSync(path: string, build: string): FindingsCache {
    const c = new FindingsCache(path, build);
    let data: Buffer | undefined;
    try {
      data = readFileSync(path);
    } catch {
      // no findings yet
    }
    c.accept(data);
    return c;
  }

  /** True when findings were read (they may still not match the cascade). */
  get loaded(): boolean {
    return !!this.stored;
  }

  /** The findings, when they were made for exactly this state and these options; the read copy is dropped either way. */
  take(state: string, options: string): CachedFindings | undefined {
    const s = this.stored;
    this.stored = undefined;
    if (!s || s.state !== state || s.options !== options) return undefined;
    try {
      const findings = new Map<string, Problem[]>();
      for (const [file, at, length] of s.files) findings.set(file, problemsOf(file, this.text(at, length)));
      this.body = Buffer.alloc(0);
      return { findings, totals: s.totals, extra: s.extra };
    } catch {
      return undefined; // damaged: checked the usual way
    }
  }

  /**
   * The same match as `take`, by `state` or by the `quick` state saved with
   * the findings, answering the rendered JSON at once and the findings on
   * demand (they throw when damaged). A miss by `quick` alone keeps the read
   * copy, for a second try by `state`.
   */
  takeRendered(options: string, by: { state?: string; quick?: string }): RenderedFindings | undefined {
    const s = this.stored;
    const match = !!s && s.options === options && ((by.quick !== undefined && s.quick === by.quick) || (by.state !== undefined && s.state === by.state));
    if (!match && by.state === undefined) return undefined;
    this.stored = undefined;
    if (!s || !match) return undefined;
    const body = this.body;
    this.body = Buffer.alloc(0);
    return {
      rendered: s.files.map(([file, , , at, length]) => [file, at === undefined || length === undefined ? undefined : body.subarray(at, at + length)]),
      totals: s.totals,
      findings: () => new Map(s.files.map(([file, at, length]) => [file, problemsOf(file, body.toString('utf8', at, at + length))])),
    };
  }

  private text(at: number, length: number): string {
    return this.body.toString('utf8', at, at + length);
  }

  private serialize(state: string, options: string, findings: Iterable<[string, readonly Problem[]]>, totals: Totals, o: SaveOptions): Buffer | undefined {
    if (this.written === `${state}\n${options}\n${o.quick}`) return undefined;
    const files: Stored['files'] = [];
    const parts: Buffer[] = [];
    let size = 0;
    const put = (json: string): [number, number] => {
      const b = Buffer.from(json, 'utf8');
      parts.push(b);
      size += b.length;
      return [size - b.length, b.length];
    };
    for (const [file, all] of findings) {
      const problems = o.leaks ? all : all.filter((p) => p.code !== 'audience-leak');
      const rows = put(JSON.stringify(problems.map((p): Row => (p.data ? [p.code, p.severity, p.message, p.span[0], p.span[1], p.data] : [p.code, p.severity, p.message, p.span[0], p.span[1]]))));
      files.push(o.render ? [file, ...rows, ...put(o.render(file, problems))] : [file, ...rows]);
    }
    const stored: Stored = { format: FINDINGS_FORMAT, build: this.build, options, state, ...(o.quick !== undefined ? { quick: o.quick } : {}), files, totals, ...(o.extra !== undefined ? { extra: o.extra } : {}) };
    return Buffer.concat([Buffer.from(`${JSON.stringify(stored)}\n`, 'utf8'), ...parts]);
  }

  /** Writes the findings of a settled cascade (atomically); answers false when they were up to date. */
  async save(state: string, options: string, findings: Iterable<[string, readonly Problem[]]>, totals: Totals, o: SaveOptions = {}): Promise<boolean> {
    const json = this.serialize(state, options, findings, totals, o);
    if (json === undefined) return false;
    const tmp = `${this.path}.${process.pid}.tmp`;
    await mkdir(dirname(this.path), { recursive: true });
    try {
      await writeFile(tmp, json);
      await rename(tmp, this.path);
    } finally {
      await rm(tmp, { force: true });
    }
    this.written = `${state}\n${options}\n${o.quick}`;
    return true;
  }

  saveSync(state: string, options: string, findings: Iterable<[string, readonly Problem[]]>, totals: Totals, o: SaveOptions = {}): boolean {
    const json = this.serialize(state, options, findings, totals, o);
    if (json === undefined) return false;
    const tmp = `${this.path}.${process.pid}.tmp`;
    mkdirSync(dirname(this.path), { recursive: true });
    try {
      writeFileSync(tmp, json);
      renameSync(tmp, this.path);
    } finally {
      rmSync(tmp, { force: true });
    }
    this.written = `${state}\n${options}\n${o.quick}`;
    return true;
  }

  private accept(data: Buffer | undefined): void {
    if (!data?.length) return;
    try {
      const nl = data.indexOf(10);
      if (nl < 0) return;
      const s = JSON.parse(data.toString('utf8', 0, nl)) as Stored;
      if (s.format !== FINDINGS_FORMAT || s.build !== this.build || !Array.isArray(s.files) || typeof s.state !== 'string') return;
      const body = data.subarray(nl + 1);
      const within = (at: unknown, length: unknown) => Number.isInteger(at) && Number.isInteger(length) && (at as number) >= 0 && (length as number) >= 0 && (at as number) + (length as number) <= body.length;
      if (!s.files.every((f) => Array.isArray(f) && typeof f[0] === 'string' && within(f[1], f[2]) && (f.length < 4 || within(f[3], f[4])))) return;
      this.stored = s;
      this.body = body;
      this.written = `${s.state}\n${s.options}\n${s.quick}`;
    } catch {
      // damaged: ignored, and written again
    }
  }
}
