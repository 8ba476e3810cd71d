/** `okr check`: the findings of the named files and folders, each checked within its whole cascade. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { cliCache } from '../cache/cli-cache';
import type { Cascade } from '../core/cascade';
import type { Day } from '../core/period';
import { readStream } from '../files/read';
import { asOfFlag, count, megabytes, oneOf, parseCommand, type CommandSpec } from './args';
import { UsageError, type CliEnv, type Command, type Output } from './command';
import { loadCascades } from './files';
import { cachedChecks, gate, loadChecked, report, saveChecks, type Report } from './findings';
import { fixCascades } from './fix';
import { CHECK_FORMATS, format, type CheckFormat } from './report';
import { watchCascades } from './watch';

export type { Output } from './command';
export { collectFindings } from './findings';

export const CHECK_SPEC: CommandSpec = {
  name: 'check',
  summary: 'find the mistakes in the cascade: links, loops, hypotheses, dates',
  usage: 'okr check [PATH...] [options]',
  details: [
    'PATH is a cascade file (*.okr.yaml, *.okr.yml), okr.config.yaml or a folder; none means the current folder; - reads one file from standard input. Each PATH is checked within its whole cascade: every cascade file under its root, the nearest folder above it that holds okr.config.yaml (else the top of its git repository, else its own folder); a folder below with its own okr.config.yaml is another cascade. Findings are printed for the named files and folders only, so checking one file never reports a false cross-file error.',
    'The okr.config.yaml at the root sets rule severities (rules: { CODE: error|warning|info|hint|off }). The traceability coverage is that of the whole cascade.',
  ],
  options: [
    { name: 'format', value: 'FORMAT', help: 'text (default), json, sarif or github (GitHub Actions annotations). When GITHUB_ACTIONS=true and no --format is given: github.', example: 'okr check --format json > findings.json' },
    { name: 'output-file', value: 'FILE', multiple: true, help: 'Also write the report to FILE, in the format of its extension: .sarif for SARIF, .json for JSON, anything else for text. Stdout still gets --format. Repeatable.', example: 'okr check --output-file okr.sarif' },
    { name: 'max-warnings', value: 'N', help: 'Fail (exit 1) when there are more than N warnings.', example: 'okr check --max-warnings 0' },
    { name: 'min-coverage', value: 'PCT', help: 'Fail (exit 1) when less than PCT% of the KRs are supported from below or of the items linked to a KR.', example: 'okr check --min-coverage 90' },
    { name: 'as-of', value: 'DATE', help: '"Today" (YYYY-MM-DD) for the rules that depend on the date, so results are reproducible.', example: 'okr check --as-of 2026-11-24' },
    { name: 'config', value: 'FILE', help: 'Use this okr.config.yaml instead of the one found above each PATH.', example: 'okr check okrs --config ci/okr.config.yaml' },
    { name: 'quiet', short: 'q', help: 'Print errors only (warnings and infos still count for --max-warnings and the summary).', example: 'okr check --quiet' },
    { name: 'fix', help: 'Apply the quick fixes that are not a guess (a misspelt key, a reference with exactly one close match), write the files, say what changed, then report what is left.', example: 'okr check --fix okrs' },
    { name: 'watch', short: 'w', help: 'Check, then keep checking on every change, printing only the files whose findings changed. Ctrl+C stops.', example: 'okr check --watch okrs' },
    { name: 'stdin-filename', value: 'PATH', help: 'With -, where the text from standard input sits in the cascade: it replaces that file\'s text, and the findings are those of that file.', example: 'cat teams/web.okr.yaml | okr check - --stdin-filename teams/web.okr.yaml' },
    { name: 'max-file-size', value: 'MB', help: 'Files larger than this are not read; each gets one finding instead (default 5).', example: 'okr check --max-file-size 20' },
    { name: 'no-cache', help: 'Parse every file. By default the parsed files are kept in node_modules/.cache/okr (or $OKR_CACHE_DIR, else ~/.cache/okr-cascade), so the next run parses only the files that changed.', example: 'okr check --no-cache' },
  ],
  exit: [
    '0  no errors (and warnings within --max-warnings, coverage at least --min-coverage)',
    '1  findings over the bar (the reason is on stderr when a gate failed)',
    '2  a bad command line, or a file or folder that cannot be read',
  ],
  examples: [
    ['okr check', 'check the cascade of the current folder'],
    ['okr check teams/web.okr.yaml', 'one file, checked within its cascade (as a pre-commit hook does)'],
    ['okr check --format sarif --output-file okr.sarif', 'SARIF for code scanning, and the same findings as text'],
    ['okr check --fix', 'apply the unambiguous quick fixes, then report'],
  ],
};

export interface CheckArgs {
  paths: string[];
  format?: CheckFormat;
  outputFiles: string[];
  maxWarnings?: number;
  minCoverage?: number;
  asOf?: Day;
  config?: string;
  quiet: boolean;
  fix: boolean;
  watch: boolean;
  stdinFilename?: string;
  maxBytes?: number;
  /** `--no-cache`: parse every file, keep no cache. */
  noCache: boolean;
}

