/**
 * OKR Cascade for VS Code. `activate` only wires things together: the context
 * (language client), the roadmap previews, the exporter, the status bar and
 * the commands. Everything is disposed through `context.subscriptions`.
 */
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Ctx } from './ctx';
import { Exporter } from './export';
import { PreviewManager } from './preview/manager';
import { registerMarkReviewed } from './review';
import { StatusBar } from './status';
import { registerTestCommands } from './test-hooks';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const ctx = new Ctx(context);
  context.subscriptions.push({ dispose: () => void ctx.dispose() });

  let exporter: Exporter | undefined;
  const previews = new PreviewManager(ctx, (panel, format) => exporter!.run({ format }, panel));
  exporter = new Exporter(ctx, previews);
  const status = new StatusBar(ctx);
  context.subscriptions.push(previews, status, ...registerCommands(ctx, previews, exporter), registerMarkReviewed(ctx));
  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    context.subscriptions.push(...registerTestCommands(previews, status));
  }

  try {
    await ctx.languageClient();
  } catch (e) {
    ctx.log(`the language server did not start: ${(e as Error)?.stack ?? e}`);
    void vscode.window.showErrorMessage('The OKR language server did not start. See the "OKR Cascade" output.', 'Show Output').then((a) => {
      if (a) ctx.output.show();
    });
  }
}

export function deactivate(): void {
  // Nothing beyond context.subscriptions (which stop the client and close the previews).
}
