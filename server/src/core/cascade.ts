/**
 * The workspace model the language server and the CLI sit on: files → units →
 * ids → references, with findings kept per file. `update(file, text)` re-parses
 * one file, re-links only when its links changed, re-runs the rules only for
 * the files that can see the change, and answers the files whose findings
 * changed, so an editor re-publishes only those. The totals (findings by
 * severity, traceability coverage) are kept per file too, so they cost what
 * changed, never a pass over the cascade.
 *
 * Loading a large workspace: `beginLoad`, then `add` parsed files in slices
 * (nothing is checked), `update` the open files as usual (they are checked
 * against what is loaded so far, holding back the findings a file not yet
 * read could retract), then `finishLoad` checks everything once.
 */
import type { LeakSet } from './audience/leaks';
import type { ScanPass } from './audience/scanner';
import { LeakTracker, type LeakMode } from './audience/tracker';
import { byPosition, checkFile, finish, REFERENCE_CODES, type CheckOptions } from './check';
import { fileCoverage, type FileCoverage } from './coverage';
import { paceDependents, paceSignature } from './history/dependents';
import { CascadeIndex } from './link';
import { declarationSignature, linkSignature } from './signatures';
import type { Code, Problem, UnitFile } from './model';
import { parseUnitFile } from './parse';
import { today as clockToday } from './period';
import { positionAt } from './text';

/** Totals over the whole cascade, kept up to date per file. */
export interface Totals {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  /** KRs of primary unit files, and those supported from below. */
  krs: { total: number; supported: number };
  /** Roadmap items of primary unit files, and those linked to a KR. */
  items: { total: number; linked: number };
}

interface FileStats {
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  coverage?: FileCoverage;
}

/**
 * Findings that a file not read yet could retract (the unit it names, a
 * supporter of a KR): held back while the cascade is loading, so an open
 * editor never flashes an error that indexing then takes away.
 */
export const PROVISIONAL_CODES: ReadonlySet<Code> = new Set<Code>(['unknown-unit', 'kr-without-roadmap']);

export class Cascade {
  private readonly files = new Map<string, UnitFile>();
  private readonly findings = new Map<string, Problem[]>();
  private readonly stats = new Map<string, FileStats>();
  private readonly sums: Totals = emptyTotals();
  /** The line starts each file's findings were published with: a finding whose offsets stay may still move lines. */
  private readonly findingLines = new Map<string, number[]>();
  private linked?: CascadeIndex;
  /** The audience leak scan (core/audience/tracker.ts), kept between checks. */
  private readonly leaks: LeakTracker;
  private loading = false;
  /** Files whose rules ran since the counter was read: the work an edit cost (see `takeWork`). */
  private work = 0;

  /** `leakMode`: `deferred` when the caller scans for audience leaks itself, in steps (see `beginLeakScan`). */
  constructor(private options: CheckOptions = {}, leakMode: LeakMode = 'sync') {
    this.leaks = new LeakTracker(leakMode);
  }

  /** Deferred leak mode: a scan of the cascade as it is now, to step between edits; undefined when none is wanted. */
  beginLeakScan(): ScanPass | undefined {
    return this.leaks.begin(this.index, this.options.asOf ?? clockToday(), this.options);
  }

  /** Deferred leak mode: applies a finished scan (stepped with no edit in between); answers the files whose findings changed. */
  applyLeaks(set: LeakSet | undefined): Set<string> {
    const files = this.leaks.apply(set);
    return files.size ? this.recheck(this.index.files.filter((f) => files.has(f.file)), false) : new Set();
  }

  /** Changes severities, "today", pace thresholds or the limits; answers the files whose findings changed. Same options: nothing to do. */
  configure(options: CheckOptions): Set<string> {
    if (sameOptions(this.options, options)) return new Set();
    const reparse = JSON.stringify(options.limits) !== JSON.stringify(this.options.limits);
    this.options = options;
    if (reparse) {
      for (const [file, f] of this.files) this.files.set(file, parseUnitFile(file, f.text, { limits: options.limits }));
      this.linked = undefined;
    }
    if (!this.loading) return this.recheck(this.index.files);
    // Loading: only the files checked early (open in an editor) have findings to redo.
    return this.recheck([...this.findings.keys()].map((k) => this.files.get(k)).filter((f): f is UnitFile => !!f));
  }

