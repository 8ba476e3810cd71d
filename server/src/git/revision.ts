/**
 * A side of a comparison read from git: a commit, the index (`--staged`) or
 * the working tree, as parsed cascade files keyed by their path from the
 * repository's root. A file the same on both sides (same blob id, or the
 * same text in the working tree) is parsed once and shared.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UnitFile } from '../core/model';
import { parseUnitFile } from '../core/parse';
import type { GitRepo } from './repo';

export type Revision =
  | { kind: 'commit'; name: string; sha: string }
  | { kind: 'index' }
  | { kind: 'worktree' };

export interface RevisionFile {
  path: string;
  /** The blob id (commit and index); absent for the working tree. */
  blob?: string;
  text: string;
}

/** A short label for the change set's `base` / `head`: a short commit id, `index`, `working tree`. */
export function revisionLabel(r: Revision): string {
  return r.kind === 'commit' ? r.sha.slice(0, 7) : r.kind === 'index' ? 'index' : 'working tree';
}

/** The cascade files of a side under the given root-relative paths. */
export function readRevision(repo: GitRepo, r: Revision, paths: readonly string[]): RevisionFile[] {
  if (r.kind === 'worktree') {
    const out: RevisionFile[] = [];
    for (const path of repo.worktree(paths)) {
      let text: string;
      try {
        text = readFileSync(join(repo.root, path), 'utf8');
      } catch {
        continue; // deleted from disk but not from the index: gone from the working tree
      }
      out.push({ path, text });
    }
    return out;
  }
  const entries = r.kind === 'commit' ? repo.tree(r.sha, paths) : repo.index(paths);
  const texts = repo.texts(entries);
  return entries.map((e) => ({ path: e.path, blob: e.blob, text: texts.get(e.path)! }));
}

/**
 * Both sides parsed, keyed by `key(path)`: a file at the same path with the
 * same blob (or text) on both sides is one UnitFile, parsed once.
 */
export function parseSides(base: readonly RevisionFile[], head: readonly RevisionFile[], key: (path: string) => string = (p) => p): { base: Map<string, UnitFile>; head: Map<string, UnitFile>; parsed: number } {
  const b = new Map<string, UnitFile>();
  const seen = new Map<string, RevisionFile>();
  let parsed = 0;
  for (const f of base) {
    b.set(key(f.path), parseUnitFile(key(f.path), f.text));
    seen.set(f.path, f);
    parsed++;
  }
  const h = new Map<string, UnitFile>();
  for (const f of head) {
    const old = seen.get(f.path);
    const same = old && (old.blob && f.blob ? old.blob === f.blob : old.text === f.text);
    if (same) h.set(key(f.path), b.get(key(f.path))!);
    else {
      h.set(key(f.path), parseUnitFile(key(f.path), f.text));
      parsed++;
    }
  }
  return { base: b, head: h, parsed };
}
