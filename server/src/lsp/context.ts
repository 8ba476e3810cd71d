/**
 * What every handler gets: the connection, the workspace, the settings, what
 * the client can do, and `guard`, which applies pending edits first (waiting
 * for the indexed workspace only where part of it would mislead) and never
 * lets a handler crash the server (a failure is logged and answered with an
 * empty result).
 */
import { ResponseError, type CancellationToken, type ClientCapabilities, type Connection, type InitializeParams } from 'vscode-languageserver';
import type { InitializationOptions } from '../protocol';
import type { Settings } from './settings';
import type { Workspace } from './workspace';

/** The client features the server adapts to, read once from `initialize`. */
export interface ClientFeatures {
  markdown: boolean;
  hierarchicalSymbols: boolean;
  documentChanges: boolean;
  /** LSP 3.18 `SnippetTextEdit` in workspace edits (vscode-languageclient 10 says so; VS Code applies it in the active editor). */
  snippetEdits: boolean;
  /** Completion items with `labelDetails` (shown on every row, not only the focused one). */
  completionLabelDetails: boolean;
  configuration: boolean;
  configurationDynamic: boolean;
  watchedFilesDynamic: boolean;
  inlayHints: boolean;
  codeLens: boolean;
  /** The client can be asked to re-request inlay hints / lenses (after another file changed). */
  inlayHintRefresh: boolean;
  codeLensRefresh: boolean;
  workspaceFolders: boolean;
  /** The client shows `$/progress` (window/workDoneProgress). */
  workDoneProgress: boolean;
  showReferencesCommand?: string;
  /** A folder the server may keep its cache in (`initializationOptions.cacheDir`). */
  cacheDir?: string;
}

export function clientFeatures(params: InitializeParams): ClientFeatures {
  const c: ClientCapabilities = params.capabilities ?? {};
  const opts = (params.initializationOptions ?? {}) as InitializationOptions;
  return {
    markdown: !!c.textDocument?.hover?.contentFormat?.includes('markdown'),
    hierarchicalSymbols: !!c.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport,
    documentChanges: !!c.workspace?.workspaceEdit?.documentChanges,
    snippetEdits: !!c.workspace?.workspaceEdit?.documentChanges && !!c.workspace?.workspaceEdit?.snippetEditSupport,
    completionLabelDetails: !!c.textDocument?.completion?.completionItem?.labelDetailsSupport,
    configuration: !!c.workspace?.configuration,
    configurationDynamic: !!c.workspace?.didChangeConfiguration?.dynamicRegistration,
    watchedFilesDynamic: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    inlayHints: !!c.textDocument?.inlayHint,
    codeLens: !!c.textDocument?.codeLens,
    inlayHintRefresh: !!c.workspace?.inlayHint?.refreshSupport,
    codeLensRefresh: !!c.workspace?.codeLens?.refreshSupport,
    workspaceFolders: !!c.workspace?.workspaceFolders,
    workDoneProgress: !!c.window?.workDoneProgress,
    showReferencesCommand: typeof opts.showReferencesCommand === 'string' ? opts.showReferencesCommand : undefined,
    cacheDir: typeof opts.cacheDir === 'string' && opts.cacheDir ? opts.cacheDir : undefined,
  };
}

export interface ServerContext {
  conn: Connection;
  ws: Workspace;
  settings: Settings;
  client: ClientFeatures;
  /** Wraps a request handler: waits for the workspace, honours cancellation, never throws (except refusals). */
  guard<P, R>(name: string, fallback: R, fn: (params: P, token: CancellationToken) => R | Promise<R>): (params: P, token: CancellationToken) => Promise<R>;
}

/**
 * Requests whose answer would be wrong, not just incomplete, from part of the
 * cascade (a rename that misses files, references, the roadmap): they wait
 * for indexing. Every other request is answered at once from what is loaded.
 */
const NEED_WHOLE_CASCADE = new Set(['references', 'rename', 'workspaceSymbol', 'roadmap']);

export function makeGuard(conn: Connection, ws: Workspace): ServerContext['guard'] {
  return (name, fallback, fn) => async (params, token) => {
    try {
      if (NEED_WHOLE_CASCADE.has(name) || ws.isIndexed) await ws.settled();
      else await ws.current();
      if (token?.isCancellationRequested) return fallback;
      return await fn(params, token);
    } catch (e) {
      if (e instanceof ResponseError) throw e; // a refusal meant for the user
      conn.console.error(`okr: ${name} failed: ${(e as Error)?.stack ?? String(e)}`);
      return fallback;
    }
  };
}
