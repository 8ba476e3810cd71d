/**
 * The preview's webview page as the panel sets it up (scripts from dist/ only,
 * a fresh CSP nonce, the icons), and the banner text of a source that does not
 * parse (its `yaml-syntax` finding).
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { webviewHtml } from '../../webview/shell';
import { basename, diagnosticCode } from './util';

/** Gives `panel` the roadmap page: the renderer bundle of `extensionUri`/dist, under a strict CSP with a fresh nonce. */
export function setUpWebview(panel: vscode.WebviewPanel, extensionUri: vscode.Uri): void {
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  panel.webview.options = { enableScripts: true, localResourceRoots: [dist] };
  panel.iconPath = {
    light: vscode.Uri.joinPath(extensionUri, 'icons', 'preview-light.svg'),
    dark: vscode.Uri.joinPath(extensionUri, 'icons', 'preview-dark.svg'),
  };
  panel.webview.html = webviewHtml({
    cspSource: panel.webview.cspSource,
    scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
    nonce: randomBytes(18).toString('base64'),
    title: 'Roadmap',
  });
}

/** The `yaml-syntax` finding of `uri`, as a banner text; undefined when it parses. */
export function syntaxBanner(uri: vscode.Uri): string | undefined {
  const d = vscode.languages.getDiagnostics(uri).find((x) => diagnosticCode(x) === 'yaml-syntax');
  if (!d) return undefined;
  // The banner itself says that the last good roadmap is shown: this says only where and what.
  return `${basename(uri)} line ${d.range.start.line + 1}: ${d.message.replace(/\s+/g, ' ')}`;
}
