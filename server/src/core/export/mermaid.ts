/**
 * RoadmapModel → Mermaid `flowchart LR`: a subgraph per lane holding its KR
 * outcomes and cards, each card linked to what it serves; unlinked cards in an
 * `Unlinked` subgraph; the trace view as a tree of KRs and items. Ids are
 * sanitised and unique; labels are quoted with `"`, `#`, `<`, `>` and backticks
 * written as Mermaid entity codes.
 */
import type { Card, Lane, RoadmapModel, TraceNode } from '../roadmap/model';

export function toMermaid(model: RoadmapModel): string {
  const g = new Graph();
  if (model.view === 'trace') {
    for (const n of model.trace ?? []) g.trace(n, undefined);
  } else {
    model.lanes.forEach((lane) => g.lane(lane, '  '));
  }
  g.unlinked('unlinked', model.unlinked, '  ');
  for (const s of model.sections ?? []) {
    g.lines.push(`  subgraph ${g.id(`section:${s.unit}`, `section_${s.unit}`)}["${label(s.title)}"]`);
    s.lanes.forEach((lane) => g.lane(lane, '    '));
    g.unlinked(`unlinked_${s.unit}`, s.unlinked, '    ');
    g.lines.push('  end');
  }
  return g.toString();
}

class Graph {
  readonly lines: string[] = [];
  private readonly edges: string[] = [];
  private readonly ids = new Map<string, string>();
  private readonly used = new Set<string>();
  private readonly classes = new Map<string, string[]>();

  /** A unique Mermaid id for `key`, readable from `hint`. */
  id(key: string, hint: string): string {
    const known = this.ids.get(key);
    if (known) return known;
    const base = hint.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'n';
    let id = base;
    for (let i = 2; this.used.has(id.toLowerCase()); i++) id = `${base}_${i}`;
    this.used.add(id.toLowerCase());
    this.ids.set(key, id);
    return id;
  }

  lane(lane: Lane, indent: string): void {
    const laneId = this.id(`lane:${lane.id}`, `lane_${lane.id}`);
    this.lines.push(`${indent}subgraph ${laneId}["${label(lane.title)}"]`);
    const inLane = new Map<string, string>();
    for (const o of lane.outcomes) {
      const id = this.id(`${laneId}:${o.ref}`, `outcome_${o.ref}`);
      inLane.set(o.ref, id);
      const text = o.progress === undefined ? o.title : `${o.title} · ${Math.round(o.progress * 100)}%`;
      this.lines.push(`${indent}  ${id}(["${label(text)}"])`);
    }
    for (const c of lane.cards) inLane.set(c.ref, this.card(`${laneId}:${c.ref}`, c, `${indent}  `));
    this.lines.push(`${indent}end`);
    for (const c of lane.cards) {
      const from = inLane.get(c.ref)!;
      const direct = c.supports.filter((r) => r !== c.ref && inLane.has(r));
      if (direct.length) for (const r of direct) this.edges.push(`  ${from} --> ${inLane.get(r)}`);
      else for (const r of c.serves ?? []) if (inLane.has(r)) this.edges.push(`  ${from} -.-> ${inLane.get(r)}`);
    }
  }

  unlinked(key: string, cards: Card[], indent: string): void {
    this.lines.push(`${indent}subgraph ${this.id(key, key)}["Unlinked"]`);
    if (!cards.length) this.lines.push(`${indent}  ${this.id(`${key}:none`, `${key}_none`)}["(none)"]`);
    for (const c of cards) this.card(`${key}:${c.ref}`, c, `${indent}  `);
    this.lines.push(`${indent}end`);
  }

  private card(key: string, c: Card, indent: string): string {
    const id = this.id(key, `${c.kind === 'kr' ? 'kr' : 'item'}_${c.ref}`);
    const text = `${c.title}${c.status ? ` (${c.status})` : ''}${c.progress !== undefined ? ` · ${Math.round(c.progress * 100)}%` : ''}`;
    this.lines.push(c.kind === 'kr' ? `${indent}${id}[["${label(`KR: ${text}`)}"]]` : `${indent}${id}["${label(text)}"]`);
    if (c.status === 'dropped') this.classify('dropped', id);
    return id;
  }

  trace(n: TraceNode, parent: string | undefined): void {
    const key = `trace:${n.ref}`;
    const seen = this.ids.has(key);
    const id = this.id(key, `${n.kind}_${n.ref}`);
    if (!seen) {
      const extra = n.progress !== undefined ? ` · ${Math.round(n.progress * 100)}%` : n.status ? ` (${n.status})` : '';
      const text = `${n.kind === 'kr' ? 'KR: ' : ''}${n.title}${extra}`;
      this.lines.push(n.kind === 'kr' ? `  ${id}(["${label(text)}"])` : `  ${id}["${label(text)}"]`);
      if (n.gap) this.classify('gap', id);
      if (n.status === 'dropped') this.classify('dropped', id);
    }
    const edge = parent && `  ${id} --> ${parent}`;
    if (edge && !this.edges.includes(edge)) this.edges.push(edge);
    if (!seen) for (const c of n.children) this.trace(c, id);
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

/** Text safe inside `"…"`: entity codes for the characters Mermaid would read, one line. */
export function label(s: string): string {
  return s
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;')
    .replace(/\s*(?:\r\n|\r|\n)\s*/g, ' ');
}
