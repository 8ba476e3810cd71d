/** Outline symbols of one file and workspace symbols over every id of the cascade. */
import type { CascadeIndex } from '../link';
import type { Entity, Span, UnitFile } from '../model';
import { rawSpan } from '../text-edit';

export type SymbolKind = 'unit' | 'objective' | 'kr' | 'item' | 'roadmap';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: SymbolKind;
  /** The whole entry, key to end of value. */
  span: Span;
  /** The id key (or the `unit:` value). */
  selection: Span;
  children: OutlineSymbol[];
}

/** A span without the blank lines and spaces a block value ends with. */
function trimmed(text: string, span: Span): Span {
  let end = span[1];
  while (end > span[0] && /\s/.test(text[end - 1])) end--;
  return [span[0], end];
}

const entitySymbol = (file: UnitFile, e: Entity, children: OutlineSymbol[] = []): OutlineSymbol => ({
  name: e.id,
  detail: e.title?.value,
  kind: e.kind,
  span: trimmed(file.text, e.span),
  selection: rawSpan(file.text, e.keySpan, e.id),
  children,
});

/** unit → objectives → KRs, and unit → roadmap → items, with exact ranges. */
export function documentSymbols(file: UnitFile): OutlineSymbol[] {
  const out: OutlineSymbol[] = file.objectives.map((o) => entitySymbol(file, o, o.krs.map((k) => entitySymbol(file, k))));
  if (file.roadmapKey) {
    const span = trimmed(file.text, file.roadmapSpan ?? file.roadmapKey);
    out.push({ name: 'roadmap', detail: `${file.items.length} items`, kind: 'roadmap', span, selection: file.roadmapKey, children: file.items.map((i) => entitySymbol(file, i)) });
  }
  if (!file.unitId) return out;
  const detail = [file.name?.value, file.level?.value, file.period?.value.text].filter(Boolean).join(' · ') || undefined;
  const selection = rawSpan(file.text, file.unitId.span, file.unitId.value);
  let [start, end] = selection;
  for (const s of out) {
    start = Math.min(start, s.span[0]);
    end = Math.max(end, s.span[1]);
  }
  return [{ name: file.unitId.value, detail, kind: 'unit', span: [Math.min(start, contentStart(file)), end], selection, children: out }];
}

function contentStart(file: UnitFile): number {
  return file.contentStart;
}

export interface WorkspaceSymbolInfo {
  /** `unit/ID`, or the unit id. */
  name: string;
  kind: SymbolKind;
  /** The unit, for an entity; the level, for a unit. */
  container?: string;
  detail?: string;
  file: string;
  span: Span;
}

/**
 * Every unit and id whose `unit/ID` (or title) matches the query: substring
 * first, then characters in order; case-insensitive. Empty query: everything.
 */
export function workspaceSymbols(index: CascadeIndex, query: string, cancelled: () => boolean = () => false, limit = 2000): WorkspaceSymbolInfo[] {
  const q = query.trim().toLowerCase();
  const scored: [WorkspaceSymbolInfo, number][] = [];
  for (const file of index.files) {
    if (cancelled()) break;
    if (!file.unitId) continue;
    const unit = file.unitId.value;
    const candidates: WorkspaceSymbolInfo[] = [
      { name: unit, kind: 'unit', container: file.level?.value, detail: file.name?.value, file: file.file, span: rawSpan(file.text, file.unitId.span, unit) },
      ...[...file.objectives, ...file.krs, ...file.items].map((e) => ({
        name: `${unit}/${e.id}`, kind: e.kind, container: unit, detail: e.title?.value, file: file.file, span: rawSpan(file.text, e.keySpan, e.id),
      })),
    ];
    for (const c of candidates) {
      const s = score(q, c.name.toLowerCase(), c.detail?.toLowerCase());
      if (s > 0) scored.push([c, s]);
    }
  }
  scored.sort((a, b) => b[1] - a[1] || a[0].name.localeCompare(b[0].name, 'en', { numeric: true }));
  return scored.slice(0, limit).map((s) => s[0]);
}

function score(q: string, name: string, title?: string): number {
  if (!q) return 1;
  if (name === q) return 100;
  const slash = name.indexOf('/');
  if (name.slice(slash + 1) === q) return 90;
  if (name.startsWith(q) || name.slice(slash + 1).startsWith(q)) return 80;
  if (name.includes(q)) return 60;
  if (title?.includes(q)) return 40;
  let i = 0;
  for (const ch of name) if (ch === q[i]) i++;
  return i === q.length ? 20 : 0;
}
