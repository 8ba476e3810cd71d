/**
 * RoadmapModel → a real SVG drawing of the board: the same lanes, columns,
 * outcomes and cards the preview shows, drawn with `rect`, `text` and `line`
 * elements only, so it renders the same in rsvg, Inkscape, browsers and on
 * GitHub (no `foreignObject`, no stylesheet, no script, no external resource).
 * Every string from the cascade is escaped text; long titles are wrapped, and
 * cut with `…` past three lines, the whole title kept in the card's `<title>`
 * tooltip. Pure: used by `okr roadmap --format svg` and by the preview's SVG and
 * PNG export (which passes its theme's colours, filters and collapsed lanes).
 */
import type { Card, Lane, RoadmapModel, RoadmapView, TraceNode } from '../roadmap/model';
import { CARD_W, DARK_THEME, LIGHT_THEME, SIZE, Shapes, drawCard, drawOutcome, laneTitle, layoutCard, layoutOutcome, progress, resolveTheme, type SvgTheme } from './svg-draw';
import { FONT_FAMILY, ellipsize, textWidth, wrap, xmlLine } from './svg-text';
import { oneLine, percent } from './text';

export { DARK_THEME, LIGHT_THEME, type SvgTheme } from './svg-draw';

export interface SvgOptions {
  /** The view drawn: `themes` may be drawn from a board model (quarters, horizons, tech); otherwise the model's. */
  view?: RoadmapView;
  /** Start from the dark colours instead of the light ones. */
  dark?: boolean;
  /** Colours that replace the base theme's (only plain CSS colours are taken). */
  theme?: Partial<Record<keyof SvgTheme, string>>;
  /** Only the cards this accepts are drawn (the preview's filters). */
  include?: (card: Card) => boolean;
  /** Lane ids drawn folded (head only). */
  collapsed?: readonly string[];
  /** A line under the heading, e.g. which filters are on. */
  note?: string;
}

export interface SvgDrawing {
  /** The SVG document, with an XML declaration. */
  svg: string;
  /** Pixels. */
  width: number;
  height: number;
}

const VIEW_TITLES: Record<RoadmapView, string> = { themes: 'Themes', quarters: 'Quarters', horizons: 'Horizons', tech: 'Technology', portfolio: 'Portfolio', trace: 'Trace' };
const BOARDS: readonly RoadmapView[] = ['quarters', 'horizons', 'tech'];

/** The SVG document of the roadmap. */
export function toSvg(model: RoadmapModel, opts: SvgOptions = {}): string {
  return drawSvg(model, opts).svg;
}

export function drawSvg(model: RoadmapModel, opts: SvgOptions = {}): SvgDrawing {
  const theme = resolveTheme(opts.dark ? DARK_THEME : LIGHT_THEME, opts.theme);
  const view = opts.view === 'themes' && BOARDS.includes(model.view) ? 'themes' : model.view;
  const include = opts.include ?? (() => true);
  const collapsed = new Set(opts.collapsed ?? []);
  const body = new Shapes();
  const top = headerHeight(opts.note);
  let bottom: number;
  let width: number;
  if (view === 'trace') {
    ({ bottom, width } = drawTrace(body, model.trace ?? [], top, theme));
    const unlinked = model.unlinked.filter(include);
    if (unlinked.length) width = Math.max(width, 2 * SIZE.pad + 2 * CARD_W + SIZE.gap);
    bottom = drawCardGrid(body, 'Unlinked', unlinked, bottom, width, theme);
  } else {
    width = 2 * SIZE.pad + SIZE.head + model.columns.length * SIZE.col;
    bottom = new Board(body, model, view, theme, include, collapsed, width).draw(top);
  }
  const title = `Roadmap — ${model.title ?? model.unit}`;
  width = Math.ceil(Math.max(width, 480, Math.min(textWidth(title, 20, true), 1600) + 2 * SIZE.pad));
  const height = Math.ceil(bottom + SIZE.pad);
  const head = new Shapes();
  head.rect({ x: 0, y: 0, width, height, fill: theme.background });
  head.text(SIZE.pad, SIZE.pad + 20, ellipsize1(title, width - 2 * SIZE.pad, 20, true), { 'font-size': 20, 'font-weight': 'bold', fill: theme.foreground });
  const sub = [VIEW_TITLES[view], model.asOf && `as of ${model.asOf}`, model.period && `period ${model.period}`].filter(Boolean).join(' · ');
  head.text(SIZE.pad, SIZE.pad + 42, ellipsize1(sub, width - 2 * SIZE.pad, 12), { 'font-size': 12, fill: theme.muted });
  if (opts.note) head.text(SIZE.pad, SIZE.pad + 60, ellipsize1(opts.note, width - 2 * SIZE.pad, 12), { 'font-size': 12, fill: theme.muted });
  const svg = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}" role="img">`,
    `<title>${xmlLine(`${title} (${VIEW_TITLES[view]})`)}</title>`,
    ...head.parts,
    ...body.parts,
    '</svg>',
    '',
  ].join('\n');
  return { svg, width, height };
}

