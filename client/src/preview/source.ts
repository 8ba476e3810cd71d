/**
 * What the preview asks the language server about its source documents: the
 * edit of a drag (`okr/setHorizon`) and the entity under the cursor
 * (`okr/entityAt`). The server owns the YAML; the client only applies the
 * edits it answers, as one WorkspaceEdit (one undo step).
 */
import * as vscode from 'vscode';
import type { EntityAtParams, EntityAtResult, SetHorizonParams, SetHorizonResult } from '../../../server/src/protocol';
import { EntityAtRequestMethod, SetHorizonRequestMethod } from '../../../server/src/protocol';
import type { Ctx } from '../ctx';
import { spansAfter } from '../edit-flash';
import { sourceColumn } from './reveal';

export type MoveOutcome = 'applied' | 'unchanged' | { error: string };

/**
 * Sets the `horizon` of the item `ref` declared in `doc`. The edits are
 * applied only to the text they were computed on: when the document changed
 * meanwhile, the server is asked once more. The changed line is then revealed
 * and briefly highlighted (the file opens beside `previewColumn` if no editor shows it).
 */
export async function setHorizon(ctx: Ctx, doc: vscode.TextDocument, ref: string, horizon: string, previewColumn?: vscode.ViewColumn): Promise<MoveOutcome> {
  const client = await ctx.languageClient();
  const params: SetHorizonParams = { uri: doc.uri.toString(), ref, horizon };
  for (let attempt = 0; attempt < 2; attempt++) {
    const r = await client.sendRequest<SetHorizonResult>(SetHorizonRequestMethod, params);
    if ('error' in r) return r;
    // `version` null: the server read the file from disk, which matches only an unmodified document.
    const current = r.version === null ? !doc.isDirty : r.version === doc.version;
    if (!current) continue;
    if (!r.edits.length) return 'unchanged';
    const edits = r.edits.map((e) => new vscode.TextEdit(
      new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText));
    const spans = spansAfter(doc, edits);
    const edit = new vscode.WorkspaceEdit();
    edit.set(doc.uri, edits);
    if (!(await vscode.workspace.applyEdit(edit))) return { error: 'the file could not be edited' };
    await ctx.editFlash.show(doc, spans, sourceColumn(doc.uri, previewColumn));
    return 'applied';
  }
  return { error: 'the file changed while the move was computed; try again' };
}

/** The `unit/ID` of the objective, KR or item at `position`; null when there is none. */
export async function entityAt(ctx: Ctx, uri: vscode.Uri, position: vscode.Position, token?: vscode.CancellationToken): Promise<string | null> {
  const client = await ctx.languageClient();
  const params: EntityAtParams = { uri: uri.toString(), position: { line: position.line, character: position.character } };
  const r = await client.sendRequest<EntityAtResult>(EntityAtRequestMethod, params, token);
  return r?.ref ?? null;
}
