/**
 * Inline annotations, as plain data: inlay hints (beside a reference, the
 * title of what it names) and lenses (above a KR, what it supports and what
 * supports it; above an objective, its KRs, items and progress).
 */
import type { CascadeIndex } from './link';
import type { Entity, KeyResult, Span, UnitFile } from './model';
import type { Place } from './navigate/locate';
import { krProgress } from './roadmap/progress';
import { refSites } from './rules/types';

export interface InlayHintInfo {
  /** Where the hint sits: just after the reference. */
  offset: number;
  label: string;
  tooltip?: string;
}

const MAX_LABEL = 40;
const clip = (s: string) => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1).trimEnd()}…` : s);
const overlaps = (span: Span, range?: Span) => !range || (span[1] >= range[0] && span[0] <= range[1]);

/** Beside each reference (and `parent:`), the title of what it names; `range` limits to a part of the file. */
export function inlayHints(index: CascadeIndex, file: UnitFile, range?: Span): InlayHintInfo[] {
  const out: InlayHintInfo[] = [];
  const from = file.unitId?.value ?? '';
  if (file.parent && overlaps(file.parent.span, range)) {
    const name = index.units.get(file.parent.value)?.primary.name?.value;
    if (name && name !== file.parent.value) out.push({ offset: file.parent.span[1], label: clip(name), tooltip: name });
  }
  for (const { ref } of refSites(file)) {
    if (!overlaps(ref.span, range)) continue;
    const res = index.resolve(ref, from);
    const title = res.ok ? res.entity.title?.value : undefined;
    if (title) out.push({ offset: ref.span[1], label: clip(title), tooltip: `${res.ok ? `${res.entity.unit}/${res.entity.id}` : ref.raw}: ${title}` });
  }
  return out.sort((a, b) => a.offset - b.offset);
}

export interface LensInfo {
  /** The id key the lens sits above. */
  span: Span;
  title: string;
  /** What the lens is about (for a "show references" command): the supporters. */
  places: Place[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const pct = (p: number | undefined) => (p === undefined ? undefined : `${Math.round(p * 100)}%`);

export function codeLenses(index: CascadeIndex, file: UnitFile): LensInfo[] {
  const out: LensInfo[] = [];
  for (const o of file.objectives) {
    const items = new Set(o.krs.flatMap((k) => index.supportersOf(k).filter((s) => s.kind === 'item')));
    const progress = o.krs.map(krProgress).filter((p): p is number => p !== undefined);
    const avg = progress.length ? progress.reduce((a, b) => a + b, 0) / progress.length : undefined;
    const parts = [plural(o.krs.length, 'key result'), plural(items.size, 'roadmap item'), avg !== undefined && `${pct(avg)} average progress`];
    out.push({ span: o.keySpan, title: parts.filter(Boolean).join(' · '), places: [...items].map(place) });
  }
  for (const kr of file.krs) {
    const supporters = index.supportersOf(kr);
    const items = supporters.filter((s) => s.kind === 'item').length;
    const krs = supporters.length - items;
    const what = [items && plural(items, 'item'), krs && plural(krs, 'KR')].filter(Boolean).join(', ');
    const parts = [
      upward(index, kr, !!file.parent),
      supporters.length ? `${plural(supporters.length, 'supporter')} (${what})` : 'no supporters',
      pct(krProgress(kr)),
    ];
    out.push({ span: kr.keySpan, title: parts.filter(Boolean).join(' · '), places: supporters.map(place) });
  }
  return out.sort((a, b) => a.span[0] - b.span[0]);
}

const place = (e: Entity): Place => ({ file: e.file, span: e.keySpan });

/**
 * What a KR supports, as a lens says it: each reference resolved (`acme/KR2`),
 * or what is wrong with it (`KR9` (not found)); "supports nothing" only when
 * nothing is written.
 */
function upward(index: CascadeIndex, kr: KeyResult, hasParent: boolean): string | undefined {
  if (!kr.supports.length) return hasParent ? (kr.supportsKey ? 'supports nothing (`supports` holds no reference)' : 'supports nothing') : undefined;
  const parts = kr.supports.map((r) => {
    const res = index.resolve(r, kr.unit);
    if (res.ok) return res.entity.kind === 'kr' ? `${res.entity.unit}/${res.entity.id}` : `${r.raw} (${res.entity.kind === 'objective' ? 'an objective' : 'a roadmap item'}, not a KR)`;
    return `${r.raw} (${res.reason === 'unknown-unit' ? `no unit ${res.unit}` : 'not found'})`;
  });
  return `supports ${parts.join(', ')}`;
}
