/**
 * The pieces of the SVG drawing: the theme, an element writer that escapes
 * everything it is given, and cards / outcomes measured and drawn with plain
 * `rect`, `text` and `line` elements (no `foreignObject`, no CSS, no script),
 * which rsvg, Inkscape, browsers and GitHub all draw the same.
 */
import type { Card, Outcome } from '../roadmap/model';
import { oneLine, percent } from './text';
import { ellipsize, textWidth, wrap, xmlAttr, xmlLine, xmlText } from './svg-text';

/** The colours of the drawing (any CSS colour that SVG presentation attributes accept). */
export interface SvgTheme {
  background: string;
  foreground: string;
  muted: string;
  border: string;
  /** Card fill. */
  card: string;
  /** Lane head and column head fill. */
  lane: string;
  accent: string;
  high: string;
  medium: string;
  low: string;
  gap: string;
}

export const LIGHT_THEME: SvgTheme = {
  background: '#ffffff', foreground: '#1f2328', muted: '#59636e', border: '#d1d9e0', card: '#ffffff', lane: '#f6f8fa',
  accent: '#0969da', high: '#1a7f37', medium: '#9a6700', low: '#cf222e', gap: '#cf222e',
};

export const DARK_THEME: SvgTheme = {
  background: '#1f1f1f', foreground: '#e6edf3', muted: '#9198a1', border: '#3d444d', card: '#262626', lane: '#2a2a2a',
  accent: '#4493f8', high: '#3fb950', medium: '#d29922', low: '#f85149', gap: '#f85149',
};

// A colour as CSS writes it, and nothing that could leave the attribute or load anything.
const COLOUR = /^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla)\([0-9.,%\s/+-]+\)|[a-zA-Z]{3,20})$/;

/** The theme with each given colour kept only when it is a plain CSS colour. */
export function resolveTheme(base: SvgTheme, given: Partial<Record<keyof SvgTheme, string>> = {}): SvgTheme {
  const out = { ...base };
  for (const k of Object.keys(base) as (keyof SvgTheme)[]) {
    const v = given[k]?.trim();
    if (v && COLOUR.test(v) && !/^(url|expression|var)$/i.test(v)) out[k] = v;
  }
  return out;
}

export const SIZE = {
  pad: 24,
  head: 272,
  col: 232,
  gap: 8,
  cardPad: 10,
  title: 13,
  titleLine: 17,
  meta: 11,
  metaLine: 15,
  laneTitle: 14,
  laneLine: 18,
} as const;

export const CARD_W = SIZE.col - 2 * SIZE.gap;
const TEXT_W = CARD_W - 2 * SIZE.cardPad - 4;

type Attrs = Record<string, string | number | undefined>;

/** Collects SVG elements; every attribute and text is escaped here. */
export class Shapes {
  readonly parts: string[] = [];

  private attrs(a: Attrs): string {
    return Object.entries(a).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${typeof v === 'number' ? round(v) : xmlAttr(v!)}"`).join('');
  }

  rect(a: Attrs): void {
    this.parts.push(`<rect${this.attrs(a)}/>`);
  }

  line(a: Attrs): void {
    this.parts.push(`<line${this.attrs(a)}/>`);
  }

  /** One line of text (already wrapped or cut to its width). */
  text(x: number, y: number, s: string, a: Attrs = {}): void {
    this.parts.push(`<text${this.attrs({ x, y, ...a })}>${xmlText(oneLine(s))}</text>`);
  }

  /** A group with a tooltip (`<title>`): what a viewer shows on hover, and what a screen reader reads. */
  open(tooltip?: string, a: Attrs = {}): void {
    this.parts.push(`<g${this.attrs(a)}>${tooltip ? `<title>${xmlLine(tooltip)}</title>` : ''}`);
  }

  close(): void {
    this.parts.push('</g>');
  }
}

const round = (n: number): string => String(Math.round(n * 100) / 100);

/** A card laid out: its wrapped title and meta lines, and its height. */
export interface CardLayout {
  card: Card;
  title: string[];
  cut: boolean;
  meta: string[];
  height: number;
}

export function layoutCard(c: Card): CardLayout {
  const t = wrap(c.title, TEXT_W, SIZE.title, 3);
  const meta: string[] = [];
  const first = c.kind === 'kr'
    ? ['KR', c.progress !== undefined ? percent(c.progress) : undefined, c.status].filter(Boolean).join(' · ')
    : [c.status, c.confidence && `${c.confidence} confidence`, c.type && c.type !== 'feature' ? c.type : undefined, c.due && `due ${c.due}`].filter(Boolean).join(' · ');
  if (first) meta.push(ellipsize1(oneLine(first)));
  const serves = c.unresolved?.length ? `supports ${c.unresolved.join(', ')}: no such KR` : c.supportsTitles?.length ? `→ ${c.supportsTitles.join(', ')}` : undefined;
  if (serves) meta.push(ellipsize1(oneLine(serves)));
  const bar = c.kind === 'kr' && c.progress !== undefined ? 10 : 0;
  const height = 2 * SIZE.cardPad + t.lines.length * SIZE.titleLine + meta.length * SIZE.metaLine + bar + (meta.length ? 2 : 0);
  return { card: c, title: t.lines, cut: t.truncated, meta, height };
}

