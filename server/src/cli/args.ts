/** Command-line flags, validated up front: a bad flag is a one-line error and exit 2. */
import { parseArgs } from 'node:util';
import { ROADMAP_VIEWS, type RoadmapView } from '../core/roadmap/model';
import { isValidDate } from '../core/schema';
import { parseDay, type Day } from '../core/period';
import { UsageError } from './files';

export const CHECK_FORMATS = ['text', 'json', 'sarif'] as const;
export const ROADMAP_FORMATS = ['html', 'md', 'mermaid', 'csv', 'json'] as const;

export interface CheckArgs {
  paths: string[];
  format: (typeof CHECK_FORMATS)[number];
  maxWarnings?: number;
  minCoverage?: number;
  asOf?: Day;
  /** `--no-cache`: parse every file, keep no cache. */
  noCache?: boolean;
}

export interface RoadmapArgs {
  paths: string[];
  unit?: string;
  view: RoadmapView;
  format: (typeof ROADMAP_FORMATS)[number];
  asOf?: Day;
  out?: string;
  noCache?: boolean;
}

function parse(argv: string[], options: Record<string, { type: 'string' | 'boolean' }>) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0].replace(/\. To specify a positional.*$/, ''));
  }
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

function count(flag: string, value: string | undefined, max = Infinity): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > max) throw new UsageError(`--${flag} must be a number${max < Infinity ? ` from 0 to ${max}` : ' of 0 or more'} (got "${value}")`);
  return n;
}

function asOf(value: string | undefined): Day | undefined {
  if (value === undefined) return undefined;
  if (!isValidDate(value)) throw new UsageError(`--as-of must be a date written YYYY-MM-DD (got "${value}")`);
  return parseDay(value);
}

export function checkArgs(argv: string[]): CheckArgs {
  const { values, positionals } = parse(argv, {
    format: { type: 'string' }, 'max-warnings': { type: 'string' }, 'min-coverage': { type: 'string' }, 'as-of': { type: 'string' }, 'no-cache': { type: 'boolean' },
  });
  const maxWarnings = count('max-warnings', values['max-warnings'] as string | undefined);
  if (maxWarnings !== undefined && !Number.isInteger(maxWarnings)) throw new UsageError('--max-warnings must be a whole number');
  return {
    paths: positionals,
    format: oneOf('format', values.format as string | undefined, CHECK_FORMATS, 'text'),
    maxWarnings,
    minCoverage: count('min-coverage', values['min-coverage'] as string | undefined, 100),
    asOf: asOf(values['as-of'] as string | undefined),
    noCache: !!values['no-cache'],
  };
}

export function roadmapArgs(argv: string[]): RoadmapArgs {
  const { values, positionals } = parse(argv, {
    unit: { type: 'string' }, view: { type: 'string' }, format: { type: 'string' }, 'as-of': { type: 'string' }, out: { type: 'string' }, 'no-cache': { type: 'boolean' },
  });
  const out = values.out as string | undefined;
  const byExtension = out && ({ html: 'html', htm: 'html', md: 'md', mmd: 'mermaid', csv: 'csv', json: 'json' } as const)[out.split('.').pop()!.toLowerCase() as 'html'];
  return {
    paths: positionals,
    unit: values.unit as string | undefined,
    view: oneOf('view', values.view as string | undefined, ROADMAP_VIEWS, 'quarters'),
    format: oneOf('format', values.format as string | undefined, ROADMAP_FORMATS, byExtension || 'md'),
    asOf: asOf(values['as-of'] as string | undefined),
    out,
    noCache: !!values['no-cache'],
  };
}
