/**
 * The cascade's history from git: every commit that changed a cascade file
 * under the given paths (first parent only, so a merged branch counts as its
 * merge), newest `depth` at most, after `since` (a day or a revision), each
 * turned into a revision of the cascade (core/history: its files' texts at
 * that commit). Three git processes whatever the number of commits: one
 * `git log --raw` (which files changed, to which blob), one `ls-tree` (the
 * files before the first commit) and one `cat-file --batch` for the blobs not
 * read yet; texts are kept by blob id and their facts by text, so a second
 * run reads and parses nothing twice, and its answer is kept for the same
 * HEAD and question. When HEAD has only grown since the last answer (new
 * commits on top), only the new commits are read: `rev-parse`, one `git log`
 * of them, one `cat-file` of their new blobs, and the series grow by them. Asynchronous: git runs in the background and parsing
 * yields every few milliseconds, so a language server keeps answering (the
 * roadmap never waits on history).
 */
import { join } from 'node:path';
import { HistoryBuilder, type History } from '../core/history/follow';
import { FactsCache, type Facts } from '../core/history/facts';
import type { HistoryPoint, ItemState, Revision } from '../core/history/series';
import type { HistoryStore, StoredCommit, StoredLog } from './history-store';
import { GitError, runGit, runGitAsync } from './run';
import { isCascadePath, type GitRepo } from './repo';

export const DEFAULT_DEPTH = 500;

export interface HistoryQuery {
  /** Paths from the repository's root ('' or none: all). */
  paths?: readonly string[];
  /** Only commits after this: a day (`YYYY-MM-DD`, committed on or after it) or a commit (those after it). */
  since?: { day: string } | { commit: string };
  /** At most this many commits, the newest (default 500). */
  depth?: number;
}

export interface GitHistory extends History {
  /** True when `depth` cut older commits off. */
  truncated: boolean;
  /** The commit the history ends at (HEAD). */
  head: string;
}

interface Pending {
  commit: LogCommit | { sha: string; date: string; author: string };
  blobs: Map<string, string>;
}

/** What the last whole read left to grow from: its question, HEAD, the files at HEAD, commits in the window. */
interface Grown {
  question: string;
  head: string;
  builder: HistoryBuilder;
  state: Map<string, string>;
  count: number;
  /** The window's start and its commits that changed a cascade file (what the store keeps to grow from). */
  start?: StoredLog['start'];
  commits: LogCommit[];
}

interface LogCommit {
  sha: string;
  parent?: string;
  date: string;
  author: string;
  /** Cascade path → new blob id (undefined: deleted). */
  changes: Map<string, string | undefined>;
}

export class HistoryReader {
  private readonly facts: FactsCache;
  private readonly renames = new Map<string, Map<string, string>>();
  /** The files and author of a commit the window starts after, by commit and paths (a commit never changes). */
  private readonly starts = new Map<string, { files: [string, string][]; date: string; author: string }>();
  private last?: { key: string; history: GitHistory };
  private grown?: Grown;
  /** File keys by path (a URI in the language server: made once per path, not once per revision). */
  private readonly keys = new Map<string, string>();

  /** `key`: the cascade's file key for a path from the root (default: the absolute path). */
  /**
   * `store`: the history kept between runs (the command line's cache
   * folder): its blobs and models are read instead of git's and the
   * parser's, its answers given for the same HEAD and question, and its last
   * read grown by the new commits; `save()` it after reading.
   */
  constructor(readonly repo: GitRepo, private readonly key: (path: string) => string = (p) => join(repo.root, p), private readonly store?: HistoryStore) {
    this.facts = new FactsCache(store?.parseCache());
    if (store) {
      repo.blobs.add(store.blobs());
      for (const [pair, step] of store.renames()) this.renames.set(pair, step);
    }
  }

  /** Texts parsed so far (a warm run adds none; a text differing from the one before only in values is not parsed). */
  get parsedFiles(): number {
    return this.facts.size;
  }

