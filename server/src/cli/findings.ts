/**
 * A loaded cascade checked by the engine the language server runs
 * (`Cascade`: the same rules, the same incremental updates), and its findings
 * for the files a command reports on.
 */
import { Cascade } from '../core/cascade';
import { DEFAULT_LIMITS, type Limits } from '../core/config';
import { coverage, type Coverage } from '../core/coverage';
import type { CascadeIndex } from '../core/link';
import type { Problem, UnitFile } from '../core/model';
import type { CliCache } from '../cache/cli-cache';
import { stateOf, type FindingsCache } from '../cache/findings';
import { cliWorkersFor, ParsePool } from '../cache/parse-pool';
import type { CliEnv } from './command';
import { contentKey } from '../cache/store';
import type { Day } from '../core/period';
import type { Loaded } from './files';
import { displayPath } from './files';
import { mergeCoverage, summarize, toFindings, type Finding, type Summary } from './report';

/** `parse`: how a file is parsed within the limits (e.g. through the model cache, cache/cli-cache.ts). */
export function checkLoaded(loaded: Loaded, asOf?: Day, parse?: (file: string, text: string, limits?: Limits) => UnitFile): Cascade {
  const cascade = unchecked(loaded, asOf);
  const limits = cascade.checkOptions.limits;
  cascade.load(loaded.texts, parse && ((file, text) => parse(file, text, limits)));
  return cascade;
}

/**
 * `checkLoaded` for a command's run: the models come from `cache` (cache/cli-cache.ts),
 * the files it lacks parsed on this thread and on parse workers when the
 * run has a bundle to start them from (`env.workerEntry`) and enough files
 * (cache/parse-pool.ts `cliWorkersFor`). The same cascade either way.
 * `OKR_STATS=1` says on stderr how the files were parsed.
 */
export async function loadChecked(loaded: Loaded, asOf: Day | undefined, cache: CliCache, env: CliEnv): Promise<Cascade> {
  const cascade = unchecked(loaded, asOf);
  let pool: ParsePool | undefined;
  const workers = (count: number) => (pool = env.workerEntry ? ParsePool.create(cliWorkersFor(count, env.vars), env.workerEntry, 2) : undefined);
  const read = performance.now();
  const models = await cache.parseAll([...loaded.texts], cascade.checkOptions.limits, workers);
  const parsed = performance.now();
  cascade.beginLoad();
  cascade.add(models);
  cascade.finishLoad();
  if (env.vars.OKR_STATS === '1') {
    const p = pool as ParsePool | undefined;
    const at = (t: number) => `${Math.round(t)} ms`;
    env.writeError(`okr: ${models.length} files, ${cache.stats.hits} from the cache, ${p ? `${p.parsed} parsed by ${p.size} worker(s)` : 'no parse workers'}; read at ${at(read)}, parsed at ${at(parsed)}, checked at ${at(performance.now())} (since the process started)\n`);
  }
  return cascade;
}

/** An empty cascade with the loaded cascade's options. */
function unchecked(loaded: Loaded, asOf?: Day): Cascade {
  // The size limit was applied when reading (files over it are in `refused`); the nesting limit applies here.
  // (--max-file-size may have raised it above the default, so it must not apply again.)
  const limits = { ...(loaded.config?.config.limits ?? DEFAULT_LIMITS), maxFileSize: Number.MAX_SAFE_INTEGER };
  return new Cascade({ asOf, severities: loaded.config?.config.severities, pace: loaded.config?.config.pace, audiences: loaded.config?.config.audiences, limits });
}

/** What a report reads of a checked cascade: the findings of a file and its text (or model). */
export interface Checked {
  problems(file: string): Problem[];
  file(file: string): UnitFile | string | undefined;
}

/** A cascade's findings as a previous run wrote them (cache/findings.ts), with the coverage it reported. */
export interface CachedCheck extends Checked {
  coverage: Coverage;
}

/** The state (every file's content key) and options of the loaded cascades, as one pair of strings. */
function cacheState(loads: readonly Loaded[], cascades: readonly Cascade[]): [state: string, options: string] {
  const states = loads.map((l, i) => stateOf([...l.texts].map(([file, text]) => [file, contentKey(file, text, cascades[i].checkOptions.limits)])));
  return [states.join('\n'), cascades.map((c) => c.optionsKey()).join('\u0001')];
}

