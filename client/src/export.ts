/**
 * `OKR: Export Roadmap…`: HTML, Markdown (with Mermaid), CSV and Mermaid come
 * from the model with the same exporters `okr roadmap` uses (the HTML page
 * embeds the preview's own renderer bundle); SVG and PNG are images of the
 * preview itself, so the preview is opened first when it is not.
 */
import * as vscode from 'vscode';
import { toCsv } from '../../server/src/core/export/csv';
import { renderHtmlPage } from '../../server/src/core/export/html';
import { toMarkdown } from '../../server/src/core/export/markdown';
import { toMermaid } from '../../server/src/core/export/mermaid';
import type { RoadmapModel, RoadmapView } from '../../server/src/protocol';
import { ROADMAP_VIEWS } from '../../server/src/protocol';
import { ROADMAP_CSS } from '../../server/src/render/styles';
import { asOf, previewConfig } from './config';
import type { Ctx } from './ctx';
import type { PreviewManager } from './preview/manager';
import { mapLocations } from './preview/model-index';
import type { RoadmapPanel } from './preview/panel';
import { isOkr } from './preview/panel';
import { snapshotBytes } from './preview/snapshot';

export type ExportFormat = 'html' | 'md' | 'csv' | 'mermaid' | 'svg' | 'png';

interface FormatInfo {
  format: ExportFormat;
  label: string;
  detail: string;
  ext: string;
  filter: string;
}

export const FORMATS: readonly FormatInfo[] = [
  { format: 'html', label: 'HTML', detail: 'A standalone page that looks exactly like the preview', ext: 'html', filter: 'HTML page' },
  { format: 'md', label: 'Markdown', detail: 'Lanes, outcomes and cards as tables, plus a Mermaid diagram', ext: 'md', filter: 'Markdown' },
  { format: 'csv', label: 'CSV', detail: 'One row per card, for spreadsheets', ext: 'csv', filter: 'CSV' },
  { format: 'mermaid', label: 'Mermaid', detail: 'A flowchart of lanes, KRs and cards', ext: 'mmd', filter: 'Mermaid' },
  { format: 'svg', label: 'SVG', detail: 'A vector image of the preview (opens the preview)', ext: 'svg', filter: 'SVG image' },
  { format: 'png', label: 'PNG', detail: 'A picture of the preview (opens the preview)', ext: 'png', filter: 'PNG image' },
];

const ALIASES: Record<string, ExportFormat> = { markdown: 'md', mmd: 'mermaid', htm: 'html' };

export function formatOf(s: string | undefined): ExportFormat | undefined {
  if (!s) return undefined;
  const f = s.toLowerCase();
  const known = FORMATS.find((x) => x.format === f);
  return known ? known.format : ALIASES[f];
}

/**
 * Arguments a caller may pass to skip the pickers and dialogs (used by tests and by
 * the preview's export buttons). Internal: not part of the documented command.
 */
export interface ExportArgs {
  format?: string;
  /** Where to write (a file system path or a URI string); skips the save dialog. */
  target?: string;
  /** The okr document whose roadmap to export; default: the active preview's or editor's. */
  uri?: string;
  view?: RoadmapView;
  unit?: string;
}

export class Exporter {
  constructor(private readonly ctx: Ctx, private readonly previews: PreviewManager) {}

