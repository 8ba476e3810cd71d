/**
 * The cascade around the paths a command names (the CLI's only reading).
 * Each PATH is checked as part of its whole cascade: every cascade file under
 * its root (see files/discover.ts: the nearest folder holding
 * `okr.config.yaml`, else the git repository's top, else its own folder),
 * with findings reported only for the named files and folders. So checking
 * one file never gives a false cross-file error, and a check from a
 * subfolder reports what a check from the root reports there.
 */
import { realpathSync, statSync } from 'node:fs';
import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE, parseConfig, type Config } from '../core/config';
import type { Problem } from '../core/model';
import { locate } from '../files/discover';
import { DEFAULT_MAX_FILE_BYTES, readTextSync, type ReadFailure } from '../files/read';
import { CASCADE_FILE, findCascadeFilesSync, type FoundFile } from '../files/walk';
import { UsageError } from './command';

export { CASCADE_FILE } from '../files/walk';
export { UsageError } from './command';

export interface LoadOptions {
  cwd?: string;
  /** `--config FILE`: this config instead of the one found. */
  config?: string;
  /** Use this folder as the root (no discovery); its `okr.config.yaml`, if any, applies. */
  root?: string;
  maxBytes?: number;
  /** `-`: one file's text from stdin; `filename` places it in the cascade (its text replaces that file's). */
  stdin?: { text: string; filename?: string };
}

export interface LoadedConfig {
  file: string;
  text: string;
  config: Config;
}

/** One cascade: every file under its root, and which of them to report on. */
export interface Loaded {
  root: string;
  /** File path → text, sorted by path. */
  texts: Map<string, string>;
  config?: LoadedConfig;
  /** Files too large to read: one finding each, at the start of the file. */
  refused: Problem[];
  /** The files (and config) whose findings are reported. */
  reported: Set<string>;
  /** The named folders (a file appearing under one later is reported too: `--watch`). */
  folders: string[];
  /** Folders below the root holding their own okr.config.yaml: other cascades, not part of this one. */
  nested: string[];
}

interface Target {
  abs: string;
  real: string;
  dir: boolean;
}

const real = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
};

function target(p: string, cwd: string): Target {
  const abs = resolve(cwd, p);
  let st;
  try {
    st = statSync(abs);
  } catch {
    throw new UsageError(`no such file or folder: ${p}`);
  }
  if (st.isDirectory()) return { abs, real: real(abs), dir: true };
  if (!CASCADE_FILE.test(abs) && basename(abs) !== CONFIG_FILE) throw new UsageError(`not a cascade file (*.okr.yaml, *.okr.yml) or ${CONFIG_FILE}: ${p}`);
  if (!st.isFile()) throw new UsageError(`cannot read ${p}: it is not a regular file; only regular files are read`);
  return { abs, real: real(abs), dir: false };
}

export const under = (path: string, dir: string) => path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

/** Loads the cascade(s) around `paths` (none = the current folder): one per root, in root order. */
export function loadCascades(paths: string[], options: LoadOptions = {}): Loaded[] {
  const cwd = options.cwd ?? process.cwd();
  const maxBytes = options.maxBytes;
  const configFile = options.config ? resolve(cwd, options.config) : undefined;
  if (configFile) {
    try {
      statSync(configFile);
    } catch {
      throw new UsageError(`no such config file: ${options.config}`);
    }
  }
  const stdinFile = options.stdin && (options.stdin.filename ? resolve(cwd, options.stdin.filename) : undefined);
  if (options.stdin && !stdinFile) {
    // No place in a cascade: the text is checked on its own.
    const key = resolve(cwd, '<stdin>');
    const config = configFile ? readConfig(configFile, cwd) : undefined;
    return [{ root: cwd, texts: new Map([[key, options.stdin.text]]), config, refused: [], reported: new Set([key]), folders: [], nested: [] }];
  }
  const targets = stdinFile ? [] : (paths.length ? paths : ['.']).map((p) => target(p, cwd));
  const groups = new Map<string, { config?: string; targets: Target[] }>();
  const join = (root: string, config: string | undefined, t: Target) => {
    const group = groups.get(root) ?? { config: configFile ?? config, targets: [] };
    if (!group.targets.includes(t)) group.targets.push(t);
    groups.set(root, group);
  };
  for (const t of stdinFile ? [{ abs: stdinFile, real: real(stdinFile), dir: false }] : targets) {
    const where = options.root ? { root: resolve(cwd, options.root), config: locateIn(resolve(cwd, options.root)) } : locate(t.abs);
    join(where.root, where.config, t);
  }
  // Shallowest root first: a root's walk finds the cascades nested in it (folders with their own
  // okr.config.yaml), which are checked on their own for the named folders that contain them.
  const out: Loaded[] = [];
  const done = new Set<string>();
  for (let root = next(groups, done); root; root = next(groups, done)) {
    done.add(root);
    const group = groups.get(root)!;
    const { loaded, nested } = loadOne(root, group.targets, group.config, { cwd, maxBytes, stdin: stdinFile ? { file: stdinFile, text: options.stdin!.text } : undefined, boundary: !options.root });
    out.push(loaded);
    for (const n of nested) for (const t of group.targets) if (t.dir && under(n, t.abs)) join(n, locateIn(n), t);
  }
  for (const t of targets) {
    const covered = out.some((l) => [...l.reported].some((f) => under(f, t.abs) || under(real(f), t.real)));
    if (t.dir && !covered) throw new UsageError(`no cascade files (*.okr.yaml, *.okr.yml) in ${displayPath(t.abs, cwd)}`);
  }
  return out.sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
}