  /** The history of HEAD; a repository without commits has none. */
  async read(q: HistoryQuery = {}): Promise<GitHistory> {
    const r = await runGitAsync(this.repo.root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
    const head = r.status === 0 ? r.stdout.toString('utf8').trim() : '';
    if (!head) return { krs: new Map(), items: new Map(), stats: { revisions: 0, parsed: 0, matched: 0 }, truncated: false, head: '' };
    const question = JSON.stringify([q.paths ?? [], q.since ?? null, q.depth ?? DEFAULT_DEPTH]);
    const key = JSON.stringify([head, question]);
    if (this.last?.key === key) return this.last.history;
    const kept = this.store && answerOf(this.store.answer(key), head);
    if (kept) {
      this.last = { key, history: kept };
      return kept;
    }
    const restored = !this.grown && this.store ? await this.restore(question, head, q) : undefined;
    const grown = restored ?? (this.grown?.question === question ? await this.newer(this.grown, head, q) : undefined);
    let history: History;
    let truncated = false;
    if (grown) {
      await this.readFacts(grown.revisions, this.grown!.builder.latest);
      history = this.grown!.builder.extend(grown.revisions);
      this.grown!.head = head;
      this.grown!.commits.push(...grown.commits);
    } else {
      const read = await this.revisions(head, q);
      truncated = read.truncated;
      await this.readFacts(read.revisions);
      const builder = new HistoryBuilder({ cache: this.facts, renames: this.renames });
      history = builder.extend(read.revisions);
      // A window cut by depth moves with every commit: it is read whole each time.
      this.grown = truncated || !read.revisions.length ? undefined : { question, head, builder, state: read.state, count: read.count, start: read.start, commits: read.commits };
    }
    const answer: GitHistory = { ...history, truncated, head };
    this.last = { key, history: answer };
    if (this.store) {
      const g = this.grown;
      this.store.setLog(g && { question, head, start: g.start, commits: g.commits.map(storedCommit) });
      this.store.setRenames(this.renames);
      this.store.setAnswer(key, { krs: [...answer.krs], items: [...answer.items], stats: answer.stats, truncated, head });
    }
    return answer;
  }

  /**
   * The last read kept in the store for this question, when HEAD has only
   * grown from it: its revisions rebuilt from the kept commits and blobs
   * (no git), their facts from the kept models (no parse); `read` then adds
   * the new commits.
   */
  private async restore(question: string, head: string, q: HistoryQuery): Promise<{ revisions: Revision[]; commits: LogCommit[] } | undefined> {
    const log = this.store!.log(question);
    if (!log || !log.commits.length || log.head === head) return undefined;
    const commits = log.commits.map(logCommit);
    const state = new Map<string, string>();
    const pending: Pending[] = [];
    if (log.start) {
      for (const [path, blob] of log.start.files) state.set(path, blob);
      pending.push({ commit: { sha: log.start.sha, date: log.start.date, author: log.start.author }, blobs: new Map(state) });
    }
    pending.push(...this.revisionsOf(state, commits));
    const g: Grown = { question, head: log.head, builder: new HistoryBuilder({ cache: this.facts, renames: this.renames }), state, count: commits.length, start: log.start, commits };
    // Only worth building when the new commits continue it.
    const probe = await this.newer(g, head, q, false);
    if (!probe) return undefined;
    const revisions = await this.withTexts(pending);
    await this.readFacts(revisions);
    g.builder.extend(revisions);
    this.grown = g;
    const fresh = this.revisionsOf(g.state, probe.commits);
    g.count += probe.commits.length;
    return { revisions: await this.withTexts(fresh), commits: probe.commits };
  }

  /** Facts of the texts new to these revisions, read in slices so other work runs in between (historyOf then finds them all). */
  private async readFacts(revisions: readonly Revision[], latest?: ReadonlyMap<string, Facts>): Promise<void> {
    let slice = Date.now();
    const seen = new Map<string, Facts>(latest);
    for (const rev of revisions) {
      for (const [file, text] of rev.files) {
        const before = seen.get(file);
        if (before?.text === text) continue;
        seen.set(file, this.facts.of(file, text, before));
        if (Date.now() - slice > 8) {
          await new Promise((resume) => setImmediate(resume));
          slice = Date.now();
        }
      }
    }
  }

  /**
   * The revisions of the commits after the last answer's HEAD, when HEAD has
   * only grown from it along its first parents (a commit, a pull): one
   * `git log` of the new commits and one `cat-file` for their new blobs.
   * Undefined when HEAD moved otherwise (a reset, an amend, a rebase, a
   * window now deeper than `depth`): then the history is read whole.
   */
  private async newer(g: Grown, head: string, q: HistoryQuery, read = true): Promise<{ revisions: Revision[]; commits: LogCommit[] } | undefined> {
    const depth = Math.max(1, q.depth ?? DEFAULT_DEPTH);
    // No pathspec, so each commit's parent is its real one: the oldest new commit's must be the last HEAD.
    const args = ['log', '--first-parent', '-m', '--raw', '--no-abbrev', '--no-renames', '-z', '--format=%x01%H%x00%P%x00%aI%x00%an', `--max-count=${depth + 1}`];
    // A day bound: a new commit older than it would end git's walk there; then the chain below is broken and it is read whole.
    if (q.since && 'day' in q.since) args.push(`--since=${q.since.day}T00:00:00`);
    let out: string;
    try {
      out = await this.git([...args, `${g.head}..${head}`]);
    } catch (e) {
      // The last HEAD is gone (the repository made again, a re-clone, a pruned history): read it whole.
      if (e instanceof GitError) return undefined;
      throw e;
    }
    const commits = parseLog(out, inPaths(q.paths ?? [])).reverse();
    if (!commits.length || commits.length > depth || commits[0].parent !== g.head) return undefined;
    if (commits.some((c, i) => i > 0 && c.parent !== commits[i - 1].sha)) return undefined;
    const changed = commits.filter((c) => c.changes.size);
    if (g.count + changed.length > depth) return undefined;
    if (!read) return { revisions: [], commits: changed };
    const revisions = this.revisionsOf(g.state, changed);
    g.count += changed.length;
    return { revisions: await this.withTexts(revisions), commits: changed };
  }

  /** The revisions: the state before the first commit kept (when there is one), then one per commit, oldest first. */
  async revisions(head: string, q: HistoryQuery): Promise<{ revisions: Revision[]; truncated: boolean; state: Map<string, string>; count: number; start?: StoredLog['start']; commits: LogCommit[] }> {
    const depth = Math.max(1, q.depth ?? DEFAULT_DEPTH);
    const range = q.since && 'commit' in q.since ? `${q.since.commit}..${head}` : head;
    const args = ['log', '--first-parent', '-m', '--raw', '--no-abbrev', '--no-renames', '-z', '--format=%x01%H%x00%P%x00%aI%x00%an', `--max-count=${depth + 1}`];
    if (q.since && 'day' in q.since) args.push(`--since=${q.since.day}T00:00:00`);
    args.push(range, '--', ...pathspecs(q.paths ?? []));
    const commits = parseLog(await this.git(args)).reverse();
    const truncated = commits.length > depth;
    if (truncated) commits.shift();
    const state = new Map<string, string>();
    if (!commits.length) return { revisions: [], truncated: false, state, count: 0, commits: [] };
    // The files before the first commit: its parent's tree (none for a root commit).
    const start = commits[0].parent;
    const revisions: Pending[] = [];
    let kept: StoredLog['start'];
    if (start) {
      const key = JSON.stringify([start, q.paths ?? []]);
      let known = this.starts.get(key);
      if (!known) {
        const files = parseTree(await this.git(['ls-tree', '-r', '-z', '--full-tree', start, '--', ...pathspecs(q.paths ?? [])])).map((e): [string, string] => [e.path, e.blob]);
        const info = (await this.git(['log', '-1', '--format=%aI%x00%an', start])).trim().split('\0');
        this.starts.set(key, (known = { files, date: info[0], author: info[1] ?? '' }));
      }
      kept = { sha: start, date: known.date, author: known.author, files: known.files };
      for (const [path, blob] of known.files) state.set(path, blob);
      revisions.push({ commit: { sha: start, date: known.date, author: known.author }, blobs: new Map(state) });
    }
    const changed = commits.filter((c) => c.changes.size);
    revisions.push(...this.revisionsOf(state, changed));
    return { truncated, revisions: await this.withTexts(revisions), state, count: changed.length, start: kept, commits: changed };
  }

  /** One revision per commit, from `state` (path → blob), which is moved along. */
  private revisionsOf(state: Map<string, string>, commits: LogCommit[]): Pending[] {
    return commits.map((c) => {
      for (const [path, blob] of c.changes) {
        if (blob) state.set(path, blob);
        else state.delete(path);
      }
      return { commit: c, blobs: new Map(state) };
    });
  }

  /** The revisions with their texts: the blobs not read yet, by one `cat-file --batch`. */
  private async withTexts(revisions: Pending[]): Promise<Revision[]> {
    const texts = await this.repo.blobs.readAsync(new Set(revisions.flatMap((r) => [...r.blobs.values()])));
    this.store?.useBlobs(texts);
    return revisions.map(({ commit, blobs }) => ({
      commit: commit.sha,
      date: commit.date,
      author: commit.author,
      files: new Map([...blobs].map(([path, blob]) => [this.keyOf(path), texts.get(blob)!])),
    }));
  }

  private keyOf(path: string): string {
    let k = this.keys.get(path);
    if (k === undefined) this.keys.set(path, (k = this.key(path)));
    return k;
  }

  /** Git's output as text; a failure is a GitError with its first line. */
  private async git(args: string[]): Promise<string> {
    const r = await runGitAsync(this.repo.root, args);
    if (r.status !== 0) throw new GitError(`reading the history: ${r.stderr.split('\n').map((l) => l.replace(/^(fatal|error): /, '').trim()).find(Boolean) ?? `git ${args[0]} failed`}`);
    return r.stdout.toString('utf8');
  }
}

/** `ls-tree -r -z` records → cascade files (symlinks and submodules left out, as GitRepo.tree does). */
function parseTree(out: string): { path: string; blob: string }[] {
  const entries: { path: string; blob: string }[] = [];
  for (const rec of out.split('\0')) {
    const tab = rec.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, blob] = rec.slice(0, tab).split(' ');
    const path = rec.slice(tab + 1);
    if (type === 'blob' && mode !== '120000' && isCascadePath(path)) entries.push({ path, blob });
  }
  return entries;
}

