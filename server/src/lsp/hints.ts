/** Inlay hints (the title beside a reference) and CodeLens (above KRs and objectives). */
import type { CodeLens, InlayHint } from 'vscode-languageserver';
import { codeLenses, inlayHints } from '../core/hints';
import type { ServerContext } from './context';
import { toPosition, toRange, toSpan } from './convert';
import { toLocations } from './navigation';

/** Delay before asking the client to re-request hints and lenses after edits (they show other files' data). */
const REFRESH_MS = 300;

export function registerHints(ctx: ServerContext): void {
  const { conn, ws } = ctx;
  let timer: NodeJS.Timeout | undefined;
  if (ctx.client.inlayHintRefresh || ctx.client.codeLensRefresh) {
    ws.onEdited = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        if (ctx.client.inlayHintRefresh) conn.languages.inlayHint.refresh().catch(() => undefined);
        if (ctx.client.codeLensRefresh) conn.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
      }, REFRESH_MS);
    };
  }
  if (ctx.client.inlayHints) {
    conn.languages.inlayHint.on(
      ctx.guard('inlayHint', [] as InlayHint[], (params) => {
        const file = ws.file(params.textDocument.uri);
        if (!file) return [];
        return inlayHints(ws.cascade.index, file, toSpan(file, params.range)).map((h) => ({
          position: toPosition(file, h.offset),
          label: h.label,
          tooltip: h.tooltip,
          paddingLeft: true,
        }));
      }),
    );
  }
  if (ctx.client.codeLens) {
    conn.onCodeLens(
      ctx.guard('codeLens', [] as CodeLens[], (params) => {
        const file = ws.file(params.textDocument.uri);
        if (!file) return [];
        const command = ctx.client.showReferencesCommand;
        return codeLenses(ws.cascade.index, file).map((lens) => {
          const range = toRange(file, lens.span);
          const args = command && lens.places.length ? [params.textDocument.uri, range.start, toLocations(ctx, lens.places)] : undefined;
          return { range, command: { title: lens.title, command: args ? command! : '', arguments: args } };
        });
      }),
    );
  }
}
