/**
 * `okr review [PATH…] [--unit U] [--since DATE|REV] [--as-of DATE] [--format md|html|json]`:
 * the review document for the quarterly meeting (DESIGN.md "The review").
 * Since the unit's `reviewed:` date unless `--since` gives a day or a git
 * revision. In a git repository, each KR's history comes from the commits
 * that changed it within the cascade's periods (git/history.ts, merged with
 * its hand check-ins), and the cascade as it was at `since` (the last commit
 * on or before that day, or the revision) gives the moves of the bets; a
 * folder without git simply has no history.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { buildId } from '../cache/build';
import { cliCache, cliCacheDir } from '../cache/cli-cache';
import { ROADMAP_CSS } from '../render/styles';
import { periodDays } from '../core/history/pace';
import { CascadeIndex } from '../core/link';
import { parseUnitFile } from '../core/parse';
import { formatDay, today } from '../core/period';
import { defaultRoadmapUnit } from '../core/roadmap/index';
import { buildReview, ReviewError, reviewMarkdown } from '../core/review';
import { reviewHtml } from '../core/review/html';
import { isValidDate } from '../core/schema';
import { commitDay, commitOnOrBefore, DEFAULT_DEPTH, HistoryReader, type GitHistory } from '../git/history';
import { HistoryStore, historyStorePath } from '../git/history-store';
import { GitRepo } from '../git/repo';
import { GitError } from '../git/run';
import { asOfFlag, count, megabytes, oneOf, parseCommand, type CommandSpec } from './args';
import { UsageError, type CliEnv, type Command, type Output } from './command';
import { displayPath, loadCascade, type Loaded } from './files';
import { checkLoaded } from './findings';

export const REVIEW_FORMATS = ['md', 'html', 'json'] as const;

export const REVIEW_SPEC: CommandSpec = {
  name: 'review',
  summary: 'the quarterly review of a unit: numbers, pace, status, decisions',
  usage: 'okr review [PATH...] [options]',
  details: [
    'For one unit (--unit; default: the roadmap unit, a product): per objective, each KR with baseline → current → target, the value expected today on a linear pace and its status (on track, at risk, off track, done), what changed since the last review (the unit\'s reviewed: date, or --since), the bets that moved, finished, were dropped or invalidated, KRs without a live bet, items past due, and the decisions to take.',
    'In a git repository every commit that changed a KR\'s current value is a check-in (date, value, author, commit), merged with its hand check-ins (checkins:), and the cascade as it was at the last review shows which bets slipped, finished or were dropped. Renamed KRs and moved files keep their history. Without git there is no history, and no error.',
  ],
  options: [
    { name: 'unit', value: 'ID', help: 'The unit to review (its `unit:` id).', example: 'okr review --unit checkout' },
    { name: 'since', value: 'DATE|REV', help: 'Report what changed since this day (YYYY-MM-DD) or this git revision (a tag, a branch, a commit) instead of the unit\'s reviewed: date.', example: 'okr review --since review-2026-q3' },
    { name: 'as-of', value: 'DATE', help: '"Today" (YYYY-MM-DD) for pace and status, so the review is reproducible.', example: 'okr review --as-of 2026-11-24' },
    { name: 'format', value: 'FORMAT', help: `${REVIEW_FORMATS.join(', ')} (default md): Markdown to bring to the meeting, a standalone HTML page (with a sparkline per KR), or the JSON of DESIGN.md.`, example: 'okr review --format html > review.html' },
    { name: 'depth', value: 'N', help: `Read at most the newest N commits of history (default ${DEFAULT_DEPTH}); 0 reads none (no git history, and the cascade at the last review only from a --since revision).`, example: 'okr review --depth 100' },
    { name: 'config', value: 'FILE', help: 'Use this okr.config.yaml (pace thresholds) instead of the one found above the PATH.', example: 'okr review --config ci/okr.config.yaml' },
    { name: 'max-file-size', value: 'MB', help: 'Files larger than this are not read (default 5).', example: 'okr review --max-file-size 20' },
    { name: 'no-cache', help: 'Read the whole history from git again. By default what was read is kept in the cache folder of okr check (node_modules/.cache/okr, $OKR_CACHE_DIR, else ~/.cache/okr-cascade), so the next review of the same repository reads only the new commits, and an unchanged one reads nothing again.', example: 'okr review --no-cache' },
  ],
  exit: ['0  the review was written', '2  a bad command line, an unknown unit or revision, or a file that cannot be read'],
  examples: [
    ['okr review okrs --unit checkout --as-of 2026-11-24', 'the review of the checkout product as Markdown'],
    ['okr review --unit checkout --since v2026-q3 --format html > review.html', 'a page for the meeting, since a tagged review'],
    ['okr review --unit checkout --format json', 'the same as JSON, for a dashboard'],
  ],
};

async function run(argv: string[], env: CliEnv): Promise<Output> {
  const { values: v, positionals } = parseCommand(REVIEW_SPEC, argv);
  const str = (k: string) => v[k] as string | undefined;
  const sinceArg = str('since');
  const format = oneOf('format', str('format'), REVIEW_FORMATS, 'md');
  const asOf = asOfFlag(str('as-of')) ?? today();
  const depth = count('depth', str('depth'));
  if (depth !== undefined && !Number.isInteger(depth)) throw new UsageError('--depth must be a whole number');
  const loaded = loadCascade(positionals, { cwd: env.cwd, config: str('config'), maxBytes: megabytes('max-file-size', str('max-file-size')) });
  const repo = openRepo(loaded.root);
  const sinceRev = sinceArg !== undefined && !isValidDate(sinceArg) ? repo?.tryCommit(sinceArg) : undefined;
  if (sinceArg !== undefined && !isValidDate(sinceArg) && !sinceRev) {
    throw new UsageError(`--since must be a date written YYYY-MM-DD or a git revision (got "${sinceArg}")${repo ? '' : '; this folder is not in a git repository'}`);
  }
  const paths = repo ? [repo.relative(loaded.root, loaded.root)] : [];
  const store = repo && !v['no-cache'] ? HistoryStore.open(historyStorePath(cliCacheDir(env.cwd, env.vars as NodeJS.ProcessEnv), repo.root, paths), buildId()) : HistoryStore.none();
  // The whole review, kept by everything it depends on: the same HEAD, files, options and day give the same text.
  const head = repo && store.enabled ? headOf(repo) : '';
  const options = [format, str('unit') ?? null, sinceArg ?? null, sinceRev ?? null, asOf, depth ?? null, env.cwd, Intl.DateTimeFormat().resolvedOptions().timeZone];
  const key = store.enabled ? answerKey(head, options, loaded) : '';
  const kept = store.enabled ? store.review(key) : undefined;
  if (kept !== undefined) return { stdout: kept, code: 0 };
  // The working tree's models from okr check's pack (as okr roadmap reads them).
  const models = cliCache(positionals, !!v['no-cache'], env.cwd, env.vars as NodeJS.ProcessEnv);
  const index = checkLoaded(loaded, asOf, models.parse).index;
  models.save();
  try {
    const git = repo && (await gitContext(repo, paths, index, sinceRev, depth ?? DEFAULT_DEPTH, store));
    const since = git?.since ?? sinceArg;
    const doc = buildReview(index, {
      unit: str('unit'), asOf, pace: loaded.config?.config.pace, path: (f) => displayPath(f, env.cwd),
      since, sinceFrom: git?.since ? 'revision' : undefined,
      history: git?.history.krs,
      before: git?.before(since ?? reviewedOf(index, str('unit'))),
    });
    const stdout = format === 'json' ? JSON.stringify(doc, null, 2) + '\n'
      : format === 'html' ? reviewHtml(doc, { css: ROADMAP_CSS, title: `Review — ${doc.title ?? doc.unit} (${formatDay(asOf)})` })
      : reviewMarkdown(doc);
    if (store.enabled) {
      store.setReview(key, stdout);
      store.save();
    }
    return { stdout, code: 0 };
  } catch (e) {
    if (e instanceof ReviewError || e instanceof GitError) throw new UsageError(e.message);
    throw e;
  }
}

/** HEAD's commit ('' in a repository without commits). */
function headOf(repo: GitRepo): string {
  return repo.tryCommit('HEAD') ?? '';
}

