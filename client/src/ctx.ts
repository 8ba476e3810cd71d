/**
 * The extension's context: the output channel, the language client and its
 * life (start, restart), and what features need from it. One instance, made
 * by `activate` and passed to every feature; no module-level state.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { State } from 'vscode-languageclient/node';
import type { RoadmapParams, RoadmapResult, StatusParams } from '../../server/src/protocol';
import { RoadmapRequestMethod, StatusNotificationMethod } from '../../server/src/protocol';
import { CLIENT_NAME, createLanguageClient } from './lsp-client';

export class Ctx implements vscode.Disposable {
  readonly output: vscode.LogOutputChannel;
  private client?: LanguageClient;
  private starting?: Promise<LanguageClient>;
  private readonly clientDisposables: vscode.Disposable[] = [];
  private readonly statusEmitter = new vscode.EventEmitter<StatusParams>();
  private readonly restartEmitter = new vscode.EventEmitter<void>();
  /** `okr/status` from the server: the cascade's totals. */
  readonly onStatus = this.statusEmitter.event;
  /** Fires after the server was (re)started and answers requests. */
  readonly onDidStart = this.restartEmitter.event;
  lastStatus?: StatusParams;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  }

  get extensionUri(): vscode.Uri {
    return this.extension.extensionUri;
  }

  /** The running client, starting it on first use. */
  async languageClient(): Promise<LanguageClient> {
    if (this.client?.state === State.Running) return this.client;
    this.starting ??= this.start().finally(() => { this.starting = undefined; });
    return this.starting;
  }

  private async start(): Promise<LanguageClient> {
    if (!this.client) {
      this.client = createLanguageClient(this.extension, this.output);
      this.clientDisposables.push(this.client.onNotification(StatusNotificationMethod, (p: StatusParams) => {
        this.lastStatus = p;
        this.statusEmitter.fire(p);
      }));
    }
    if (this.client.state !== State.Running) {
      await this.client.start();
      this.restartEmitter.fire();
    }
    return this.client;
  }

  async restart(): Promise<void> {
    if (this.starting) await this.starting.catch(() => undefined);
    if (!this.client) {
      await this.languageClient();
      return;
    }
    await this.client.restart();
    this.restartEmitter.fire();
  }

  /** `okr/roadmap`: the model the preview draws (see server/src/protocol.ts). */
  async roadmap(params: RoadmapParams, token?: vscode.CancellationToken): Promise<RoadmapResult> {
    const client = await this.languageClient();
    return client.sendRequest<RoadmapResult>(RoadmapRequestMethod, params, token);
  }

  log(message: string): void {
    this.output.info(message);
  }

  async dispose(): Promise<void> {
    for (const d of this.clientDisposables.splice(0)) d.dispose();
    this.statusEmitter.dispose();
    this.restartEmitter.dispose();
    const c = this.client;
    this.client = undefined;
    if (c?.needsStop()) await c.stop().catch(() => undefined);
    this.output.dispose();
  }
}