const headerHeight = (note: string | undefined): number => SIZE.pad + 56 + (note ? 18 : 0);

function ellipsize1(s: string, width: number, size: number, bold = false): string {
  const t = oneLine(s);
  return textWidth(t, size, bold) <= width ? t : ellipsize(t, width, size, bold);
}

/** Lanes × columns: the board views, themes (cards counted) and the portfolio (a band per product). */
class Board {
  private readonly x0 = SIZE.pad;
  private readonly gridX = SIZE.pad + SIZE.head;

  constructor(
    private readonly g: Shapes,
    private readonly model: RoadmapModel,
    private readonly view: RoadmapView,
    private readonly theme: SvgTheme,
    private readonly include: (c: Card) => boolean,
    private readonly collapsed: Set<string>,
    private readonly width: number,
  ) {}

  draw(y: number): number {
    const { model } = this;
    y = this.columnHeads(y);
    const lanes = model.lanes;
    if (!lanes.length && !model.unlinked.length && !model.sections?.length) {
      this.g.text(this.x0, y + 28, 'Nothing to draw: this unit has no objectives and no roadmap items.', { 'font-size': 13, fill: this.theme.muted });
      return y + 40;
    }
    for (const lane of lanes) y = this.lane(lane, y);
    y = this.unlinked(model.unlinked, y);
    for (const s of model.sections ?? []) {
      y = this.band(`${s.title} (${s.unit})`, y);
      if (!s.lanes.length) {
        this.g.text(this.x0 + SIZE.cardPad, y + 22, 'No objectives.', { 'font-size': 12, fill: this.theme.muted });
        y += 34;
      }
      for (const lane of s.lanes) y = this.lane(lane, y);
      y = this.unlinked(s.unlinked, y);
    }
    return y;
  }

  private columnHeads(y: number): number {
    const { g, theme } = this;
    const h = 32;
    g.rect({ x: this.x0, y, width: this.width - 2 * SIZE.pad, height: h, fill: theme.lane, stroke: theme.border });
    this.model.columns.forEach((c, i) => {
      const x = this.gridX + i * SIZE.col;
      g.line({ x1: x, y1: y, x2: x, y2: y + h, stroke: theme.border });
      const label = ellipsize1(c.title, SIZE.col - 2 * SIZE.cardPad, 12, true);
      g.text(x + SIZE.cardPad, y + 21, label, { 'font-size': 12, 'font-weight': 'bold', fill: c.current ? theme.accent : theme.foreground });
      if (c.current) g.rect({ x: x + 1, y: y + h - 3, width: SIZE.col - 2, height: 3, fill: theme.accent });
    });
    return y + h;
  }

  /** A full-width band naming a portfolio section. */
  private band(title: string, y: number): number {
    const { g, theme } = this;
    g.rect({ x: this.x0, y: y + 8, width: this.width - 2 * SIZE.pad, height: 30, fill: theme.background });
    g.text(this.x0, y + 30, ellipsize1(title, this.width - 2 * SIZE.pad, 16, true), { 'font-size': 16, 'font-weight': 'bold', fill: theme.foreground });
    return y + 42;
  }

  private lane(lane: Lane, y: number): number {
    const cards = lane.cards.filter(this.include);
    const head = laneTitle(lane.title);
    const outcomes = lane.outcomes.map(layoutOutcome);
    const sub = lane.owner ? `owner: ${lane.owner}` : undefined;
    const folded = this.collapsed.has(lane.id);
    return this.row(y, `${lane.title} — ${lane.id}`, head, sub, folded ? [] : outcomes, cards, folded);
  }

