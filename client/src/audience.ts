/**
 * **OKR: Preview for Audience…**: the roadmap preview as one audience of
 * okr.config.yaml sees it (the model the server redacts: `okr/roadmap` with
 * `audience`), read-only, titled `Roadmap: FILE — for NAME`; "Everyone" goes
 * back to the full roadmap. The audiences come from the server (`okr/audiences`).
 */
import * as vscode from 'vscode';
import type { AudiencesResult } from '../../server/src/protocol';
import { AudiencesRequestMethod } from '../../server/src/protocol';
import type { Ctx } from './ctx';
import type { PreviewManager } from './preview/manager';
import { isOkr } from './preview/panel';

export const PREVIEW_FOR_AUDIENCE_COMMAND = 'okr.previewForAudience';
const EVERYONE = 'Everyone';

/** What the command did, for callers and tests. */
export type AudienceOutcome = { audience: string | undefined; source: string } | { error: string } | undefined;

type Described = AudiencesResult['audiences'][number];

export function describeAudience(a: Described): string {
  return [`views: ${a.views.join(', ')}`, a.dates ? undefined : 'no dates', a.hidePrivate ? 'no private entries' : 'private entries shown'].filter(Boolean).join(' · ');
}

/** `arg`: the document (else the active okr editor, else the active preview's); `name`: the audience (else a pick). */
export async function previewForAudience(ctx: Ctx, previews: PreviewManager, arg?: unknown, name?: unknown): Promise<AudienceOutcome> {
  const editor = vscode.window.activeTextEditor;
  const uri = arg instanceof vscode.Uri ? arg : editor && isOkr(editor.document) ? editor.document.uri : previews.activePanel?.source;
  if (!uri) {
    void vscode.window.showInformationMessage('Open an .okr.yaml file to preview its roadmap for an audience.');
    return undefined;
  }
  const client = await ctx.languageClient();
  const { audiences } = await client.sendRequest<AudiencesResult>(AudiencesRequestMethod, {});
  if (!audiences.length) {
    void vscode.window.showInformationMessage('No audiences are configured: add an audiences: section to okr.config.yaml (see the format guide).');
    return { error: 'no audiences' };
  }
  let chosen: Described | undefined;
  if (typeof name === 'string') {
    chosen = audiences.find((a) => a.name === name);
    if (!chosen && name !== EVERYONE) {
      void vscode.window.showErrorMessage(`No audience "${name}" in okr.config.yaml; the audiences are ${audiences.map((a) => a.name).join(', ')}.`);
      return { error: `no audience ${name}` };
    }
  } else {
    const current = previews.panelFor(uri)?.audience;
    const items: (vscode.QuickPickItem & { audience?: Described })[] = [
      { label: EVERYONE, description: 'the full roadmap' + (current ? '' : ' (shown)') },
      ...audiences.map((a) => ({ label: a.name, description: describeAudience(a) + (a.name === current ? ' (shown)' : ''), audience: a })),
    ];
    const pick = await vscode.window.showQuickPick(items, { title: 'Preview the roadmap for an audience', placeHolder: 'Who is the roadmap for? Only what they may see is shown.' });
    if (!pick) return undefined;
    chosen = pick.audience;
  }
  const panel = previews.open(uri, vscode.ViewColumn.Beside, true);
  panel.setAudience(chosen?.name, chosen && !chosen.views.includes(panel.view) ? chosen.views[0] : undefined);
  return { audience: chosen?.name, source: panel.source.toString() };
}

export function registerPreviewForAudience(ctx: Ctx, previews: PreviewManager): vscode.Disposable {
  return vscode.commands.registerCommand(PREVIEW_FOR_AUDIENCE_COMMAND, async (arg?: unknown, name?: unknown): Promise<AudienceOutcome> => {
    try {
      return await previewForAudience(ctx, previews, arg, name);
    } catch (e) {
      ctx.log(`${PREVIEW_FOR_AUDIENCE_COMMAND} failed: ${(e as Error)?.stack ?? e}`);
      void vscode.window.showErrorMessage(`Preview for Audience: ${(e as Error)?.message ?? e}`);
      return { error: String((e as Error)?.message ?? e) };
    }
  });
}
