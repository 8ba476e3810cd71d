/**
 * The roadmap previews: one panel per source document, keyed by its URI. With
 * `okr.preview.followActiveEditor` on, one unlocked ("following") panel moves
 * to whichever okr editor becomes active; locked panels stay on their file.
 * Also restores panels after a window reload (WebviewPanelSerializer) and
 * highlights the card under the cursor.
 */
import * as vscode from 'vscode';
import type { RoadmapView } from '../../webview/messages';
import { isRoadmapView } from '../../webview/messages';
import { previewConfig } from '../config';
import type { Ctx } from '../ctx';
import type { PanelHost } from './panel';
import { PREVIEW_VIEW_TYPE, RoadmapPanel, basename, isOkr } from './panel';
import { entityAt } from './source';

const SOURCES_KEY = 'okr.preview.sources';
/** Ask for the entity under the cursor this long after the selection last moved. */
const HIGHLIGHT_DEBOUNCE_MS = 30;

export class PreviewManager implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private readonly panels = new Set<RoadmapPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly panelEmitter = new vscode.EventEmitter<RoadmapPanel>();
  /** A panel was created or restored. */
  readonly onDidCreatePanel = this.panelEmitter.event;
  private active?: RoadmapPanel;
  private highlightTimer?: ReturnType<typeof setTimeout>;
  private highlightRequest?: vscode.CancellationTokenSource;

  constructor(
    private readonly ctx: Ctx,
    private readonly exportFrom: (panel: RoadmapPanel, format: string) => Promise<unknown>,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, this),
      vscode.window.onDidChangeActiveTextEditor((e) => this.activeEditorChanged(e)),
      vscode.window.onDidChangeTextEditorSelection((e) => this.selectionChanged(e.textEditor)),
      this.panelEmitter,
    );
  }

  /** The panel showing this document, if any. */
  panelFor(uri: vscode.Uri): RoadmapPanel | undefined {
    const key = uri.toString();
    return [...this.panels].find((p) => p.source.toString() === key);
  }

  /** The preview that has focus, else the last one that had it. */
  get activePanel(): RoadmapPanel | undefined {
    return [...this.panels].find((p) => p.panel.active) ?? (this.active && this.panels.has(this.active) ? this.active : undefined);
  }

  get all(): readonly RoadmapPanel[] {
    return [...this.panels];
  }

  /**
   * Shows the roadmap of `uri`: its own panel, else the following panel moved
   * to it, else a new panel. `inActiveGroup` (Ctrl+Shift+V, as the Markdown
   * preview does it): only a panel already in the active editor group is
   * reused; a preview in another group stays there and a new one opens here.
   */
  open(uri: vscode.Uri, column: vscode.ViewColumn, preserveFocus: boolean, inActiveGroup = false): RoadmapPanel {
    const cfg = previewConfig();
    const group = vscode.window.tabGroups.activeTabGroup.viewColumn;
    const candidates = [...this.panels].filter((p) => !inActiveGroup || p.panel.viewColumn === group);
    const own = candidates.find((p) => p.source.toString() === uri.toString());
    if (own) {
      own.reveal(column === vscode.ViewColumn.Beside ? own.panel.viewColumn : column, preserveFocus);
      return own;
    }
    const following = cfg.followActiveEditor ? candidates.find((p) => !p.locked) : undefined;
    if (following) {
      following.retarget(uri);
      following.reveal(following.panel.viewColumn, preserveFocus);
      return following;
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, `Roadmap: ${basename(uri)}`, { viewColumn: column, preserveFocus }, {
      enableScripts: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.ctx.extensionUri, 'dist')],
    });
    return this.adopt(panel, uri, { view: cfg.defaultView, locked: !cfg.followActiveEditor });
  }

  /** Restores a preview after a window reload, with the state its webview saved. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const s = (typeof state === 'object' && state !== null ? state : {}) as Record<string, unknown>;
    const source = this.restoredSource(panel, s);
    this.ctx.log(`preview: restoring "${panel.title}" → ${source?.toString() ?? 'nothing (closed)'}`);
    if (!source) {
      panel.dispose();
      return;
    }
    const cfg = previewConfig();
    const view: RoadmapView = isRoadmapView(s.view) ? s.view : cfg.defaultView;
    const unit = typeof s.unit === 'string' && s.unit ? s.unit : undefined;
    const locked = typeof s.locked === 'boolean' ? s.locked : / \(locked\)$/.test(panel.title) || !cfg.followActiveEditor;
    // The audience the preview was redacted for (client/webview/audience-picker.ts) comes back with it.
    const audience = typeof s.audience === 'string' && s.audience ? s.audience : undefined;
    this.adopt(panel, source, { view, unit, locked, ...(audience ? { audience } : {}) });
  }

  /**
   * The source of a restored panel: the `sourceUri` its webview saved with its
   * state (client/webview/state.ts), so each panel comes back on its own file.
   * State saved by an older version has none: then the source remembered for a
   * panel with this title, else the active okr editor.
   */
  private restoredSource(panel: vscode.WebviewPanel, s: Record<string, unknown>): vscode.Uri | undefined {
    if (typeof s.sourceUri === 'string' && s.sourceUri) {
      try { return vscode.Uri.parse(s.sourceUri, true); } catch { /* not a URI: fall back */ }
    }
    const remembered = this.ctx.extension.workspaceState.get<string[]>(SOURCES_KEY, []);
    const taken = new Set([...this.panels].map((p) => p.source.toString()));
    const byTitle = remembered.find((u) => !taken.has(u) && panel.title.startsWith(`Roadmap: ${basename(vscode.Uri.parse(u))}`));
    if (byTitle) return vscode.Uri.parse(byTitle);
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => isOkr(e.document));
    return editor && isOkr(editor.document) ? editor.document.uri : undefined;
  }

  private adopt(panel: vscode.WebviewPanel, source: vscode.Uri, opts: { view: RoadmapView; unit?: string; locked: boolean; audience?: string }): RoadmapPanel {
    const host: PanelHost = {
      ctx: this.ctx,
      onDidDispose: (p) => {
        this.panels.delete(p);
        if (this.active === p) this.active = undefined;
        this.remember();
      },
      onDidRetarget: () => this.remember(),
      exportFrom: this.exportFrom,
    };
    const p = new RoadmapPanel(panel, source, opts, host);
    this.panels.add(p);
    this.active = p;
    panel.onDidChangeViewState(() => { if (panel.active) this.active = p; });
    this.remember();
    this.panelEmitter.fire(p);
    return p;
  }

  /** Keeps the open previews' sources, so a reload can restore them even if the webview state lacks one. */
  private remember(): void {
    void this.ctx.extension.workspaceState.update(SOURCES_KEY, [...this.panels].map((p) => p.source.toString()));
  }

  private activeEditorChanged(editor: vscode.TextEditor | undefined): void {
    if (!editor || !isOkr(editor.document)) return;
    const uri = editor.document.uri;
    if (!this.panelFor(uri) && previewConfig().followActiveEditor) {
      [...this.panels].find((p) => !p.locked)?.retarget(uri);
    }
    this.selectionChanged(editor);
  }

  /** Highlights the card of the entity under the cursor (asked of the server once the selection rests). */
  private selectionChanged(editor: vscode.TextEditor): void {
    if (!isOkr(editor.document) || !this.panelFor(editor.document.uri)) return;
    if (this.highlightTimer) clearTimeout(this.highlightTimer);
    this.highlightTimer = setTimeout(() => {
      this.highlightTimer = undefined;
      void this.highlightAt(editor.document.uri, editor.selection.active);
    }, HIGHLIGHT_DEBOUNCE_MS);
  }

  private async highlightAt(uri: vscode.Uri, position: vscode.Position): Promise<void> {
    this.highlightRequest?.cancel();
    const cts = (this.highlightRequest = new vscode.CancellationTokenSource());
    try {
      const ref = await entityAt(this.ctx, uri, position, cts.token);
      if (!cts.token.isCancellationRequested) this.panelFor(uri)?.highlight(ref);
    } catch (e) {
      if (!cts.token.isCancellationRequested) this.ctx.log(`preview: the entity under the cursor: ${(e as Error)?.message ?? e}`);
    } finally {
      cts.dispose();
      if (this.highlightRequest === cts) this.highlightRequest = undefined;
    }
  }

  toggleLock(panel: RoadmapPanel | undefined = this.activePanel): void {
    if (!panel) return;
    panel.locked = !panel.locked;
  }

  dispose(): void {
    if (this.highlightTimer) clearTimeout(this.highlightTimer);
    this.highlightRequest?.cancel();
    for (const p of [...this.panels]) p.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