  /** The options as one string: equal strings check alike ("today" included, the clock's when no `asOf`). */
  optionsKey(): string {
    return optionsKey({ ...this.options, asOf: this.options.asOf ?? clockToday() });
  }

  /**
   * While loading: takes findings known to be right for these files (a cache
   * made from the same texts and options), so that checking them at the end
   * reports only what differs. A file not loaded yet is fine: its findings wait.
   */
  seed(findings: ReadonlyMap<string, Problem[]>): void {
    if (!this.loading) throw new Error('Cascade.seed is for loading');
    for (const [file, problems] of findings) {
      this.findings.set(file, problems);
      this.findingLines.delete(file);
    }
  }

  /** Every file's findings, by file key. */
  allProblems(): IterableIterator<[string, Problem[]]> {
    return this.findings.entries();
  }

  /** The options files are checked with (the limits they must be parsed with). */
  get checkOptions(): CheckOptions {
    return this.options;
  }

  /** Re-parses one file from its text (or takes its model, parsed with the same limits); answers the files whose findings changed. */
  update(file: string, text: string, parsed?: UnitFile): Set<string> {
    const prev = this.files.get(file);
    if (prev && prev.text === text) return new Set();
    const next = parsed ?? parseUnitFile(file, text, { limits: this.options.limits });
    if (this.loading) {
      const index = this.index; // built (if need be) before the file is in
      this.files.set(file, next);
      index.update(prev, next);
      return this.recheck([next]);
    }
    this.files.set(file, next);
    if (prev && this.linked && linkSignature(prev) === linkSignature(next)) {
      // A title, a hypothesis, a comment: no other file can see it. Numbers and periods reach the KRs above and below.
      this.linked.update(prev, next);
      if (paceSignature(prev) === paceSignature(next)) return this.recheck([next]);
      const supporters = new Set<string>();
      const files = new Set([next.file, ...paceDependents(this.linked, next, prev, supporters)]);
      const referencesOnly = new Set([...supporters].filter((f) => !files.has(f)));
      return this.recheckKeys([...files, ...referencesOnly], referencesOnly);
    }
    return this.relink(prev, next);
  }

  /** Forgets a file (deleted); answers the files whose findings changed, itself included. */
  remove(file: string): Set<string> {
    const prev = this.files.get(file);
    if (!prev) return new Set();
    let changed = new Set<string>();
    if (this.loading) {
      const index = this.index;
      this.files.delete(file);
      index.update(prev, undefined);
    } else {
      this.files.delete(file);
      changed = this.relink(prev, undefined);
    }
    this.forget(file);
    this.findingLines.delete(file);
    if (this.findings.delete(file)) changed.add(file);
    return changed;
  }

  /** Adds many files at once (indexing a workspace): one check at the end. `parse`: e.g. through a cache (with the same limits). */
  load(entries: Iterable<[file: string, text: string]>, parse: (file: string, text: string) => UnitFile = (file, text) => parseUnitFile(file, text, { limits: this.options.limits })): void {
    this.beginLoad();
    this.add([...entries].map(([file, text]) => parse(file, text)));
    this.finishLoad();
  }

  /** Starts loading: files are added without checking until `finishLoad`. */
  beginLoad(): void {
    this.loading = true;
  }

  get isLoading(): boolean {
    return this.loading;
  }

  /** Adds parsed files while loading (a file already present, e.g. open in an editor, is kept as it is). */
  add(parsed: readonly UnitFile[]): void {
    if (!this.loading) throw new Error('Cascade.add is for loading; use update');
    if (!this.linked) {
      // Nothing linked yet: the index is built in one go when first asked for.
      for (const f of parsed) if (!this.files.has(f.file)) this.files.set(f.file, f);
      return;
    }
    for (const f of parsed) {
      if (this.files.has(f.file)) continue;
      this.files.set(f.file, f);
      this.linked.update(undefined, f);
    }
  }

