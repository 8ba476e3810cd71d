/**
 * **OKR: Mark Reviewed**: sets the unit's `reviewed:` to today (or the
 * `okr.asOf` date) in the active `.okr.yaml` file, by the minimal edit the
 * server computes (`okr/markReviewed`), applied as one undo step.
 */
import * as vscode from 'vscode';
import type { MarkReviewedParams, MarkReviewedResult } from '../../server/src/protocol';
import { MarkReviewedRequestMethod } from '../../server/src/protocol';
import type { Ctx } from './ctx';

export const MARK_REVIEWED_COMMAND = 'okr.markReviewed';

/** The outcome, for callers and tests: the date set, `unchanged`, or an error shown to the user. */
export type MarkReviewedOutcome = { date: string; applied: boolean } | { error: string };

export async function markReviewed(ctx: Ctx, doc: vscode.TextDocument, date?: string): Promise<MarkReviewedOutcome> {
  const client = await ctx.languageClient();
  const params: MarkReviewedParams = { uri: doc.uri.toString(), ...(date ? { date } : {}) };
  // The edit is only valid on the text it was computed on: ask again when the document moved on meanwhile.
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = await client.sendRequest<MarkReviewedResult>(MarkReviewedRequestMethod, params);
    if ('error' in r) return r;
    const current = r.version === null ? !doc.isDirty : r.version === doc.version;
    if (!current) continue;
    if (!r.edits.length) return { date: r.date, applied: false };
    const edit = new vscode.WorkspaceEdit();
    edit.set(doc.uri, r.edits.map((e) => new vscode.TextEdit(new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText)));
    return (await vscode.workspace.applyEdit(edit)) ? { date: r.date, applied: true } : { error: 'the file could not be edited' };
  }
  return { error: 'the file changed while the edit was computed; try again' };
}

export function registerMarkReviewed(ctx: Ctx): vscode.Disposable {
  return vscode.commands.registerCommand(MARK_REVIEWED_COMMAND, async (arg?: unknown, date?: unknown): Promise<MarkReviewedOutcome | undefined> => {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    const doc = uri && (await vscode.workspace.openTextDocument(uri));
    if (!doc || doc.languageId !== 'okr') {
      void vscode.window.showInformationMessage('Open the .okr.yaml file of the unit you reviewed, then run OKR: Mark Reviewed.');
      return undefined;
    }
    try {
      const out = await markReviewed(ctx, doc, typeof date === 'string' ? date : undefined);
      if ('error' in out) void vscode.window.showErrorMessage(`Mark Reviewed: ${out.error}`);
      else void vscode.window.setStatusBarMessage(`$(check) ${out.applied ? 'Reviewed' : 'Already reviewed'} on ${out.date}`, 3000);
      return out;
    } catch (e) {
      ctx.log(`${MARK_REVIEWED_COMMAND} failed: ${(e as Error)?.stack ?? e}`);
      void vscode.window.showErrorMessage(`Mark Reviewed: ${(e as Error)?.message ?? e}`);
      return { error: String((e as Error)?.message ?? e) };
    }
  });
}
