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
}

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
 * walk its references (a rename re-checks 70 files with four such rules each).
 */
export function sitesOf(file: UnitFile, ctx: Pick<RuleContext, 'memo'>): readonly RefSite[] {
  return ctx.memo(`sites\0${file.file}`, () => refSites(file));
}

export const KIND_NAME = { objective: 'an objective', kr: 'a key result', item: 'a roadmap item' } as const;

/** The display label of an entity: `KR1 "Cut drop-off"`. */
export function label(e: { id: string; title?: { value: string } }): string {
  return e.title ? `${e.id} "${e.title.value}"` : e.id;
}