  private unlinked(cards: Card[], y: number): number {
    const shown = cards.filter(this.include);
    if (!shown.length) return y;
    return this.row(y, 'Unlinked: items whose supports reach no objective of this unit', { lines: ['Unlinked'], cut: false }, 'supports no objective of this unit', [], shown, false);
  }

  private row(y: number, tooltip: string, head: { lines: string[]; cut: boolean }, sub: string | undefined, outcomes: ReturnType<typeof layoutOutcome>[], cards: Card[], folded: boolean): number {
    const { g, theme, model } = this;
    const pad = SIZE.cardPad;
    let headH = pad + head.lines.length * SIZE.laneLine + (sub ? SIZE.metaLine : 0) + 6;
    for (const o of outcomes) headH += o.height;
    headH += pad;
    const columns = model.columns.map((c, i) => ({ c, i, cards: cards.filter((k) => k.column === c.id || (i === model.columns.length - 1 && !model.columns.some((x) => x.id === k.column))) }));
    const themes = this.view === 'themes';
    const stacks = columns.map((col) => (themes || folded ? [] : col.cards.map(layoutCard)));
    const cellH = folded ? 0 : themes ? 64 : Math.max(0, ...stacks.map((s) => s.reduce<number>((n, l) => n + l.height + SIZE.gap, SIZE.gap)));
    const h = Math.max(folded ? 44 : 64, headH, cellH);
    const fullW = this.width - 2 * SIZE.pad;

    g.open(undefined, { class: 'lane' });
    g.rect({ x: this.x0, y, width: fullW, height: h, fill: theme.background, stroke: theme.border });
    g.open(tooltip);
    g.rect({ x: this.x0, y, width: SIZE.head, height: h, fill: theme.lane, stroke: theme.border });
    let ty = y + pad + SIZE.laneTitle;
    for (const line of head.lines) {
      g.text(this.x0 + pad, ty, line, { 'font-size': SIZE.laneTitle, 'font-weight': 'bold', fill: theme.foreground });
      ty += SIZE.laneLine;
    }
    if (sub) g.text(this.x0 + pad, ty - SIZE.laneLine + SIZE.metaLine + 2, ellipsize1(sub, SIZE.head - 2 * pad, SIZE.meta), { 'font-size': SIZE.meta, fill: theme.muted });
    g.close();
    let oy = ty - SIZE.laneLine + (sub ? SIZE.metaLine : 0) + 12;
    for (const o of outcomes) {
      drawOutcome(g, o, this.x0 + pad, oy, theme);
      oy += o.height;
    }
    if (folded) g.text(this.gridX + pad, y + 26, `${cards.length} card${cards.length === 1 ? '' : 's'} folded`, { 'font-size': 12, fill: theme.muted });
    columns.forEach(({ c, i, cards: inCol }) => {
      const x = this.gridX + i * SIZE.col;
      if (c.current) g.rect({ x, y, width: SIZE.col, height: h, fill: theme.accent, 'fill-opacity': 0.06 });
      g.line({ x1: x, y1: y, x2: x, y2: y + h, stroke: theme.border });
      if (folded) return;
      if (themes) {
        const n = String(inCol.length);
        g.text(x + SIZE.col / 2, y + 32, n, { 'font-size': 20, 'font-weight': 'bold', 'text-anchor': 'middle', fill: inCol.length ? theme.foreground : theme.muted });
        g.text(x + SIZE.col / 2, y + 50, inCol.length === 1 ? 'card' : 'cards', { 'font-size': SIZE.meta, 'text-anchor': 'middle', fill: theme.muted });
        return;
      }
      let cy = y + SIZE.gap;
      for (const l of stacks[i]) {
        drawCard(g, l, x + SIZE.gap, cy, theme);
        cy += l.height + SIZE.gap;
      }
    });
    g.close();
    return y + h;
  }
}

const NODE_W = 320;
const INDENT = 32;

