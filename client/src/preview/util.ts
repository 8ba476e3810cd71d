/** Small helpers the preview's files share. */
import type * as vscode from 'vscode';

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
