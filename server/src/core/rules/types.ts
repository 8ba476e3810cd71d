/** What a rule sees and how it reports. One rule per file, named by its code. */
import type { CascadeIndex } from '../link';
import type { Code, Item, KeyResult, ProblemData, Ref, Severity, Span, UnitFile } from '../model';
import type { Day } from '../period';
import type { PaceThresholds } from '../config';
import type { LeakSet } from '../audience/leaks';

export interface RuleContext {
  index: CascadeIndex;
  /** "Today": `--as-of` or the clock. */
  today: Day;
  todayQuarter: number;
  /** How far behind its pace a KR may be (`pace:` in okr.config.yaml). */
  pace: PaceThresholds;
  /** What the audience leak scan found over the whole cascade (absent when no audiences are configured). */
  leaks?: LeakSet;
  report(span: Span, message: string, data?: ProblemData): void;
  /**
   * A value computed once per check of a file (e.g. the "did you mean"
   * suggester of a unit): `make` runs the first time `key` is asked for.
   */
  memo<T>(key: string, make: () => T): T;
  /**
   * Like `memo`, for a value that is a function of its key alone, kept
   * between checks (given for the files a rename re-checks: renamed and
   * back, the same suggesters answer again). Absent: use `memo`.
   */
  lasting?<T>(key: string, make: () => T): T;
  /**
   * The reference sites of files kept between checks (see `sitesOf`): given
   * for the files re-checked for other units' changes, which an edit of a
   * KR they name re-checks again and again.
   */
  keptSites?: KeptSites;
}

/** Each file's `refSites`, kept while the file's model lives (a new parse is a new object). */
export type KeptSites = WeakMap<UnitFile, readonly RefSite[]>;

export interface Rule {
  code: Code;
  severity: Severity;
  /** One line: when the rule fires (SARIF shortDescription, docs). */
  summary: string;
  /** What to do about it (SARIF help). */
  help: string;
  check(file: UnitFile, ctx: RuleContext): void;
}

/** A reference together with where it was written and what it must name. */
export interface RefSite {
  owner: KeyResult | Item;
  ref: Ref;
  field: 'supports' | 'depends_on';
  expects: 'kr' | 'item';
}

export function refSites(file: UnitFile): RefSite[] {
  const out: RefSite[] = [];
  for (const kr of file.krs) for (const ref of kr.supports) out.push({ owner: kr, ref, field: 'supports', expects: 'kr' });
  for (const it of file.items) {
    for (const ref of it.supports) out.push({ owner: it, ref, field: 'supports', expects: 'kr' });
    for (const ref of it.dependsOn) out.push({ owner: it, ref, field: 'depends_on', expects: 'item' });
  }
  return out;
}

/**
 * `refSites(file)` made once per check of the file, shared by the rules that
 * walk its references (a rename re-checks 70 files with four such rules each);
 * with `keptSites`, made once per parse of the file (building them was a third
 * of re-checking a renamed company KR's 69 dependants).
 */
export function sitesOf(file: UnitFile, ctx: Pick<RuleContext, 'memo' | 'keptSites'>): readonly RefSite[] {
  const kept = ctx.keptSites;
  if (!kept) return ctx.memo(`sites\0${file.file}`, () => refSites(file));
  let sites = kept.get(file);
  if (!sites) kept.set(file, (sites = refSites(file)));
  return sites;
}

export const KIND_NAME = { objective: 'an objective', kr: 'a key result', item: 'a roadmap item' } as const;

/** The display label of an entity: `KR1 "Cut drop-off"`. */
export function label(e: { id: string; title?: { value: string } }): string {
  return e.title ? `${e.id} "${e.title.value}"` : e.id;
}
