/** Core edits per file → an LSP WorkspaceEdit (versioned documentChanges when the client supports them). */
import type { TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextEdit } from '../core/text-edit';
import type { ServerContext } from './context';
import { toTextEdit } from './convert';

export function toWorkspaceEdit(ctx: ServerContext, edits: Map<string, TextEdit[]>): WorkspaceEdit {
  const { ws } = ctx;
  const documentChanges: TextDocumentEdit[] = [];
  const changes: NonNullable<WorkspaceEdit['changes']> = {};
  for (const [key, list] of edits) {
    const file = ws.cascade.file(key);
    if (!file || !list.length) continue;
    const uri = ws.uriOf(key);
    const lsp = list.map((e) => toTextEdit(file, e));
    documentChanges.push({ textDocument: { uri, version: ws.document(key)?.version ?? null }, edits: lsp });
    changes[uri] = lsp;
  }
  return ctx.client.documentChanges ? { documentChanges } : { changes };
}