export function checkArgs(argv: string[]): CheckArgs {
  const { values: v, positionals } = parseCommand(CHECK_SPEC, argv);
  const str = (k: string) => v[k] as string | undefined;
  const maxWarnings = count('max-warnings', str('max-warnings'));
  if (maxWarnings !== undefined && !Number.isInteger(maxWarnings)) throw new UsageError('--max-warnings must be a whole number');
  const args: CheckArgs = {
    paths: positionals,
    format: str('format') === undefined ? undefined : oneOf('format', str('format'), CHECK_FORMATS, 'text'),
    outputFiles: (v['output-file'] as string[] | undefined) ?? [],
    maxWarnings,
    minCoverage: count('min-coverage', str('min-coverage'), 100),
    asOf: asOfFlag(str('as-of')),
    config: str('config'),
    quiet: !!v.quiet,
    fix: !!v.fix,
    watch: !!v.watch,
    stdinFilename: str('stdin-filename'),
    maxBytes: megabytes('max-file-size', str('max-file-size')),
    noCache: !!v['no-cache'],
  };
  const stdin = positionals.includes('-');
  if (stdin && positionals.length > 1) throw new UsageError('- reads one file from standard input: give no other PATH with it');
  if (args.stdinFilename !== undefined && !stdin) throw new UsageError('--stdin-filename goes with - (the text is read from standard input)');
  if (args.fix && stdin) throw new UsageError('--fix writes files: it cannot fix standard input');
  if (args.watch && (stdin || args.fix || args.outputFiles.length || (args.format && args.format !== 'text'))) {
    throw new UsageError('--watch prints text as files change: use it without -, --fix, --output-file or another --format');
  }
  return args;
}

/** The format a report file is written in, from its extension. */
export function formatOfFile(file: string): CheckFormat {
  if (/\.sarif(\.json)?$/i.test(file)) return 'sarif';
  if (/\.json$/i.test(file)) return 'json';
  return 'text';
}

async function run(argv: string[], env: CliEnv): Promise<Output> {
  const args = checkArgs(argv);
  let stdin: { text: string; filename?: string } | undefined;
  if (args.paths[0] === '-') {
    const r = await readStream(env.stdin, args.maxBytes);
    if (!r.ok) throw new UsageError(`cannot read standard input: ${r.message}`);
    stdin = { text: r.text, filename: args.stdinFilename };
  }
  const loads = loadCascades(args.paths, { cwd: env.cwd, config: args.config, maxBytes: args.maxBytes, stdin });
  const cache = cliCache(args.paths, args.noCache, env.cwd, env.vars);
  // Nothing to fix or follow: a previous run's findings over exactly these texts and options are the answer.
  const plain = !args.watch && !args.fix && loads.length > 0 && cache.findings;
  const cached = plain ? cachedChecks(loads, args.asOf, plain) : undefined;
  let stderr = '';
  let result: Report;
  if (cached) result = report(loads, cached, env.cwd, args.quiet);
  else {
    const cascades: Cascade[] = [];
    for (const l of loads) cascades.push(await loadChecked(l, args.asOf, cache, env));
    cache.save();
    if (plain) saveChecks(loads, cascades, plain);
    if (args.watch) return watchCascades(loads, cascades, { ...args, env });
    if (args.fix) stderr += fixCascades(loads, cascades, env.cwd);
    result = report(loads, cascades, env.cwd, args.quiet);
  }
  const { findings, summary } = result;
  const stdoutFormat: CheckFormat = args.format ?? (env.vars.GITHUB_ACTIONS === 'true' ? 'github' : 'text');
  for (const file of args.outputFiles) {
    const path = resolve(env.cwd, file);
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, format(formatOfFile(file), findings, summary, { color: false, version: env.version }));
    } catch (e) {
      throw new UsageError(`cannot write ${file}: ${(e as Error).message}`);
    }
  }
  const gated = gate(summary, args);
  return { stdout: format(stdoutFormat, findings, summary, { color: env.color, version: env.version }), stderr: stderr + (gated.stderr ?? '') || undefined, code: gated.code };
}

export const checkCommand: Command = { spec: CHECK_SPEC, run };