/** A hash of what a review depends on besides the build: HEAD, the options, the files read (paths and texts), the config. */
function answerKey(head: string, options: unknown[], loaded: Loaded): string {
  const h = createHash('sha1').update(buildId()).update('\0').update(head).update('\0').update(JSON.stringify(options));
  h.update('\0').update(loaded.root).update('\0').update(JSON.stringify(loaded.config ?? null)).update('\0').update(JSON.stringify(loaded.refused));
  for (const [file, text] of loaded.texts) h.update('\0').update(file).update('\0').update(text);
  return h.digest('base64url');
}

/** The repository, with HEAD resolved in the same git process (a kept review is keyed by it). */
function openRepo(root: string): GitRepo | undefined {
  try {
    return GitRepo.open(root, ['HEAD']);
  } catch (e) {
    if (e instanceof GitError) return undefined; // no git, or not a repository: no history
    throw e;
  }
}

/** The unit's `reviewed:` date (the default `since`), for the cascade at that day. */
function reviewedOf(index: CascadeIndex, unit: string | undefined): string | undefined {
  const id = unit ?? defaultRoadmapUnit(index);
  const u = id ? index.units.get(id) : undefined;
  const r = u?.primary.reviewed?.value;
  return r && isValidDate(r) ? r : undefined;
}

