/**
 * Inlay hints (the title beside a reference) and CodeLens (above KRs and
 * objectives). They show other files' data, so after an edit the client is
 * asked to refresh them, but only when what an open editor shows changed:
 * after each batch of edits is published, the hints and lenses of the open
 * files (other than those just edited, which the client re-asks for itself)
 * are computed and compared with the last ones. A hypothesis typed in a
 * product file refreshes nothing; a KR title that a team file's hint shows does.
 */
import type { CodeLens, InlayHint, Range } from 'vscode-languageserver';
import { codeLenses, inlayHints } from '../core/hints';
import type { UnitFile } from '../core/model';
import type { ServerContext } from './context';
import { toPosition, toRange, toSpan } from './convert';
import { toLocations } from './navigation';

function hintsOf(ctx: ServerContext, file: UnitFile, range?: Range): InlayHint[] {
  return inlayHints(ctx.ws.cascade.index, file, range && toSpan(file, range)).map((h) => ({
    position: toPosition(file, h.offset),
    label: h.label,
    tooltip: h.tooltip,
    paddingLeft: true,
  }));
}

function lensesOf(ctx: ServerContext, file: UnitFile, uri: string): CodeLens[] {
  const command = ctx.client.showReferencesCommand;
  return codeLenses(ctx.ws.cascade.index, file).map((lens) => {
    const range = toRange(file, lens.span);
    const args = command && lens.places.length ? [uri, range.start, toLocations(ctx, lens.places)] : undefined;
    return { range, command: { title: lens.title, command: args ? command! : '', arguments: args } };
  });
}

/** Asks the client to re-request hints and lenses; one request of each kind at a time. */
class Refresher {
  private inFlight = false;
  private again = false;

  constructor(private readonly ctx: ServerContext) {}

  refresh(): void {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    const { conn, client } = this.ctx;
    const asks: Promise<unknown>[] = [];
    if (client.inlayHintRefresh && client.inlayHints) asks.push(conn.languages.inlayHint.refresh().catch(() => undefined));
    if (client.codeLensRefresh && client.codeLens) asks.push(conn.sendRequest('workspace/codeLens/refresh').catch(() => undefined));
    void Promise.all(asks).then(() => {
      this.inFlight = false;
      if (this.again) {
        this.again = false;
        this.refresh();
      }
    });
  }
}

export function registerHints(ctx: ServerContext): void {
  const { conn, ws } = ctx;
  const refreshes = (ctx.client.inlayHintRefresh && ctx.client.inlayHints) || (ctx.client.codeLensRefresh && ctx.client.codeLens);
  if (refreshes) {
    const refresher = new Refresher(ctx);
    /** Open file → what its hints and lenses showed at the last check. */
    const shown = new Map<string, string>();
    const showing = (key: string): string | undefined => {
      const file = ws.cascade.file(key);
      if (!file) return undefined;
      const uri = ws.uriOf(key);
      return JSON.stringify([ctx.client.inlayHints ? hintsOf(ctx, file) : [], ctx.client.codeLens ? lensesOf(ctx, file, uri) : []]);
    };
    ws.onEdited = (edited) => {
      const open = new Set(ws.openKeys());
      for (const key of shown.keys()) if (!open.has(key)) shown.delete(key);
      let changed = false;
      for (const key of open) {
        const now = showing(key);
        const before = shown.get(key);
        if (now === undefined) shown.delete(key);
        else shown.set(key, now);
        // The edited files' own editors ask again by themselves; a file seen for the first time has not been drawn from us yet.
        if (before !== undefined && now !== before && !edited.has(key)) changed = true;
      }
      if (changed) refresher.refresh();
    };
  }
  if (ctx.client.inlayHints) {
    conn.languages.inlayHint.on(
      ctx.guard('inlayHint', [] as InlayHint[], (params) => {
        const file = ws.file(params.textDocument.uri);
        return file ? hintsOf(ctx, file, params.range) : [];
      }),
    );
  }
  if (ctx.client.codeLens) {
    conn.onCodeLens(
      ctx.guard('codeLens', [] as CodeLens[], (params) => {
        const file = ws.file(params.textDocument.uri);
        return file ? lensesOf(ctx, file, params.textDocument.uri) : [];
      }),
    );
  }
}
