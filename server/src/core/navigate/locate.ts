/**
 * What sits at an offset of a cascade file: an id key, a reference (its id or
 * its `unit/` prefix), the `unit:` value or the `parent:` value. And what it
 * names in the cascade. Plain data; the language server converts positions.
 */
import type { CascadeIndex } from '../link';
import type { Entity, Item, KeyResult, Ref, Span, UnitFile } from '../model';
import { refSites, type RefSite } from '../rules/types';
import { lineStartOf, rawSpan } from '../text-edit';

/** A place in a file: a file key and a span of its text. */
export interface Place {
  file: string;
  span: Span;
}

export type Site =
  /** The id key of an objective, KR or item. */
  | { kind: 'entity'; file: UnitFile; entity: Entity; span: Span }
  /** The id part of a reference (`KR1`, or `KR1` in `acme/KR1`). */
  | { kind: 'ref'; file: UnitFile; site: RefSite; span: Span }
  /** A unit id: the `unit:` value, the `parent:` value, or the prefix of `unit/ID`. */
  | { kind: 'unit'; file: UnitFile; unit: string; span: Span; via: 'unit' | 'parent' | 'ref' };

/** What a site names. */
export type Target = { kind: 'unit'; id: string } | { kind: 'entity'; entity: Entity };

const within = (span: Span, offset: number) => offset >= span[0] && offset <= span[1];

/** The exact characters of a reference's text (without quotes). */
export function refTextSpan(file: UnitFile, ref: Ref): Span {
  return rawSpan(file.text, ref.span, ref.raw);
}

/** The span of the `unit` part of `unit/ID`, and of the `ID` part. */
export function refParts(file: UnitFile, ref: Ref): { unit?: Span; id: Span } {
  const [s, e] = refTextSpan(file, ref);
  if (ref.unit === undefined || e - s !== ref.raw.length) return { id: [s, e] };
  const slash = s + ref.unit.length;
  return { unit: [s, slash], id: [slash + 1, e] };
}

export function siteAt(file: UnitFile, offset: number): Site | undefined {
  for (const e of [...file.objectives, ...file.krs, ...file.items]) {
    if (within(e.keySpan, offset)) return { kind: 'entity', file, entity: e, span: rawSpan(file.text, e.keySpan, e.id) };
  }
  for (const site of refSites(file)) {
    if (!within(site.ref.span, offset)) continue;
    const parts = refParts(file, site.ref);
    if (parts.unit && offset <= parts.unit[1] && site.ref.unit) return { kind: 'unit', file, unit: site.ref.unit, span: parts.unit, via: 'ref' };
    return { kind: 'ref', file, site, span: parts.id };
  }
  if (file.unitId && within(file.unitId.span, offset)) {
    return { kind: 'unit', file, unit: file.unitId.value, span: rawSpan(file.text, file.unitId.span, file.unitId.value), via: 'unit' };
  }
  if (file.parent && within(file.parent.span, offset)) {
    return { kind: 'unit', file, unit: file.parent.value, span: rawSpan(file.text, file.parent.span, file.parent.value), via: 'parent' };
  }
  return undefined;
}

/**
 * The entity whose entry holds an offset (the card to highlight for the
 * cursor): the innermost of a KR or an item, else its objective (the
 * objective's own lines: its key, title, `key_results:`). An entry runs over
 * whole lines, from the line of its id key to the end of the line its value
 * ends on, so the indentation before a key and a comment after a value count.
 * Blank lines after an entry, and the `objectives:` / `roadmap:` lines, hold
 * none.
 */
export function entityAt(file: UnitFile, offset: number): Entity | undefined {
  let best: { e: Entity; rank: number[] } | undefined;
  for (const e of [...file.krs, ...file.items, ...file.objectives]) {
    const end = trimEnd(file.text, e.span);
    const lines: Span = [lineStartOf(file.text, e.keySpan[0]), lineEnd(file.text, end)];
    if (!within(lines, offset)) continue;
    // The shortest entry wins (a KR over its objective); among entries on the
    // same line (flow maps), the one whose own text holds the offset.
    const rank = [lines[1] - lines[0], within([e.keySpan[0], end], offset) ? 0 : 1, end - e.keySpan[0]];
    if (!best || before(rank, best.rank)) best = { e, rank };
  }
  return best?.e;
}

const before = (a: number[], b: number[]) => {
  const i = a.findIndex((x, k) => x !== b[k]);
  return i >= 0 && a[i] < b[i];
};
const trimEnd = (text: string, span: Span) => {
  let end = span[1];
  while (end > span[0] && /\s/.test(text[end - 1])) end--;
  return end;
};
const lineEnd = (text: string, offset: number) => {
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  return text[end - 1] === '\r' ? end - 1 : end;
};

/** What a site names; undefined for a reference that resolves to nothing. */
export function targetOf(index: CascadeIndex, site: Site): Target | undefined {
  if (site.kind === 'entity') return { kind: 'entity', entity: site.entity };
  if (site.kind === 'unit') return { kind: 'unit', id: site.unit };
  const res = index.resolve(site.site.ref, site.file.unitId?.value ?? '');
  return res.ok ? { kind: 'entity', entity: res.entity } : undefined;
}

/** Every reference in the cascade with the file it is written in. */
export function* allRefSites(index: CascadeIndex): Generator<{ file: UnitFile; site: RefSite }> {
  for (const file of index.files) for (const site of refSites(file)) yield { file, site };
}

/** Same entity: the same declaration, or the same `unit/ID` (a ref resolves to the first declaration). */
export function sameEntity(a: Entity, b: Entity): boolean {
  return a === b || (a.unit === b.unit && a.id === b.id && a.kind === b.kind);
}

export function isSupporter(e: Entity): e is KeyResult | Item {
  return e.kind === 'kr' || e.kind === 'item';
}

/** `unit/ID`. */
export function refName(e: Entity): string {
  return `${e.unit}/${e.id}`;
}
