/** Finding cascade files on disk and loading them (the CLI's only I/O). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE, parseConfig, type Config } from '../core/config';
import { parseUnitFile } from '../core/parse';
import type { UnitFile } from '../core/model';

export const CASCADE_FILE = /\.okr\.ya?ml$/;
const SKIP = new Set(['node_modules', '.git', 'dist', '.cache']);

export class UsageError extends Error {}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name)) walk(join(dir, entry.name), out);
    } else if (entry.isFile() && CASCADE_FILE.test(entry.name)) out.push(join(dir, entry.name));
  }
}

export interface Loaded {
  files: UnitFile[];
  config?: { file: string; text: string; config: Config };
}

/** Resolves PATH arguments (files or folders; none = the current folder) to parsed cascade files (`parse`: e.g. through the cache). */
export function loadCascade(paths: string[], cwd = process.cwd(), parse: (file: string, text: string) => UnitFile = parseUnitFile): Loaded {
  const roots = paths.length ? paths : ['.'];
  const found = new Set<string>();
  for (const p of roots) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new UsageError(`no such file or folder: ${p}`);
    }
    const before = found.size;
    if (st.isDirectory()) {
      const list: string[] = [];
      walk(abs, list);
      list.forEach((f) => found.add(f));
      if (found.size === before) throw new UsageError(`no cascade files (*.okr.yaml, *.okr.yml) in ${p}`);
    } else if (CASCADE_FILE.test(abs)) found.add(abs);
    else throw new UsageError(`not a cascade file (*.okr.yaml, *.okr.yml): ${p}`);
  }
  const files = [...found].sort().map((f) => {
    try {
      return parse(f, readFileSync(f, 'utf8'));
    } catch (e) {
      throw new UsageError(`cannot read ${relative(cwd, f) || f}: ${(e as Error).message}`);
    }
  });
  return { files, config: findConfig(roots.map((p) => resolve(cwd, p))) };
}

/** `okr.config.yaml` in the first folder argument (or the folder of the first file). */
function findConfig(roots: string[]): Loaded['config'] {
  for (const root of roots) {
    const dir = statSync(root).isDirectory() ? root : dirname(root);
    const file = join(dir, CONFIG_FILE);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // no config in this folder
    }
    return { file, text, config: parseConfig(file, text) };
  }
  return undefined;
}

/** A path as the user should see it: relative to the current folder, with `/`. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = relative(cwd, file);
  return (isAbsolute(rel) ? file : rel).split(sep).join('/');
}