interface GitContext {
  history: GitHistory;
  /** `--since REV`: its day. */
  since?: string;
  /** The cascade at `since` (a day: the last commit on or before it). */
  before(day: string | undefined): CascadeIndex | undefined;
}

async function gitContext(repo: GitRepo, paths: string[], index: CascadeIndex, rev: string | undefined, depth: number, store: HistoryStore): Promise<GitContext> {
  const key = (p: string) => join(repo.root, p);
  // History within the cascade's periods: from the first day of the earliest one.
  let first: string | undefined;
  for (const u of index.units.values()) {
    const p = u.primary.period?.value;
    const day = p && formatDay(periodDays(p).first);
    if (day && (!first || day < first)) first = day;
  }
  let history: GitHistory = { krs: new Map(), items: new Map(), stats: { revisions: 0, parsed: 0, matched: 0 }, truncated: false, head: '' };
  if (depth > 0) history = await new HistoryReader(repo, key, store).read({ paths, depth, ...(first ? { since: { day: first } } : {}) });
  else if (store.enabled) repo.blobs.add(store.blobs());
  const at = (sha: string) => {
    const treeKey = JSON.stringify([sha, paths]);
    let entries = store.tree(treeKey);
    if (!entries) store.setTree(treeKey, (entries = repo.tree(sha, paths).map((e): [string, string] => [e.path, e.blob])));
    const texts = repo.blobs.read(entries.map(([, blob]) => blob));
    store.useBlobs(texts);
    const files = entries.map(([path, blob]) => (store.enabled ? store.model(key(path), texts.get(blob)!) : parseUnitFile(key(path), texts.get(blob)!)));
    return new CascadeIndex(files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)));
  };
  return {
    history,
    since: rev ? commitDay(repo, rev) : undefined,
    before: (day) => {
      // --depth 0: no history read, so no cascade of an earlier day either (a revision given is still read).
      if (rev) return at(rev);
      if (!day || depth <= 0) return undefined;
      // The last commit on or before the day, kept by HEAD and day (the commits below a HEAD never change).
      const kept = history.head ? JSON.stringify([history.head, day, Intl.DateTimeFormat().resolvedOptions().timeZone]) : undefined;
      const known = kept === undefined ? undefined : store.before(kept);
      const sha = known !== undefined ? known : commitOnOrBefore(repo, day) ?? null;
      if (kept !== undefined && known === undefined) store.setBefore(kept, sha);
      return sha ? at(sha) : undefined;
    },
  };
}

export const reviewCommand: Command = { spec: REVIEW_SPEC, run };
