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

/** `applied`: the lines the edit wrote, as they read after it. */
export type MoveOutcome = { applied: vscode.Range } | 'unchanged' | { error: string };

/**
 * Sets the `horizon` of the item `ref` declared in `doc`. The edits are
 * applied only to the text they were computed on: when the document changed
 * meanwhile, the server is asked once more.
 */
export async function setHorizon(ctx: Ctx, doc: vscode.TextDocument, ref: string, horizon: string): Promise<MoveOutcome> {
  const client = await ctx.languageClient();
  const params: SetHorizonParams = { uri: doc.uri.toString(), ref, horizon };
  for (let attempt = 0; attempt < 2; attempt++) {
    const r = await client.sendRequest<SetHorizonResult>(SetHorizonRequestMethod, params);
    if ('error' in r) return r;
    // `version` null: the server read the file from disk, which matches only an unmodified document.
    const current = r.version === null ? !doc.isDirty : r.version === doc.version;
    if (!current) continue;
    if (!r.edits.length) return 'unchanged';
    const edit = new vscode.WorkspaceEdit();
    edit.set(doc.uri, r.edits.map((e) => new vscode.TextEdit(
      new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText)));
    if (!(await vscode.workspace.applyEdit(edit))) return { error: 'the file could not be edited' };
    return { applied: writtenLines(r.edits) };
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

/**
 * The whole lines the edits wrote, as they read once applied (edits in
 * document order, as the server sends them): from the first edit's start to
 * the end of the last one's new text. A trailing newline ends a line, it
 * starts none.
 */
export function writtenLines(edits: readonly { range: { start: { line: number }; end: { line: number } }; newText: string }[]): vscode.Range {
  let shift = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const e of edits) {
    const start = e.range.start.line + shift;
    const lines = e.newText.replace(/\n$/, '').split('\n').length - 1;
    first = Math.min(first, start);
    last = Math.max(last, start + lines);
    shift += lines - (e.range.end.line - e.range.start.line) + (e.newText.endsWith('\n') ? 1 : 0);
  }
  return new vscode.Range(first, 0, last, 0);
}
