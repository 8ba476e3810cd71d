/** Opening an entity's source from the preview: the right file, its id key selected. */
import * as vscode from 'vscode';
import type { SourceLocation } from '../../../server/src/protocol';

/** A model location's file: a URI from the language server, or a workspace-relative path. */
export function locationUri(file: string): vscode.Uri {
  if (/^[a-zA-Z][\w+.-]+:/.test(file)) return vscode.Uri.parse(file, true);
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? vscode.Uri.joinPath(folder.uri, file) : vscode.Uri.file(file);
}

/** The range of the id key at the location: the id (quoted or plain) that starts there, else the word there. */
export function keyRange(doc: vscode.TextDocument, loc: SourceLocation, id: string): vscode.Range {
  const line = Math.min(Math.max(loc.line, 0), doc.lineCount - 1);
  const text = doc.lineAt(line).text;
  const first = doc.lineAt(line).firstNonWhitespaceCharacterIndex;
  let start = Math.min(loc.character ?? first, text.length);
  if (!text.startsWith(id, start) && !/^["']/.test(text.slice(start))) {
    const at = text.indexOf(id);
    if (at >= 0) start = at;
  }
  const q = text[start];
  if (q === '"' || q === "'") {
    const close = text.indexOf(q, start + 1);
    if (close > start) return new vscode.Range(line, start, line, close + 1);
  }
  const word = doc.getWordRangeAtPosition(new vscode.Position(line, start), /[A-Za-z0-9][A-Za-z0-9_.-]*/);
  return word ?? new vscode.Range(line, start, line, start);
}

/**
 * The column to show the source in: one beside the preview that already shows
 * this document, else one that shows another text editor, else beside the preview.
 */
export function sourceColumn(uri: vscode.Uri, previewColumn: vscode.ViewColumn | undefined): vscode.ViewColumn {
  const editors = vscode.window.visibleTextEditors.filter((e) => e.viewColumn !== undefined && e.viewColumn !== previewColumn);
  const same = editors.find((e) => e.document.uri.toString() === uri.toString());
  if (same?.viewColumn) return same.viewColumn;
  const other = editors.find((e) => e.document.uri.scheme === 'file' || e.document.uri.scheme === 'untitled');
  if (other?.viewColumn) return other.viewColumn;
  if (previewColumn && previewColumn > vscode.ViewColumn.One) return previewColumn - 1;
  return vscode.ViewColumn.Beside;
}

export async function revealInSource(loc: SourceLocation, ref: string, previewColumn: vscode.ViewColumn | undefined): Promise<vscode.TextEditor> {
  const uri = locationUri(loc.file);
  const doc = await vscode.workspace.openTextDocument(uri);
  const id = ref.slice(ref.lastIndexOf('/') + 1);
  const range = keyRange(doc, loc, id);
  const editor = await vscode.window.showTextDocument(doc, {
    viewColumn: sourceColumn(uri, previewColumn),
    preserveFocus: false,
    selection: new vscode.Selection(range.start, range.end),
  });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
