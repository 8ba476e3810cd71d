/**
 * A git repository as the comparison needs it: revisions resolved to
 * commits, the merge-base with the default branch, and the cascade files of
 * a commit, of the index or of the working tree (paths relative to the
 * repository's root, with `/`).
 */
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { BlobStore } from './blobs';
import { firstLine, git, GitError, runGit } from './run';

/** A cascade file in git's listing: its path from the root and its blob id. */
export interface TreeEntry {
  path: string;
  blob: string;
}

export const CASCADE_PATH = /\.okr\.ya?ml$/;
const SKIP = new Set(['node_modules', '.git', 'dist', '.cache']);

/** A cascade file the folder walk of `okr check` would also take. */
export function isCascadePath(path: string): boolean {
  return CASCADE_PATH.test(path) && !path.split('/').slice(0, -1).some((s) => SKIP.has(s));
}

export class GitRepo {
  readonly blobs: BlobStore;
  private shallow?: boolean;
  /** Full commit ids already verified (they name the same commit for ever; names like HEAD do not, so they are asked each time). */
  private readonly commits = new Set<string>();

  /**
   * The folder of the repository's loose objects (absolute), when blobs may
   * be read from it directly (BlobStore `loose`): unknown, or when the
   * repository replaces objects (refs/replace, which git applies), undefined.
   */
  readonly objects?: string;

  private constructor(readonly root: string, where?: { common: string; objects: string }) {
    this.blobs = new BlobStore(root);
    if (where && !replacesObjects(where.common)) this.objects = where.objects;
  }

  /** Commits of revision names asked for when the repository was opened (each answered once, then asked again). */
  private readonly opened = new Map<string, string>();

  /**
   * The repository that holds `cwd`. `revisions`: names about to be asked
   * for (`tryCommit`), resolved in the same git run when they all name
   * commits (one process instead of one each); else asked one by one later.
   */
  static open(cwd: string, revisions: readonly string[] = []): GitRepo {
    const names = revisions.filter((n) => /^[^-\s][^\s]*$/.test(n));
    if (names.length && names.length === revisions.length) {
      // The root, where the objects are (relative to cwd, or absolute), then the commits.
      const both = runGit(cwd, ['rev-parse', '--show-toplevel', '--git-common-dir', '--git-path', 'objects', ...names.map((n) => `${n}^{commit}`), '--']);
      const lines = both.stdout.toString('utf8').split('\n');
      if (both.status === 0 && lines.length >= names.length + 4 && names.every((_n, i) => /^[0-9a-f]{40,64}$/.test(lines[i + 3]))) {
        const repo = new GitRepo(realpathSync(lines[0]), { common: resolve(cwd, lines[1]), objects: resolve(cwd, lines[2]) });
        names.forEach((n, i) => repo.opened.set(n, lines[i + 3]));
        return repo;
      }
    }
    const r = runGit(cwd, ['rev-parse', '--show-toplevel']);
    if (r.status !== 0) {
      const why = firstLine(r.stderr);
      if (/not a git repository/i.test(why)) throw new GitError(`${cwd} is not inside a git repository; name two folders to compare instead: okr diff OLD_DIR NEW_DIR`);
      throw new GitError(`cannot use git here: ${why}`);
    }
    return new GitRepo(realpathSync(r.stdout.toString('utf8').trim()));
  }

  isShallow(): boolean {
    return (this.shallow ??= git(this.root, ['rev-parse', '--is-shallow-repository'], 'asking git about this clone').trim() === 'true');
  }

