/** `okr check`: the findings of the whole cascade, with exit 0 / 1 by the bar set. */
import { cliCache } from '../cache/cli-cache';
import { checkAll } from '../core/check';
import { coverage } from '../core/coverage';
import { CascadeIndex } from '../core/link';
import type { Problem, UnitFile } from '../core/model';
import type { CheckArgs } from './args';
import { displayPath, loadCascade, type Loaded } from './files';
import type { Day } from '../core/period';
import { formatJson, formatSarif, formatText, summarize, toFindings, type Finding } from './report';

export interface Output {
  stdout: string;
  stderr?: string;
  code: number;
}

/** The findings of a loaded cascade, config problems first, as `okr check` reports them. */
export function collectFindings(loaded: Loaded, options: { asOf?: Day; display: (file: string) => string }): { findings: Finding[]; index: CascadeIndex } {
  const { files, config } = loaded;
  const index = new CascadeIndex(files);
  const results = checkAll(index, { asOf: options.asOf, severities: config?.config.severities });
  const problems: Problem[] = [];
  const texts = new Map<string, UnitFile | string>();
  if (config?.config.problems.length) {
    problems.push(...config.config.problems);
    texts.set(config.file, config.text);
  }
  for (const f of index.files) {
    texts.set(f.file, f);
    problems.push(...(results.get(f.file) ?? []));
  }
  return { findings: toFindings(problems, texts, options.display), index };
}

export function runCheck(args: CheckArgs, env: { color: boolean; version: string }): Output {
  const cache = cliCache(args.paths, !!args.noCache);
  const loaded = loadCascade(args.paths, undefined, cache.parse);
  cache.save();
  const { findings, index } = collectFindings(loaded, { asOf: args.asOf, display: (f) => displayPath(f) });
  const files = loaded.files;
  const summary = summarize(findings, files.length, coverage(index));
  const stdout =
    args.format === 'json' ? formatJson(findings, summary)
    : args.format === 'sarif' ? formatSarif(findings, env.version)
    : formatText(findings, summary, env.color);
  const over: string[] = [];
  if (summary.errors) over.push(`${summary.errors} error(s)`);
  if (args.maxWarnings !== undefined && summary.warnings > args.maxWarnings) over.push(`${summary.warnings} warnings, more than --max-warnings ${args.maxWarnings}`);
  const shares = [summary.coverage.krs.percent, summary.coverage.items.percent].filter((p): p is number => p !== null);
  if (args.minCoverage !== undefined && shares.some((p) => p < args.minCoverage!)) over.push(`traceability coverage below --min-coverage ${args.minCoverage}%`);
  const gated = args.maxWarnings !== undefined || args.minCoverage !== undefined;
  const stderr = over.length && gated ? `okr: failing: ${over.join('; ')}\n` : undefined;
  return { stdout, stderr, code: over.length ? 1 : 0 };
}
