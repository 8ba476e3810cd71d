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
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import type { Code, Problem, ProblemData, Severity } from '../core/model';
import type { Totals } from '../core/cascade';

/** Bump on any change to the layout below. */
export const FINDINGS_FORMAT = 1;

/** One finding: code, severity, message, span start, span end, data (when any). */
type Row = [Code, Severity, string, number, number, ProblemData?];

interface Stored {
  format: number;
  build: string;
  /** The check options the findings were made with (see Cascade.optionsKey). */
  options: string;
  /** One hash of every file key and content key, sorted. */
  state: string;
  files: [file: string, rows: Row[]][];
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

/** What a save writes besides the findings: `extra` comes back with them; `leaks`: keep audience leak findings (the CLI finds them in the same check). */
export interface SaveOptions {
  extra?: unknown;
  leaks?: boolean;
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
  /** The state last written or read: a save of the same state and options writes nothing. */
  private written?: string;

  private constructor(
    readonly path: string,
    private readonly build: string,
  ) {}

  static async open(path: string, build: string): Promise<FindingsCache> {
    const c = new FindingsCache(path, build);
    c.accept(await readFile(path, 'utf8').catch(() => undefined));
    return c;
  }

  static openSync(path: string, build: string): FindingsCache {
    const c = new FindingsCache(path, build);
    let text: string | undefined;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      // no findings yet
    }
    c.accept(text);
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
      for (const [file, rows] of s.files) {
        findings.set(file, rows.map(([code, severity, message, a, b, data]) => (data ? { code, severity, message, file, span: [a, b], data } : { code, severity, message, file, span: [a, b] })));
      }
      return { findings, totals: s.totals, extra: s.extra };
    } catch {
      return undefined; // damaged: checked the usual way
    }
  }

  private serialize(state: string, options: string, findings: Iterable<[string, readonly Problem[]]>, totals: Totals, o: SaveOptions): string | undefined {
    if (this.written === `${state}\n${options}`) return undefined;
    const files: Stored['files'] = [];
    for (const [file, problems] of findings) {
      files.push([file, problems.filter((p) => o.leaks || p.code !== 'audience-leak').map((p) => (p.data ? [p.code, p.severity, p.message, p.span[0], p.span[1], p.data] : [p.code, p.severity, p.message, p.span[0], p.span[1]]))]);
    }
    const stored: Stored = { format: FINDINGS_FORMAT, build: this.build, options, state, files, totals, ...(o.extra !== undefined ? { extra: o.extra } : {}) };
    return JSON.stringify(stored);
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
    this.written = `${state}\n${options}`;
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
    this.written = `${state}\n${options}`;
    return true;
  }

  private accept(text: string | undefined): void {
    if (!text) return;
    try {
      const s = JSON.parse(text) as Stored;
      if (s.format !== FINDINGS_FORMAT || s.build !== this.build || !Array.isArray(s.files) || typeof s.state !== 'string') return;
      this.stored = s;
      this.written = `${s.state}\n${s.options}`;
    } catch {
      // damaged: ignored, and written again
    }
  }
}
