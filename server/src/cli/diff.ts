/**
 * `okr diff [BASE] [HEAD] [PATH…]`: what changed on the plan between two git
 * revisions (default: the merge-base with the default branch → the working
 * tree; `--staged`: → the index, from HEAD unless BASE is given), or between
 * two folders. Exit 0; 1 when a `--fail-on` condition holds; 2 on a usage or
 * git failure (one line on stderr).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parseConfig, type Config } from '../core/config';
import { compare, parseFiles, planOf, type ChangeSet, type Plan, type PlanLocation } from '../core/compare/index';
import { findingsReach, reachAndIndex } from '../core/compare/reach';
import type { PlanOptions } from '../core/compare/plan';
import type { BuildRoadmap } from '../core/compare/roadmaps';
import type { Problem, UnitFile } from '../core/model';
import { placeCards } from '../core/compare/places';
import type { Card, RoadmapModel } from '../core/roadmap/model';
import { formatChangeSetMarkdown, type LinkTo } from '../core/compare/markdown';
import { formatChangeSetText } from '../core/compare/text';
import { today, type Day } from '../core/period';
import { locate } from '../files/discover';
import { GitError } from '../git/run';
import { GitRepo, isCascadePath } from '../git/repo';
import { parseSides, readRevisions, revisionLabel, type Revision, type RevisionFile } from '../git/revision';
import { asOfFlag, oneOf, parseCommand, type CommandSpec } from './args';
import { UsageError, type CliEnv, type Command, type Output } from './command';
import { diffCache, sideKey, type DiffCache, type SideName } from './diff-cache';
import { parseWithWorkers } from '../cache/parse-pool';
import { displayPath } from './files';

export const DIFF_FORMATS = ['text', 'md', 'json'] as const;
export const FAIL_ON = ['new-errors', 'new-warnings', 'coverage-drop'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];
export type FailOn = (typeof FAIL_ON)[number];

export const DIFF_SPEC: CommandSpec = {
  name: 'diff',
  summary: 'what changed on the plan between two git revisions (or two folders)',
  usage: 'okr diff [BASE] [HEAD] [PATH...] [options]   (or okr diff BASE HEAD -- PATH...)',
  details: [
    'Compares the cascade at BASE with the cascade at HEAD and lists what moved on the plan, not which lines changed: KRs and items added, removed, renamed (an id change is found by its title and content) or moved to another file; every field that changed (targets, current values, horizons that slipped or were pulled in, statuses, confidence, links); and the consequences: findings introduced and resolved, coverage before → after, lanes emptied or created, each unit\'s now load against its capacity, roadmap cards that change column.',
    'BASE and HEAD are git revisions (a branch, a tag, a commit). Without them: the merge-base with the default branch (origin/HEAD, origin/main, origin/master, main, master) → the working tree; with BASE only: BASE → the working tree. Files are read through git; a file whose blob is the same on both sides is parsed once. PATH limits the comparison to those files and folders. Two folders (okr diff old/ new/) compare their files by path, without git.',
    'The severities and pace thresholds are those of the okr.config.yaml that applies to the first PATH (or --config).',
  ],
  options: [
    { name: 'staged', help: 'Compare with the index (what git commit would record) instead of the working tree; BASE defaults to HEAD.', example: 'okr diff --staged' },
    { name: 'format', value: 'FORMAT', help: `${DIFF_FORMATS.join(', ')} (default text). text: one line per change, like git diff --stat but semantic; md: a pull-request comment with a summary line and sections that collapse, each change linking to its file and line (GitHub blob links when GITHUB_SERVER_URL and GITHUB_REPOSITORY are set); json: the plan change set of DESIGN.md.`, example: 'okr diff main HEAD --format md > plan-diff.md' },
    { name: 'fail-on', value: 'WHAT', multiple: true, help: `Exit 1 when the change set has ${FAIL_ON.join(', ')} (repeatable, or comma-separated), for CI. The reason is one line on stderr.`, example: 'okr diff --fail-on new-errors,coverage-drop' },
    { name: 'as-of', value: 'DATE', help: '"Today" (YYYY-MM-DD) for the date rules and the roadmap columns on both sides, so the result is reproducible.', example: 'okr diff main --as-of 2026-11-24' },
    { name: 'config', value: 'FILE', help: 'Use this okr.config.yaml (severities, pace thresholds) instead of the one found above the first PATH.', example: 'okr diff main --config ci/okr.config.yaml' },
    { name: 'no-cache', help: 'Parse every file. By default the parsed files of both sides are kept in the cache folder of okr check (node_modules/.cache/okr, $OKR_CACHE_DIR, else ~/.cache/okr-cascade), so the next diff parses only the file versions it has not seen.', example: 'okr diff main --no-cache' },
  ],
  exit: [
    '0  the change set was written (and no --fail-on condition holds)',
    '1  a --fail-on condition holds (the reason is on stderr)',
    '2  a bad command line, no git, not a repository, an unknown revision, a path outside it',
  ],
  examples: [
    ['okr diff', 'what this branch changes on the plan, uncommitted edits included'],
    ['okr diff v2026-q3 v2026-q4 okrs', 'what changed between two tagged quarters, under okrs/'],
    ['okr diff origin/main HEAD --format md --fail-on new-errors', 'a pull-request comment; exit 1 when the branch adds errors'],
    ['okr diff last-quarter/ okrs/', 'two folders, compared file by file'],
  ],
};

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
  config?: string;
  /** `--no-cache`: parse every file, keep no cache. */
  noCache: boolean;
}

