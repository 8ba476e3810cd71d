/** The `okr.*` commands: thin wrappers over the preview manager, the exporter and the scaffold. */
import * as vscode from 'vscode';
import type { Ctx } from './ctx';
import type { ExportArgs, Exporter } from './export';
import { SHOW_REFERENCES_COMMAND } from './lsp-client';
import type { PreviewManager } from './preview/manager';
import { isOkr } from './preview/panel';
import { sourceColumn } from './preview/reveal';
import type { NewCascadeArgs } from './scaffold/command';
import { newCascade } from './scaffold/command';

export function registerCommands(ctx: Ctx, previews: PreviewManager, exporter: Exporter): vscode.Disposable[] {
  const guarded = (name: string, fn: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(name, async (...args: unknown[]) => {
    try {
      return await fn(...args);
    } catch (e) {
      ctx.log(`${name} failed: ${(e as Error)?.stack ?? e}`);
      void vscode.window.showErrorMessage(`${(e as Error)?.message ?? e}`);
      return undefined;
    }
  });

  /** The document a preview command is about: the clicked resource, the active okr editor, or the active preview's source. */
  const target = (arg: unknown): vscode.Uri | undefined => {
    if (arg instanceof vscode.Uri) return arg;
    const editor = vscode.window.activeTextEditor;
    if (editor && isOkr(editor.document)) return editor.document.uri;
    return previews.activePanel?.source;
  };
  const noSource = () => void vscode.window.showInformationMessage('Open an .okr.yaml file to see its roadmap.');

  return [
    guarded('okr.openPreviewToSide', (arg) => {
      const uri = target(arg);
      if (!uri) return noSource();
      previews.open(uri, vscode.ViewColumn.Beside, true);
    }),
    // Ctrl+Shift+V: like the Markdown preview, a preview in the current group (a new one when the only one is elsewhere).
    guarded('okr.openPreview', (arg) => {
      const uri = target(arg);
      if (!uri) return noSource();
      previews.open(uri, vscode.ViewColumn.Active, false, true);
    }),
    guarded('okr.showPreviewSource', async () => {
      const panel = previews.activePanel;
      if (!panel) return;
      await vscode.window.showTextDocument(panel.source, { viewColumn: sourceColumn(panel.source, panel.panel.viewColumn) });
    }),
    guarded('okr.togglePreviewLock', () => previews.toggleLock()),
    guarded('okr.exportRoadmap', (arg) => exporter.run(exportArgs(arg))),
    guarded('okr.newCascade', (arg) => newCascade(isPlainObject(arg) ? (arg as NewCascadeArgs) : {})),
    guarded('okr.restartServer', async () => {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Restarting the OKR language server' }, () => ctx.restart());
      void vscode.window.setStatusBarMessage('$(check) OKR language server restarted', 3000);
    }),
    guarded('okr.showOutput', () => ctx.output.show(true)),
    // Called by the server's CodeLenses (protocol.ts InitializationOptions.showReferencesCommand).
    // Not guarded: a caller (a lens click, a test) sees a failure.
    vscode.commands.registerCommand(SHOW_REFERENCES_COMMAND, async (uri: unknown, position: unknown, locations: unknown) => {
      const client = await ctx.languageClient();
      const p2c = client.protocol2CodeConverter;
      await vscode.commands.executeCommand(
        'editor.action.showReferences',
        vscode.Uri.parse(String(uri)),
        p2c.asPosition(position as never),
        Array.isArray(locations) ? locations.map((l) => p2c.asLocation(l as never)) : [],
      );
    }),
  ];
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof vscode.Uri);
}

/** The editor title button passes the resource URI; the preview and tests pass ExportArgs. */
function exportArgs(arg: unknown): ExportArgs {
  if (arg instanceof vscode.Uri) return { uri: arg.toString() };
  if (!isPlainObject(arg)) return {};
  const a: ExportArgs = {};
  for (const k of ['format', 'target', 'uri', 'unit'] as const) if (typeof arg[k] === 'string') a[k] = arg[k] as string;
  if (typeof arg.view === 'string') a.view = arg.view as ExportArgs['view'];
  return a;
}
