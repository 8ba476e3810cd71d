/**
 * RoadmapModel → Mermaid `flowchart LR`: a subgraph per lane holding its KR
 * outcomes and cards, each card linked to what it serves; unlinked cards in an
 * `Unlinked` subgraph; the portfolio view as a subgraph per product; the trace
 * view as a tree of KRs and items.
 *
 * Nothing a user wrote can change the diagram's structure: node and subgraph
 * ids are generated (`L1`, `K1`, `C1`, …), never taken from ids or titles, and
 * every label is quoted with each character Mermaid could read (quotes, `%` of
 * `%%{init}%%` directives, `<`, `&`, backticks of Markdown strings, `#` of entity
 * codes, `;`, `:`, brackets) written as a numeric entity code, on one line.
 *
 * Mermaid refuses text longer than `maxTextSize` (50,000 characters) and
 * flowcharts with more than `maxEdges` (500) links by default.
 * `mermaidDiagrams` splits a roadmap that is too large into one diagram per
 * section (a product of the portfolio, else a lane, a trace root, Unlinked) and
 * refuses, with a sentence saying why, any section still too large;
 * `toMermaid` (one diagram) throws `MermaidTooLarge`. Neither emits a diagram
 * that Mermaid would not draw.
 */
import type { Card, Lane, PortfolioSection, RoadmapModel, TraceNode } from '../roadmap/model';
import { oneLine, percent } from './text';

export interface MermaidLimits {
  /** Characters (UTF-16 code units, as Mermaid counts). */
  maxTextSize: number;
  /** Links in one flowchart. */
  maxEdges: number;
}

/** Mermaid's defaults (`maxTextSize`, `maxEdges`), which GitHub and most hosts keep. */
export const MERMAID_LIMITS: MermaidLimits = { maxTextSize: 50_000, maxEdges: 500 };

/** One diagram of `mermaidDiagrams`: its text, or why there is none. */
export interface MermaidPart {
  /** Undefined for the whole roadmap; else what the part shows (a product, a lane, …). */
  title?: string;
  text?: string;
  /** Set instead of `text` when the part alone is over the limits. */
  refused?: string;
}

export class MermaidTooLarge extends Error {}

/** The whole roadmap as one diagram. Throws MermaidTooLarge when Mermaid would refuse it. */
export function toMermaid(model: RoadmapModel, limits: MermaidLimits = MERMAID_LIMITS): string {
  const whole = build(pieces(model).map((p) => p.add));
  const over = overLimits(whole, limits);
  if (!over) return whole.text;
  const per = model.view === 'portfolio' ? 'product' : model.view === 'trace' ? 'company KR' : 'objective';
  throw new MermaidTooLarge(
    `The ${model.view} diagram of ${model.title ?? model.unit} is too large for Mermaid: ${over}, so it would not be drawn. ` +
    `Export Markdown instead (one diagram per ${per}), or the roadmap of one unit.`,
  );
}

/** The roadmap as diagrams Mermaid draws: one when it fits, else one per section (a section still too large is refused). */
export function mermaidDiagrams(model: RoadmapModel, limits: MermaidLimits = MERMAID_LIMITS): MermaidPart[] {
  const all = pieces(model);
  const whole = build(all.map((p) => p.add));
  if (!overLimits(whole, limits)) return [{ text: whole.text }];
  return all.filter((p) => !p.optional).map((p) => {
    const g = build([p.add]);
    const over = overLimits(g, limits);
    return over ? { title: p.title, refused: `The diagram of ${oneLine(p.title)} is too large for Mermaid (${over}), so it is left out; the lists and tables above show the same cards.` } : { title: p.title, text: g.text };
  });
}

function overLimits(g: Built, limits: MermaidLimits): string | undefined {
  const over: string[] = [];
  if (g.text.length > limits.maxTextSize) over.push(`${g.text.length.toLocaleString('en-US')} characters where Mermaid draws at most ${limits.maxTextSize.toLocaleString('en-US')}`);
  if (g.edges > limits.maxEdges) over.push(`${g.edges.toLocaleString('en-US')} links where Mermaid draws at most ${limits.maxEdges.toLocaleString('en-US')}`);
  return over.length ? over.join(' and ') : undefined;
}

interface Piece {
  title: string;
  add: (g: Graph) => void;
  /** Left out when the roadmap is split (an empty Unlinked lane). */
  optional?: boolean;
}

/** The sections a roadmap splits into, in drawing order. */
function pieces(model: RoadmapModel): Piece[] {
  const out: Piece[] = [];
  if (model.view === 'portfolio') {
    // The company's own lanes and unlinked items, then one diagram per product.
    out.push({ title: model.title ?? model.unit, add: (g) => { model.lanes.forEach((lane) => g.lane(lane, '  ')); g.unlinked(model.unlinked, '  '); }, optional: !model.lanes.length && !model.unlinked.length });
    for (const s of model.sections ?? []) out.push({ title: s.title, add: (g) => g.section(s) });
    return out;
  }
  if (model.view === 'trace') {
    for (const n of model.trace ?? []) out.push({ title: n.title, add: (g) => g.trace(n, undefined) });
  } else {
    for (const lane of model.lanes) out.push({ title: lane.title, add: (g) => g.lane(lane, '  ') });
  }
  out.push({ title: 'Unlinked', add: (g) => g.unlinked(model.unlinked, '  '), optional: !model.unlinked.length });
  return out;
}

interface Built {
  text: string;
  edges: number;
}

