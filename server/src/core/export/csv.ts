/**
 * RoadmapModel → CSV (RFC 4180): one row per card, CRLF line ends, fields
 * quoted when they hold `,`, `"`, CR or LF. A field that a spreadsheet would
 * read as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) is prefixed
 * with `'`. The trace view lists its tree instead: one row per node, with the
 * KR it supports in `supports`.
 */
import type { Card, RoadmapModel, TraceNode } from '../roadmap/model';

export const CSV_HEADER = ['lane', 'ref', 'kind', 'title', 'column', 'supports', 'confidence', 'status', 'type', 'unit', 'owner', 'hypothesis', 'file', 'line'] as const;

export function toCsv(model: RoadmapModel): string {
  const rows: string[][] = [[...CSV_HEADER]];
  const cards = (lane: string, list: Card[]) => {
    for (const c of list) {
      rows.push([lane, c.ref, c.kind, c.title, c.column, c.supports?.join(' '), c.confidence, c.status, c.type, c.unit, c.owner, c.hypothesis, c.location?.file, c.location && String(c.location.line)].map((v) => v ?? ''));
    }
  };
  for (const lane of model.lanes) cards(lane.title ?? '', lane.cards);
  const trace = (root: string, n: TraceNode, parent?: string) => {
    rows.push([root, n.ref, n.kind, n.title ?? '', '', parent ?? '', '', n.status ?? '', '', n.unit ?? '', '', '', n.location?.file ?? '', n.location ? String(n.location.line) : '']);
    for (const c of n.children) trace(root, c, n.ref);
  };
  for (const n of model.trace ?? []) trace(n.title ?? '', n);
  cards('Unlinked', model.unlinked);
  for (const s of model.sections ?? []) {
    for (const lane of s.lanes) cards(`${s.title ?? ''} / ${lane.title ?? ''}`, lane.cards);
    cards(`${s.title ?? ''} / Unlinked`, s.unlinked);
  }
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

/** One field: guarded against formula injection, then quoted as RFC 4180 asks. */
export function field(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