/** The last commit (first parent) on or before a day, if any: the cascade as it was that day. */
export function commitOnOrBefore(repo: GitRepo, day: string): string | undefined {
  const r = runGit(repo.root, ['rev-list', '-1', '--first-parent', `--before=${day}T23:59:59`, 'HEAD']);
  return r.status === 0 ? r.stdout.toString('utf8').trim() || undefined : undefined;
}

/** The date of a commit (`YYYY-MM-DD`, its author's day). */
export function commitDay(repo: GitRepo, sha: string): string {
  const r = runGit(repo.root, ['log', '-1', '--format=%aI', sha]);
  if (r.status !== 0) throw new GitError(`reading the date of ${sha.slice(0, 7)}: ${r.stderr.split('\n')[0]}`);
  return r.stdout.toString('utf8').trim().slice(0, 10);
}

/** `\x01sha\0parents\0date\0author\0` then `\n:modes blobs STATUS\0path\0` records (cascade files under `within` only). */
function parseLog(out: string, within: (path: string) => boolean = () => true): LogCommit[] {
  const commits: LogCommit[] = [];
  for (const chunk of out.split('\x01')) {
    if (!chunk) continue;
    const t = chunk.split('\0');
    const c: LogCommit = { sha: t[0], parent: t[1].split(' ')[0] || undefined, date: t[2], author: t[3], changes: new Map() };
    for (let i = 4; i + 1 < t.length; i += 2) {
      const meta = t[i].trim();
      if (!meta.startsWith(':')) continue;
      const [, mode, , blob, status] = meta.slice(1).split(' ');
      const path = t[i + 1];
      if (!isCascadePath(path) || !within(path)) continue;
      // A symlink or a submodule is not read as a cascade file (as ls-tree is read).
      c.changes.set(path, status.startsWith('D') || mode === '120000' || mode === '160000' ? undefined : blob);
    }
    commits.push(c);
  }
  return commits;
}

