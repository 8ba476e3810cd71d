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
  return readRevisions(repo, [r], paths)[0];
}

/**
 * The cascade files of several sides: every blob they need read by one `git
 * cat-file --batch`; `loose`: those stored loose read from their files
 * without git (BlobStore.read), the rest by it.
 */
export function readRevisions(repo: GitRepo, revs: readonly Revision[], paths: readonly string[], options: { loose?: boolean } = {}): RevisionFile[][] {
  const listed = revs.map((r) => (r.kind === 'commit' ? repo.tree(r.sha, paths) : r.kind === 'index' ? repo.index(paths) : undefined));
  const blobs = repo.blobs.read(listed.flatMap((entries) => (entries ?? []).map((e) => e.blob)), options.loose ? repo.objects : undefined);
  return revs.map((r, i) => {
    const entries = listed[i];
    if (entries) return entries.map((e) => ({ path: e.path, blob: e.blob, text: blobs.get(e.blob)! }));
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
  });
}

export interface ParseSidesOptions {
  /** The key a file is parsed and kept under (default: its path). */
  key?: (path: string) => string;
  /** How each side's files are parsed (e.g. through the model cache); default: parseUnitFile. */
  parse?: { base: (key: string, text: string) => UnitFile; head: (key: string, text: string) => UnitFile };
}

const parseText = (key: string, text: string) => parseUnitFile(key, text);

/**
 * Both sides parsed, keyed by `key(path)`: a file at the same path with the
 * same blob (or text) on both sides is one UnitFile, parsed once. `parsed`
 * counts the files handed to the parser (or the cache).
 */
export function parseSides(base: readonly RevisionFile[], head: readonly RevisionFile[], options: ParseSidesOptions = {}): { base: Map<string, UnitFile>; head: Map<string, UnitFile>; parsed: number } {
  const key = options.key ?? ((p: string) => p);
  const parseBase = options.parse?.base ?? parseText;
  const parseHead = options.parse?.head ?? parseText;
  const b = new Map<string, UnitFile>();
  const seen = new Map<string, RevisionFile>();
  let parsed = 0;
  for (const f of base) {
    b.set(key(f.path), parseBase(key(f.path), f.text));
    seen.set(f.path, f);
    parsed++;
  }
  const h = new Map<string, UnitFile>();
  for (const f of head) {
    const old = seen.get(f.path);
    const same = old && (old.blob && f.blob ? old.blob === f.blob : old.text === f.text);
    if (same) h.set(key(f.path), b.get(key(f.path))!);
    else {
      h.set(key(f.path), parseHead(key(f.path), f.text));
      parsed++;
    }
  }
  return { base: b, head: h, parsed };
}