  /**
   * Ends loading: every file is checked against the whole cascade. Answers
   * the files whose findings differ from what was known (all of them, but
   * for open files already checked with the same result).
   */
  finishLoad(): Set<string> {
    this.loading = false;
    // Loops are searched once over the whole cascade rather than kept up file by file.
    this.linked?.setScopedLoops(false);
    const changed = this.recheck(this.index.files);
    // Seeded findings of a file that never loaded (unreadable since): cleared.
    for (const file of [...this.findings.keys()]) {
      if (this.files.has(file)) continue;
      this.findings.delete(file);
      changed.add(file);
    }
    return changed;
  }

  get index(): CascadeIndex {
    if (!this.linked) {
      this.linked = new CascadeIndex([...this.files.values()].sort(byFileKey));
      if (this.loading) this.linked.setScopedLoops(true);
    }
    return this.linked;
  }

  file(file: string): UnitFile | undefined {
    return this.files.get(file);
  }

  /** Every file, sorted by key. */
  all(): UnitFile[] {
    return this.index.files.slice();
  }

  /** How many files the cascade holds. */
  get size(): number {
    return this.files.size;
  }

  problems(file: string): Problem[] {
    return this.findings.get(file) ?? [];
  }

  /** Findings by severity and coverage counts over every file: kept per file, O(1) to read. */
  totals(): Totals {
    return { ...this.sums, files: this.files.size, krs: { ...this.sums.krs }, items: { ...this.sums.items } };
  }

  /** How many files had their rules run since the last call (a measure of an edit's cost, for tests). */
  takeWork(): number {
    const w = this.work;
    this.work = 0;
    return w;
  }

  /**
   * The links changed: update the index for this one file and re-check the
   * files that can see the difference. Its references: the files of the
   * units whose KRs gain or lose a supporter. Its declarations (unit, parent,
   * ids, horizons): the files of its unit, of the units below it (they see
   * its KRs, in suggestions) and those naming it, and the units on its parent
   * chain before and after (a loop of parents). Either way, the files on
   * loops that changed. A new or vanished unit id can change suggestions
   * anywhere, so that re-checks all.
   */
  private relink(prev: UnitFile | undefined, next: UnitFile | undefined): Set<string> {
    const index = this.linked;
    if (!index) return this.recheck(this.index.files); // the first build
    const affected = new Set<string>(next ? [next.file] : []);
    const before = prev ? supportedNames(prev) : new Set<string>();
    const after = next ? supportedNames(next) : new Set<string>();
    for (const name of [...before].filter((n) => !after.has(n)).concat([...after].filter((n) => !before.has(n)))) {
      index.units.get(name.slice(0, name.indexOf('/')))?.files.forEach((f) => affected.add(f.file));
    }
    const loopsBefore = index.loopMembers();
    // The files of the KRs that support this file's KRs see only how their references resolve (see paceDependents).
    const seeing = new Set<string>();
    if (prev && next && declarationSignature(prev) === declarationSignature(next)) {
      paceDependents(index, prev, next, seeing).forEach((f) => affected.add(f));
      index.update(prev, next);
      paceDependents(index, next, prev, seeing).forEach((f) => affected.add(f));
      return this.recheckWithLoops(index, loopsBefore, affected, prev, next, seeing);
    }
    const own = new Set([prev?.unitId?.value, next?.unitId?.value].filter((u): u is string => u !== undefined));
    // So do the files below the unit and those naming it.
    const collect = () => {
      for (const u of own) {
        const info = index.units.get(u);
        info?.files.forEach((f) => affected.add(f.file));
        info?.children.forEach((c) => c.files.forEach((f) => seeing.add(f.file)));
        index.referrers.get(u)?.forEach((f) => seeing.add(f));
        const seen = new Set<string>();
        for (let p = index.parentOf(u); p && !seen.has(p.id); p = index.parentOf(p.id)) {
          seen.add(p.id);
          p.files.forEach((x) => affected.add(x.file));
        }
      }
    };
    collect();
    if (prev) paceDependents(index, prev, next, seeing).forEach((f) => affected.add(f));
    index.update(prev, next);
    collect();
    if (next) paceDependents(index, next, prev, seeing).forEach((f) => affected.add(f));
    if (prev?.unitId?.value !== next?.unitId?.value) return this.recheck(index.files);
    return this.recheckWithLoops(index, loopsBefore, affected, prev, next, seeing);
  }

