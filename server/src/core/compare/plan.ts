/**
 * One side of a comparison: a cascade with its findings. Built from file
 * texts (a file unchanged between the sides may be handed over as the same
 * parsed UnitFile, so it is parsed once), or borrowed from a live cascade.
 */
import { LeakTracker } from '../audience/tracker';
import { checkAll, checkFile, finish, type CheckOptions } from '../check';
import type { Coverage } from '../coverage';
import { CascadeIndex } from '../link';
import type { Problem, UnitFile } from '../model';
import { parseUnitFile } from '../parse';
import { today as clockToday } from '../period';
import type { Side } from './types';

export interface Plan {
  label: Side;
  /** Every file, sorted by key. */
  files: readonly UnitFile[];
  index: CascadeIndex;
  /** The findings of a file (severities and ignores applied), sorted by position. */
  findings(file: string): readonly Problem[];
  /** How a file key is shown in the output (a path relative to the current folder, a URI). */
  display(file: string): string;
  /** The coverage, when the side keeps it (a cascade compared again and again); else it is computed. */
  coverage?(): Coverage;
}

export type PlanFiles = ReadonlyMap<string, string | UnitFile> | Iterable<[string, string | UnitFile]>;

export interface PlanOptions extends CheckOptions {
  label: Side;
  display?: (file: string) => string;
  /** The findings of these very files with these options, known already (kept from an earlier run): the rules are not run. */
  checked?: ReadonlyMap<string, readonly Problem[]>;
  /**
   * Check only these files (see compare/reach.ts: the others' findings are the
   * same on the other side, so a comparison need not know them); the others
   * have none here.
   */
  only?: ReadonlySet<string>;
  /** The index of exactly these files, built already (compare/reach.ts reachAndIndex: either side's). */
  index?: CascadeIndex;
}

const byKey = (a: UnitFile, b: UnitFile) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/** Parses what is not parsed yet (a UnitFile must carry the key it is given under). */
export function parseFiles(files: PlanFiles): UnitFile[] {
  const out: UnitFile[] = [];
  for (const [key, f] of files) out.push(typeof f === 'string' || f.file !== key ? parseUnitFile(key, typeof f === 'string' ? f : f.text) : f);
  return out.sort(byKey);
}

/** A side checked from scratch. */
export function planOf(files: PlanFiles, options: PlanOptions): Plan {
  const parsed = parseFiles(files);
  const index = options.index ?? new CascadeIndex(parsed);
  const findings = options.checked ?? (options.only ? checkSomeOf(index, options.only, options) : checkAll(index, options));
  return { label: options.label, files: parsed, index, findings: (f) => findings.get(f) ?? [], display: options.display ?? ((f) => f) };
}

/** `checkAll` for the files of `keys` only: each checked against the whole cascade, as checkAll checks it. */
export function checkSome(index: CascadeIndex, keys: ReadonlySet<string>, options: CheckOptions = {}): Map<string, Problem[]> {
  const today = options.asOf ?? clockToday();
  const out = new Map<string, Problem[]>();
  const { leaks } = new LeakTracker('sync').forCheck(index, today, options);
  const memos = new Map<string, unknown>();
  for (const f of index.files) if (keys.has(f.file)) out.set(f.file, finish(f, checkFile(f, index, today, options.pace, leaks, undefined, memos), options.severities));
  return out;
}

/**
 * `checkSome` on an index; when its loops are not known yet (a fresh index,
 * or one whose walk never searched them), loops are searched only from the
 * links the checked files ask about (CascadeIndex.setScopedLoops, as while the
 * editor loads a cascade), not over the whole cascade: a diff checks a part of it.
 */
function checkSomeOf(index: CascadeIndex, keys: ReadonlySet<string>, options: CheckOptions): Map<string, Problem[]> {
  if (index.loopsKnown()) return checkSome(index, keys, options);
  index.setScopedLoops(true);
  try {
    return checkSome(index, keys, options);
  } finally {
    index.setScopedLoops(false);
  }
}

/** The plan with these findings (files not in the map have none). */
export function withFindings(plan: Plan, findings: ReadonlyMap<string, readonly Problem[]>): Plan {
  return { ...plan, findings: (f) => findings.get(f) ?? [] };
}
