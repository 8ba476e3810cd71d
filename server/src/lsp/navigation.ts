/** Go to definition, find references and hover: LSP glue over core/navigate. */
import { MarkupKind, type Hover, type Location } from 'vscode-languageserver';
import { definition, hover, references, type Place } from '../core/navigate';
import type { ServerContext } from './context';
import { toOffset, toRange } from './convert';

/** Core places → LSP locations (the target file's text converts the span). */
export function toLocations(ctx: ServerContext, places: Place[]): Location[] {
  const out: Location[] = [];
  for (const p of places) {
    const file = ctx.ws.cascade.file(p.file);
    if (file) out.push({ uri: ctx.ws.uriOf(p.file), range: toRange(file, p.span) });
  }
  return out;
}

export function registerNavigation(ctx: ServerContext): void {
  const { conn, ws } = ctx;
  conn.onDefinition(
    ctx.guard('definition', null as Location[] | null, (params) => {
      const file = ws.file(params.textDocument.uri);
      if (!file) return null;
      return toLocations(ctx, definition(ws.cascade.index, file, toOffset(file, params.position)));
    }),
  );
  conn.onReferences(
    ctx.guard('references', [] as Location[], (params, token) => {
      const file = ws.file(params.textDocument.uri);
      if (!file) return [];
      const cancelled = () => token.isCancellationRequested;
      const places = references(ws.cascade.index, file, toOffset(file, params.position), !!params.context?.includeDeclaration, cancelled);
      return cancelled() ? [] : toLocations(ctx, places);
    }),
  );
  conn.onHover(
    ctx.guard('hover', null as Hover | null, (params) => {
      const file = ws.file(params.textDocument.uri);
      const info = file && hover(ws.cascade.index, file, toOffset(file, params.position), { today: ctx.settings.asOf(), pace: ctx.settings.configFile?.config.pace });
      if (!file || !info) return null;
      const kind = ctx.client.markdown ? MarkupKind.Markdown : MarkupKind.PlainText;
      const value = ctx.client.markdown ? info.markdown : info.markdown.replace(/\\([\\`*_[\]<>|])/g, '$1').replace(/\*\*/g, '');
      return { contents: { kind, value }, range: toRange(file, info.span) };
    }),
  );
}