  /** Adds the files of entities whose loop changed, then re-checks the affected files in key order. */
  private recheckWithLoops(index: CascadeIndex, loopsBefore: Map<string, number>, affected: Set<string>, prev: UnitFile | undefined, next: UnitFile | undefined, seeing = new Set<string>()): Set<string> {
    const before = loopMates(loopsBefore);
    const after = loopMates(index.loopMembers());
    // Loop ids are renumbered when searched again: compare who shares a loop, not the numbers.
    for (const key of new Set([...before.keys(), ...after.keys()])) if (before.get(key) !== after.get(key)) this.addFileOf(key, affected, [prev, next]);
    const referencesOnly = new Set([...seeing].filter((f) => !affected.has(f)));
    return this.recheckKeys([...affected, ...referencesOnly], referencesOnly);
  }

  /** Re-checks the files of these keys, in key order (what a full check would do for them); `referencesOnly`: see `recheck`. */
  private recheckKeys(keys: Iterable<string>, referencesOnly?: ReadonlySet<string>): Set<string> {
    const files: UnitFile[] = [];
    for (const key of [...keys].sort()) {
      const f = this.files.get(key);
      if (f) files.push(f);
    }
    return this.recheck(files, true, referencesOnly);
  }

  /** Adds every file that declares the entity `unit/ID` (a duplicate unit's files share its keys, hence its loops). */
  private addFileOf(key: string, out: Set<string>, also: (UnitFile | undefined)[]): void {
    const slash = key.indexOf('/');
    const id = key.slice(slash + 1);
    const declares = (f: UnitFile) => f.krs.some((x) => x.id === id) || f.items.some((x) => x.id === id);
    for (const f of this.index.units.get(key.slice(0, slash))?.files ?? []) if (declares(f)) out.add(f.file);
    for (const f of also) if (f && [...f.krs, ...f.items].some((x) => `${x.unit}/${x.id}` === key)) out.add(f.file);
  }

  /**
   * Re-runs the rules over `files`, keeps their totals, and answers those
   * whose findings differ (`scan`: look for audience leaks too). The files of
   * `referencesOnly` re-run only the reference rules (REFERENCE_CODES) and
   * keep the rest of what they found: another unit's ids changed, nothing of theirs.
   */
  private recheck(files: readonly UnitFile[], scan = true, referencesOnly?: ReadonlySet<string>): Set<string> {
    const index = this.index;
    const today = this.options.asOf ?? clockToday();
    const changed = new Set<string>();
    // Leaks are found over the whole cascade: a file whose leaks changed is re-checked too.
    const { leaks, changed: leakFiles } = scan ? this.leaks.forCheck(index, today, this.options) : { leaks: this.leaks.last, changed: new Set<string>() };
    if (leakFiles.size) {
      const named = new Set(files.map((f) => f.file));
      files = [...files, ...index.files.filter((f) => leakFiles.has(f.file) && !named.has(f.file))];
    }
    for (const f of files) {
      this.work++;
      const prev = this.findings.get(f.file);
      const partial = prev && referencesOnly?.has(f.file) && !leakFiles.has(f.file) && !this.loading ? checkFile(f, index, today, this.options.pace, leaks, 'references') : undefined;
      let next = partial
        ? prev!.filter((p) => !REFERENCE_CODES.has(p.code)).concat(finish(f, partial, this.options.severities)).sort(byPosition)
        : finish(f, checkFile(f, index, today, this.options.pace, leaks), this.options.severities);
      if (this.loading) next = next.filter((p) => !PROVISIONAL_CODES.has(p.code));
      if (!prev || !sameProblems(prev, next, this.findingLines.get(f.file) ?? f.lineStarts, f.lineStarts)) {
        this.findings.set(f.file, next);
        changed.add(f.file);
      }
      this.findingLines.set(f.file, f.lineStarts);
      this.count(f.file, next, fileCoverage(index, f));
    }
    return changed;
  }

