/**
 * RoadmapModel → Markdown: a heading per lane with its outcomes, a table with
 * one column per model column, the Unlinked section, then the same roadmap as
 * Mermaid (one diagram, or one per section when one would be too large for
 * Mermaid). Pure: a function of the model and the options.
 *
 * Every string from the cascade goes through md-text.ts, so it stays literal
 * text wherever the Markdown is pasted; the only links are the export's own,
 * to the source files (relative, percent-encoded), and only when asked for.
 */
import type { Card, Lane, Outcome, RoadmapColumn, RoadmapModel, SourceLocation, TraceNode } from '../roadmap/model';
import { mdCode, mdLink, mdText, sourceHref } from './md-text';
import { mermaidDiagrams, type MermaidLimits } from './mermaid';
import { percent } from './text';

export interface MarkdownOptions {
  /**
   * Link titles to their source (`path#L<line>`), with this folder prefixed to
   * the model's relative paths: the way from where the Markdown is written to
   * where the paths start (`''` when both are the same folder, `..` when the
   * file is written one folder down). Absent: no links.
   */
  linkBase?: string;
  /** Mermaid's limits (default: Mermaid's own defaults). */
  mermaid?: MermaidLimits;
}

export function toMarkdown(model: RoadmapModel, opts: MarkdownOptions = {}): string {
  const md = new Writer(model, opts);
  return md.document();
}

class Writer {
  private readonly out: string[] = [];
  constructor(private readonly model: RoadmapModel, private readonly opts: MarkdownOptions) {}

  document(): string {
    const { model, out } = this;
    out.push(`# Roadmap — ${mdText(model.title ?? model.unit)} (${mdText(model.view)})`, '');
    const meta = [model.asOf && `As of ${mdText(model.asOf)}`, model.period && `period ${mdText(model.period)}`].filter(Boolean);
    if (meta.length) out.push(meta.join(' · '), '');
    if (model.view === 'trace') {
      out.push('## Trace', '');
      if (model.trace?.length) for (const n of model.trace) this.trace(n, 0);
      else out.push('_No key results._');
      out.push('');
    } else {
      for (const lane of model.lanes) this.lane(lane, '##');
    }
    this.unlinked(model.unlinked, '##');
    for (const s of model.sections ?? []) {
      out.push(`## ${mdText(s.title)} (${mdCode(s.unit)})`, '');
      if (!s.lanes.length) out.push('_No objectives._', '');
      for (const lane of s.lanes) this.lane(lane, '###');
      this.unlinked(s.unlinked, '###');
    }
    this.diagrams();
    return out.join('\n');
  }

  private diagrams(): void {
    const parts = mermaidDiagrams(this.model, this.opts.mermaid);
    if (parts.length > 1) this.out.push('## Diagrams', '', '_The whole roadmap is too large for one Mermaid diagram: one diagram per section._', '');
    for (const p of parts) {
      if (p.title !== undefined) this.out.push(`### ${mdText(p.title)}`, '');
      if (p.text) this.out.push('```mermaid', p.text.trimEnd(), '```', '');
      else this.out.push(`_${mdText(p.refused ?? '')}_`, '');
    }
  }

  /** A title linked to its source when links are on. */
  private linked(title: string, at: SourceLocation | undefined): string {
    const base = this.opts.linkBase;
    return mdLink(title, base === undefined || !at ? undefined : sourceHref(at.file, at.line, base));
  }

  private lane(lane: Lane, h: string): void {
    const { model, out } = this;
    out.push(`${h} ${mdText(lane.title)}`, '');
    if (lane.outcomes.length) for (const o of lane.outcomes) out.push(`- ${this.outcome(o)}`);
    else out.push('_No key results._');
    out.push('');
    if (model.view === 'themes') {
      for (const line of table(model.columns, [model.columns.map((c) => String(lane.cards.filter((k) => k.column === c.id).length))])) out.push(line);
      out.push('');
      return;
    }
    if (!lane.cards.length) {
      out.push('_Nothing on the roadmap serves this objective yet._', '');
      return;
    }
    const byColumn = model.columns.map((c) => lane.cards.filter((k) => k.column === c.id).map((k) => this.card(k)));
    const rows: string[][] = [];
    const depth = byColumn.reduce((n, cells) => Math.max(n, cells.length), 0);
    for (let i = 0; i < depth; i++) rows.push(byColumn.map((cells) => cells[i] ?? ''));
    for (const line of table(model.columns, rows)) out.push(line);
    out.push('');
  }

  private unlinked(cards: Card[], h: string): void {
    const out = this.out;
    out.push(`${h} Unlinked`, '');
    if (!cards.length) out.push('_None: every roadmap item serves an objective._');
    for (const c of cards) {
      const parts = [mdCode(c.ref), mdText(c.column), c.unresolved?.length ? `supports ${c.unresolved.map((r) => mdCode(r)).join(', ')}, which ${c.unresolved.length === 1 ? 'names' : 'name'} no key result` : undefined];
      out.push(`- ${this.card(c)} — ${parts.filter(Boolean).join(' · ')}`);
    }
    out.push('');
  }

  private trace(n: TraceNode, depth: number): void {
    const title = this.linked(n.title, n.location);
    const parts = [n.kind === 'kr' ? `\\[KR\\] ${title}` : title, `(${mdCode(n.ref)})`];
    if (n.progress !== undefined) parts.push(`· ${percent(n.progress)}`);
    if (n.status) parts.push(`· ${mdText(n.status)}`);
    if (n.gap) parts.push('— **gap**: nothing supports it');
    this.out.push(`${'  '.repeat(depth)}- ${parts.join(' ')}`);
    for (const c of n.children) this.trace(c, depth + 1);
  }

  private outcome(o: Outcome): string {
    const v = (n: number | undefined) => (n === undefined ? '?' : String(n));
    const parts = [`${this.linked(o.title, o.location)} (${mdCode(o.ref)}): ${v(o.baseline)} → ${v(o.current)} → ${v(o.target)}${o.unit ? ` ${mdText(o.unit)}` : ''}`];
    if (o.progress !== undefined) parts.push(percent(o.progress));
    parts.push(`supported by ${o.supportedBy}`);
    return parts.join(' · ');
  }

  /** A card as one line of inline Markdown (safe in a table cell and in a list item). */
  private card(c: Card): string {
    const title = this.linked(c.title, c.location);
    const shown = c.status === 'dropped' ? `~~${title}~~` : title;
    return `${c.kind === 'kr' ? '\\[KR\\] ' : ''}${shown}${c.status ? ` (${mdText(c.status)})` : ''}${c.progress !== undefined ? ` ${percent(c.progress)}` : ''}`;
  }
}

function table(columns: RoadmapColumn[], rows: string[][]): string[] {
  const head = columns.map((c) => (c.current ? `**${mdText(c.title)}**` : mdText(c.title)));
  return [row(head), row(columns.map(() => '---')), ...rows.map(row)];
}

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
