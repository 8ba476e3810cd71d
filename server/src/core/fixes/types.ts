/** What a quick fix is: a title and minimal text edits in the file of the finding. */
import type { CascadeIndex } from '../link';
import type { Entity, Item, KeyResult, Problem, Ref, UnitFile } from '../model';
import { refSites, type RefSite } from '../rules/types';
import type { TextEdit } from '../text-edit';

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The one fix an editor may apply on its own ("auto fix"). */
  preferred?: boolean;
}

export interface FixContext {
  file: UnitFile;
  index: CascadeIndex;
  problem: Problem;
}

/** One module per diagnostic code: the fixes for one finding. */
export type FixProvider = (ctx: FixContext) => Fix[];

/** The entity whose id key the finding sits on. */
function entityKeyedAt(file: UnitFile, start: number): Entity | undefined {
  return [...file.krs, ...file.items, ...file.objectives].find((e) => e.keySpan[0] === start);
}

export function krAt(file: UnitFile, start: number): KeyResult | undefined {
  const e = entityKeyedAt(file, start);
  return e?.kind === 'kr' ? e : undefined;
}

export function itemAt(file: UnitFile, start: number): Item | undefined {
  const e = entityKeyedAt(file, start);
  return e?.kind === 'item' ? e : undefined;
}

/** The reference the finding sits on. */
export function refAt(file: UnitFile, start: number) {
  return refSiteAt(file, start)?.ref;
}

/** The reference site the finding sits on; among several at one span (an alias of a list), the first that `prefer` accepts. */
export function refSiteAt(file: UnitFile, start: number, prefer: (r: Ref) => boolean = () => true): RefSite | undefined {
  const here = refSites(file).filter((s) => s.ref.span[0] === start);
  return here.find((s) => prefer(s.ref)) ?? here[0];
}

/** `KR1 "Cut drop-off"`-style label for titles. */
export function described(id: string, title?: string): string {
  return title ? `\`${id}\` (${title})` : `\`${id}\``;
}

/** The KRs of a unit, in file order. */
export function krsOf(index: CascadeIndex, unit: string | undefined): KeyResult[] {
  if (!unit) return [];
  return [...(index.units.get(unit)?.entities.values() ?? [])].filter((e): e is KeyResult => e.kind === 'kr');
}
