/**
 * Capabilities by what the client supports, and the workspace's life:
 * settings and `okr.config.yaml` first, then indexing every folder (open
 * editors first, in slices, with `$/progress`, through the model cache when
 * the client gave a cache folder), then following watched files,
 * configuration and folder changes.
 */
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, TextDocumentSyncKind, WatchKind,
  type InitializeParams, type ServerCapabilities,
} from 'vscode-languageserver';
import { CONFIG_FILE } from '../core/config';
import { WHAT_IF_KIND } from '../protocol';
import { buildId } from '../cache/build';
import { FindingsCache, findingsPath } from '../cache/findings';
import { ModelCache, packPath } from '../cache/store';
import { TRIGGER_CHARACTERS } from './completion';
import type { ClientFeatures, ServerContext } from './context';
import type { Publisher } from './diagnostics';
import { cascadeRoots } from './disk';
import { Progress } from './indexing';
import { pathToUri, uriToPath } from './uris';

export function capabilities(client: ClientFeatures): ServerCapabilities {
  const caps: ServerCapabilities = {
    textDocumentSync: TextDocumentSyncKind.Incremental,
    definitionProvider: true,
    referencesProvider: true,
    hoverProvider: true,
    documentSymbolProvider: true,
    workspaceSymbolProvider: true,
    completionProvider: { triggerCharacters: TRIGGER_CHARACTERS, resolveProvider: false },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, WHAT_IF_KIND] },
    renameProvider: { prepareProvider: true },
  };
  if (client.inlayHints) caps.inlayHintProvider = true;
  if (client.codeLens) caps.codeLensProvider = { resolveProvider: false };
  if (client.workspaceFolders) caps.workspace = { workspaceFolders: { supported: true, changeNotifications: true } };
  return caps;
}

/** The folders to index: `workspaceFolders`, else `rootUri`, else `rootPath`. */
export function initialFolders(params: InitializeParams): string[] {
  if (params.workspaceFolders?.length) return params.workspaceFolders.map((f) => f.uri);
  if (params.rootUri) return [params.rootUri];
  if (params.rootPath) return [pathToUri(params.rootPath)];
  return [];
}

const WATCHED = ['**/*.okr.yaml', '**/*.okr.yml', `**/${CONFIG_FILE}`];

/** `started`: called once the workspace is indexed and both caches are written (one full collection then, see memory.ts). */
export function registerLifecycle(ctx: ServerContext, publisher: Publisher, folders: () => string[], started: () => void = () => {}): void {
  const { conn, ws, settings } = ctx;
  const log = (what: string) => (e: unknown) => conn.console.error(`okr: ${what} failed: ${(e as Error)?.stack ?? e}`);

  /** Re-reads settings and okr.config.yaml, then re-checks (publishing what changed). */
  const reconfigure = async (pushed?: unknown) => {
    if (ctx.client.configuration) pushed = await conn.workspace.getConfiguration('okr');
    else pushed = (pushed as { okr?: unknown } | undefined)?.okr;
    for (const complaint of settings.setEditor(pushed)) conn.console.warn(`okr: ${complaint}`);
    await settings.readConfigFile(ws.workspaceFolders().length ? ws.workspaceFolders() : folders().map(uriToPath).filter((p): p is string => !!p));
    publisher.publishConfig();
    ws.configure(settings.options());
  };

  let cache: ModelCache | undefined;
  let findings: FindingsCache | undefined;
  /** The findings file is read at once; the model pack (ten times its size) when indexing asks for it, after publishing the findings. */
  const openCache = (): [(() => Promise<ModelCache | undefined>) | undefined, Promise<FindingsCache | undefined>] => {
    if (!ctx.client.cacheDir) return [undefined, Promise.resolve(undefined)];
    const roots = cascadeRoots(folders()).map(uriToPath).filter((p): p is string => !!p);
    const pack = packPath(ctx.client.cacheDir, roots);
    return [
      () => ModelCache.open(pack, buildId()).catch((e) => void log('reading the cache')(e)),
      FindingsCache.open(findingsPath(pack), buildId()).catch((e) => void log('reading the findings cache')(e)),
    ];
  };

  conn.onInitialized(() => {
    // At once, not after indexing: a file or folder created, changed or removed meanwhile is applied once indexed
    // (Workspace.watched and foldersChanged wait); registered later, a file written after the walk was never seen.
    if (ctx.client.watchedFilesDynamic) {
      // Every path created or deleted, too: a folder moved in or deleted is reported as the folder alone (its
      // files are not), and a file written at once into a new folder can be missed by the OS watcher; the
      // folder's own event then has it read (disk-follow.ts).
      const folders = { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete };
      void conn.client.register(DidChangeWatchedFilesNotification.type, { watchers: [...WATCHED.map((globPattern) => ({ globPattern })), folders] }).catch(log('watching files'));
    }
    if (ctx.client.workspaceFolders) {
      conn.workspace.onDidChangeWorkspaceFolders((e) => {
        void ws.foldersChanged(cascadeRoots(e.added.map((f) => f.uri)), cascadeRoots(e.removed.map((f) => f.uri))).then(() => reconfigure()).catch(log('changing folders'));
      });
    }
    void (async () => {
      const [openPack, findingsRead] = openCache(); // the findings are read while the settings are asked for
      if (ctx.client.cacheDir) ws.holdOpenDocuments(); // until the findings cache is tried
      await reconfigure().catch(log('reading settings'));
      findings = await findingsRead;
      if (!findings?.loaded) ws.releaseOpenDocuments();
      // Parse workers run this same bundle (see server.ts).
      const progress = new Progress(conn, ctx.client.workDoneProgress);
      await ws.index(cascadeRoots(folders()), { cache: openPack, findings, progress, workerEntry: __filename }).catch(log('indexing the workspace'));
      cache = ws.modelCache;
      if (findings) await Promise.resolve(ws.saveFindings(findings)).catch(log('writing the findings cache'));
      if (cache) {
        await cache.save((m) => ws.isCurrent(m)).then(
          (n) => conn.console.log(n === undefined ? 'okr: cache up to date' : `okr: cache written (${n} files) to ${cache!.path}`),
          log('writing the cache'),
        );
      }
      started();
      if (ctx.client.configurationDynamic) await conn.client.register(DidChangeConfigurationNotification.type, { section: 'okr' }).catch(log('following settings'));
    })();
  });

  conn.onShutdown(() => {
    // Files changed on disk since indexing: their models are kept for the next start.
    try {
      cache?.saveSync((m) => ws.isCurrent(m));
      if (findings) ws.saveFindings(findings, true);
    } catch (e) {
      log('writing the cache')(e);
    }
  });

  conn.onDidChangeConfiguration((change) => {
    void ws.settled().then(() => reconfigure(change.settings)).catch(log('applying settings'));
  });

  // Handled whether or not the client let us register: some clients send it unasked.
  conn.onDidChangeWatchedFiles((params) => {
    const config = params.changes.some((c) => c.uri.endsWith(`/${CONFIG_FILE}`));
    void ws
      .watched(params.changes.filter((c) => !c.uri.endsWith(`/${CONFIG_FILE}`)))
      .then(() => (config ? reconfigure() : undefined))
      .catch(log('following file changes'));
  });
}
