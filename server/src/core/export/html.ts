/**
 * RoadmapModel → a standalone HTML page that looks exactly like the preview:
 * the same renderer bundle (dist/webview.js) and stylesheet (ROADMAP_CSS),
 * with the model embedded as JSON. Pure: the caller reads the bundle and
 * passes it in, with the CSS (core cannot import the client).
 *
 * Page shape: a strict CSP (`default-src 'none'`; style and script only by
 * nonce; images only data:), the CSS in `<style nonce>`, `<div id="okr-root">`,
 * the model in `<script type="application/json" id="okr-model">`, then the
 * bundle in `<script nonce>`; a large portfolio's model is elided, and each
 * section's cards follow the bundle in `okr-cards-<i>` blocks, so the board is
 * drawn and painted while the browser still reads them (the page waits for
 * them only when a section is opened before they are read).
 */
import { elidePortfolio } from '../roadmap/elide';
import type { RoadmapModel } from '../roadmap/model';

export interface HtmlPageOptions {
  /** The renderer bundle (the text of dist/webview.js). */
  script: string;
  /** The stylesheet (ROADMAP_CSS of server/src/render/styles.ts). */
  css: string;
  /** `<title>`; defaults to "<unit title> — roadmap". */
  title?: string;
  /** CSP nonce (base64 / base64url characters). Defaults to one derived from the page content. */
  nonce?: string;
}

export function renderHtmlPage(model: RoadmapModel, opts: HtmlPageOptions): string {
  // A large portfolio: the model with its sections elided, each section's cards in a block of its own,
  // parsed by the page only when the reader opens that section (core/roadmap/elide.ts).
  const elided = elidePortfolio(model);
  const json = jsonForScript(elided);
  const blocks = elided === model ? [] : (model.sections ?? []).map((s, i) =>
    `<script type="application/json" id="okr-cards-${i}">${jsonForScript({ unit: s.unit, lanes: s.lanes, unlinked: s.unlinked })}</script>`);
  const nonce = opts.nonce ?? contentNonce(`${opts.script}\n${opts.css}\n${json}`);
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(nonce)) throw new Error(`invalid CSP nonce: ${JSON.stringify(nonce)}`);
  const title = opts.title ?? `${model.title ?? model.unit} — roadmap`;
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:; base-uri 'none'; form-action 'none'`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="OKR Cascade">',
    `<title>${escapeHtml(title)}</title>`,
    `<style nonce="${nonce}">${rawText(opts.css, 'style')}</style>`,
    '</head>',
    '<body>',
    '<div id="okr-root"></div>',
    `<script type="application/json" id="okr-model">${json}</script>`,
    `<script nonce="${nonce}">${rawText(opts.script, 'script')}</script>`,
    ...blocks,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * JSON that is safe inside `<script type="application/json">`: `<`, `>` and `&`
 * become \\u escapes (so `</script>` or `<!--` in a title cannot end or change
 * the element), as do U+2028/U+2029. JSON.parse gives back the same strings.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Text for a raw-text element: no `</script` / `</style` (or `<!--`) can end it early. */
function rawText(text: string, tag: 'script' | 'style'): string {
  // A source map URL means nothing inside a standalone page.
  if (tag === 'script') text = text.replace(/^\/\/# sourceMappingURL=.*$/gm, '');
  const close = new RegExp(`</(${tag})`, 'gi');
  const out = text.replace(close, '<\\/$1');
  return tag === 'script' ? out.replace(/<!--/g, '<\\!--') : out;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * A nonce derived from the content (FNV-1a style, 2 × 32 bits, hex). A static
 * file cannot keep a secret anyway; what the nonce does here is admit exactly
 * the page's own two elements, and a derived one keeps the output reproducible.
 */
export function contentNonce(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c ^ (a >>> 7), 0x5bd1e995) >>> 0;
  }
  return `okr${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`;
}
