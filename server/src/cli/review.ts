/**
 * `okr review [PATH…] [--unit U] [--since DATE] [--as-of DATE] [--format md|json]`:
 * the review document for the quarterly meeting (DESIGN.md "The review").
 * Since the unit's `reviewed:` date unless `--since` gives one; the KRs'
 * history is their hand check-ins (git history and `--since REV` come with
 * the git layer).
 */
import { today } from '../core/period';
import { buildReview, ReviewError, reviewMarkdown } from '../core/review';
import { isValidDate } from '../core/schema';
import { asOfFlag, megabytes, oneOf, parseCommand, type CommandSpec } from './args';
import { UsageError, type CliEnv, type Command, type Output } from './command';
import { displayPath, loadCascade } from './files';
import { checkLoaded } from './findings';

export const REVIEW_FORMATS = ['md', 'json'] as const;

export const REVIEW_SPEC: CommandSpec = {
  name: 'review',
  summary: 'the quarterly review of a unit: numbers, pace and status, what changed, decisions to take',
  usage: 'okr review [PATH...] [options]',
  details: [
    'For one unit (--unit; default: the roadmap unit, a product): per objective, each KR with baseline → current → target, the value expected today on a linear pace and its status (on track, at risk, off track, done), what changed since the last review (the unit\'s reviewed: date, or --since), the bets that moved, finished, were dropped or invalidated, KRs without a live bet, items past due, and the decisions to take.',
  ],
  options: [
    { name: 'unit', value: 'ID', help: 'The unit to review (its `unit:` id).', example: 'okr review --unit checkout' },
    { name: 'since', value: 'DATE', help: 'Report what changed since this date (YYYY-MM-DD) instead of the unit\'s reviewed: date.', example: 'okr review --since 2026-10-01' },
    { name: 'as-of', value: 'DATE', help: '"Today" (YYYY-MM-DD) for pace and status, so the review is reproducible.', example: 'okr review --as-of 2026-11-24' },
    { name: 'format', value: 'FORMAT', help: `${REVIEW_FORMATS.join(', ')} (default md): Markdown to bring to the meeting, or the JSON of DESIGN.md.`, example: 'okr review --format json > review.json' },
    { name: 'config', value: 'FILE', help: 'Use this okr.config.yaml (pace thresholds) instead of the one found above the PATH.', example: 'okr review --config ci/okr.config.yaml' },
    { name: 'max-file-size', value: 'MB', help: 'Files larger than this are not read (default 5).', example: 'okr review --max-file-size 20' },
  ],
  exit: ['0  the review was written', '2  a bad command line, an unknown unit, or a file that cannot be read'],
  examples: [
    ['okr review okrs --unit checkout --as-of 2026-11-24', 'the review of the checkout product as Markdown'],
    ['okr review --unit checkout --format json', 'the same as JSON, for a dashboard'],
  ],
};

async function run(argv: string[], env: CliEnv): Promise<Output> {
  const { values: v, positionals } = parseCommand(REVIEW_SPEC, argv);
  const str = (k: string) => v[k] as string | undefined;
  const since = str('since');
  if (since !== undefined && !isValidDate(since)) throw new UsageError(`--since must be a date written YYYY-MM-DD (got "${since}")`);
  const format = oneOf('format', str('format'), REVIEW_FORMATS, 'md');
  const asOf = asOfFlag(str('as-of')) ?? today();
  const loaded = loadCascade(positionals, { cwd: env.cwd, config: str('config'), maxBytes: megabytes('max-file-size', str('max-file-size')) });
  const index = checkLoaded(loaded, asOf).index;
  try {
    const doc = buildReview(index, { unit: str('unit'), asOf, pace: loaded.config?.config.pace, since, path: (f) => displayPath(f, env.cwd) });
    return { stdout: format === 'json' ? JSON.stringify(doc, null, 2) + '\n' : reviewMarkdown(doc), code: 0 };
  } catch (e) {
    if (e instanceof ReviewError) throw new UsageError(e.message);
    throw e;
  }
}

export const reviewCommand: Command = { spec: REVIEW_SPEC, run };
