/**
 * Shows an edit the user did not type (a drag on the preview): the changed
 * lines are scrolled into view in every editor that shows the file (the file
 * is opened beside the preview, without taking focus, when none does) and
 * highlighted for a moment, as "Go to Line" highlights its line. One instance,
 * owned by the extension's context.
 */
import * as vscode from 'vscode';

/** How long the changed lines stay highlighted. */
export const FLASH_MS = 1500;

export interface FlashState {
  uri: string;
  /** Zero-based lines highlighted now. */
  lines: number[];
}

/** A text edit as the language server answered it, on the text before any edit is applied. */
export interface PlannedEdit {
  range: vscode.Range;
  newText: string;
}

/**
 * Where each edit's new text lies once all are applied: offsets on the text
 * before (`offsetAt` on the old document), shifted by the edits before it.
 */
export function spansAfter(doc: vscode.TextDocument, edits: readonly PlannedEdit[]): [number, number][] {
  const old = edits
    .map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), len: e.newText.length }))
    .sort((a, b) => a.start - b.start);
  let shift = 0;
  return old.map((e) => {
    const start = e.start + shift;
    shift += e.len - (e.end - e.start);
    return [start, start + e.len];
  });
}

export class EditFlash implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    // High contrast themes draw a border instead of a background.
    borderColor: new vscode.ThemeColor('editor.rangeHighlightBorder'),
    borderStyle: 'solid',
    borderWidth: '1px',
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.rangeHighlightForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  });
  private readonly changed = new vscode.EventEmitter<FlashState | undefined>();
  /** Fires when lines are highlighted and when the highlight goes. */
  readonly onDidChange = this.changed.event;
  private timer?: ReturnType<typeof setTimeout>;
  private shown?: { state: FlashState; editors: vscode.TextEditor[] };

  get state(): FlashState | undefined {
    return this.shown?.state;
  }

  /**
   * Reveals and highlights `spans` (offsets in `doc` as it is now). `column`:
   * where to open the file when no editor shows it.
   */
  async show(doc: vscode.TextDocument, spans: readonly [number, number][], column: vscode.ViewColumn): Promise<void> {
    if (!spans.length) return;
    const ranges = spans.map(([s, e]) => new vscode.Range(doc.positionAt(s), doc.positionAt(Math.max(s, e - 1))));
    let editors = vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === doc.uri.toString());
    if (!editors.length) editors = [await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: true, preview: true })];
    this.clear();
    for (const e of editors) {
      e.revealRange(ranges[0], vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      e.setDecorations(this.decoration, ranges);
    }
    const lines = [...new Set(ranges.flatMap((r) => Array.from({ length: r.end.line - r.start.line + 1 }, (_, i) => r.start.line + i)))];
    this.shown = { state: { uri: doc.uri.toString(), lines }, editors };
    this.timer = setTimeout(() => this.clear(), FLASH_MS);
    this.changed.fire(this.shown.state);
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const shown = this.shown;
    if (!shown) return;
    this.shown = undefined;
    for (const e of shown.editors) e.setDecorations(this.decoration, []);
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.clear();
    this.decoration.dispose();
    this.changed.dispose();
  }
}
