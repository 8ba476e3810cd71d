/**
 * The HTML of the VS Code preview webview, for the extension side
 * (client/src/preview) to use: strict CSP, ROADMAP_CSS in a nonce'd `<style>`,
 * the `#okr-root` mount point and the bundle loaded by nonce. The model is NOT
 * in the page: it arrives by `postMessage` after the webview posts `ready`.
 * Runs in the extension host (not part of dist/webview.js).
 */
import { ROADMAP_CSS } from '../../server/src/render/styles';

export interface WebviewShellOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** `webview.asWebviewUri(<extension>/dist/webview.js).toString()`. */
  scriptUri: string;
  /** A fresh random nonce per load (e.g. `crypto.randomBytes(16).toString('base64')`). */
  nonce: string;
  /** Defaults to ROADMAP_CSS. */
  css?: string;
  title?: string;
}

export function webviewHtml(o: WebviewShellOptions): string {
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(o.nonce)) throw new Error('invalid CSP nonce');
  const csp = [
    "default-src 'none'",
    `style-src ${o.cspSource} 'nonce-${o.nonce}'`,
    `script-src 'nonce-${o.nonce}'`,
    `img-src ${o.cspSource} data:`,
    `font-src ${o.cspSource}`,
  ].join('; ');
  const css = (o.css ?? ROADMAP_CSS).replace(/<\/(style)/gi, '<\\/$1');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${attr(o.title ?? 'Roadmap')}</title>
<style nonce="${o.nonce}">${css}</style>
</head>
<body>
<div id="okr-root"></div>
<script nonce="${o.nonce}" src="${attr(o.scriptUri)}"></script>
</body>
</html>
`;
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
