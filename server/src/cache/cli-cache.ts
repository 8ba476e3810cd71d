/**
 * The CLI's model cache: `okr check` / `okr roadmap` keep the parsed models
 * of the files they read in a cache folder, so the next run parses only what
 * changed. The folder: `$OKR_CACHE_DIR`, else `node_modules/.cache/okr` of
 * the nearest project folder (one with a `package.json` or `node_modules`,
 * from the current folder up), else `$XDG_CACHE_HOME/okr-cascade`
 * (`~/.cache/okr-cascade`). `--no-cache` skips it. A cache that cannot be
 * read or written is ignored: the command works the same, only slower.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Limits } from '../core/config';
import type { UnitFile } from '../core/model';
import { parseUnitFile } from '../core/parse';
import { buildId } from './build';
import { parseShared, type ParsePool } from './parse-pool';
import { FindingsCache, findingsPath } from './findings';
import { contentKey, ModelCache, packPath, type CacheStats } from './store';

export interface CliCache {
  /** Parses a file's text (within `limits`), or takes its model from the cache. */
  parse(file: string, text: string, limits?: Limits): UnitFile;
  /**
   * Every file's model, in the order given: from the cache, else parsed
   * (within `limits`); the files to parse are shared with the parse workers
   * `pool(count)` starts for that many files, if any (closed when done).
   */
  parseAll(files: readonly [file: string, text: string][], limits?: Limits, pool?: (count: number) => ParsePool | undefined): Promise<UnitFile[]>;
  /** Writes the cache for the next run (never throws). */
  save(): void;
  readonly stats: CacheStats;
  /** The pack file, when caching. */
  readonly path?: string;
  /** The findings of the last run, beside the pack (see findings.ts), when caching. */
  readonly findings?: FindingsCache;
}

/** Where the CLI keeps its cache, by the rules in the header. */
export function cliCacheDir(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): string {
  if (env.OKR_CACHE_DIR) return resolve(cwd, env.OKR_CACHE_DIR);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules')) || existsSync(join(dir, 'package.json'))) return join(dir, 'node_modules', '.cache', 'okr');
    if (dirname(dir) === dir) break;
  }
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'okr-cascade');
}

/** The cache for a run over `paths` (the command's PATH arguments); `disabled` for `--no-cache`. */
export function cliCache(paths: readonly string[], disabled: boolean, cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): CliCache {
  if (disabled) {
    const parse = (file: string, text: string, limits?: Limits) => parseUnitFile(file, text, { limits });
    return { parse, parseAll: (files, limits, pool) => parseMisses(files, new Array<UnitFile | undefined>(files.length).fill(undefined), (f, t) => parse(f, t, limits), limits, pool), save: () => {}, stats: { hits: 0, misses: 0, ignored: '--no-cache' } };
  }
  const roots = (paths.length ? paths : ['.']).map((p) => resolve(cwd, p));
  const path = packPath(cliCacheDir(cwd, env), roots);
  const cache = ModelCache.openSync(path, buildId());
  return {
    path,
    findings: FindingsCache.openSync(findingsPath(path), buildId()),
    stats: cache.stats,
    parse(file, text, limits) {
      const key = contentKey(file, text, limits);
      const hit = cache.get(file, text, key);
      if (hit) return hit;
      const model = parseUnitFile(file, text, { limits });
      cache.put(model, key);
      return model;
    },
    parseAll(files, limits, pool) {
      const keys = files.map(([file, text]) => contentKey(file, text, limits));
      const models = files.map(([file, text], i) => cache.get(file, text, keys[i]));
      return parseMisses(files, models, (file, text) => parseUnitFile(file, text, { limits }), limits, pool, (model, i) => cache.put(model, keys[i]));
    },
    save() {
      try {
        cache.saveSync();
      } catch {
        // A read-only or full disk: the next run parses again.
      }
    },
  };
}

/** Fills the gaps of `models` (the files the cache lacks) by parsing, shared with a pool when one starts. */
async function parseMisses(
  files: readonly [file: string, text: string][],
  models: (UnitFile | undefined)[],
  parse: (file: string, text: string) => UnitFile,
  limits: Limits | undefined,
  pool: ((count: number) => ParsePool | undefined) | undefined,
  parsed: (model: UnitFile, i: number) => void = () => {},
): Promise<UnitFile[]> {
  const missing = models.flatMap((m, i) => (m ? [] : [i]));
  const workers = missing.length ? pool?.(missing.length) : undefined;
  try {
    const fresh = await parseShared(missing.map((i) => files[i]), parse, workers, limits);
    missing.forEach((i, k) => {
      models[i] = fresh[k];
      parsed(fresh[k], i);
    });
    return models as UnitFile[];
  } finally {
    void workers?.close();
  }
}
