/** `okr roadmap`: the roadmap generated from the cascade, as JSON or an export. */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROADMAP_CSS } from '../render/styles';
import { toCsv } from '../core/export/csv';
import { renderHtmlPage } from '../core/export/html';
import { toMarkdown } from '../core/export/markdown';
import { MermaidTooLarge, toMermaid } from '../core/export/mermaid';
import { toSvg } from '../core/export/svg';
import { formatDay, today, type Day } from '../core/period';
import { compareRefs } from '../core/roadmap/cards';
import { buildRoadmap, RoadmapError } from '../core/roadmap/index';
import { ROADMAP_VIEWS, type RoadmapModel, type RoadmapView } from '../core/roadmap/model';
import { asOfFlag, megabytes, oneOf, parseCommand, type CommandSpec } from './args';
import { UsageError, type CliEnv, type Command, type Output } from './command';
import { displayPath, loadCascade, type Loaded } from './files';
import type { Cascade } from '../core/cascade';
import { cliCache } from '../cache/cli-cache';
import type { UnitFile } from '../core/model';
import { loadChecked, reportedFiles } from './findings';
import { ALL_AUDIENCES, audienceView, outDir, pickAudience, redactedRoadmap, renderForAudience, writeAllAudiences } from './roadmap-audience';

export const ROADMAP_FORMATS = ['html', 'md', 'mermaid', 'csv', 'json', 'svg'] as const;

export const ROADMAP_SPEC: CommandSpec = {
  name: 'roadmap',
  summary: 'the roadmap from the cascade: Markdown, Mermaid, CSV, HTML, JSON, SVG',
  usage: 'okr roadmap [PATH...] [options]',
  details: [
    'PATH is a cascade file or folder (default: the current folder); the whole cascade around it is read, as okr check does. The roadmap is that of one unit (--unit; without it, the first product among the named files, else their top unit): one lane per objective, its items in columns by --view.',
    'A cascade with errors still gets its roadmap: items whose links do not resolve are in the Unlinked lane, and a one-line note on stderr says so.',
  ],
  options: [
    { name: 'unit', value: 'ID', help: 'The unit whose roadmap to draw (its `unit:` id).', example: 'okr roadmap --unit checkout' },
    { name: 'view', value: 'VIEW', help: `${ROADMAP_VIEWS.join(', ')} (default quarters). themes: lanes and outcomes; quarters: the unit's period, quarter by quarter; horizons: now, next, later; tech: type: tech items only; portfolio: a company, one section per product; trace: company KR → product KR → team KR → items.`, example: 'okr roadmap --unit acme --view portfolio' },
    { name: 'format', value: 'FORMAT', help: `${ROADMAP_FORMATS.join(', ')} (default: from --out's extension, else md). html is a page with the preview's renderer, for a browser; svg a drawing of the board that opens in any viewer.`, example: 'okr roadmap --format mermaid > roadmap.mmd' },
    { name: 'out', value: 'FILE', help: 'Write to FILE instead of stdout; the format follows its extension (.html, .md, .mmd, .csv, .json, .svg).', example: 'okr roadmap --unit checkout --out roadmap.html' },
    { name: 'as-of', value: 'DATE', help: '"Today" (YYYY-MM-DD): which quarter is now, so the output is reproducible.', example: 'okr roadmap --as-of 2026-11-24' },
    { name: 'audience', value: 'NAME', help: 'The roadmap as an audience of okr.config.yaml may see it: private and excluded entries gone, only the fields it is shown, no ids or file locations, now/next/later when it sees no dates. A view it may not see is refused. all (with --out DIR/) writes every audience\'s views and formats as DIR/<audience>/<unit>-<view>.<ext>.', example: 'okr roadmap --audience customers --out public/roadmap.html' },
    { name: 'config', value: 'FILE', help: 'Use this okr.config.yaml instead of the one found above the PATH.', example: 'okr roadmap --config ci/okr.config.yaml' },
    { name: 'max-file-size', value: 'MB', help: 'Files larger than this are not read (default 5).', example: 'okr roadmap --max-file-size 20' },
    { name: 'no-cache', help: 'Parse every file. By default the parsed files are kept in node_modules/.cache/okr (or $OKR_CACHE_DIR, else ~/.cache/okr-cascade), so the next run parses only the files that changed.', example: 'okr roadmap --no-cache' },
  ],
  exit: ['0  the roadmap was written', '2  a bad command line, an unknown unit, or a file that cannot be read'],
  examples: [
    ['okr roadmap --unit checkout --view horizons', 'the now / next / later roadmap of one product, as Markdown'],
    ['okr roadmap --unit checkout --out roadmap.html', 'an HTML page to open in a browser'],
    ['okr roadmap --unit acme --view trace --format json', 'the traceability tree as the JSON the preview draws'],
    ['okr roadmap --audience all --out site/roadmaps/', 'every audience\'s roadmaps, redacted, for a docs site or a release'],
  ],
};

