/**
 * `okr review [PATH…] [--unit U] [--since DATE] [--as-of DATE] [--format md|json]`:
 * the review document for the quarterly meeting (DESIGN.md "The review").
 * Since the unit's `reviewed:` date unless `--since` gives one; the KRs'
 * history is their hand check-ins (git history and `--since REV` come with
 * the git layer).
 */
import { parseArgs } from 'node:util';
import { CascadeIndex } from '../core/link';
import { parseDay, today, type Day } from '../core/period';
import { buildReview, ReviewError, reviewMarkdown } from '../core/review';
import { isValidDate } from '../core/schema';
import type { Output } from './check-command';
import { displayPath, loadCascade, UsageError } from './files';

export const REVIEW_FORMATS = ['md', 'json'] as const;

export interface ReviewArgs {
  paths: string[];
  unit?: string;
  since?: string;
  asOf?: Day;
  format: (typeof REVIEW_FORMATS)[number];
}

export const REVIEW_USAGE = 'okr review [PATH...] [--unit ID] [--since YYYY-MM-DD] [--as-of YYYY-MM-DD] [--format md|json]';

export function reviewArgs(argv: string[]): ReviewArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { unit: { type: 'string' }, since: { type: 'string' }, 'as-of': { type: 'string' }, format: { type: 'string' } } });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0].replace(/\. To specify a positional.*$/, ''));
  }
  const { values, positionals } = parsed;
  const date = (flag: string, v: string | undefined) => {
    if (v !== undefined && !isValidDate(v)) throw new UsageError(`--${flag} must be a date written YYYY-MM-DD (got "${v}")`);
    return v;
  };
  const format = values.format ?? 'md';
  if (!(REVIEW_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${REVIEW_FORMATS.join(', ')} (got "${format}")`);
  const asOf = date('as-of', values['as-of']);
  return { paths: positionals, unit: values.unit, since: date('since', values.since), asOf: asOf ? parseDay(asOf) : undefined, format: format as ReviewArgs['format'] };
}

export function runReview(args: ReviewArgs): Output {
  const { files, config } = loadCascade(args.paths);
  const index = new CascadeIndex(files);
  try {
    const doc = buildReview(index, { unit: args.unit, asOf: args.asOf ?? today(), pace: config?.config.pace, since: args.since, path: (f) => displayPath(f) });
    return { stdout: args.format === 'json' ? JSON.stringify(doc, null, 2) + '\n' : reviewMarkdown(doc), code: 0 };
  } catch (e) {
    if (e instanceof ReviewError) throw new UsageError(e.message);
    throw e;
  }
}
