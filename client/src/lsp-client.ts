/**
 * The language client: starts dist/server.js over IPC (with an inspector port
 * in debug mode) for `okr` documents on disk and untitled ones.
 */
import * as vscode from 'vscode';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { LanguageClient, RevealOutputChannelOn, TransportKind } from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../server/src/protocol';
import { SECTION, serverSettings } from './config';

export const CLIENT_ID = 'okr';
export const CLIENT_NAME = 'OKR Cascade';
/** Client-side command the server's CodeLenses call to list locations. */
export const SHOW_REFERENCES_COMMAND = 'okr.showReferences';

export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const initializationOptions: InitializationOptions = { showReferencesCommand: SHOW_REFERENCES_COMMAND };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'okr' },
      { scheme: 'untitled', language: 'okr' },
    ],
    synchronize: {
      // The server also registers these watchers dynamically; clients that cannot do that get them here.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/*.okr.{yaml,yml}'),
        vscode.workspace.createFileSystemWatcher('**/okr.config.yaml'),
      ],
    },
    initializationOptions,
    outputChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    middleware: {
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
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
