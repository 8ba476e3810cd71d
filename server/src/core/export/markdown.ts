/**
 * RoadmapModel → Markdown: a heading per lane with its outcomes, a table with
 * one column per model column, the Unlinked section, then the same roadmap as
 * a Mermaid diagram. Pure: a function of the model only.
 */
import type { Card, Lane, Outcome, RoadmapColumn, RoadmapModel, TraceNode } from '../roadmap/model';
import { toMermaid } from './mermaid';

export function toMarkdown(model: RoadmapModel): string {
  const out: string[] = [`# Roadmap — ${inline(model.title ?? model.unit)} (${model.view})`, ''];
  const meta = [model.asOf && `As of ${model.asOf}`, model.period && `period ${model.period}`].filter(Boolean);
  if (meta.length) out.push(meta.join(' · '), '');
  if (model.view === 'trace') {
    out.push('## Trace', '');
    if (model.trace?.length) for (const n of model.trace) traceLines(n, 0, out);
    else out.push('_No key results._');
    out.push('');
  } else {
    for (const lane of model.lanes) laneLines(model, lane, '##', out);
  }
  unlinkedLines(model.unlinked, '##', out);
  for (const s of model.sections ?? []) {
    out.push(`## ${inline(s.title)} (\`${s.unit}\`)`, '');
    if (!s.lanes.length) out.push('_No objectives._', '');
    for (const lane of s.lanes) laneLines(model, lane, '###', out);
    unlinkedLines(s.unlinked, '###', out);
  }
  out.push('```mermaid', toMermaid(model).trimEnd(), '```', '');
  return out.join('\n');
}

function laneLines(model: RoadmapModel, lane: Lane, h: string, out: string[]): void {
  out.push(`${h} ${inline(lane.title)}`, '');
  if (lane.outcomes.length) for (const o of lane.outcomes) out.push(`- ${outcomeText(o)}`);
  else out.push('_No key results._');
  out.push('');
  if (model.view === 'themes') {
    out.push(...table(model.columns, [model.columns.map((c) => String(lane.cards.filter((k) => k.column === c.id).length))]), '');
    return;
  }
  if (!lane.cards.length) {
    out.push('_Nothing on the roadmap serves this objective yet._', '');
    return;
  }
  const byColumn = model.columns.map((c) => lane.cards.filter((k) => k.column === c.id).map(cardText));
  const rows: string[][] = [];
  const depth = Math.max(0, ...byColumn.map((cells) => cells.length));
  for (let i = 0; i < depth; i++) rows.push(byColumn.map((cells) => cells[i] ?? ''));
  out.push(...table(model.columns, rows), '');
}

function table(columns: RoadmapColumn[], rows: string[][]): string[] {
  const head = columns.map((c) => (c.current ? `**${cell(c.title)}**` : cell(c.title)));
  return [row(head), row(columns.map(() => '---')), ...rows.map((r) => row(r.map(cell)))];
}

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

function unlinkedLines(cards: Card[], h: string, out: string[]): void {
  out.push(`${h} Unlinked`, '');
  if (!cards.length) out.push('_None: every roadmap item serves an objective._');
  for (const c of cards) {
    const parts = [`\`${c.ref}\``, c.column, c.unresolved?.length ? `supports ${c.unresolved.map((r) => `\`${r}\``).join(', ')} (not found)` : undefined];
    out.push(`- ${inline(cardText(c))} — ${parts.filter(Boolean).join(' · ')}`);
  }
  out.push('');
}

function traceLines(n: TraceNode, depth: number, out: string[]): void {
  const parts = [n.kind === 'kr' ? `[KR] ${inline(n.title)}` : inline(n.title), `(\`${n.ref}\`)`];
  if (n.progress !== undefined) parts.push(`· ${percent(n.progress)}`);
  if (n.status) parts.push(`· ${n.status}`);
  if (n.gap) parts.push('— **gap**: nothing supports it');
  out.push(`${'  '.repeat(depth)}- ${parts.join(' ')}`);
  for (const c of n.children) traceLines(c, depth + 1, out);
}

function outcomeText(o: Outcome): string {
  const v = (n: number | undefined) => (n === undefined ? '?' : String(n));
  const parts = [`${inline(o.title)} (\`${o.ref}\`): ${v(o.baseline)} → ${v(o.current)} → ${v(o.target)}${o.unit ? ` ${inline(o.unit)}` : ''}`];
  if (o.progress !== undefined) parts.push(percent(o.progress));
  parts.push(`supported by ${o.supportedBy}`);
  return parts.join(' · ');
}

function cardText(c: Card): string {
  const title = c.status === 'dropped' ? `~~${c.title}~~` : c.title;
  return `${c.kind === 'kr' ? '[KR] ' : ''}${title}${c.status ? ` (${c.status})` : ''}${c.progress !== undefined ? ` ${percent(c.progress)}` : ''}`;
}

const percent = (p: number) => `${Math.round(p * 100)}%`;

/** Text on one line (headings, list items). */
const inline = (s: string) => s.replace(/\r\n|\r|\n/g, ' ');

/** A table cell: `|` escaped, line breaks kept as `<br>`. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r\n|\r|\n/g, '<br>');
