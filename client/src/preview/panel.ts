/**
 * One roadmap preview: a webview panel showing the roadmap of one source
 * document. It asks the language server for the model (`okr/roadmap`), posts
 * it with a growing version, keeps the last good roadmap under a banner when
 * the source does not parse, and turns the webview's gestures (reveal, move,
 * view and unit changes, export) into editor actions.
 * Typing never queues redraws: one request in flight (latest-request.ts), and a
 * model posted only once the previous one is drawn (sender.ts).
 */
import * as vscode from 'vscode';
import type { HostMessage, ProbeReport, RoadmapModel, RoadmapView, WebviewMessage } from '../../webview/messages';
import { isWebviewMessage } from '../../webview/messages';
import { basename, isOkr } from './util';
import { setUpWebview, syntaxBanner } from './webview-setup';
import type { Ctx } from '../ctx';
import { asOf } from '../config';
import { indexModel, sameLocation, type Located } from './model-index';
import { locationUri, revealInSource } from './reveal';
import type { SnapshotFormat, SnapshotMessage } from './snapshot';
import { type Flash } from './flash';
import { moveCard } from './move';
import { Answers, ModelSender, type PanelStats } from './sender';
import { EXPORT_FORMATS, RENDER_TIMEOUT_MS, type PanelHost, type PanelOptions, type PostedMessage } from './panel-types';
import { AudienceChoices } from './audience-choices';
import { LatestRequest, type Asker } from './latest-request';
import { CompareSession, postHistory, postReview, type CompareTarget } from './compare-session';

export { PREVIEW_VIEW_TYPE, type PanelHost, type PanelOptions, type PanelStats, type PostedMessage } from './panel-types';