export function diffArgs(argv: string[]): DiffArgs {
  const dash = argv.indexOf('--');
  const { values, positionals } = parseCommand(DIFF_SPEC, dash < 0 ? argv : argv.slice(0, dash));
  const str = (k: string) => values[k] as string | undefined;
  const failOn = ((values['fail-on'] as string[] | undefined) ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  for (const f of failOn) if (!(FAIL_ON as readonly string[]).includes(f)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')} (got "${f}")`);
  return {
    positionals,
    paths: dash < 0 ? [] : argv.slice(dash + 1),
    split: dash >= 0,
    staged: !!values.staged,
    asOf: asOfFlag(str('as-of')),
    format: oneOf('format', str('format'), DIFF_FORMATS, 'text'),
    failOn: [...new Set(failOn)] as FailOn[],
    config: str('config'),
    noCache: !!values['no-cache'],
  };
}

/** The config that applies: `--config`, else the okr.config.yaml found above `dir` (as okr check finds it). */
export function configFor(dir: string, cwd: string, file?: string): Config | undefined {
  const path = file ? resolve(cwd, file) : locate(dir).config;
  if (!path) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    if (file) throw new UsageError(`no such config file: ${file}`);
    return undefined;
  }
  return parseConfig(path, text);
}

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

/** What a diff needs of its environment (`writeError` for `OKR_STATS=1`). */
type DiffEnv = Pick<CliEnv, 'cwd' | 'color' | 'vars' | 'workerEntry'> & Partial<Pick<CliEnv, 'writeError'>>;

export async function runDiff(args: DiffArgs, env: DiffEnv): Promise<Output> {
  const cwd = env.cwd;
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
  if (twoFolders && !(repo && args.positionals.some((p) => repo!.tryCommit(p)))) return finish(args, env, await diffFolders(args, cwd, asOf, env));
  try {
    // The revisions named are resolved with the repository's root in one git run.
    const revisions = args.split ? args.positionals : args.positionals.filter((p) => !existsSync(resolve(cwd, p)));
    return finish(args, env, await diffGit(args, repo ?? GitRepo.open(cwd, revisions.slice(0, 2)), cwd, asOf, env));
  } catch (e) {
    if (e instanceof GitError) throw new UsageError(e.message);
    throw e;
  }
}

interface Compared {
  cs: ChangeSet;
  link: LinkTo;
}

function finish(args: DiffArgs, env: Pick<CliEnv, 'color'>, { cs, link }: Compared): Output {
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
async function diffFolders(args: DiffArgs, cwd: string, asOf: Day, env: DiffEnv): Promise<Compared> {
  const [a, b] = args.positionals.map((d) => resolve(cwd, d));
  const read = (root: string): RevisionFile[] => {
    const out: RevisionFile[] = [];
    for (const rel of (readdirSync(root, { recursive: true }) as string[]).map((p) => p.split(sep).join('/')).sort()) {
      if (!isCascadePath(rel) || !statSync(join(root, rel)).isFile()) continue;
      out.push({ path: rel, text: readFileSync(join(root, rel), 'utf8') });
    }
    if (!out.length) throw new UsageError(`no cascade files (*.okr.yaml, *.okr.yml) in ${relative(cwd, root) || '.'}`);
    return out;
  };
  const sides = await parseBoth(read(a), read(b), diffCache(cwd, true, cwd, env.vars), env);
  const { severities, pace } = configFor(b, cwd, args.config) ?? {};
  const shown = (root: string) => memo((f: string) => displayPath(join(root, f), cwd));
  const only = findingsReach(parseFiles(sides.base), parseFiles(sides.head));
  const base = planOf(sides.base, { asOf, severities, pace, only, label: { path: displayPath(a, cwd) }, display: shown(a) });
  const head = planOf(sides.head, { asOf, severities, pace, only, label: { path: displayPath(b, cwd) }, display: shown(b) });
  return { cs: compare(base, head, { asOf, buildRoadmap: (_side, plan, o) => placeCards(plan.index, o) }), link: (_s, l) => `${l.file}#L${l.line + 1}` };
}

/** Two revisions of one repository (a commit, the index or the working tree). */
async function diffGit(args: DiffArgs, repo: GitRepo, cwd: string, asOf: Day, env: DiffEnv): Promise<Compared> {
  const environment = env.vars;
  const revs: string[] = [];
  const shas: string[] = [];
  const paths = [...args.paths];
  for (const p of args.positionals) {
    if (args.split) {
      revs.push(p);
      continue;
    }
    if (paths.length || existsSync(resolve(cwd, p)) || revs.length === 2) {
      paths.push(p);
      continue;
    }
    const sha = repo.tryCommit(p);
    if (sha) {
      revs.push(p);
      shas[revs.length - 1] = sha;
    } else if (repo.isShallow()) throw new UsageError(`unknown revision or path "${p}" (this is a shallow clone: fetch more history, or fetch-depth: 0 in actions/checkout)`);
    else throw new UsageError(`unknown revision or path "${p}": not a branch, tag or commit, nor a file or folder`);
  }
  if (revs.length > 2) throw new UsageError(`at most two revisions (BASE and HEAD), got ${revs.join(' ')}`);
  if (args.staged && revs.length === 2) throw new UsageError('--staged compares with the index; give at most one revision (BASE)');
  const commit = (i: number): Revision => ({ kind: 'commit', name: revs[i], sha: shas[i] ?? repo.commit(revs[i]) });
  const baseRev: Revision = revs[0]
    ? commit(0)
    : args.staged
      ? { kind: 'commit', name: 'HEAD', sha: repo.commit('HEAD') }
      : mergeBase(repo);
  const headRev: Revision = revs[1] ? commit(1) : args.staged ? { kind: 'index' } : { kind: 'worktree' };
  const rel = (paths.length ? paths : ['.']).map((p) => repo.relative(p, cwd));
  const [baseFiles, headFiles] = readRevisions(repo, [baseRev, headRev], rel, { loose: true });
  if (!baseFiles.length && !headFiles.length) throw new UsageError(`no cascade files (*.okr.yaml, *.okr.yml) under ${paths.join(', ') || '.'} in either revision`);
  const cache = diffCache(repo.root, args.noCache, cwd, environment);
  const sides = await parseBoth(baseFiles, headFiles, cache, env);
  cache.save();
  const display = memo((f: string) => displayPath(join(repo.root, f), cwd));
  const { severities, pace } = configFor(resolve(cwd, paths[0] ?? '.'), cwd, args.config) ?? {};
  const options = { asOf, severities, pace };
  const keys = { base: sideKey(baseFiles, options), head: sideKey(headFiles, options) };
  const { base, head } = checkedPlans(cache, sides, keys, { ...options, display }, { rev: revisionLabel(baseRev) }, { rev: revisionLabel(headRev) });
  // Roadmap locations are shown relative to the current folder: part of what a side's roadmaps are kept under.
  const roadmaps = keptRoadmaps(cache, { base: `${keys.base}\u0000${cwd}`, head: `${keys.head}\u0000${cwd}` });
  const cs = compare(base, head, { asOf, buildRoadmap: roadmaps.build });
  roadmaps.save();
  return { cs, link: blobLinks(repo, cwd, baseRev, headRev, environment) };
}

/**
 * `parseSides` (a file the same on both sides parsed once), with the models
 * from the cache when it has them and the rest parsed on this thread and on
 * parse workers when there are enough (cache/parse-pool.ts).
 */
async function parseBoth(base: readonly RevisionFile[], head: readonly RevisionFile[], cache: DiffCache, env: DiffEnv): Promise<ReturnType<typeof parseSides>> {
  // What parseSides asks for: every base file, and the head files that differ.
  const asked: { side: SideName; key: string; text: string }[] = [];
  const ask = (side: SideName) => (key: string, text: string) => {
    asked.push({ side, key, text });
    return undefined as unknown as UnitFile;
  };
  parseSides(base, head, { parse: { base: ask('base'), head: ask('head') } });
  const ready = { base: new Map<string, UnitFile>(), head: new Map<string, UnitFile>() };
  const todo = asked.filter((a) => {
    const hit = cache.lookup(a.side, a.key, a.text);
    if (hit) ready[a.side].set(a.key, hit);
    return !hit;
  });
  const { models, stats } = await parseWithWorkers(todo.map((a) => [a.key, a.text] as [string, string]), env.workerEntry, env.vars);
  todo.forEach((a, i) => {
    ready[a.side].set(a.key, models[i]);
    cache.put(a.side, models[i]);
  });
  if (env.vars.OKR_STATS === '1') env.writeError?.(`okr: ${asked.length} file versions, ${asked.length - todo.length} from the cache, ${stats}\n`);
  return parseSides(base, head, { parse: { base: (key) => ready.base.get(key)!, head: (key) => ready.head.get(key)! } });
}

type Kept = [string, Problem[]][];

/**
 * Both sides with the findings a comparison reads. Kept whole for each side
 * from an earlier run: those. Else only the files whose findings can differ
 * (compare/reach.ts) are checked, on both sides, and kept for this pair of
 * sides; when any file's can (a unit added or removed), every file, kept per side.
 */
function checkedPlans(cache: DiffCache, sides: { base: Map<string, UnitFile>; head: Map<string, UnitFile> }, keys: Record<SideName, string>, options: Omit<PlanOptions, 'label'>, baseLabel: PlanOptions['label'], headLabel: PlanOptions['label']): { base: Plan; head: Plan } {
  const whole = { base: cache.kept<Kept>('findings', 'base', keys.base), head: cache.kept<Kept>('findings', 'head', keys.head) };
  if (whole.base && whole.head) {
    return { base: planOf(sides.base, { ...options, label: baseLabel, checked: new Map(whole.base) }), head: planOf(sides.head, { ...options, label: headLabel, checked: new Map(whole.head) }) };
  }
  const pair = `${keys.base}\u0000${keys.head}`;
  const kept = cache.kept<Record<SideName, Kept>>('reached', 'base', pair);
  if (kept) return { base: planOf(sides.base, { ...options, label: baseLabel, checked: new Map(kept.base) }), head: planOf(sides.head, { ...options, label: headLabel, checked: new Map(kept.head) }) };
  const reached = reachAndIndex(parseFiles(sides.base), parseFiles(sides.head), options);
  const only = reached?.reach;
  if (!reached || !only) return { base: checkedPlan(cache, 'base', sides.base, keys.base, { ...options, label: baseLabel }), head: checkedPlan(cache, 'head', sides.head, keys.head, { ...options, label: headLabel }) };
  // A side kept whole gives its findings of the files reached; the other side checks those files only.
  // Each side's index is one the reach built (reachAndIndex: the base side's, and the copy walked to the head side).
  const side = (name: SideName, label: PlanOptions['label']) => {
    const known = whole[name];
    const index = reached[name];
    return known ? planOf(sides[name], { ...options, label, index, checked: new Map(known.filter(([f]) => only.has(f))) }) : planOf(sides[name], { ...options, label, index, only });
  };
  const base = side('base', baseLabel);
  const head = side('head', headLabel);
  const ofReach = (plan: Plan): Kept => plan.files.filter((f) => only.has(f.file)).map((f) => [f.file, plan.findings(f.file) as Problem[]]);
  cache.keep('reached', 'base', pair, { base: ofReach(base), head: ofReach(head) });
  return { base, head };
}

/** A side with its findings: kept from an earlier run with exactly these files and options, else checked (and kept). */
function checkedPlan(cache: DiffCache, name: SideName, files: Map<string, UnitFile>, key: string, options: PlanOptions): Plan {
  const kept = cache.kept<[string, Problem[]][]>('findings', name, key);
  const checked = kept && new Map(kept);
  const plan = planOf(files, { ...options, checked });
  if (!checked) cache.keep('findings', name, key, plan.files.map((f) => [f.file, plan.findings(f.file)]));
  return plan;
}

/**
 * The roadmaps of each side by view and unit, kept between runs: only what a
 * change set reads of them (lane ids, titles and cards; each card's ref,
 * kind, title and column), built without the rest (compare/places.ts). The
 * models themselves are not printed by okr diff.
 */
function keptRoadmaps(cache: DiffCache, keys: Record<SideName, string>): { build: BuildRoadmap; save(): void } {
  const sides = {
    base: { map: new Map(cache.kept<[string, RoadmapModel][]>('roadmaps', 'base', keys.base) ?? []), added: false },
    head: { map: new Map(cache.kept<[string, RoadmapModel][]>('roadmaps', 'head', keys.head) ?? []), added: false },
  };
  const card = (c: Card) => ({ ref: c.ref, kind: c.kind, title: c.title, column: c.column }) as Card;
  return {
    build(side, plan, options) {
      const s = sides[side];
      const key = `${options.view}\u0000${options.unit}`;
      const hit = s.map.get(key);
      if (hit) return hit;
      const m = placeCards(plan.index, options);
      // The quarters view's places are that already; another view's whole model is cut down to them.
      const kept = options.view === 'quarters' ? m : ({ unit: m.unit, lanes: m.lanes.map((l) => ({ id: l.id, title: l.title, cards: l.cards.map(card) })), unlinked: m.unlinked.map(card) } as RoadmapModel);
      s.map.set(key, kept);
      s.added = true;
      return kept;
    },
    save() {
      for (const side of ['base', 'head'] as const) if (sides[side].added) cache.keep('roadmaps', side, keys[side], [...sides[side].map]);
    },
  };
}

/** `f` asked once per argument (a file's path is shown on every card and change of it). */
function memo(f: (key: string) => string): (key: string) => string {
  const seen = new Map<string, string>();
  return (key) => {
    let v = seen.get(key);
    if (v === undefined) seen.set(key, (v = f(key)));
    return v;
  };
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

export const diffCommand: Command = { spec: DIFF_SPEC, run: (argv, env) => runDiff(diffArgs(argv), env) };
