/** Document symbols (outline) and workspace symbols. */
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver';
import { documentSymbols, workspaceSymbols, type OutlineSymbol, type SymbolKind as Kind } from '../core/navigate';
import type { UnitFile } from '../core/model';
import type { ServerContext } from './context';
import { toRange } from './convert';

const KIND: Record<Kind, SymbolKind> = {
  unit: SymbolKind.Module,
  objective: SymbolKind.Class,
  kr: SymbolKind.Field,
  roadmap: SymbolKind.Namespace,
  item: SymbolKind.Event,
};

function toDocumentSymbol(file: UnitFile, s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name,
    detail: s.detail,
    kind: KIND[s.kind],
    range: toRange(file, s.span),
    selectionRange: toRange(file, s.selection),
    children: s.children.map((c) => toDocumentSymbol(file, c)),
  };
}

function flatten(uri: string, file: UnitFile, list: OutlineSymbol[], container?: string): SymbolInformation[] {
  return list.flatMap((s) => [
    { name: s.name, kind: KIND[s.kind], containerName: container, location: { uri, range: toRange(file, s.selection) } },
    ...flatten(uri, file, s.children, s.name),
  ]);
}

export function registerSymbols(ctx: ServerContext): void {
  const { conn, ws } = ctx;
  conn.onDocumentSymbol(
    ctx.guard('documentSymbol', [] as DocumentSymbol[] | SymbolInformation[], (params) => {
      const file = ws.file(params.textDocument.uri);
      if (!file) return [];
      const symbols = documentSymbols(file);
      return ctx.client.hierarchicalSymbols ? symbols.map((s) => toDocumentSymbol(file, s)) : flatten(params.textDocument.uri, file, symbols);
    }),
  );
  conn.onWorkspaceSymbol(
    ctx.guard('workspaceSymbol', [] as SymbolInformation[], (params, token) => {
      const cancelled = () => token.isCancellationRequested;
      const out: SymbolInformation[] = [];
      for (const s of workspaceSymbols(ws.cascade.index, params.query ?? '', cancelled)) {
        const file = ws.cascade.file(s.file);
        if (file) out.push({ name: s.name, kind: KIND[s.kind], containerName: s.container, location: { uri: ws.uriOf(s.file), range: toRange(file, s.span) } });
      }
      return cancelled() ? [] : out;
    }),
  );
}
