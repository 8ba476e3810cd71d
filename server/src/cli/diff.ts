/**
 * `okr diff [BASE] [HEAD] [PATH…] [--staged] [--as-of DATE] [--format text|md|json]
 *  [--fail-on new-errors|new-warnings|coverage-drop]`: what changed on the plan
 * between two git revisions (default: the merge-base with the default branch
 * → the working tree; `--staged`: → the index, from HEAD unless BASE is
 * given), or between two folders. Exit 0; 1 when a `--fail-on` condition
 * holds; 2 on a usage or git failure (one line on stderr).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { CONFIG_FILE, parseConfig } from '../core/config';
import { compare, planOf, type ChangeSet, type PlanLocation } from '../core/compare/index';
import { formatChangeSetMarkdown, type LinkTo } from '../core/compare/markdown';
import { formatChangeSetText } from '../core/compare/text';
import type { SeverityOverride } from '../core/check';
import type { Code } from '../core/model';
import { parseDay, today, type Day } from '../core/period';
import { isValidDate } from '../core/schema';
import { GitError } from '../git/run';
import { GitRepo, isCascadePath } from '../git/repo';
import { parseSides, readRevision, revisionLabel, type Revision, type RevisionFile } from '../git/revision';
import type { Output } from './check-command';
import { displayPath, UsageError } from './files';

export const DIFF_FORMATS = ['text', 'md', 'json'] as const;
export const FAIL_ON = ['new-errors', 'new-warnings', 'coverage-drop'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];
export type FailOn = (typeof FAIL_ON)[number];

export interface DiffArgs {
  /** Positionals before `--` (revisions, folders or paths), and after it (paths only). */
  positionals: string[];
  paths: string[];
  /** True when `--` separated revisions from paths. */
  split: boolean;
  staged: boolean;
  asOf?: Day;
  format: DiffFormat;
  failOn: FailOn[];
}

export interface CliEnv {
  color: boolean;
  cwd?: string;
  env?: Record<string, string | undefined>;
}

export function parseCommon(argv: string[], extra: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {}): { values: Record<string, unknown>; positionals: string[] } {
  try {
    return parseArgs({ args: argv, options: { format: { type: 'string' }, 'as-of': { type: 'string' }, ...extra }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0].replace(/\. To specify a positional.*$/, ''));
  }
}

export function formatOf(value: unknown): DiffFormat {
  if (value === undefined) return 'text';
  if (!(DIFF_FORMATS as readonly unknown[]).includes(value)) throw new UsageError(`--format must be one of ${DIFF_FORMATS.join(', ')} (got "${String(value)}")`);
  return value as DiffFormat;
}

export function asOfOf(value: unknown): Day | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isValidDate(value)) throw new UsageError(`--as-of must be a date written YYYY-MM-DD (got "${String(value)}")`);
  return parseDay(value);
}

