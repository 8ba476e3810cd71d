/**
 * After a drag in the preview rewrote `horizon:`, the line it wrote is shown
 * in its editor (opened beside the preview if no editor shows the file, the
 * focus left where it was) and highlighted for a moment, so the reader sees
 * what changed in the text.
 */
import * as vscode from 'vscode';
import { sourceColumn } from './reveal';

/** How long the written line stays highlighted. */
export const FLASH_MS = 1500;

export interface Flash {
  uri: string;
  /** First and last line highlighted (0-based). */
  start: number;
  end: number;
  /** False when the highlight appears, true when it ends. */
  cleared: boolean;
}

export async function flashLines(doc: vscode.TextDocument, lines: vscode.Range, previewColumn: vscode.ViewColumn | undefined, report: (f: Flash) => void): Promise<void> {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc)
    ?? await vscode.window.showTextDocument(doc, { viewColumn: sourceColumn(doc.uri, previewColumn), preserveFocus: true });
  const range = new vscode.Range(lines.start.line, 0, lines.end.line, doc.lineAt(Math.min(lines.end.line, doc.lineCount - 1)).text.length);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  const look = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.rangeHighlightForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  });
  editor.setDecorations(look, [range]);
  const flash = { uri: doc.uri.toString(), start: range.start.line, end: range.end.line };
  report({ ...flash, cleared: false });
  setTimeout(() => {
    look.dispose();
    report({ ...flash, cleared: true });
  }, FLASH_MS);
}