function build(adds: ((g: Graph) => void)[]): Built {
  const g = new Graph();
  for (const add of adds) add(g);
  return { text: g.toString(), edges: g.edgeCount };
}

class Graph {
  private readonly lines: string[] = [];
  private readonly edges: string[] = [];
  private readonly edgeSet = new Set<string>();
  private readonly counters = new Map<string, number>();
  private readonly traceIds = new Map<string, string>();
  private readonly classes = new Map<string, string[]>();

  get edgeCount(): number {
    return this.edges.length;
  }

  /** A fresh id: a letter for the kind and a number, never from user text. */
  private next(kind: 'S' | 'L' | 'U' | 'K' | 'C' | 'T' | 'N'): string {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return `${kind}${n}`;
  }

  private edge(from: string, arrow: '-->' | '-.->', to: string): void {
    const e = `  ${from} ${arrow} ${to}`;
    if (this.edgeSet.has(e)) return;
    this.edgeSet.add(e);
    this.edges.push(e);
  }

  section(s: PortfolioSection): void {
    this.lines.push(`  subgraph ${this.next('S')}["${label(s.title)}"]`);
    s.lanes.forEach((lane) => this.lane(lane, '    '));
    this.unlinked(s.unlinked, '    ');
    this.lines.push('  end');
  }

  lane(lane: Lane, indent: string): void {
    this.lines.push(`${indent}subgraph ${this.next('L')}["${label(lane.title)}"]`);
    const inLane = new Map<string, string>();
    for (const o of lane.outcomes) {
      const id = this.next('K');
      inLane.set(o.ref, id);
      this.lines.push(`${indent}  ${id}(["${label(o.title)}${o.progress === undefined ? '' : ` · ${percent(o.progress)}`}"])`);
    }
    for (const c of lane.cards) inLane.set(c.ref, this.card(c, `${indent}  `));
    this.lines.push(`${indent}end`);
    for (const c of lane.cards) {
      const from = inLane.get(c.ref)!;
      const direct = c.supports.filter((r) => r !== c.ref && inLane.has(r));
      if (direct.length) for (const r of direct) this.edge(from, '-->', inLane.get(r)!);
      else for (const r of c.serves ?? []) if (inLane.has(r)) this.edge(from, '-.->', inLane.get(r)!);
    }
  }

  unlinked(cards: Card[], indent: string): void {
    this.lines.push(`${indent}subgraph ${this.next('U')}["Unlinked"]`);
    if (!cards.length) this.lines.push(`${indent}  ${this.next('N')}["(none)"]`);
    for (const c of cards) this.card(c, `${indent}  `);
    this.lines.push(`${indent}end`);
  }

  private card(c: Card, indent: string): string {
    const id = this.next('C');
    const text = `${label(c.title)}${c.status ? ` (${label(c.status)})` : ''}${c.progress !== undefined ? ` · ${percent(c.progress)}` : ''}`;
    this.lines.push(c.kind === 'kr' ? `${indent}${id}[["KR: ${text}"]]` : `${indent}${id}["${text}"]`);
    if (c.status === 'dropped') this.classify('dropped', id);
    return id;
  }

  trace(n: TraceNode, parent: string | undefined): void {
    const known = this.traceIds.get(n.ref);
    const id = known ?? this.next('T');
    if (!known) {
      this.traceIds.set(n.ref, id);
      const extra = n.progress !== undefined ? ` · ${percent(n.progress)}` : n.status ? ` (${label(n.status)})` : '';
      const text = `${n.kind === 'kr' ? 'KR: ' : ''}${label(n.title)}${extra}`;
      this.lines.push(n.kind === 'kr' ? `  ${id}(["${text}"])` : `  ${id}["${text}"]`);
      if (n.gap) this.classify('gap', id);
      if (n.status === 'dropped') this.classify('dropped', id);
    }
    if (parent) this.edge(id, '-->', parent);
    if (!known) for (const c of n.children) this.trace(c, id);
  }

  private classify(cls: string, id: string): void {
    const list = this.classes.get(cls) ?? [];
    if (!list.includes(id)) list.push(id);
    this.classes.set(cls, list);
  }

  toString(): string {
    const out = ['flowchart LR', ...this.lines, ...this.edges];
    if (this.classes.has('dropped')) out.push('  classDef dropped stroke-dasharray:4 3,opacity:0.55');
    if (this.classes.has('gap')) out.push('  classDef gap stroke:#d73a49,stroke-width:2px,stroke-dasharray:4 3');
    for (const [cls, ids] of this.classes) out.push(`  class ${ids.join(',')} ${cls}`);
    return out.join('\n') + '\n';
  }
}

/**
 * User text safe inside a quoted Mermaid label: one line, and each character
 * that Mermaid reads before or inside a quoted string written as a numeric
 * entity code, which Mermaid draws as the character: `"` (ends the string), `#`
 * (entity codes), `%` (`%%{init}%%` directives and `%%` comments are stripped
 * from the whole text first), `<` `>` `&` (HTML labels), `` ` `` (Markdown
 * strings), `$` (`$$…$$` is drawn as KaTeX math), `;` and `:` (the
 * `style…:…#…;` clean-up Mermaid runs on each line).
 * Brackets, `|` and the word `end` are plain text inside quotes.
 */
export function label(s: string): string {
  return oneLine(s).replace(/["#%&<>`;:$]/g, (c) => `#${c.charCodeAt(0)};`);
}
