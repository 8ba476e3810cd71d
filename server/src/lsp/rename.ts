/** Rename with prepareRename; a refused rename answers a ResponseError whose message says why. */
import { LSPErrorCodes, ResponseError, type Range, type WorkspaceEdit } from 'vscode-languageserver';
import { prepareRename, renameEdits } from '../core/rename';
import type { ServerContext } from './context';
import { toOffset, toRange } from './convert';
import { toWorkspaceEdit } from './edits';

export function registerRename(ctx: ServerContext): void {
  const { conn, ws } = ctx;
  conn.onPrepareRename(
    ctx.guard('prepareRename', null as { range: Range; placeholder: string } | null, (params) => {
      const file = ws.file(params.textDocument.uri);
      const spot = file && prepareRename(ws.cascade.index, file, toOffset(file, params.position));
      if (!file || !spot) return null;
      return { range: toRange(file, spot.span), placeholder: spot.placeholder };
    }),
  );
  conn.onRenameRequest(
    ctx.guard('rename', null as WorkspaceEdit | null, (params, token) => {
      const file = ws.file(params.textDocument.uri);
      const spot = file && prepareRename(ws.cascade.index, file, toOffset(file, params.position));
      if (!file || !spot) throw new ResponseError(LSPErrorCodes.RequestFailed, 'Only a unit, objective, key result or roadmap item id can be renamed (from its key or a reference to it).');
      const result = renameEdits(ws.cascade.index, spot.target, params.newName, () => token.isCancellationRequested);
      if (!result.ok) throw new ResponseError(LSPErrorCodes.RequestFailed, result.message);
      if (token.isCancellationRequested) return null;
      return toWorkspaceEdit(ctx, result.edits);
    }),
  );
}