export class RoadmapPanel implements vscode.Disposable {
  private sourceUri: vscode.Uri;
  view: RoadmapView;
  unit?: string;
  private lockedFlag: boolean;
  private audienceName?: string;
  /** The portfolio sections the webview has open: a large portfolio comes with only these whole (`okr/roadmap`'s `open`). */
  private openSections: string[] = [];
  private ready = false;
  private disposed = false;
  private lastModel?: RoadmapModel;
  private lastIndex = new Map<string, Located>();
  private lastVersion = 0;
  private lastHighlight: string | null = null;
  private showingSyntaxError = false;
  readonly stats: PanelStats = { requests: 0, dropped: 0, maxInFlight: 0, posted: 0, superseded: 0, maxUnacked: 0, deltas: 0 };
  private readonly renderedEmitter = new vscode.EventEmitter<number>();
  /** The webview drew the model of this version. */
  readonly onDidRender = this.renderedEmitter.event;
  /** The newest version the webview said it drew. */
  lastRendered = -1;
  private readonly flashEmitter = new vscode.EventEmitter<Flash>();
  /** A line written by a drag was shown and highlighted in its editor (`cleared` when the highlight ends). */
  readonly onDidFlash = this.flashEmitter.event;
  private readonly snapshots = new Answers<SnapshotMessage>();
  private readonly probes = new Answers<ProbeReport>();
  /** Timings of the models not yet drawn, by version. */
  private readonly timings = new Map<number, { asked: number; answered: number; posted?: number }>();
  /** Posts models one at a time, as deltas when it can. */
  private readonly sender = new ModelSender((msg, wire) => this.post(msg, wire), this.stats, RENDER_TIMEOUT_MS, (v) => {
    const t = this.timings.get(v);
    if (t) t.posted = Date.now();
  });
  private readonly audiences = new AudienceChoices();
  /** The model, asked of the server: `update()` when what the webview draws may have changed (now, or once the request in flight returns). */
  private readonly requests = new LatestRequest<RoadmapModel>(this.stats, this.asker());
  /** The Review view is shown: its document is asked for again after each model. */
  private reviewing = false;
  /** The unit whose git history was asked for (once per unit shown, after its first board). */
  private historyOf?: string;
  /** Compare mode: what the board is compared with (compare-session.ts). */
  private comparing?: CompareSession;
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
    this.audienceName = opts.audience;
    setUpWebview(panel, host.ctx.extensionUri);
    this.updateTitle();

    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => { void this.receive(m); }),
      // Hidden webviews are torn down (retainContextWhenHidden: false); shown again, they post `ready`.
      panel.onDidChangeViewState(() => { if (!panel.visible) this.ready = false; }),
      vscode.workspace.onDidChangeTextDocument((e) => { if (isOkr(e.document) && e.contentChanges.length) this.requests.update(); }),
      vscode.workspace.onDidSaveTextDocument((d) => { if (isOkr(d)) this.requests.update(); }),
      vscode.workspace.onDidSaveTextDocument((d) => { if (/(^|\/)okr\.config\.ya?ml$/.test(d.uri.path)) void this.refreshAudiences(); }),
      vscode.languages.onDidChangeDiagnostics((e) => { if (e.uris.some((u) => u.toString() === this.sourceUri.toString())) this.diagnosticsChanged(); }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('okr.asOf') || e.affectsConfiguration('okr.rules')) this.requests.update(); }),
      host.ctx.onDidStart(() => this.requests.update()),
      this.postedEmitter,
      this.renderedEmitter,
      this.flashEmitter,
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
    this.requests.update();
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
    this.requests.update();
  }

  /** Compare mode: the board with what changed since `target` (a revision or a what-if), until the reader leaves it. */
  compare(target: CompareTarget): void {
    this.comparing?.end();
    const s: CompareSession = this.comparing = new CompareSession(target, this.host.ctx,
      (data) => { if (this.comparing === s && this.ready) this.post({ type: 'compare', data }); },
      (message) => { if (this.comparing === s) { this.endCompare(); void vscode.window.showErrorMessage(message); } });
    if (this.lastModel && this.ready) void s.refresh(this.sourceUri.toString(), this.view, this.lastModel.unit, asOf(this.sourceUri));
  }

  private endCompare(): void {
    this.comparing?.end();
    this.comparing = undefined;
    if (this.ready) this.post({ type: 'compare', data: null });
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
        this.openSections = msg.open ?? [];
        // A new page: nothing of the old one is waiting to be drawn, and it holds no model (nor git history) yet.
        this.sender.reset();
        this.historyOf = undefined;
        this.postConfig();
        void this.refreshAudiences();
        // Redraw at once from memory (a re-shown panel), then with a fresh model.
        if (this.lastModel) this.sender.send({ type: 'model', version: this.lastVersion, model: this.lastModel, sourceUri: this.sourceUri.toString() });
        if (this.lastHighlight) this.post({ type: 'highlight', ref: this.lastHighlight });
        return this.requests.update();
      case 'rendered':
        this.sender.rendered(msg.version);
        this.lastRendered = Math.max(this.lastRendered, msg.version);
        const t = this.timings.get(msg.version);
        if (t?.posted) this.stats.last = { asked: t.asked, answered: t.answered, posted: t.posted, drawn: Date.now(), version: msg.version, drawMs: msg.drawMs, frameMs: msg.frameMs, paintedAt: msg.at };
        for (const v of this.timings.keys()) if (v <= msg.version) this.timings.delete(v);
        this.renderedEmitter.fire(msg.version);
        return;
      case 'probe':
        this.probes.answer(msg.id, msg.report);
        return;
      case 'resync':
        // A delta did not fit: send the whole model.
        this.sender.reset();
        if (this.lastModel) this.sender.send({ type: 'model', version: this.lastVersion, model: this.lastModel, sourceUri: this.sourceUri.toString() });
        return;
      case 'reveal': {
        // Trust the model, not the message: open only locations the last model holds.
        const known = this.lastIndex.get(msg.ref);
        // A consequence of compare mode opens where the comparison says it is.
        if (!known && this.comparing?.allows(msg.location)) { await revealInSource(msg.location, msg.ref, this.panel.viewColumn); return; }
        if (!known) return;
        const at = known.also?.find((l) => sameLocation(l, msg.location)) ?? known.location;
        await revealInSource(at, msg.ref, this.panel.viewColumn);
        return;
      }
      case 'move':
        return this.move(msg.ref, msg.column);
      case 'setView':
        this.view = msg.view;
        return this.requests.update();
      case 'setUnit':
        this.unit = msg.unit;
        return this.requests.update();
      case 'setAudience': {
        // The toolbar's audience picker: a name the server listed, or null for everyone.
        const a = msg.audience === null ? undefined : this.audiences.find(msg.audience);
        if (msg.audience !== null && !a) return;
        return this.setAudience(a?.name, a && !a.views.includes(this.view) ? a.views[0] : undefined);
      }
      case 'export':
        await this.host.exportFrom(this, msg.format);
        return;
      case 'snapshot':
        this.snapshots.answer(msg.id, msg);
        return;
      case 'endCompare':
        return this.endCompare();
      case 'askReview':
        this.reviewing = true;
        return postReview(this.host.ctx, { uri: this.sourceUri.toString(), unit: this.lastModel?.unit, asOf: asOf(this.sourceUri) }, (m) => { if (this.reviewing) this.post(m); });
      case 'endReview':
        this.reviewing = false;
        return;
      case 'sections':
        // A section opened (or closed): ask for the model with the open ones whole.
        if (msg.open.join('\n') === this.openSections.join('\n')) return;
        this.openSections = msg.open;
        return this.requests.update();
    }
  }

  /** Sets the item's `horizon` to the column it was dropped on (move.ts); a move that cannot be made redraws from the source. */
  private async move(ref: string, column: string): Promise<void> {
    const moved = await moveCard(this.host.ctx, this.lastModel, this.lastIndex.get(ref), ref, column, this.panel.viewColumn, (f) => { if (!this.disposed) this.flashEmitter.fire(f); });
    if (!moved) await this.requests.refresh(); // redraw from the source: undoes the optimistic move
  }

  /** Ask the webview for an image of what it draws (see snapshot.ts). */
  async snapshot(format: SnapshotFormat, timeoutMs = 20000): Promise<SnapshotMessage> {
    await this.whenRendered(timeoutMs);
    return this.snapshots.request((id) => this.post({ type: 'snapshot', id, format }), timeoutMs,
      `The roadmap preview did not send a ${format.toUpperCase()} image in time (is it still open?).`);
  }

  /** What the webview has on screen (client/webview/probe.ts): for tests and diagnosis. */
  probe(timeoutMs = 10000): Promise<ProbeReport> {
    return this.probes.request((id) => this.post({ type: 'probe', id }), timeoutMs, 'The roadmap preview did not answer the probe in time.');
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

  /** Asks the server for the model (latest-request.ts keeps one request in flight). */
  private asker(): Asker<RoadmapModel> {
    return {
      canAsk: () => this.ready && !this.disposed,
      gone: () => this.disposed,
      blocked: () => {
        const syntax = syntaxBanner(this.sourceUri);
        if (syntax) this.postError(syntax, true);
        return !!syntax;
      },
      ask: (token) => this.host.ctx.roadmap({ uri: this.sourceUri.toString(), view: this.view, unit: this.unit, asOf: asOf(this.sourceUri), open: this.openSections, ...(this.audienceName ? { audience: this.audienceName } : {}) }, token),
      answered: (version, model, asked) => {
        if (!model) return this.postError('The language server could not compute the roadmap (see the "OKR Cascade" output).');
        const late = syntaxBanner(this.sourceUri);
        if (late) return this.postError(late, true);
        this.lastModel = model;
        this.lastIndex = indexModel(model);
        this.lastVersion = version;
        this.showingSyntaxError = false;
        this.timings.set(version, { asked, answered: Date.now() });
        this.sender.send({ type: 'model', version, model, sourceUri: this.sourceUri.toString() });
        void this.comparing?.refresh(this.sourceUri.toString(), this.view, model.unit, asOf(this.sourceUri));
        if (this.historyOf !== model.unit) void postHistory(this.host.ctx, { uri: this.sourceUri.toString(), unit: (this.historyOf = model.unit) }, (m) => this.post(m));
        if (this.reviewing) void postReview(this.host.ctx, { uri: this.sourceUri.toString(), unit: model.unit, asOf: asOf(this.sourceUri), history: true }, (m) => { if (this.reviewing) this.post(m); });
      },
      failed: (e, firstTry) => {
        if (this.unit && firstTry) {
          this.host.ctx.log(`preview: the roadmap of unit "${this.unit}" failed (${(e as Error)?.message}); showing the file's own unit`);
          this.unit = undefined;
          return true;
        }
        this.postError((e as Error)?.message ?? String(e));
        return false;
      },
    };
  }

  private diagnosticsChanged(): void {
    const syntax = syntaxBanner(this.sourceUri);
    if (syntax && !this.showingSyntaxError) this.postError(syntax, true);
    else if (!syntax && this.showingSyntaxError) this.requests.update();
  }

  private postConfig(): void {
    this.post({
      type: 'config', readOnly: this.readOnly() || !!this.audienceName, exportFormats: EXPORT_FORMATS, locked: this.lockedFlag,
      audiences: this.audiences.list, ...(this.audienceName ? { audience: this.audienceName } : {}),
    });
  }

  /** The audiences for the toolbar's picker, posted again when they changed. */
  async refreshAudiences(): Promise<void> {
    if ((await this.audiences.refresh(this.host.ctx)) && this.ready) this.postConfig();
  }

  private postError(message: string, syntax = false): void {
    this.showingSyntaxError = syntax;
    this.post({ type: 'error', message });
  }

  /** Posts `wire` (default: `msg`); the log and the tests see `msg`, what the webview then holds. False when not posted. */
  private post(msg: PostedMessage, wire: HostMessage = msg): boolean {
    if (this.disposed) return false;
    if (msg.type !== 'config' && !this.ready) return false;
    void this.panel.webview.postMessage(wire);
    this.posted.push(msg);
    if (this.posted.length > 50) this.posted.splice(0, this.posted.length - 50);
    this.postedEmitter.fire(msg);
    return true;
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
    this.sender.reset();
    this.requests.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.host.onDidDispose(this);
  }
}

export { basename, diagnosticCode, isOkr } from './util';