/** The findings of a previous run over exactly these texts and options (one per loaded cascade), or undefined (then check, and `saveChecks`). */
export function cachedChecks(loads: readonly Loaded[], asOf: Day | undefined, cache: FindingsCache): CachedCheck[] | undefined {
  if (!cache.loaded) return undefined;
  const hit = cache.take(...cacheState(loads, loads.map((l) => unchecked(l, asOf))));
  const coverage = hit?.extra as Coverage[] | undefined;
  if (!hit || !Array.isArray(coverage) || coverage.length !== loads.length || !coverage.every((c) => c?.krs && Array.isArray(c.levels))) return undefined;
  return loads.map((l, i) => ({ problems: (f) => hit.findings.get(f) ?? [], file: (f) => l.texts.get(f), coverage: coverage[i] }));
}

/** Writes the findings of the checked cascades for the next run (never throws: the next run checks again). */
export function saveChecks(loads: readonly Loaded[], cascades: readonly Cascade[], cache: FindingsCache): void {
  try {
    const problems = cascades.flatMap((c) => [...c.allProblems()]);
    const totals = cascades[0]?.totals();
    if (!totals) return;
    cache.saveSync(...cacheState(loads, cascades), problems, totals, { extra: cascades.map(coverageOf), leaks: true });
  } catch {
    // a read-only or full disk
  }
}

/** Cascade files reported on (the config file aside). */
export function reportedFiles(loaded: Loaded): string[] {
  return [...loaded.reported].filter((f) => f !== loaded.config?.file).sort();
}

/** The findings of the reported files: the config's first (when reported), then file by file. */
export function findingsOf(loaded: Loaded, cascade: Checked, display: (file: string) => string, files = reportedFiles(loaded)): Finding[] {
  const problems: Problem[] = [];
  const texts = new Map<string, UnitFile | string>();
  const cfg = loaded.config;
  if (cfg && loaded.reported.has(cfg.file) && cfg.config.problems.length) {
    problems.push(...cfg.config.problems);
    texts.set(cfg.file, cfg.text);
  }
  const severity = cfg?.config.severities['yaml-syntax'];
  for (const file of files) {
    const refused = loaded.refused.find((p) => p.file === file);
    if (refused) {
      texts.set(file, '');
      if (severity !== 'off') problems.push(severity ? { ...refused, severity } : refused);
    } else {
      texts.set(file, cascade.file(file) ?? '');
      for (const p of cascade.problems(file)) problems.push(p);
    }
  }
  return toFindings(problems, texts, display);
}

/** The number of cascade files reported on (refused ones included). */
export function fileCount(loaded: Loaded): number {
  return reportedFiles(loaded).length;
}

export function coverageOf(cascade: Cascade): Coverage {
  return coverage(cascade.index);
}

/**
 * The findings of one loaded cascade, as `okr check` reports them (kept for
 * the fixture tests, which check a folder with the engine the CLI runs).
 */
export function collectFindings(loaded: Loaded, options: { asOf?: Day; display: (file: string) => string }): { findings: Finding[]; index: CascadeIndex } {
  const cascade = checkLoaded(loaded, options.asOf);
  return { findings: findingsOf(loaded, cascade, options.display), index: cascade.index };
}

export interface Report {
  findings: Finding[];
  summary: Summary;
}

/** Findings and summary over every loaded cascade; `quiet` keeps only errors in the list. */
export function report(loads: Loaded[], cascades: (Cascade | CachedCheck)[], cwd: string, quiet: boolean): Report {
  // A file's path is shown on each of its findings: made once per file (10,000 findings at 1,000 units).
  const shown = new Map<string, string>();
  const display = (f: string) => shown.get(f) ?? shown.set(f, displayPath(f, cwd)).get(f)!;
  const findings = loads.flatMap((l, i) => findingsOf(l, cascades[i], display));
  const files = loads.reduce((n, l) => n + fileCount(l), 0);
  const summary = summarize(findings, files, mergeCoverage(cascades.map((c) => (c instanceof Cascade ? coverageOf(c) : c.coverage))));
  return { findings: quiet ? findings.filter((f) => f.severity === 'error') : findings, summary };
}

/** Exit 1 and the reasons when over a bar. */
export function gate(summary: Summary, args: { maxWarnings?: number; minCoverage?: number }): { code: number; stderr?: string } {
  const over: string[] = [];
  if (summary.errors) over.push(`${summary.errors} error(s)`);
  if (args.maxWarnings !== undefined && summary.warnings > args.maxWarnings) over.push(`${summary.warnings} warnings, more than --max-warnings ${args.maxWarnings}`);
  const shares = [summary.coverage.krs.percent, summary.coverage.items.percent].filter((p): p is number => p !== null);
  if (args.minCoverage !== undefined && shares.some((p) => p < args.minCoverage!)) over.push(`traceability coverage below --min-coverage ${args.minCoverage}%`);
  const gated = args.maxWarnings !== undefined || args.minCoverage !== undefined;
  return { code: over.length ? 1 : 0, stderr: over.length && gated ? `okr: failing: ${over.join('; ')}\n` : undefined };
}