export interface RoadmapArgs {
  paths: string[];
  unit?: string;
  view: RoadmapView;
  /** --view as given (an audience's first view is its default). */
  viewGiven?: RoadmapView;
  format: (typeof ROADMAP_FORMATS)[number];
  audience?: string;
  /** --format was given. */
  formatGiven?: boolean;
  asOf?: Day;
  out?: string;
  config?: string;
  maxBytes?: number;
  /** `--no-cache`: parse every file, keep no cache. */
  noCache: boolean;
}

export function roadmapArgs(argv: string[]): RoadmapArgs {
  const { values: v, positionals } = parseCommand(ROADMAP_SPEC, argv);
  const str = (k: string) => v[k] as string | undefined;
  const out = str('out');
  const byExtension = out && ({ html: 'html', htm: 'html', md: 'md', mmd: 'mermaid', csv: 'csv', json: 'json', svg: 'svg' } as const)[out.split('.').pop()!.toLowerCase() as 'html'];
  return {
    paths: positionals,
    unit: str('unit'),
    view: oneOf('view', str('view'), ROADMAP_VIEWS, 'quarters'),
    viewGiven: str('view') === undefined ? undefined : oneOf('view', str('view'), ROADMAP_VIEWS, 'quarters'),
    audience: str('audience'),
    formatGiven: str('format') !== undefined,
    format: oneOf('format', str('format'), ROADMAP_FORMATS, byExtension || 'md'),
    asOf: asOfFlag(str('as-of')),
    out,
    config: str('config'),
    maxBytes: megabytes('max-file-size', str('max-file-size')),
    noCache: !!v['no-cache'],
  };
}

async function run(argv: string[], env: CliEnv): Promise<Output> {
  const args = roadmapArgs(argv);
  const loaded = loadCascade(args.paths, { cwd: env.cwd, config: args.config, maxBytes: args.maxBytes });
  const asOf = args.asOf ?? today();
  const cache = cliCache(args.paths, args.noCache, env.cwd, env.vars);
  const cascade = await loadChecked(loaded, asOf, cache, env);
  cache.save();
  if (args.audience !== undefined) return runForAudience(args, args.audience, loaded, cascade, asOf, env);
  let model: RoadmapModel;
  try {
    model = buildRoadmap(cascade.index, { unit: args.unit ?? defaultUnit(loaded, cascade), view: args.view, asOf, pace: loaded.config?.config.pace, path: (f) => displayPath(f, env.cwd) });
  } catch (e) {
    if (e instanceof RoadmapError) throw new UsageError(e.message);
    throw e;
  }
  const note = errorNote(loaded, cascade);
  let text: string;
  try {
    text = render(model, args.format, args.out, env.cwd);
  } catch (e) {
    if (e instanceof MermaidTooLarge) throw new UsageError(e.message);
    throw e;
  }
  if (!args.out) return { stdout: text, stderr: note || undefined, code: 0 };
  writeFileSync(resolve(env.cwd, args.out), text);
  return { stdout: '', stderr: `${note}wrote ${args.out}\n`, code: 0 };
}