  /** Replaces a file's share of the totals. */
  private count(file: string, problems: Problem[], coverage: FileCoverage | undefined): void {
    this.forget(file);
    const s: FileStats = { errors: 0, warnings: 0, infos: 0, hints: 0, coverage };
    for (const p of problems) {
      if (p.severity === 'error') s.errors++;
      else if (p.severity === 'warning') s.warnings++;
      else if (p.severity === 'info') s.infos++;
      else s.hints++;
    }
    this.stats.set(file, s);
    this.apply(s, 1);
  }

  private forget(file: string): void {
    const s = this.stats.get(file);
    if (!s) return;
    this.apply(s, -1);
    this.stats.delete(file);
  }

  private apply(s: FileStats, sign: 1 | -1): void {
    const t = this.sums;
    t.errors += sign * s.errors;
    t.warnings += sign * s.warnings;
    t.infos += sign * s.infos;
    t.hints += sign * s.hints;
    if (s.coverage) {
      t.krs.total += sign * s.coverage.krs;
      t.krs.supported += sign * s.coverage.supportedKrs;
      t.items.total += sign * s.coverage.items;
      t.items.linked += sign * s.coverage.linkedItems;
    }
  }
}

/** `unit/ID` of every KR the file's KRs and items say they support (same-unit ids completed). */
function supportedNames(f: UnitFile): Set<string> {
  const from = f.unitId?.value ?? '';
  const out = new Set<string>();
  for (const e of [...f.krs, ...f.items]) for (const r of e.supports) out.add(`${r.unit ?? from}/${r.id}`);
  return out;
}

function emptyTotals(): Totals {
  return { files: 0, errors: 0, warnings: 0, infos: 0, hints: 0, krs: { total: 0, supported: 0 }, items: { total: 0, linked: 0 } };
}

const byFileKey = (a: UnitFile, b: UnitFile) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

function optionsKey(o: CheckOptions): string {
  const day = o.asOf ? `${o.asOf.y}-${o.asOf.m}-${o.asOf.d}` : '';
  const sev = JSON.stringify(Object.entries(o.severities ?? {}).filter(([, v]) => v !== undefined).sort());
  return `${day}\n${sev}\n${JSON.stringify([o.limits ?? null, o.pace ?? null, o.audiences ?? null])}`;
}

function sameOptions(a: CheckOptions, b: CheckOptions): boolean {
  return optionsKey(a) === optionsKey(b);
}

/** Entity key → the sorted keys of its loop (a canonical form, whatever the loop ids). */
function loopMates(loops: Map<string, number>): Map<string, string> {
  const byLoop = new Map<number, string[]>();
  for (const [key, id] of loops) {
    const list = byLoop.get(id);
    if (list) list.push(key);
    else byLoop.set(id, [key]);
  }
  const out = new Map<string, string>();
  for (const keys of byLoop.values()) {
    const mates = keys.sort().join('\n');
    for (const k of keys) out.set(k, mates);
  }
  return out;
}

/** Same findings at the same ranges: offsets alone are not enough, an edit of line breaks moves lines and characters. */
function sameProblems(a: Problem[], b: Problem[], aLines: number[], bLines: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.code !== y.code || x.severity !== y.severity || x.message !== y.message || x.span[0] !== y.span[0] || x.span[1] !== y.span[1]) return false;
    if (JSON.stringify(x.data) !== JSON.stringify(y.data)) return false;
    if (aLines !== bLines && (!samePosition(aLines, bLines, x.span[0]) || !samePosition(aLines, bLines, x.span[1]))) return false;
  }
  return true;
}

function samePosition(aLines: number[], bLines: number[], offset: number): boolean {
  const a = positionAt(aLines, offset);
  const b = positionAt(bLines, offset);
  return a.line === b.line && a.character === b.character;
}
