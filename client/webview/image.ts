/**
 * Images of what the preview draws, for the SVG / PNG export (the `snapshot`
 * messages of messages.ts).
 *
 * SVG: a self-contained document: an `<svg>` sized to the whole board (its full
 * scroll width and height, not the viewport), with ROADMAP_CSS in a `<style>`,
 * the resolved `--vscode-*` theme variables inlined on the root (opened
 * elsewhere there is no VS Code theme) and a `<foreignObject>` holding a
 * serialized clone of the drawn page without its controls. Media queries are
 * fixed to what matches in the preview, so the image lays out as the preview
 * does whatever opens it. Everything from the model stays text: the clone is
 * serialized with XMLSerializer, which escapes it, after characters XML cannot
 * hold are replaced.
 *
 * PNG: that SVG drawn into a canvas (an Image from a `data:` URL, which the
 * webview CSP allows; Chromium does not taint a canvas for it).
 */
import { ROADMAP_CSS } from './styles';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Toolbar controls and state markers that an image leaves out. */
const CONTROLS = ['.toolbar__right', '.views', '.filters', '.banner', '.filter-note button'];
const TRANSIENT_CLASSES = ['is-highlighted', 'is-pending', 'is-dragging', 'cell--drop', 'lane--dragging'];

/** Canvas limits that hold in every Chromium (per side, and in pixels overall). */
const MAX_SIDE = 16384;
const MAX_PIXELS = 120_000_000;

export interface SvgImage {
  /** The SVG document (with an XML declaration). */
  svg: string;
  /** CSS pixels. */
  width: number;
  height: number;
}

/** The drawn roadmap under `root` as an SVG document. Throws when nothing is drawn. */
export function roadmapSvg(root: HTMLElement): SvgImage {
  const doc = root.ownerDocument;
  const win = doc.defaultView ?? window;
  const app = root.querySelector<HTMLElement>('.app');
  const scroller = app?.querySelector<HTMLElement>('.scroller');
  if (!app || !scroller || app.classList.contains('app--placeholder')) throw new Error('The preview has not drawn a roadmap yet.');

  // The page as it is drawn, without controls, laid out at the board's full width.
  const page = doc.createElement('body');
  page.className = [...doc.body.classList, 'okr-snapshot'].join(' ');
  const mount = doc.createElement('div');
  mount.id = 'okr-root';
  const clone = app.cloneNode(true) as HTMLElement;
  clone.querySelectorAll(CONTROLS.join(',')).forEach((e) => e.remove());
  for (const c of TRANSIENT_CLASSES) clone.querySelectorAll(`.${c}`).forEach((e) => e.classList.remove(c));
  clone.querySelectorAll('[tabindex]').forEach((e) => e.removeAttribute('tabindex'));
  mount.appendChild(clone);
  page.appendChild(mount);

  // Measure it in the live page (same stylesheet, same media), hidden.
  const width = Math.ceil(Math.max(scroller.scrollWidth, scroller.clientWidth, 1));
  const holder = doc.createElement('div');
  holder.setAttribute('aria-hidden', 'true');
  for (const [k, v] of [['position', 'fixed'], ['left', '0'], ['top', '0'], ['width', `${width}px`], ['visibility', 'hidden'], ['pointer-events', 'none'], ['z-index', '-1']]) {
    holder.style.setProperty(k, v);
  }
  holder.appendChild(page);
  doc.body.appendChild(holder);
  let height: number;
  let fullWidth: number;
  try {
    height = Math.ceil(Math.max(page.getBoundingClientRect().height, page.scrollHeight, 1));
    fullWidth = Math.ceil(Math.max(width, page.scrollWidth));
  } finally {
    holder.remove();
  }
  sanitizeForXml(page);

  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('width', String(fullWidth));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${fullWidth} ${height}`);
  for (const [name, value] of themeVariables(doc)) svg.style.setProperty(name, value);
  const title = doc.createElementNS(SVG_NS, 'title');
  title.textContent = xmlSafe(`Roadmap — ${app.querySelector('.toolbar h1')?.textContent ?? app.dataset.unit ?? ''}`);
  const style = doc.createElementNS(SVG_NS, 'style');
  style.textContent = fixMedia(ROADMAP_CSS, win);
  const fo = doc.createElementNS(SVG_NS, 'foreignObject');
  for (const [k, v] of [['x', '0'], ['y', '0'], ['width', String(fullWidth)], ['height', String(height)]]) fo.setAttribute(k, v);
  fo.appendChild(page);
  svg.append(title, style, fo);
  const text = new XMLSerializer().serializeToString(svg);
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`, width: fullWidth, height };
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

/** Every `--vscode-*` variable of the page with its resolved value (VS Code sets them on <html>). */
function themeVariables(doc: Document): [string, string][] {
  const el = doc.documentElement;
  const cs = getComputedStyle(el);
  const names = new Set<string>();
  for (let i = 0; i < cs.length; i++) if (cs[i].startsWith('--vscode-')) names.add(cs[i]);
  for (let i = 0; i < el.style.length; i++) if (el.style[i].startsWith('--vscode-')) names.add(el.style[i]);
  const out: [string, string][] = [];
  for (const n of [...names].sort()) {
    const v = cs.getPropertyValue(n).trim();
    if (v) out.push([n, xmlSafe(v)]);
  }
  return out;
}

/** `@media <query>` → `@media all` / `@media not all` as the query matches in the preview now. */
function fixMedia(css: string, win: Window): string {
  return css.replace(/@media\s+([^{]+)\{/g, (_, q: string) => `@media ${win.matchMedia(q.trim()).matches ? 'all' : 'not all'} {`);
}

// Characters XML 1.0 cannot hold (C0 controls but tab / LF / CR, U+FFFE/FFFF, lone surrogates).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function xmlSafe(s: string): string {
  return s.replace(NOT_XML, '\uFFFD');
}

/** Replaces characters XML cannot hold in every text node and attribute, so the SVG stays well-formed. */
function sanitizeForXml(el: Element): void {
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT | NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  for (let n: Node | null = walker.currentNode; n; n = walker.nextNode()) {
    if (n.nodeType === Node.TEXT_NODE) {
      const t = n.nodeValue ?? '';
      const safe = xmlSafe(t);
      if (safe !== t) n.nodeValue = safe;
    } else if (n.nodeType === Node.COMMENT_NODE) {
      comments.push(n);
    } else {
      for (const a of [...(n as Element).attributes]) {
        const safe = xmlSafe(a.value);
        if (safe !== a.value) a.value = safe;
      }
    }
  }
  comments.forEach((c) => c.parentNode?.removeChild(c));
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