/** The roadmap is drawn from whatever resolves; say so when the cascade has errors (counted over the named files, as `okr check` counts them). */
function errorNote(loaded: Loaded, cascade: Cascade): string {
  const errors = reportedFiles(loaded).reduce((n, f) => n + cascade.problems(f).filter((p) => p.severity === 'error').length, 0);
  return errors ? `okr: note: the cascade has ${errors} error${errors === 1 ? '' : 's'}; items whose links do not resolve are in Unlinked (run okr check for details)\n` : '';
}

/** `--audience NAME` (one redacted roadmap) or `--audience all --out DIR/` (every audience's exports). */
function runForAudience(args: RoadmapArgs, name: string, loaded: Loaded, cascade: Cascade, asOf: Day, env: CliEnv): Output {
  const note = errorNote(loaded, cascade);
  const assets = () => ({ script: webviewBundle(), css: ROADMAP_CSS });
  if (name === ALL_AUDIENCES) {
    if (args.unit !== undefined || args.viewGiven !== undefined || args.formatGiven) {
      throw new UsageError('--audience all writes every unit, view and format each audience is configured for; drop --unit, --view and --format (set views and formats in okr.config.yaml)');
    }
    const dir = outDir(env.cwd, args.out);
    const { written, byAudience } = writeAllAudiences(loaded, cascade.index, asOf, dir, assets);
    const counts = [...byAudience].map(([a, n]) => `${a}: ${n}`).join(', ');
    return { stdout: '', stderr: `${note}wrote ${written.length} file${written.length === 1 ? '' : 's'} in ${args.out} (${counts})\n`, code: 0 };
  }
  const audience = pickAudience(loaded, name);
  const model = redactedRoadmap(cascade.index, audience, args.unit ?? defaultUnit(loaded, cascade), audienceView(audience, args.viewGiven), asOf, loaded.config?.config.pace);
  let text: string;
  try {
    text = renderForAudience(model, args.format, assets);
  } catch (e) {
    if (e instanceof MermaidTooLarge) throw new UsageError(e.message);
    throw e;
  }
  if (!args.out) return { stdout: text, stderr: note || undefined, code: 0 };
  writeFileSync(resolve(env.cwd, args.out), text);
  return { stdout: '', stderr: `${note}wrote ${args.out}\n`, code: 0 };
}

/** Without --unit: the first product declared in the named files (by id), else the unit at their top. */
function defaultUnit(loaded: Loaded, cascade: Cascade): string | undefined {
  const files = reportedFiles(loaded);
  if (files.length === cascade.all().length) return undefined; // the whole cascade: the engine's own default
  const named = files.map((f) => cascade.file(f)).filter((f): f is UnitFile => !!f?.unitId);
  const ids = new Set(named.map((f) => f.unitId!.value));
  const pick = named.filter((f) => f.level?.value === 'product').sort((a, b) => compareRefs(a.unitId!.value, b.unitId!.value))[0]
    ?? named.find((f) => !f.parent || !ids.has(f.parent.value)) ?? named[0];
  return pick?.unitId?.value;
}

function render(model: RoadmapModel, format: RoadmapArgs['format'], out: string | undefined, cwd: string): string {
  switch (format) {
    case 'json': return JSON.stringify(model, null, 2) + '\n';
    // Titles link to their source lines, relative to where the file is written.
    case 'md': return toMarkdown(model, { linkBase: relative(out ? dirname(resolve(cwd, out)) : cwd, cwd).split(/[\\/]/).join('/') });
    case 'svg': return toSvg(model);
    case 'mermaid': return toMermaid(model);
    case 'csv': return toCsv(model);
    case 'html': return renderHtmlPage(model, { script: webviewBundle(), css: ROADMAP_CSS, title: `Roadmap — ${model.title ?? model.unit} (${formatDay(today())})` });
  }
}

/** The preview's renderer, bundled beside this file as dist/webview.js. */
function webviewBundle(): string {
  try {
    return readFileSync(join(__dirname, 'webview.js'), 'utf8');
  } catch {
    throw new UsageError('the HTML renderer (dist/webview.js) is missing; run `npm run build`');
  }
}

export const roadmapCommand: Command = { spec: ROADMAP_SPEC, run };