  /** The command: returns the URI written, or undefined when cancelled. */
  async run(args: ExportArgs = {}, fromPanel?: RoadmapPanel): Promise<string | undefined> {
    const panel = fromPanel ?? (args.uri ? this.previews.panelFor(vscode.Uri.parse(args.uri)) : this.previews.activePanel ?? this.panelOfActiveEditor());
    const source = args.uri ? vscode.Uri.parse(args.uri) : panel?.source ?? activeOkrDocument();
    if (!source) {
      void vscode.window.showWarningMessage('Open an .okr.yaml file or its roadmap preview to export its roadmap.');
      return undefined;
    }
    let format = formatOf(args.format);
    if (args.format && !format) throw new Error(`Unknown export format "${args.format}"; use one of ${FORMATS.map((f) => f.format).join(', ')}.`);
    if (!format) {
      const pick = await vscode.window.showQuickPick(FORMATS.map((f) => ({ label: f.label, detail: f.detail, format: f.format })), {
        title: 'Export Roadmap',
        placeHolder: 'Export the roadmap as…',
      });
      if (!pick) return undefined;
      format = pick.format;
    }
    const info = FORMATS.find((f) => f.format === format)!;
    const view = args.view && (ROADMAP_VIEWS as readonly string[]).includes(args.view) ? args.view : panel?.source.toString() === source.toString() ? panel.view : previewConfig().defaultView;
    const unit = args.unit ?? (panel?.source.toString() === source.toString() ? panel.unit : undefined);

    const bytes = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Exporting the roadmap as ${info.label}` },
      () => this.produce(info.format, source, view, unit, panel),
    );

    const target = args.target ? toUri(args.target) : await vscode.window.showSaveDialog({
      title: `Export Roadmap as ${info.label}`,
      saveLabel: 'Export',
      defaultUri: vscode.Uri.joinPath(source, '..', `${bytes.name}.${info.ext}`),
      filters: { [info.filter]: [info.ext] },
    });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, bytes.data);
    if (!args.target) {
      void vscode.window.showInformationMessage(`Exported the roadmap to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then((a) => {
        if (a === 'Open') void vscode.commands.executeCommand('vscode.open', target);
      });
    }
    return target.toString();
  }

  private async produce(format: ExportFormat, source: vscode.Uri, view: RoadmapView, unit: string | undefined, panel: RoadmapPanel | undefined): Promise<{ data: Uint8Array; name: string }> {
    if (format === 'svg' || format === 'png') {
      // An image of the preview: use the one showing this document, opening it if needed.
      let p = panel?.source.toString() === source.toString() ? panel : this.previews.panelFor(source);
      p ??= this.previews.open(source, vscode.ViewColumn.Beside, true);
      // A hidden webview is torn down (no retained context): show it so it can draw.
      if (!p.panel.visible) p.reveal(undefined, true);
      const shot = await p.snapshot(format);
      const data = snapshotBytes(shot);
      if (typeof data === 'string') throw new Error(data);
      return { data, name: fileName(p.model, p.view) };
    }
    const raw = await this.ctx.roadmap({ uri: source.toString(), view, unit, asOf: asOf(source) });
    if (!raw) throw new Error('The language server could not compute the roadmap (see the "OKR Cascade" output).');
    // Paths relative to the workspace, as `okr roadmap` prints them, not this machine's URIs.
    const model = mapLocations(raw, (file) => relativePath(file));
    const text = await this.render(format, model);
    return { data: new TextEncoder().encode(text), name: fileName(model, view) };
  }

  private async render(format: Exclude<ExportFormat, 'svg' | 'png'>, model: RoadmapModel): Promise<string> {
    switch (format) {
      case 'md': return toMarkdown(model);
      case 'csv': return toCsv(model);
      case 'mermaid': return toMermaid(model);
      case 'html': {
        const bundle = vscode.Uri.joinPath(this.ctx.extensionUri, 'dist', 'webview.js');
        const script = new TextDecoder().decode(await vscode.workspace.fs.readFile(bundle));
        return renderHtmlPage(model, { script, css: ROADMAP_CSS });
      }
    }
  }

  private panelOfActiveEditor(): RoadmapPanel | undefined {
    const doc = activeOkrDocument();
    return doc ? this.previews.panelFor(doc) : undefined;
  }
}

function activeOkrDocument(): vscode.Uri | undefined {
  const e = vscode.window.activeTextEditor;
  return e && isOkr(e.document) ? e.document.uri : undefined;
}

function toUri(target: string): vscode.Uri {
  return /^[a-zA-Z][\w+.-]+:/.test(target) && !/^[a-zA-Z]:[\\/]/.test(target) ? vscode.Uri.parse(target, true) : vscode.Uri.file(target);
}

function relativePath(file: string): string {
  try {
    return /^[a-zA-Z][\w+.-]+:/.test(file) ? vscode.workspace.asRelativePath(vscode.Uri.parse(file, true), false) : file;
  } catch {
    return file;
  }
}

function fileName(model: RoadmapModel | undefined, view: RoadmapView): string {
  const unit = (model?.unit ?? 'roadmap').replace(/[^A-Za-z0-9._-]+/g, '-');
  return `${unit}-roadmap-${model?.view ?? view}`;
}