const ellipsize1 = (s: string): string => (textWidth(s, SIZE.meta) <= TEXT_W ? s : ellipsize(s, TEXT_W, SIZE.meta));

export function drawCard(g: Shapes, l: CardLayout, x: number, y: number, theme: SvgTheme): void {
  const c = l.card;
  const dropped = c.status === 'dropped';
  g.open(`${c.title} — ${c.ref}`, { class: `card card--${c.kind}`, opacity: dropped ? 0.6 : undefined });
  g.rect({ x, y, width: CARD_W, height: l.height, rx: 6, fill: theme.card, stroke: theme.border, 'stroke-dasharray': dropped ? '4 3' : undefined });
  const stripe = c.kind === 'kr' ? theme.accent : c.confidence ? theme[c.confidence] : theme.border;
  g.rect({ x, y, width: 4, height: l.height, rx: 2, fill: stripe });
  let ty = y + SIZE.cardPad + SIZE.title;
  for (const line of l.title) {
    g.text(x + SIZE.cardPad + 2, ty, line, { 'font-size': SIZE.title, fill: theme.foreground, 'text-decoration': dropped ? 'line-through' : undefined });
    ty += SIZE.titleLine;
  }
  ty += 2 - SIZE.titleLine + SIZE.metaLine;
  for (const line of l.meta) {
    g.text(x + SIZE.cardPad + 2, ty, line, { 'font-size': SIZE.meta, fill: theme.muted });
    ty += SIZE.metaLine;
  }
  if (c.kind === 'kr' && c.progress !== undefined) progress(g, x + SIZE.cardPad + 2, ty - SIZE.metaLine + 8, TEXT_W, c.progress, theme);
  g.close();
}

export function progress(g: Shapes, x: number, y: number, w: number, p: number, theme: SvgTheme): void {
  g.rect({ x, y, width: w, height: 4, rx: 2, fill: theme.border });
  g.rect({ x, y, width: Math.max(0, Math.min(1, p)) * w, height: 4, rx: 2, fill: theme.accent });
}

/** An outcome (a KR heading a lane) laid out for the lane head column. */
export interface OutcomeLayout {
  outcome: Outcome;
  title: string[];
  numbers: string;
  height: number;
}

const HEAD_TEXT_W = SIZE.head - 2 * SIZE.cardPad;

export function layoutOutcome(o: Outcome): OutcomeLayout {
  const t = wrap(o.title, HEAD_TEXT_W, 12, 2);
  const v = (n: number | undefined) => (n === undefined ? '?' : String(n));
  const numbers = ellipsize1Head(oneLine(`${v(o.baseline)} → ${v(o.current)} → ${v(o.target)}${o.unit ? ` ${o.unit}` : ''}${o.progress !== undefined ? ` · ${percent(o.progress)}` : ''}${o.supportedBy ? '' : ' · nothing supports it'}`));
  return { outcome: o, title: t.lines, numbers, height: t.lines.length * 16 + SIZE.metaLine + (o.progress !== undefined ? 8 : 0) + 8 };
}

const ellipsize1Head = (s: string): string => (textWidth(s, SIZE.meta) <= HEAD_TEXT_W ? s : ellipsize(s, HEAD_TEXT_W, SIZE.meta));

export function drawOutcome(g: Shapes, l: OutcomeLayout, x: number, y: number, theme: SvgTheme): void {
  const o = l.outcome;
  g.open(`${o.title} — ${o.ref}`, { class: 'outcome' });
  let ty = y + 12;
  for (const line of l.title) {
    g.text(x, ty, line, { 'font-size': 12, fill: theme.foreground });
    ty += 16;
  }
  g.text(x, ty - 16 + SIZE.metaLine, l.numbers, { 'font-size': SIZE.meta, fill: o.supportedBy ? theme.muted : theme.gap });
  if (o.progress !== undefined) progress(g, x, ty - 16 + SIZE.metaLine + 5, HEAD_TEXT_W, o.progress, theme);
  g.close();
}

/** The lane head text: a title on up to 3 lines. */
export function laneTitle(s: string): { lines: string[]; cut: boolean } {
  const w = wrap(s, HEAD_TEXT_W, SIZE.laneTitle, 3, true);
  return { lines: w.lines, cut: w.truncated };
}