const next = (groups: Map<string, unknown>, done: Set<string>) => [...groups.keys()].filter((r) => !done.has(r)).sort()[0];

function locateIn(root: string): string | undefined {
  const file = resolve(root, CONFIG_FILE);
  try {
    statSync(file);
    return file;
  } catch {
    return undefined;
  }
}

interface LoadOne {
  cwd: string;
  /** `--max-file-size`, which wins over the config's limit. */
  maxBytes?: number;
  stdin?: { file: string; text: string };
  /** Stop at folders holding their own okr.config.yaml (other cascades). */
  boundary: boolean;
}

function loadOne(root: string, targets: Target[], configFile: string | undefined, o: LoadOne): { loaded: Loaded; nested: string[] } {
  const config = configFile ? readConfig(configFile, o.cwd) : undefined;
  const maxBytes = o.maxBytes ?? configuredLimit(config) ?? DEFAULT_MAX_FILE_BYTES;
  // The root's files, plus named folders and files the root's walk skips (inside dist/, say).
  const found = new Map<string, FoundFile>();
  const nested = new Set<string>();
  const walk = (dir: string) => {
    const w = findCascadeFilesSync(dir, o.boundary ? { boundary: CONFIG_FILE } : {});
    w.files.forEach((f) => found.has(f.real) || found.set(f.real, f));
    w.nested.forEach((n) => nested.add(n));
  };
  walk(root);
  for (const t of targets) {
    if (t.dir && t.abs !== root && under(t.abs, root)) walk(t.abs); // a named folder inside the root (dist/ is skipped by the walk)
    else if (!t.dir && CASCADE_FILE.test(t.abs) && !found.has(t.real)) found.set(t.real, { path: t.abs, real: t.real });
  }
  const texts = new Map<string, string>();
  const refused: Problem[] = [];
  const reported = new Set<string>();
  const isReported = (f: FoundFile) => targets.some((t) => (t.dir ? under(f.path, t.abs) || under(f.real, t.real) : f.real === t.real));
  for (const f of [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (o.stdin && f.real === real(o.stdin.file)) continue;
    const r = readTextSync(f.path, maxBytes);
    if (r.ok) texts.set(f.path, r.text);
    else if (r.reason === 'too-large') refused.push(tooLargeFinding(f.path, r));
    else throw new UsageError(`cannot read ${displayPath(f.path, o.cwd)}: ${r.message}`);
    if (isReported(f)) reported.add(f.path);
  }
  if (o.stdin) {
    texts.set(o.stdin.file, o.stdin.text);
    reported.add(o.stdin.file);
  }
  if (config && targets.some((t) => (t.dir ? under(config.file, t.abs) : real(config.file) === t.real))) reported.add(config.file);
  const loaded = { root, texts: new Map([...texts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))), config, refused, reported, folders: targets.filter((t) => t.dir).map((t) => t.abs), nested: [...nested].sort() };
  return { loaded, nested: loaded.nested };
}

function tooLargeFinding(file: string, r: ReadFailure): Problem {
  return {
    code: 'yaml-syntax', severity: 'error', file, span: [0, 0],
    message: `This file was not read: ${r.message}. Split it into one file per unit, or raise the limit with --max-file-size.`,
  };
}

/**
 * The size limit an okr.config.yaml sets (`limits: { max_file_size }`, read
 * by core/config.ts where the config format has it), if any.
 */
function configuredLimit(config: LoadedConfig | undefined): number | undefined {
  return config?.config.limits.maxFileSize;
}

function readConfig(file: string, cwd: string): LoadedConfig {
  const r = readTextSync(file);
  if (!r.ok) throw new UsageError(`cannot read ${displayPath(file, cwd)}: ${r.message}`);
  return { file, text: r.text, config: parseConfig(file, r.text) };
}

/** One cascade for commands that need exactly one (the roadmap). */
export function loadCascade(paths: string[], options: LoadOptions = {}): Loaded {
  const all = loadCascades(paths, options);
  if (all.length > 1) {
    const cwd = options.cwd ?? process.cwd();
    throw new UsageError(`the paths belong to different cascades (${all.map((l) => displayPath(l.root, cwd)).join(' and ')}); give paths of one cascade`);
  }
  return all[0];
}

/** A path as the user should see it: relative to the current folder, with `/`. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return (isAbsolute(rel) ? file : rel || '.').split(sep).join('/');
}