/** The trace view: the tree company KR → product KR → team KR → items, as an indented outline with connectors (unfiltered, as the preview draws it). */
function drawTrace(g: Shapes, roots: TraceNode[], top: number, theme: SvgTheme): { bottom: number; width: number } {
  let y = top;
  let maxDepth = 0;
  const node = (n: TraceNode, depth: number, parentAnchor?: { x: number; y: number }): void => {
    maxDepth = Math.max(maxDepth, depth);
    const x = SIZE.pad + depth * INDENT;
    const t = wrap(n.title, NODE_W - 2 * SIZE.cardPad - 4, SIZE.title, 2, n.kind === 'kr');
    const meta = [n.kind === 'kr' ? `KR ${n.ref}` : n.ref, n.progress !== undefined ? percent(n.progress) : undefined, n.status, n.gap ? 'gap: nothing supports it' : undefined].filter(Boolean).join(' · ');
    const h = 2 * SIZE.cardPad + t.lines.length * SIZE.titleLine + SIZE.metaLine + (n.progress !== undefined ? 8 : 0);
    if (parentAnchor) {
      g.line({ x1: parentAnchor.x, y1: parentAnchor.y, x2: parentAnchor.x, y2: y + h / 2, stroke: theme.border });
      g.line({ x1: parentAnchor.x, y1: y + h / 2, x2: x, y2: y + h / 2, stroke: theme.border });
    }
    g.open(`${n.title} — ${n.ref}`, { class: `node node--${n.kind}`, opacity: n.status === 'dropped' ? 0.6 : undefined });
    g.rect({ x, y, width: NODE_W, height: h, rx: 6, fill: theme.card, stroke: n.gap ? theme.gap : theme.border, 'stroke-width': n.gap ? 2 : 1, 'stroke-dasharray': n.gap || n.status === 'dropped' ? '4 3' : undefined });
    g.rect({ x, y, width: 4, height: h, rx: 2, fill: n.kind === 'kr' ? theme.accent : theme.border });
    let ty = y + SIZE.cardPad + SIZE.title;
    for (const line of t.lines) {
      g.text(x + SIZE.cardPad + 2, ty, line, { 'font-size': SIZE.title, 'font-weight': n.kind === 'kr' ? 'bold' : undefined, fill: theme.foreground });
      ty += SIZE.titleLine;
    }
    g.text(x + SIZE.cardPad + 2, ty - SIZE.titleLine + SIZE.metaLine + 2, ellipsize1(meta, NODE_W - 2 * SIZE.cardPad - 4, SIZE.meta), { 'font-size': SIZE.meta, fill: n.gap ? theme.gap : theme.muted });
    if (n.progress !== undefined) progress(g, x + SIZE.cardPad + 2, y + h - SIZE.cardPad - 2, NODE_W - 2 * SIZE.cardPad - 4, n.progress, theme);
    g.close();
    const anchor = { x: x + 14, y: y + h };
    y += h + SIZE.gap;
    for (const c of n.children) node(c, depth + 1, anchor);
  };
  if (!roots.length) {
    g.text(SIZE.pad, y + 28, 'No key results to trace.', { 'font-size': 13, fill: theme.muted });
    y += 40;
  }
  for (const r of roots) node(r, 0);
  return { bottom: y, width: 2 * SIZE.pad + maxDepth * INDENT + NODE_W };
}

/** Cards under a heading, in rows as wide as the drawing (the trace view's unlinked items). */
function drawCardGrid(g: Shapes, heading: string, cards: Card[], y: number, width: number, theme: SvgTheme): number {
  if (!cards.length) return y;
  g.text(SIZE.pad, y + 28, heading, { 'font-size': SIZE.laneTitle, 'font-weight': 'bold', fill: theme.foreground });
  y += 40;
  const perRow = Math.max(2, Math.floor((width - 2 * SIZE.pad + SIZE.gap) / (CARD_W + SIZE.gap)));
  const layouts = cards.map(layoutCard);
  for (let i = 0; i < layouts.length; i += perRow) {
    const row = layouts.slice(i, i + perRow);
    row.forEach((l, j) => drawCard(g, l, SIZE.pad + j * (CARD_W + SIZE.gap), y, theme));
    y += Math.max(...row.map((l) => l.height)) + SIZE.gap;
  }
  return y;
}