/** The pathspecs' filter done here: a path is one of them or under one. */
function inPaths(paths: readonly string[]): (path: string) => boolean {
  if (!paths.length || paths.some((p) => p === '' || p === '.')) return () => true;
  const clean = paths.map((p) => p.replace(/\/+$/, ''));
  return (path) => clean.some((p) => path === p || path.startsWith(`${p}/`));
}

function pathspecs(paths: readonly string[]): string[] {
  if (!paths.length || paths.some((p) => p === '' || p === '.')) return [];
  return paths.map((p) => `:(literal)${p}`);
}

function storedCommit(c: LogCommit): StoredCommit {
  return [c.sha, c.parent ?? null, c.date, c.author, [...c.changes].map(([p, b]): [string, string | null] => [p, b ?? null])];
}

function logCommit(c: StoredCommit): LogCommit {
  return { sha: c[0], parent: c[1] ?? undefined, date: c[2], author: c[3], changes: new Map(c[4].map(([p, b]) => [p, b ?? undefined])) };
}

/** A kept answer, back as a history (anything malformed: none). */
function answerOf(kept: unknown, head: string): GitHistory | undefined {
  const a = kept as { krs?: unknown; items?: unknown; stats?: History['stats']; truncated?: boolean; head?: string } | undefined;
  if (!a || a.head !== head || !Array.isArray(a.krs) || !Array.isArray(a.items) || typeof a.stats !== 'object' || typeof a.truncated !== 'boolean') return undefined;
  return { krs: new Map(a.krs as [string, HistoryPoint[]][]), items: new Map(a.items as [string, ItemState[]][]), stats: a.stats, truncated: a.truncated, head };
}
