/**
 * The language client: starts dist/server.js over IPC (with an inspector port
 * in debug mode) for `okr` documents on disk and untitled ones.
 *
 * File events: the server registers `workspace/didChangeWatchedFiles` itself
 * (server/src/lsp/lifecycle.ts), once it has indexed the workspace. There are
 * no static `synchronize.fileEvents` watchers, which would send every event a
 * second time once that registration is in place; instead `EarlyFileEvents`
 * forwards the events of the same globs only until the server registers, so a
 * file created or deleted while it indexes is not missed either.
 */
import * as vscode from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { CancellationToken, DidChangeWatchedFilesNotification, FileChangeType, LanguageClient, RevealOutputChannelOn, State, TransportKind } from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../server/src/protocol';
import { SECTION, serverSettings } from './config';

export const CLIENT_ID = 'okr';
export const CLIENT_NAME = 'OKR Cascade';
/** Client-side command the server's CodeLenses call to list locations. */
export const SHOW_REFERENCES_COMMAND = 'okr.showReferences';
/** The files the server follows (the globs it registers). */
const WATCHED_GLOBS = ['**/*.okr.{yaml,yml}', '**/okr.config.yaml'];

export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // The server keeps its cache of parsed files in the extension's storage for this workspace (safe to delete).
  const storage = context.storageUri ?? context.globalStorageUri;
  const initializationOptions: InitializationOptions = { showReferencesCommand: SHOW_REFERENCES_COMMAND, cacheDir: storage.scheme === 'file' ? storage.fsPath : undefined };
  const early = new EarlyFileEvents();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'okr' },
      { scheme: 'untitled', language: 'okr' },
    ],
    // No `synchronize.fileEvents`: see the header.
    initializationOptions,
    outputChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    middleware: {
      handleRegisterCapability: async (params, next) => {
        await next(params, CancellationToken.None); // the client passes no token to this middleware
        if (params.registrations.some((r) => r.method === DidChangeWatchedFilesNotification.method)) early.stop();
      },
      workspace: {
        // Answer `workspace/configuration` for our section ourselves, so that only
        // severities a user set reach the server (see config.ts serverSettings).
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return params.items.map((item, i) => {
            if (item.section !== SECTION) return answers[i];
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            return serverSettings(scope);
          });
        },
      },
    },
  };
  const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  early.follow(client);
  return client;
}

/**
 * Forwards file events from the moment the server runs until it registers its
 * own watchers (then `stop`), again after every restart; nothing when stopped.
 */
class EarlyFileEvents {
  private readonly live: vscode.Disposable[] = [];

  follow(client: LanguageClient): void {
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) this.start(client);
      else this.stop();
    });
  }

  stop(): void {
    for (const d of this.live.splice(0)) d.dispose();
  }

  private start(client: LanguageClient): void {
    this.stop();
    const forward = (type: FileChangeType) => (uri: vscode.Uri) => {
      if (!client.isRunning()) return;
      client.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: client.code2ProtocolConverter.asUri(uri), type }] })
        .catch((e: unknown) => client.warn(`forwarding a file event failed: ${(e as Error)?.message ?? e}`));
    };
    for (const glob of WATCHED_GLOBS) {
      const w = vscode.workspace.createFileSystemWatcher(glob);
      this.live.push(w, w.onDidCreate(forward(FileChangeType.Created)), w.onDidChange(forward(FileChangeType.Changed)), w.onDidDelete(forward(FileChangeType.Deleted)));
    }
  }
}
