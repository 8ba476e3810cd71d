/**
 * Where a cascade starts, found the way eslint finds its config: walking up
 * from a path. The nearest folder holding `okr.config.yaml` is the cascade's
 * root and that file its config; without one, the top of the git repository
 * (the nearest folder holding `.git`, a folder or a worktree's file: no git
 * process is run); without either, the path's own folder. The walk up never
 * passes the top of the git repository, so a config outside the repository
 * never applies to it.
 *
 * The command line and the language server (for each workspace folder) use
 * these same functions, so both apply the same config.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE } from '../core/config';

export interface Located {
  /** The folder the cascade around the path is rooted at. */
  root: string;
  /** The `okr.config.yaml` that applies, if any (it sits in `root`). */
  config?: string;
}

/** The nearest existing folder at or above `path` (a file's folder; a path not yet written resolves upward). */
function startFolder(path: string): string {
  for (let p = resolve(path); ; p = dirname(p)) {
    try {
      if (statSync(p).isDirectory()) return p;
    } catch {
      // not there (yet): look above
    }
    if (dirname(p) === p) return p;
  }
}

/** The cascade root and config for a file or folder. */
export function locate(path: string): Located {
  const start = startFolder(path);
  for (let dir = start; ; dir = dirname(dir)) {
    const config = join(dir, CONFIG_FILE);
    if (existsSync(config)) return { root: dir, config };
    if (existsSync(join(dir, '.git'))) return { root: dir };
    if (dirname(dir) === dir) return { root: start };
  }
}

/** The `okr.config.yaml` that applies to a file or folder, if any. */
export function findConfigFile(path: string): string | undefined {
  return locate(path).config;
}
