/**
 * Images of the roadmap for the SVG / PNG export (the `snapshot` messages of
 * messages.ts).
 *
 * SVG: the same drawing `okr roadmap --format svg` writes (core/export/svg.ts:
 * rect, text and line elements, no foreignObject), of what the preview shows:
 * its view (themes may be drawn from a board model), its filters, its folded
 * lanes, and the colours of the current VS Code theme, read from the resolved
 * `--okr-*` tokens of ROADMAP_CSS. It opens the same in rsvg, Inkscape, a
 * browser or on GitHub.
 *
 * PNG: that SVG rasterised in the webview: an Image from a `data:` URL (which
 * the webview CSP allows; Chromium does not taint a canvas for it) drawn into a
 * canvas at 2×, within canvas limits.
 */
import { drawSvg, type SvgDrawing, type SvgTheme } from '../../server/src/core/export/svg';
import type { RoadmapModel } from '../../server/src/core/roadmap/model';
import { matches } from './filters';
import type { ViewState } from './state';
import { anyFilter, FILTER_KEYS } from './state';
import { effectiveView } from './views';

/** Canvas limits that hold in every Chromium (per side, and in pixels overall). */
const MAX_SIDE = 16384;
const MAX_PIXELS = 120_000_000;

export type SvgImage = SvgDrawing;

/** The theme tokens of ROADMAP_CSS each colour of the drawing is read from. */
const TOKENS: Record<keyof SvgTheme, string> = {
  background: '--okr-bg',
  foreground: '--okr-fg',
  muted: '--okr-muted',
  border: '--okr-card-border',
  card: '--okr-card',
  lane: '--okr-surface',
  accent: '--okr-accent',
  high: '--okr-green',
  medium: '--okr-yellow',
  low: '--okr-red',
  gap: '--okr-red',
};

/** The roadmap as the preview shows it (view, filters, folded lanes, theme), as an SVG drawing. */
export function roadmapSvg(doc: Document, model: RoadmapModel, state: ViewState): SvgImage {
  const filters = state.filters;
  const note = anyFilter(filters)
    ? `Filtered: ${FILTER_KEYS.filter((k) => filters[k]).map((k) => `${k} ${filters[k]}`).join(', ')}`
    : undefined;
  return drawSvg(model, {
    view: effectiveView(model, state.view),
    dark: doc.body.classList.contains('vscode-dark') || doc.body.classList.contains('vscode-high-contrast'),
    theme: themeColours(doc),
    include: (c) => matches(c, filters),
    collapsed: state.collapsed,
    note,
  });
}

/** The resolved colour of each token (the page's stylesheet substitutes the `--vscode-*` variables). */
function themeColours(doc: Document): Partial<Record<keyof SvgTheme, string>> {
  const cs = getComputedStyle(doc.body);
  const out: Partial<Record<keyof SvgTheme, string>> = {};
  for (const [k, token] of Object.entries(TOKENS) as [keyof SvgTheme, string][]) {
    const v = cs.getPropertyValue(token).trim();
    if (v) out[k] = v;
  }
  return out;
}

/** The SVG drawn into a canvas, as a `data:image/png;base64,…` URL (2× for sharp text, within canvas limits). */
export async function svgToPng(image: SvgImage, scale = 2): Promise<string> {
  const { width, height } = image;
  const s = Math.max(0.1, Math.min(scale, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_PIXELS / (width * height))));
  const img = new Image();
  img.decoding = 'sync';
  img.src = `data:image/svg+xml;base64,${base64(new TextEncoder().encode(image.svg))}`;
  try {
    await img.decode();
  } catch {
    throw new Error('The roadmap image could not be decoded for PNG export.');
  }
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * s));
  canvas.height = Math.max(1, Math.round(height * s));
  const g = canvas.getContext('2d');
  if (!g) throw new Error('No 2D canvas is available for PNG export.');
  g.setTransform(s, 0, 0, s, 0, 0);
  g.drawImage(img, 0, 0, width, height);
  // Throws a SecurityError if the canvas were tainted; Chromium does not taint data: SVG images.
  const url = canvas.toDataURL('image/png');
  if (!url.startsWith('data:image/png;base64,')) throw new Error('The canvas could not encode a PNG image.');
  return url;
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