  /** The commit a revision names, or undefined. */
  tryCommit(rev: string): string | undefined {
    if (!rev || rev.startsWith('-')) return undefined;
    if (this.commits.has(rev)) return rev;
    const known = this.opened.get(rev);
    if (known) {
      this.opened.delete(rev);
      this.commits.add(known);
      return known;
    }
    const r = runGit(this.root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
    const sha = r.status === 0 ? r.stdout.toString('utf8').trim() : undefined;
    if (sha) this.commits.add(sha);
    return sha;
  }

  /** The commit a revision names; an unknown one is a GitError (mentioning a shallow clone when this is one). */
  commit(rev: string): string {
    const sha = this.tryCommit(rev);
    if (sha) return sha;
    if (this.isShallow()) throw new GitError(`revision "${rev}" is not in this shallow clone; fetch more history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)`);
    throw new GitError(`unknown revision "${rev}": not a branch, tag or commit of this repository`);
  }

  /** The default branch: `origin/HEAD`, else `origin/main`, `origin/master`, `main`, `master` (as a revision name). */
  defaultBranch(): string {
    const r = runGit(this.root, ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD']);
    const remote = r.status === 0 ? r.stdout.toString('utf8').trim().replace(/^refs\/remotes\//, '') : undefined;
    for (const name of [remote, 'origin/main', 'origin/master', 'main', 'master']) if (name && this.tryCommit(name)) return name;
    throw new GitError('cannot find the default branch (origin/HEAD, main or master); name the revision to compare with: okr diff BASE');
  }

  /** The merge-base of two commits. */
  mergeBase(a: string, b: string, names: string): string {
    const r = runGit(this.root, ['merge-base', a, b]);
    if (r.status === 0) return r.stdout.toString('utf8').trim();
    if (this.isShallow()) throw new GitError(`no merge-base of ${names} in this shallow clone; fetch more history (git fetch --unshallow, or fetch-depth: 0 in actions/checkout)`);
    throw new GitError(`${names} have no common ancestor; name the revision to compare with: okr diff BASE`);
  }

  /** `path` (absolute, or relative to `cwd`) from the root, with `/`; a path outside the repository is a GitError. */
  relative(path: string, cwd: string): string {
    const real = realish(resolve(cwd, path));
    const rel = relative(this.root, real);
    if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) throw new GitError(`${path} is outside the git repository at ${this.root}`);
    return rel.split(sep).join('/');
  }

  /** Cascade files of a commit under the given root-relative paths ('' or none: all). */
  tree(commit: string, paths: readonly string[]): TreeEntry[] {
    const out = git(this.root, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', ...pathspecs(paths)], `listing the files of ${commit.slice(0, 7)}`);
    const entries: TreeEntry[] = [];
    for (const rec of out.split('\0')) {
      const tab = rec.indexOf('\t');
      if (tab < 0) continue;
      const [mode, type, blob] = rec.slice(0, tab).split(' ');
      const path = rec.slice(tab + 1);
      if (type === 'blob' && mode !== '120000' && isCascadePath(path)) entries.push({ path, blob });
    }
    return entries.sort(byPath);
  }

  /** Cascade files staged in the index. */
  index(paths: readonly string[]): TreeEntry[] {
    const out = git(this.root, ['ls-files', '-s', '-z', '--', ...pathspecs(paths)], 'listing the staged files');
    const entries = new Map<string, TreeEntry>();
    for (const rec of out.split('\0')) {
      const tab = rec.indexOf('\t');
      if (tab < 0) continue;
      const [mode, blob, stage] = rec.slice(0, tab).split(' ');
      const path = rec.slice(tab + 1);
      // A conflicted file has stages 1–3; "ours" (2) is what the working tree builds on.
      if (mode === '120000' || mode === '160000' || !isCascadePath(path) || (stage !== '0' && stage !== '2')) continue;
      entries.set(path, { path, blob });
    }
    return [...entries.values()].sort(byPath);
  }

  /** Cascade files of the working tree: tracked ones and new ones git does not ignore (paths only; read them from disk). */
  worktree(paths: readonly string[]): string[] {
    const out = git(this.root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...pathspecs(paths)], 'listing the working tree');
    return [...new Set(out.split('\0').filter((p) => p && isCascadePath(p)))].sort();
  }

  /** Blob texts for tree entries: path → text. */
  texts(entries: readonly TreeEntry[]): Map<string, string> {
    const blobs = this.blobs.read(entries.map((e) => e.blob));
    return new Map(entries.map((e) => [e.path, blobs.get(e.blob)!]));
  }
}

/** Whether git would show other objects than those stored (refs/replace; GIT_NO_REPLACE_OBJECTS turns that off). */
function replacesObjects(common: string): boolean {
  if (process.env.GIT_NO_REPLACE_OBJECTS) return false;
  try {
    if (existsSync(join(common, 'refs', 'replace')) && readdirSync(join(common, 'refs', 'replace')).length) return true;
    return existsSync(join(common, 'packed-refs')) && readFileSync(join(common, 'packed-refs'), 'utf8').includes(' refs/replace/');
  } catch {
    return true;
  }
}

/** The real path of `abs`, or of its nearest existing folder joined with the rest (a file gone from disk may exist in a revision). */
function realish(abs: string): string {
  const rest: string[] = [];
  for (let p = abs; ; p = dirname(p)) {
    try {
      return join(realpathSync(p), ...rest.reverse());
    } catch {
      if (dirname(p) === p) return abs;
      rest.push(basename(p));
    }
  }
}

/** Literal pathspecs (no globbing); the root is no pathspec at all. */
function pathspecs(paths: readonly string[]): string[] {
  if (!paths.length || paths.some((p) => p === '' || p === '.')) return [];
  return paths.map((p) => `:(literal)${p}`);
}

const byPath = (a: TreeEntry, b: TreeEntry) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
