/**
 * The model cache of `okr diff`: the parsed models of both sides kept
 * between runs (the cache folder of `okr check`, see cache/cli-cache.ts), so
 * a diff parses only the file versions it has not seen before. One pack per
 * side and repository: a pack holds one model per file, and the two sides
 * hold two versions of the files that changed. A model is found by its file
 * and its text, so a stale pack only costs a parse. `--no-cache`: none.
 */
import { buildId } from '../cache/build';
import { cliCacheDir } from '../cache/cli-cache';
import { contentKey, ModelCache, packPath } from '../cache/store';
import type { UnitFile } from '../core/model';
import { parseUnitFile } from '../core/parse';

export type ParseFile = (file: string, text: string) => UnitFile;

export interface DiffCache {
  base: ParseFile;
  head: ParseFile;
  /** Writes what was parsed for the next run (never throws). */
  save(): void;
}

const plain: ParseFile = (file, text) => parseUnitFile(file, text);

export function diffCache(root: string, disabled: boolean, cwd: string, env: Record<string, string | undefined>): DiffCache {
  if (disabled) return { base: plain, head: plain, save: () => {} };
  const dir = cliCacheDir(cwd, env as NodeJS.ProcessEnv);
  const open = (side: string) => {
    try {
      return ModelCache.openSync(packPath(dir, [`${root}\u0000diff-${side}`]), buildId());
    } catch {
      return ModelCache.none();
    }
  };
  const caches = [open('base'), open('head')];
  const parse = (cache: ModelCache): ParseFile => (file, text) => {
    const key = contentKey(file, text);
    const hit = cache.get(file, text, key);
    if (hit) return hit;
    const model = parseUnitFile(file, text);
    cache.put(model, key);
    return model;
  };
  return {
    base: parse(caches[0]),
    head: parse(caches[1]),
    save() {
      for (const c of caches) {
        try {
          c.saveSync();
        } catch {
          // A read-only or full disk: the next run parses again.
        }
      }
    },
  };
}
