/**
 * The one folder walk, shared by `okr` and the language server: every
 * `*.okr.yaml` / `*.okr.yml` under a folder, sorted, skipping node_modules,
 * .git, dist and .cache. Symlinked files and folders are followed; each real
 * folder and each real file is taken once, so a symlink loop ends and a file
 * linked twice is read once. Only regular files are listed (never a FIFO, a
 * socket or a device).
 *
 * The walk is written once, as a generator that asks for file-system facts;
 * a synchronous driver (the CLI) and an asynchronous one (the server, which
 * must not block while it indexes) answer them.
 */
import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const CASCADE_FILE = /\.okr\.ya?ml$/;
/** Folders never searched: dependencies, git's own files, build output, caches. */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', 'dist', '.cache']);
/** A guard against pathological nesting (loops are stopped by real paths already). */
const MAX_DEPTH = 64;

export interface FoundFile {
  /** The path as reached from the root (through symlinks, if any). */
  path: string;
  /** Its real path: the identity used to take each file once. */
  real: string;
}

export interface WalkOptions {
  /** Checked between folders; a true answer stops the walk with what was found so far. */
  cancelled?: () => boolean;
  /**
   * A file name that marks the root of another cascade (`okr.config.yaml`): a
   * folder below the root that holds it is not searched, only listed in `nested`.
   */
  boundary?: string;
}

export interface Walked {
  files: FoundFile[];
  /** Folders below the root that hold the `boundary` file (not searched). */
  nested: string[];
}

type Ask =
  | { op: 'readdir'; path: string }
  | { op: 'stat'; path: string }
  | { op: 'realpath'; path: string };

/** The walk itself: yields questions, receives answers (null when the path cannot be read). */
function* walk(root: string, options: WalkOptions): Generator<Ask, Walked, unknown> {
  const found: FoundFile[] = [];
  const nested: string[] = [];
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  const realRoot = (yield { op: 'realpath', path: root }) as string | null;
  if (!realRoot) return { files: found, nested };
  const stack: { path: string; real: string; depth: number }[] = [{ path: root, real: realRoot, depth: 0 }];
  seenDirs.add(realRoot);
  while (stack.length) {
    if (options.cancelled?.()) break;
    const dir = stack.pop()!;
    const entries = (yield { op: 'readdir', path: dir.path }) as Dirent[] | null;
    if (!entries) continue; // unreadable or vanished folder
    if (dir.depth > 0 && options.boundary && entries.some((e) => e.name === options.boundary)) {
      nested.push(dir.path); // another cascade's root
      continue;
    }
    const subdirs: { path: string; real: string; depth: number }[] = [];
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir.path, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      let real = join(dir.real, e.name);
      if (e.isSymbolicLink()) {
        const st = (yield { op: 'stat', path }) as Stats | null;
        if (!st) continue; // a broken link
        isDir = st.isDirectory();
        isFile = st.isFile();
        if (!isDir && !(isFile && CASCADE_FILE.test(e.name))) continue;
        const r = (yield { op: 'realpath', path }) as string | null;
        if (!r) continue;
        real = r;
      }
      if (isDir) {
        if (SKIP_DIRS.has(e.name) || dir.depth >= MAX_DEPTH || seenDirs.has(real)) continue;
        seenDirs.add(real);
        subdirs.push({ path, real, depth: dir.depth + 1 });
      } else if (isFile && CASCADE_FILE.test(e.name) && !seenFiles.has(real)) {
        seenFiles.add(real);
        found.push({ path, real });
      }
    }
    // Depth first, in name order: the stack takes the last pushed first.
    stack.push(...subdirs.reverse());
  }
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return { files: found.sort((a, b) => byPath(a.path, b.path)), nested: nested.sort(byPath) };
}

function answerSync(ask: Ask): unknown {
  try {
    if (ask.op === 'readdir') return readdirSync(ask.path, { withFileTypes: true });
    if (ask.op === 'stat') return statSync(ask.path);
    return realpathSync(ask.path);
  } catch {
    return null;
  }
}

async function answer(ask: Ask): Promise<unknown> {
  try {
    if (ask.op === 'readdir') return await readdir(ask.path, { withFileTypes: true });
    if (ask.op === 'stat') return await stat(ask.path);
    return await realpath(ask.path);
  } catch {
    return null;
  }
}

/** Every cascade file under `root` (synchronous: the command line). */
export function findCascadeFilesSync(root: string, options: WalkOptions = {}): Walked {
  const g = walk(root, options);
  let step = g.next();
  while (!step.done) step = g.next(answerSync(step.value));
  return step.value;
}

/** Every cascade file under `root` (asynchronous: the language server). */
export async function findCascadeFiles(root: string, options: WalkOptions = {}): Promise<Walked> {
  const g = walk(root, options);
  let step = g.next();
  while (!step.done) step = g.next(await answer(step.value));
  return step.value;
}

/** True when `path` lies inside a skipped folder (node_modules, .git, dist, .cache) below `root`. */
export function insideSkippedDir(root: string, path: string): boolean {
  const rel = path.slice(root.length);
  return rel.split(/[\\/]/).slice(0, -1).some((seg) => SKIP_DIRS.has(seg));
}
