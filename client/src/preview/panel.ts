/**
 * One roadmap preview: a webview panel showing the roadmap of one source
 * document. It asks the language server for the model (`okr/roadmap`), posts
 * it with a growing version, drops stale answers, keeps the last good roadmap
 * under a banner when the source does not parse, and turns the webview's
 * gestures (reveal, move, view and unit changes, export) into editor actions.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { HostMessage, RoadmapModel, RoadmapView, WebviewMessage } from '../../webview/messages';
import { isWebviewMessage } from '../../webview/messages';
import { webviewHtml } from '../../webview/shell';
import type { Ctx } from '../ctx';
import { asOf } from '../config';
import { indexModel, type Located } from './model-index';
import { locationUri, revealInSource } from './reveal';
import type { SnapshotFormat, SnapshotMessage } from './snapshot';
import { setHorizon } from './source';

export const PREVIEW_VIEW_TYPE = 'okr.preview';
/** Redraw this long after the last keystroke (the server answers in a few ms). */
const DEBOUNCE_MS = 50;
/** What the preview's Export menu offers (formats of export.ts). */
const EXPORT_FORMATS = ['html', 'md', 'csv', 'mermaid', 'svg', 'png'];

export interface PanelHost {
  ctx: Ctx;
  onDidDispose(panel: RoadmapPanel): void;
  onDidRetarget(panel: RoadmapPanel, previous: vscode.Uri): void;
  exportFrom(panel: RoadmapPanel, format: string): Promise<unknown>;
}

export interface PanelOptions {
  view: RoadmapView;
  unit?: string;
  locked: boolean;
}

export type PostedMessage = HostMessage;

export class RoadmapPanel implements vscode.Disposable {
  private sourceUri: vscode.Uri;
  view: RoadmapView;
  unit?: string;
  private lockedFlag: boolean;
  private audienceName?: string;
  private ready = false;
  private disposed = false;
  /** Version of the newest request; an answer to an older one is stale. */
  private seq = 0;
  private lastModel?: RoadmapModel;
  private lastIndex = new Map<string, Located>();
  private lastVersion = 0;
  private lastHighlight: string | null = null;
  private showingSyntaxError = false;
  private timer?: ReturnType<typeof setTimeout>;
  private inflight?: vscode.CancellationTokenSource;
  private snapshotSeq = 0;
  private readonly snapshots = new Map<number, (r: SnapshotMessage) => void>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly postedEmitter = new vscode.EventEmitter<PostedMessage>();
  /** Every message posted to the webview (tests wait on it). */
  readonly onDidPost = this.postedEmitter.event;
  /** The last messages posted, newest last (kept for tests and diagnosis). */
  readonly posted: PostedMessage[] = [];

