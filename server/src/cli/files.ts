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
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
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
    return [{ root: cwd, texts: new Map([[key, options.stdin.text]]), config, refused: [], reported: new Set([key]), folders: [] }];
  }
  const targets = stdinFile ? [] : (paths.length ? paths : ['.']).map((p) => target(p, cwd));
  const groups = new Map<string, { config?: string; targets: Target[] }>();
  const place = (path: string) => (options.root ? { root: resolve(cwd, options.root), config: undefined } : locate(path));
  for (const t of stdinFile ? [{ abs: stdinFile, real: real(stdinFile), dir: false }] : targets) {
    const where = place(t.abs);
    const group = groups.get(where.root) ?? { config: configFile ?? where.config, targets: [] };
    group.targets.push(t);
    groups.set(where.root, group);
  }
  const out: Loaded[] = [];
  for (const [root, group] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const rootConfig = group.config ?? (options.root ? locateIn(root) : undefined);
    out.push(loadOne(root, group.targets, rootConfig, { cwd, maxBytes, stdin: stdinFile ? { file: stdinFile, text: options.stdin!.text } : undefined }));
  }
  return out;
}

function locateIn(root: string): string | undefined {
  const file = resolve(root, CONFIG_FILE);
  try {
    statSync(file);
    return file;
  } catch {
    return undefined;
  }
}

function loadOne(root: string, targets: Target[], configFile: string | undefined, o: { cwd: string; maxBytes: number; stdin?: { file: string; text: string } }): Loaded {
  // The root's files, plus named folders and files the root's walk skips (inside dist/, say).
  const found = new Map<string, FoundFile>();
  const add = (f: FoundFile) => {
    if (!found.has(f.real)) found.set(f.real, f);
  };
  findCascadeFilesSync(root).forEach(add);
  for (const t of targets) {
    if (t.dir && t.abs !== root) findCascadeFilesSync(t.abs).forEach(add);
    else if (!t.dir && CASCADE_FILE.test(t.abs)) add({ path: t.abs, real: t.real });
  }
  const texts = new Map<string, string>();
  const refused: Problem[] = [];
  const reported = new Set<string>();
  const isReported = (f: FoundFile) => targets.some((t) => (t.dir ? under(f.path, t.abs) || under(f.real, t.real) : f.real === t.real));
  for (const f of [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (o.stdin && f.real === real(o.stdin.file)) continue;
    const r = readTextSync(f.path, o.maxBytes);
    if (r.ok) texts.set(f.path, r.text);
    else if (r.reason === 'too-large') refused.push(tooLargeFinding(f.path, r));
    else throw new UsageError(`cannot read ${displayPath(f.path, o.cwd)}: ${r.message}`);
    if (isReported(f)) reported.add(f.path);
  }
  if (o.stdin) {
    texts.set(o.stdin.file, o.stdin.text);
    reported.add(o.stdin.file);
  }
  for (const t of targets) {
    if (t.dir && ![...reported].some((f) => under(f, t.abs) || under(real(f), t.real))) throw new UsageError(`no cascade files (*.okr.yaml, *.okr.yml) in ${displayPath(t.abs, o.cwd)}`);
  }
  const config = configFile ? readConfig(configFile, o.cwd) : undefined;
  if (config && targets.some((t) => (t.dir ? under(config.file, t.abs) : real(config.file) === t.real))) reported.add(config.file);
  return { root, texts: new Map([...texts].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))), config, refused, reported, folders: targets.filter((t) => t.dir).map((t) => t.abs) };
}

function tooLargeFinding(file: string, r: ReadFailure): Problem {
  return {
    code: 'yaml-syntax', severity: 'error', file, span: [0, 0],
    message: `This file was not read: ${r.message}. Split it into one file per unit, or raise the limit with --max-file-size.`,
  };
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