export function diffArgs(argv: string[]): DiffArgs {
  const dash = argv.indexOf('--');
  const { values, positionals } = parseCommon(dash < 0 ? argv : argv.slice(0, dash), { staged: { type: 'boolean' }, 'fail-on': { type: 'string', multiple: true } });
  const failOn = ((values['fail-on'] as string[] | undefined) ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const f of failOn) if (!(FAIL_ON as readonly string[]).includes(f)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')} (got "${f}")`);
  return {
    positionals,
    paths: dash < 0 ? [] : argv.slice(dash + 1),
    split: dash >= 0,
    staged: !!values.staged,
    asOf: asOfOf(values['as-of']),
    format: formatOf(values.format),
    failOn: [...new Set(failOn)] as FailOn[],
  };
}

/** Severities from `okr.config.yaml` in the first folder given (or the current one), as `okr check` reads them. */
function severitiesAt(dir: string): Partial<Record<Code, SeverityOverride>> | undefined {
  try {
    return parseConfig(join(dir, CONFIG_FILE), readFileSync(join(dir, CONFIG_FILE), 'utf8')).severities;
  } catch {
    return undefined;
  }
}

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

export function runDiff(args: DiffArgs, env: CliEnv): Output {
  const cwd = env.cwd ?? process.cwd();
  const asOf = args.asOf ?? today();
  const twoFolders = !args.split && !args.staged && args.positionals.length === 2 && args.positionals.every((p) => isDir(resolve(cwd, p)));
  let repo: GitRepo | undefined;
  if (twoFolders) {
    try {
      repo = GitRepo.open(cwd);
    } catch {
      repo = undefined;
    }
  }
  if (twoFolders && !(repo && args.positionals.some((p) => repo!.tryCommit(p)))) return finish(args, env, diffFolders(args.positionals, cwd, asOf));
  try {
    return finish(args, env, diffGit(args, repo ?? GitRepo.open(cwd), cwd, asOf, env.env ?? process.env));
  } catch (e) {
    if (e instanceof GitError) throw new UsageError(e.message);
    throw e;
  }
}

interface Compared {
  cs: ChangeSet;
  link: LinkTo;
}

function finish(args: DiffArgs, env: CliEnv, { cs, link }: Compared): Output {
  const stdout =
    args.format === 'json' ? JSON.stringify(cs, null, 2) + '\n'
    : args.format === 'md' ? formatChangeSetMarkdown(cs, { link })
    : formatChangeSetText(cs, { color: env.color });
  return { stdout, ...failing(cs, args.failOn) };
}

/** Exit 1 and one line on stderr when a `--fail-on` condition holds. */
export function failing(cs: ChangeSet, failOn: readonly FailOn[]): { code: number; stderr?: string } {
  const why: string[] = [];
  const s = cs.summary;
  if (failOn.includes('new-errors') && s.introducedErrors) why.push(`${s.introducedErrors} new error${s.introducedErrors === 1 ? '' : 's'}`);
  if (failOn.includes('new-warnings')) {
    // Warnings or worse; errors already counted by new-errors are not counted twice.
    const n = s.introducedWarnings + (failOn.includes('new-errors') ? 0 : s.introducedErrors);
    if (n) why.push(`${n} new finding${n === 1 ? '' : 's'} of severity warning or error`);
  }
  if (failOn.includes('coverage-drop') && s.coverageDropped) why.push('traceability coverage dropped');
  return why.length ? { code: 1, stderr: `okr: failing: ${why.join('; ')}\n` } : { code: 0 };
}

/** Two folders: files matched by their path inside each folder. */
function diffFolders(dirs: string[], cwd: string, asOf: Day): Compared {
  const [a, b] = dirs.map((d) => resolve(cwd, d));
  const read = (root: string): RevisionFile[] => {
    const out: RevisionFile[] = [];
    for (const rel of (readdirSync(root, { recursive: true }) as string[]).map((p) => p.split(sep).join('/')).sort()) {
      if (!isCascadePath(rel) || !statSync(join(root, rel)).isFile()) continue;
      out.push({ path: rel, text: readFileSync(join(root, rel), 'utf8') });
    }
    if (!out.length) throw new UsageError(`no cascade files (*.okr.yaml, *.okr.yml) in ${relative(cwd, root) || '.'}`);
    return out;
  };
  const sides = parseSides(read(a), read(b));
  const severities = severitiesAt(b);
  const shown = (root: string) => (f: string) => displayPath(join(root, f), cwd);
  const base = planOf(sides.base, { asOf, severities, label: { path: displayPath(a, cwd) }, display: shown(a) });
  const head = planOf(sides.head, { asOf, severities, label: { path: displayPath(b, cwd) }, display: shown(b) });
  return { cs: compare(base, head, { asOf }), link: (_s, l) => `${l.file}#L${l.line + 1}` };
}

/** Two revisions of one repository (a commit, the index or the working tree). */
function diffGit(args: DiffArgs, repo: GitRepo, cwd: string, asOf: Day, environment: Record<string, string | undefined>): Compared {
  const revs: string[] = [];
  const paths = [...args.paths];
  for (const p of args.positionals) {
    if (args.split) {
      revs.push(p);
      continue;
    }
    if (paths.length || existsSync(resolve(cwd, p)) || revs.length === 2) paths.push(p);
    else if (repo.tryCommit(p)) revs.push(p);
    else if (repo.isShallow()) throw new UsageError(`unknown revision or path "${p}" (this is a shallow clone: fetch more history, or fetch-depth: 0 in actions/checkout)`);
    else throw new UsageError(`unknown revision or path "${p}": not a branch, tag or commit, nor a file or folder`);
  }
  if (revs.length > 2) throw new UsageError(`at most two revisions (BASE and HEAD), got ${revs.join(' ')}`);
  if (args.staged && revs.length === 2) throw new UsageError('--staged compares with the index; give at most one revision (BASE)');
  const baseRev: Revision = revs[0]
    ? { kind: 'commit', name: revs[0], sha: repo.commit(revs[0]) }
    : args.staged
      ? { kind: 'commit', name: 'HEAD', sha: repo.commit('HEAD') }
      : mergeBase(repo);
  const headRev: Revision = revs[1] ? { kind: 'commit', name: revs[1], sha: repo.commit(revs[1]) } : args.staged ? { kind: 'index' } : { kind: 'worktree' };
  const rel = (paths.length ? paths : ['.']).map((p) => repo.relative(p, cwd));
  const baseFiles = readRevision(repo, baseRev, rel);
  const headFiles = readRevision(repo, headRev, rel);
  if (!baseFiles.length && !headFiles.length) throw new UsageError(`no cascade files (*.okr.yaml, *.okr.yml) under ${paths.join(', ') || '.'} in either revision`);
  const sides = parseSides(baseFiles, headFiles);
  const display = (f: string) => displayPath(join(repo.root, f), cwd);
  const severities = severitiesAt(resolve(cwd, paths.find((p) => isDir(resolve(cwd, p))) ?? '.'));
  const base = planOf(sides.base, { asOf, severities, label: { rev: revisionLabel(baseRev) }, display });
  const head = planOf(sides.head, { asOf, severities, label: { rev: revisionLabel(headRev) }, display });
  return { cs: compare(base, head, { asOf }), link: blobLinks(repo, cwd, baseRev, headRev, environment) };
}

function mergeBase(repo: GitRepo): Revision {
  const branch = repo.defaultBranch();
  const head = repo.commit('HEAD');
  return { kind: 'commit', name: `merge-base of ${branch} and HEAD`, sha: repo.mergeBase(repo.commit(branch), head, `${branch} and HEAD`) };
}

/**
 * Links for the Markdown: a blob URL on GitHub when `GITHUB_SERVER_URL` and
 * `GITHUB_REPOSITORY` are set and the side is a commit (or `GITHUB_SHA`
 * names the checked-out working tree); otherwise a relative link.
 */
function blobLinks(repo: GitRepo, cwd: string, base: Revision, head: Revision, environment: Record<string, string | undefined>): LinkTo {
  const server = environment.GITHUB_SERVER_URL?.replace(/\/+$/, '');
  const repository = environment.GITHUB_REPOSITORY;
  const sha = (r: Revision) => (r.kind === 'commit' ? r.sha : environment.OKR_HEAD_SHA || environment.GITHUB_SHA);
  return (side, l: PlanLocation) => {
    const commit = sha(side === 'base' ? base : head);
    if (server && repository && commit) {
      const path = relative(repo.root, resolve(cwd, l.file)).split(sep).join('/');
      return `${server}/${repository}/blob/${commit}/${path}#L${l.line + 1}`;
    }
    return `${l.file}#L${l.line + 1}`;
  };
}
