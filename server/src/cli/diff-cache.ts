/**
 * The caches of `okr diff`, kept between runs in the cache folder of
 * `okr check` (see cache/cli-cache.ts); `--no-cache`: none.
 *
 *  - The parsed models of both sides: a diff parses only the file versions
 *    it has not seen before. One pack per side and repository (a pack holds
 *    one model per file; the two sides hold two versions of the files that
 *    changed). A model is found by its file and its text.
 *  - The findings of the files a change can reach, on both sides, under
 *    the pair of side keys (compare/reach.ts: the others are not checked).
 *  - The findings of each side, and the lanes and card places of the
 *    roadmaps built for it (what a change set reads of them), under a key
 *    made of every file's path and content id, the severities, the pace
 *    thresholds, "today" and the build: a side that is exactly as it was
 *    (the merge-base while a branch is worked on, a tagged quarter) is not
 *    checked, nor its roadmaps built, again.
 *
 * Anything unreadable, damaged or from another build is a miss.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildId } from '../cache/build';
import { cliCacheDir } from '../cache/cli-cache';
import { contentKey, ModelCache, packPath } from '../cache/store';
import type { Problem, UnitFile } from '../core/model';
import { parseUnitFile } from '../core/parse';

export type ParseFile = (file: string, text: string) => UnitFile;
export type SideName = 'base' | 'head';
export type Findings = ReadonlyMap<string, readonly Problem[]>;

/** What is kept per side besides the models: its findings, and the parts of its roadmaps a change set reads. */
export type SideKind = 'findings' | 'roadmaps' | 'reached';

export interface DiffCache {
  base: ParseFile;
  head: ParseFile;
  /** A side's model of this file and text, when the cache has it. */
  lookup(side: SideName, file: string, text: string): UnitFile | undefined;
  /** Keeps a model parsed for a side (after a `lookup` miss). */
  put(side: SideName, model: UnitFile): void;
  /** What was kept for a side under `key`, if it was. */
  kept<T>(kind: SideKind, side: SideName, key: string): T | undefined;
  /** Keeps it for the next run (never throws). */
  keep(kind: SideKind, side: SideName, key: string, value: unknown): void;
  /** Writes the parsed models for the next run (never throws). */
  save(): void;
}

const plain: ParseFile = (file, text) => parseUnitFile(file, text);

export function diffCache(root: string, disabled: boolean, cwd: string, env: Record<string, string | undefined>): DiffCache {
  if (disabled) return { base: plain, head: plain, lookup: () => undefined, put: () => {}, kept: () => undefined, keep: () => {}, save: () => {} };
  const dir = cliCacheDir(cwd, env as NodeJS.ProcessEnv);
  const open = (side: SideName) => {
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
  const sidePath = (kind: SideKind, side: SideName) => join(dir, `okr-${kind}-${createHash('sha1').update(`${root}\u0000${side}`).digest('hex').slice(0, 16)}.json`);
  const of = (side: SideName) => caches[side === 'base' ? 0 : 1];
  return {
    base: parse(caches[0]),
    head: parse(caches[1]),
    lookup: (side, file, text) => of(side).get(file, text, contentKey(file, text)),
    put: (side, model) => of(side).put(model, contentKey(model.file, model.text)),
    kept<T>(kind: SideKind, side: SideName, key: string): T | undefined {
      try {
        const kept = JSON.parse(readFileSync(sidePath(kind, side), 'utf8')) as { build?: string; key?: string; value?: T };
        return kept.build === buildId() && kept.key === key && kept.value !== undefined ? kept.value : undefined;
      } catch {
        return undefined;
      }
    },
    keep(kind, side, key, value) {
      const path = sidePath(kind, side);
      const tmp = `${path}.${process.pid}.tmp`;
      try {
        mkdirSync(dir, { recursive: true });
        writeFileSync(tmp, JSON.stringify({ build: buildId(), key, value }));
        renameSync(tmp, path);
      } catch {
        rmSync(tmp, { force: true });
      }
    },
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

/** What a side's findings depend on: every file's path and content (a blob id, or a hash of the text), and the options. */
export function sideKey(files: readonly { path: string; blob?: string; text: string }[], options: unknown): string {
  const h = createHash('sha1').update(JSON.stringify(options ?? null));
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    h.update(`\u0000${f.path}\u0000`);
    h.update(f.blob ? `blob ${f.blob}` : createHash('sha1').update(f.text).digest('hex'));
  }
  return h.digest('base64url');
}
