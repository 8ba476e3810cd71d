/** `okr roadmap`: the roadmap generated from the cascade, as JSON or an export. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROADMAP_CSS } from '../../../client/webview/styles';
import { toCsv } from '../core/export/csv';
import { renderHtmlPage } from '../core/export/html';
import { toMarkdown } from '../core/export/markdown';
import { toMermaid } from '../core/export/mermaid';
import { formatDay, today } from '../core/period';
import { buildRoadmap, RoadmapError } from '../core/roadmap/index';
import { CascadeIndex } from '../core/link';
import type { RoadmapModel } from '../core/roadmap/model';
import type { RoadmapArgs } from './args';
import type { Output } from './check-command';
import { displayPath, loadCascade, UsageError } from './files';

export function runRoadmap(args: RoadmapArgs): Output {
  const { files } = loadCascade(args.paths);
  const index = new CascadeIndex(files);
  let model: RoadmapModel;
  try {
    model = buildRoadmap(index, { unit: args.unit, view: args.view, asOf: args.asOf ?? today(), path: (f) => displayPath(f) });
  } catch (e) {
    if (e instanceof RoadmapError) throw new UsageError(e.message);
    throw e;
  }
  return { stdout: render(model, args.format), code: 0 };
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