  constructor(readonly panel: vscode.WebviewPanel, source: vscode.Uri, opts: PanelOptions, private readonly host: PanelHost) {
    this.sourceUri = source;
    this.view = opts.view;
    this.unit = opts.unit;
    this.lockedFlag = opts.locked;
    const dist = vscode.Uri.joinPath(host.ctx.extensionUri, 'dist');
    panel.webview.options = { enableScripts: true, localResourceRoots: [dist] };
    panel.iconPath = {
      light: vscode.Uri.joinPath(host.ctx.extensionUri, 'icons', 'preview-light.svg'),
      dark: vscode.Uri.joinPath(host.ctx.extensionUri, 'icons', 'preview-dark.svg'),
    };
    panel.webview.html = webviewHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      nonce: randomBytes(18).toString('base64'),
      title: 'Roadmap',
    });
    this.updateTitle();

    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => { void this.receive(m); }),
      // Hidden webviews are torn down (retainContextWhenHidden: false); shown again, they post `ready`.
      panel.onDidChangeViewState(() => { if (!panel.visible) this.ready = false; }),
      vscode.workspace.onDidChangeTextDocument((e) => { if (isOkr(e.document) && e.contentChanges.length) this.schedule(DEBOUNCE_MS); }),
      vscode.workspace.onDidSaveTextDocument((d) => { if (isOkr(d)) this.schedule(0); }),
      vscode.languages.onDidChangeDiagnostics((e) => { if (e.uris.some((u) => u.toString() === this.sourceUri.toString())) this.diagnosticsChanged(); }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('okr.asOf') || e.affectsConfiguration('okr.rules')) this.schedule(DEBOUNCE_MS); }),
      host.ctx.onDidStart(() => this.schedule(0)),
      this.postedEmitter,
    );
  }

  get source(): vscode.Uri {
    return this.sourceUri;
  }

  get locked(): boolean {
    return this.lockedFlag;
  }

  /** The audience the roadmap is redacted for (client/src/audience.ts), or undefined for everyone. */
  get audience(): string | undefined {
    return this.audienceName;
  }

  /** Shows the roadmap as `name` may see it (read-only), in `view` when given; undefined goes back to everyone. */
  setAudience(name: string | undefined, view?: RoadmapView): void {
    this.audienceName = name;
    if (view) this.view = view;
    this.updateTitle();
    if (this.ready) this.postConfig();
    this.schedule(0);
  }

  set locked(v: boolean) {
    this.lockedFlag = v;
    this.updateTitle();
    // The webview saves it with its state, so a reload restores the lock.
    if (this.ready) this.postConfig();
  }

  get model(): RoadmapModel | undefined {
    return this.lastModel;
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** Show another document's roadmap in this panel (the preview follows the active editor). */
  retarget(uri: vscode.Uri): void {
    if (uri.toString() === this.sourceUri.toString()) return;
    const previous = this.sourceUri;
    this.sourceUri = uri;
    this.unit = undefined;
    this.lastHighlight = null;
    this.showingSyntaxError = false;
    this.updateTitle();
    this.host.onDidRetarget(this, previous);
    this.schedule(0);
  }

  /** Highlight the card with this ref (null clears); posts only when it changes. */
  highlight(ref: string | null): void {
    if (ref === this.lastHighlight) return;
    this.lastHighlight = ref;
    if (this.ready) this.post({ type: 'highlight', ref });
  }

  /** A message as the webview would send it; validated like one. Resolves when handled. */
  async receive(data: unknown): Promise<void> {
    if (!isWebviewMessage(data)) {
      this.host.ctx.log(`preview: ignored a malformed message from the webview: ${JSON.stringify(data)?.slice(0, 200)}`);
      return;
    }
    try {
      await this.handle(data);
    } catch (e) {
      this.host.ctx.log(`preview: ${data.type} failed: ${(e as Error)?.stack ?? e}`);
      void vscode.window.showErrorMessage(`OKR roadmap: ${(e as Error)?.message ?? e}`);
    }
  }

  private async handle(msg: WebviewMessage): Promise<void> {
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        if (msg.view) this.view = msg.view;
        if (msg.unit) this.unit = msg.unit;
        this.postConfig();
        // Redraw at once from memory (a re-shown panel), then with a fresh model.
        if (this.lastModel) this.post({ type: 'model', version: this.lastVersion, model: this.lastModel, sourceUri: this.sourceUri.toString() });
        if (this.lastHighlight) this.post({ type: 'highlight', ref: this.lastHighlight });
        return this.refresh();
      case 'reveal': {
        // Trust the model, not the message: open only locations the last model holds.
        const known = this.lastIndex.get(msg.ref);
        if (!known) return;
        await revealInSource(known.location, msg.ref, this.panel.viewColumn);
        return;
      }
      case 'move':
        return this.move(msg.ref, msg.column);
      case 'setView':
        this.view = msg.view;
        return this.refresh();
      case 'setUnit':
        this.unit = msg.unit;
        return this.refresh();
      case 'export':
        await this.host.exportFrom(this, msg.format);
        return;
      case 'snapshot':
        this.snapshots.get(msg.id)?.(msg);
        return;
    }
  }

  /** Sets the item's `horizon` to the column it was dropped on: the server's minimal edit, one undo step. */
  private async move(ref: string, column: string): Promise<void> {
    const m = this.lastModel;
    const found = this.lastIndex.get(ref);
    const revert = () => this.refresh(); // redraw from the source: undoes the optimistic move
    if (!m || !found?.card) return revert();
    if (found.card.kind !== 'item') {
      void vscode.window.showInformationMessage('A key result sits in the quarter of its unit\'s period; only roadmap items can be moved.');
      return revert();
    }
    if (!m.columns.some((c) => c.id === column)) return revert();
    const doc = await vscode.workspace.openTextDocument(locationUri(found.location.file));
    const id = ref.slice(ref.lastIndexOf('/') + 1);
    const r = await setHorizon(this.host.ctx, doc, ref, column, this.panel.viewColumn);
    if (r === 'unchanged') return revert();
    if (r !== 'applied') {
      void vscode.window.showWarningMessage(`Cannot move \`${id}\`: ${r.error}`);
      return revert();
    }
    // The change event schedules the redraw.
  }

  /** Ask the webview for an image of what it draws (see snapshot.ts). */
  async snapshot(format: SnapshotFormat, timeoutMs = 20000): Promise<SnapshotMessage> {
    await this.whenRendered(timeoutMs);
    const id = ++this.snapshotSeq;
    return new Promise<SnapshotMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.snapshots.delete(id);
        reject(new Error(`The roadmap preview did not send a ${format.toUpperCase()} image in time (is it still open?).`));
      }, timeoutMs);
      this.snapshots.set(id, (r) => {
        clearTimeout(timer);
        this.snapshots.delete(id);
        resolve(r);
      });
      this.post({ type: 'snapshot', id, format });
    });
  }

  /** Resolves once the webview is ready and holds a model. */
  whenRendered(timeoutMs = 10000): Promise<void> {
    if (this.ready && this.lastModel) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { sub.dispose(); reject(new Error('The roadmap preview did not finish loading.')); }, timeoutMs);
      const sub = this.onDidPost((m) => {
        if (m.type !== 'model' || !this.ready) return;
        clearTimeout(timer);
        sub.dispose();
        resolve();
      });
    });
  }

  reveal(column?: vscode.ViewColumn, preserveFocus = true): void {
    this.panel.reveal(column ?? this.panel.viewColumn, preserveFocus);
  }

  private schedule(delay: number): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = undefined; void this.refresh(); }, delay);
  }

  /** Requests a fresh model and posts it, unless a newer request was sent meanwhile. */
  private async refresh(retryWithoutUnit = true): Promise<void> {
    if (!this.ready || this.disposed) return;
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    const version = ++this.seq;
    this.inflight?.cancel();
    const cts = (this.inflight = new vscode.CancellationTokenSource());
    const syntax = this.syntaxError();
    if (syntax) return this.postError(syntax, true);
    try {
      const model = await this.host.ctx.roadmap({ uri: this.sourceUri.toString(), view: this.view, unit: this.unit, asOf: asOf(this.sourceUri), ...(this.audienceName ? { audience: this.audienceName } : {}) }, cts.token);
      if (version !== this.seq || this.disposed) return; // stale: a newer request is on its way
      if (!model) return this.postError('The language server could not compute the roadmap (see the "OKR Cascade" output).');
      const late = this.syntaxError();
      if (late) return this.postError(late, true);
      this.lastModel = model;
      this.lastIndex = indexModel(model);
      this.lastVersion = version;
      this.showingSyntaxError = false;
      this.post({ type: 'model', version, model, sourceUri: this.sourceUri.toString() });
    } catch (e) {
      if (version !== this.seq || this.disposed || cts.token.isCancellationRequested) return;
      if (this.unit && retryWithoutUnit) {
        this.host.ctx.log(`preview: the roadmap of unit "${this.unit}" failed (${(e as Error)?.message}); showing the file's own unit`);
        this.unit = undefined;
        return this.refresh(false);
      }
      this.postError((e as Error)?.message ?? String(e));
    } finally {
      cts.dispose();
      if (this.inflight === cts) this.inflight = undefined;
    }
  }

  /** The source's `yaml-syntax` finding, as a banner text; undefined when it parses. */
  private syntaxError(): string | undefined {
    const d = vscode.languages.getDiagnostics(this.sourceUri).find((x) => diagnosticCode(x) === 'yaml-syntax');
    if (!d) return undefined;
    // The banner itself says that the last good roadmap is shown: this says only where and what.
    return `${basename(this.sourceUri)} line ${d.range.start.line + 1}: ${d.message.replace(/\s+/g, ' ')}`;
  }

  private diagnosticsChanged(): void {
    const syntax = this.syntaxError();
    if (syntax && !this.showingSyntaxError) this.postError(syntax, true);
    else if (!syntax && this.showingSyntaxError) this.schedule(0);
  }

  private postConfig(): void {
    this.post({ type: 'config', readOnly: this.readOnly() || !!this.audienceName, exportFormats: EXPORT_FORMATS, locked: this.lockedFlag });
  }

  private postError(message: string, syntax = false): void {
    this.showingSyntaxError = syntax;
    this.post({ type: 'error', message });
  }

  private post(msg: PostedMessage): void {
    if (this.disposed) return;
    if (msg.type !== 'config' && !this.ready) return;
    void this.panel.webview.postMessage(msg);
    this.posted.push(msg);
    if (this.posted.length > 50) this.posted.splice(0, this.posted.length - 50);
    this.postedEmitter.fire(msg);
  }

  private readOnly(): boolean {
    return vscode.workspace.fs.isWritableFileSystem(this.sourceUri.scheme) === false;
  }

  private updateTitle(): void {
    this.panel.title = `Roadmap: ${basename(this.sourceUri)}${this.audienceName ? ` — for ${this.audienceName}` : ''}${this.lockedFlag ? ' (locked)' : ''}`;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.inflight?.cancel();
    this.inflight?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.host.onDidDispose(this);
  }
}

export function isOkr(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'okr';
}

export function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

export function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}
