/** `okr roadmap`: the roadmap generated from the cascade, as JSON or an export. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROADMAP_CSS } from '../../../client/webview/styles';
import { cliCache } from '../cache/cli-cache';
import { toCsv } from '../core/export/csv';
import { renderHtmlPage } from '../core/export/html';
import { toMarkdown } from '../core/export/markdown';
import { toMermaid } from '../core/export/mermaid';
import { formatDay, today } from '../core/period';
import { buildRoadmap, RoadmapError } from '../core/roadmap/index';
import { checkAll } from '../core/check';
import { CascadeIndex } from '../core/link';
import type { RoadmapModel } from '../core/roadmap/model';
import type { RoadmapArgs } from './args';
import type { Output } from './check-command';
import { displayPath, loadCascade, UsageError } from './files';

export function runRoadmap(args: RoadmapArgs): Output {
  const cache = cliCache(args.paths, !!args.noCache);
  const { files, config } = loadCascade(args.paths, undefined, cache.parse);
  cache.save();
  const index = new CascadeIndex(files);
  const asOf = args.asOf ?? today();
  let model: RoadmapModel;
  try {
    model = buildRoadmap(index, { unit: args.unit, view: args.view, asOf, path: (f) => displayPath(f) });
  } catch (e) {
    if (e instanceof RoadmapError) throw new UsageError(e.message);
    throw e;
  }
  // The roadmap is drawn from whatever resolves; say so when the cascade has errors.
  const errors = [...checkAll(index, { asOf, severities: config?.config.severities }).values()].flat().filter((p) => p.severity === 'error').length;
  const stderr = errors ? `okr: note: the cascade has ${errors} error${errors === 1 ? '' : 's'}; items whose links do not resolve are in Unlinked (run okr check for details)\n` : undefined;
  return { stdout: render(model, args.format), stderr, code: 0 };
}

function render(model: RoadmapModel, format: RoadmapArgs['format']): string {
  switch (format) {
    case 'json': return JSON.stringify(model, null, 2) + '\n';
    case 'md': return toMarkdown(model);
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
