/**
 * The exports of an audience: which roadmaps it gets (every unit with an
 * objective it may see, every view it allows, every format it lists), their
 * names (`<audience>/<unit>-<view>.<ext>`), and each one rendered from the
 * redacted model by the same exporters as any roadmap.
 */
import type { Audience, PaceThresholds } from '../config';
import type { AudienceFormat } from '../config-schema';
import { toCsv } from '../export/csv';
import { renderHtmlPage } from '../export/html';
import { toMarkdown } from '../export/markdown';
import { toMermaid } from '../export/mermaid';
import { toSvg } from '../export/svg';
import type { CascadeIndex } from '../link';
import { dayQuarter, type Day } from '../period';
import { compareRefs } from '../roadmap/cards';
import { buildRoadmap } from '../roadmap/index';
import type { Card, Lane, RoadmapModel, RoadmapView, TraceNode } from '../roadmap/model';
import { Lens } from './lens';
import type { Privacy } from './privacy';
import { redact, type Redacted } from './redact';

export type ExportFormat = AudienceFormat | 'mermaid' | 'svg';

export const EXTENSIONS: Record<ExportFormat, string> = { html: 'html', md: 'md', csv: 'csv', json: 'json', mermaid: 'mmd', svg: 'svg' };

/** What an HTML page embeds besides the model: the renderer bundle (dist/webview.js) and its stylesheet. */
export interface HtmlAssets {
  script: string;
  css: string;
}

/** `customers/checkout-themes.html`: where `--audience all --out DIR/` writes one export, relative to DIR. */
export function exportPath(audience: string, unit: string, view: RoadmapView, format: ExportFormat): string {
  return `${audience}/${unit}-${view}.${EXTENSIONS[format]}`;
}

/** The units an audience gets roadmaps of: each with at least one objective it may see, by id. */
export function audienceUnits(index: CascadeIndex, lens: Lens): string[] {
  const out: string[] = [];
  for (const u of index.units.values()) {
    if (lens.unitHidden(u.id)) continue;
    if ([...u.entities.values()].some((e) => e.kind === 'objective' && lens.visible(e))) out.push(u.id);
  }
  return out.sort(compareRefs);
}

/** The roadmap of `unit` in `view` as the audience may see it. */
export function audienceModel(index: CascadeIndex, lens: Lens, unit: string, view: RoadmapView, asOf: Day, pace?: PaceThresholds): Redacted {
  return redactBuilt(buildRoadmap(index, { unit, view, asOf, ...(pace ? { pace } : {}) }), lens, asOf);
}

/** Redacts a model already built (with file keys as paths: they are dropped anyway). */
export function redactBuilt(base: RoadmapModel, lens: Lens, asOf: Day): Redacted {
  return redact(base, lens, dayQuarter(asOf));
}

/** A lens per audience over one cascade, sharing who is private. */
export function lensFor(audience: Audience, index: CascadeIndex, privacy?: Privacy): Lens {
  return new Lens(audience, index, privacy);
}

/**
 * One export of a redacted model. `assets` are needed for HTML; a nonce may be
 * given to skip hashing the page (the leak check renders many).
 */
export function renderAudienceModel(model: RoadmapModel, format: ExportFormat, assets?: HtmlAssets, nonce?: string): string {
  switch (format) {
    case 'json': return JSON.stringify(model, null, 2) + '\n';
    case 'md': return toMarkdown(model);
    case 'csv': return toCsv(model);
    case 'mermaid': return toMermaid(model);
    case 'svg': return toSvg(titled(model));
    case 'html': return renderHtmlPage(model, { script: assets?.script ?? '', css: assets?.css ?? '', title: htmlTitle(model), ...(nonce ? { nonce } : {}) });
  }
}

/**
 * The SVG drawing reads every title as text: a copy where a hidden title is
 * empty text and hidden `supports` an empty list (nothing hidden comes back).
 */
function titled(model: RoadmapModel): RoadmapModel {
  const card = (c: Card): Card => ({ ...c, title: c.title ?? '', supports: c.supports ?? [] });
  const lane = (l: Lane): Lane => ({ ...l, title: l.title ?? '', outcomes: l.outcomes.map((o) => ({ ...o, title: o.title ?? '' })), cards: l.cards.map(card) });
  const node = (n: TraceNode): TraceNode => ({ ...n, title: n.title ?? '', children: n.children.map(node) });
  return {
    ...model,
    title: model.title ?? '',
    lanes: model.lanes.map(lane),
    unlinked: model.unlinked.map(card),
    sections: model.sections?.map((s) => ({ ...s, title: s.title ?? '', lanes: s.lanes.map(lane), unlinked: s.unlinked.map(card) })),
    trace: model.trace?.map(node),
  };
}

/** `Roadmap — Checkout (2026-11-24)`: the as-of date, never the clock, so an export is reproducible. */
export function htmlTitle(model: RoadmapModel): string {
  const name = model.title ? ` — ${model.title}` : '';
  return `Roadmap${name}${model.asOf ? ` (${model.asOf})` : ''}`;
}
