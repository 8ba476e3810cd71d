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
import { fileCoverage } from './coverage';
import { addFilesDeclaring, loopChanges, ownersSeeing, relinkReach, type IdChange, type RefsKept } from './dependants';
import { keepSame, mergeSorted, optionsKey, sameOptions, sameProblems } from './findings-diff';
import { paceDependents, paceSignature } from './history/dependents';
import { CascadeIndex } from './link';
import { linkSignature } from './signatures';
import type { Code, Item, KeyResult, Problem, Span, UnitFile } from './model';
import type { KeptSites } from './rules/types';
import { parseUnitFile } from './parse';
import { today as clockToday } from './period';
import { TotalsKeeper, type Totals } from './totals';

export type { Totals } from './totals';

/**
 * Findings that a file not read yet could retract (the unit it names, a
 * supporter of a KR): held back while the cascade is loading, so an open
 * editor never flashes an error that indexing then takes away.
 */
export const PROVISIONAL_CODES: ReadonlySet<Code> = new Set<Code>(['unknown-unit', 'kr-without-roadmap']);

export class Cascade {
  private readonly files = new Map<string, UnitFile>();
  private readonly findings = new Map<string, Problem[]>();
  private readonly totalsKeeper = new TotalsKeeper();
  /** The line starts each file's findings were published with: a finding whose offsets stay may still move lines. */
  private readonly findingLines = new Map<string, number[]>();
  private linked?: CascadeIndex;
  /** The audience leak scan (core/audience/tracker.ts), kept between checks. */
  private readonly leaks: LeakTracker;
  private loading = false;
  /**
   * The reference sites of the files re-checked for other units' changes
   * (rules/types.ts sitesOf), kept until the file is parsed again: renaming
   * a company KR back and forth re-checks the same 69 dependants each time.
   */
  private readonly keptSites: KeptSites = new WeakMap();
  /** The references of the files asked which of their KRs and items see another unit's renamed ids (see ownersSeeing), kept until the file is parsed again. */
  private readonly keptRefs: RefsKept = new WeakMap();
  /** What the reference rules keep between the re-checks of a rename (RuleContext.lasting: suggesters by candidate list), at most LASTING entries. */
  private readonly lasting = new Map<string, unknown>();
  /** The `announce` of the `update` under way (see there). */
  private announce?: (file: string) => void;
  /**
   * Files re-checked whose coverage counts are still to be worked out: done
   * when the totals are read, after an edit's diagnostics are written (see
   * `totals`), not while its dependants are re-checked.
   */
  private readonly coverageDue = new Set<string>();
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

  /**
   * Re-parses one file from its text (or takes its model, parsed with the
   * same limits); answers the files whose findings changed. `announce`
   * (once loaded): called with each of them as soon as it is known, the
   * edited file first, while the files after it are still being checked (a
   * company KR renamed re-checks 70 files): an editor can send the edited
   * file's findings at once.
   */
  update(file: string, text: string, parsed?: UnitFile, announce?: (file: string) => void): Set<string> {
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
    this.announce = announce;
    try {
      if (prev && this.linked && linkSignature(prev) === linkSignature(next)) {
        // A title, a hypothesis, a comment: no other file can see it. Numbers and periods reach the KRs above and below.
        this.linked.update(prev, next);
        if (paceSignature(prev) === paceSignature(next)) return this.recheck([next]);
        const supporters = new Set<string>();
        const files = new Set([next.file, ...paceDependents(this.linked, next, prev, supporters)]);
        const referencesOnly = new Set([...supporters].filter((f) => !files.has(f)));
        return this.recheckKeys([...files, ...referencesOnly], referencesOnly, file);
      }
      return this.relink(prev, next, file);
    } finally {
      this.announce = undefined;
    }
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
    this.totalsKeeper.forget(file);
    this.coverageDue.delete(file);
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

  /**
   * Findings by severity and coverage counts over every file: kept per file,
   * O(1) to read but for the coverage of the files re-checked since the last
   * read. Worked out now, against the index as it is: a file's coverage reads
   * what makes the cascade re-check it (see fileCoverage), so a file not
   * re-checked since still counts what it counted then.
   */
  totals(): Totals {
    if (this.coverageDue.size) {
      const index = this.index;
      for (const key of this.coverageDue) {
        const f = this.files.get(key);
        if (f) this.totalsKeeper.cover(key, fileCoverage(index, f));
      }
      this.coverageDue.clear();
    }
    return this.totalsKeeper.read(this.files.size);
  }

  /** How many files had their rules run since the last call (a measure of an edit's cost, for tests). */
  takeWork(): number {
    const w = this.work;
    this.work = 0;
    return w;
  }

  /** The links changed: updates the index for this one file and re-checks the files that can see the difference (see `relinkReach`). */
  private relink(prev: UnitFile | undefined, next: UnitFile | undefined, first?: string): Set<string> {
    const index = this.linked;
    if (!index) return this.recheck(this.index.files); // the first build
    // `seeing` not narrowed here: each file is asked as its turn comes (see `recheck`), so the edited file is checked and announced first.
    const reach = relinkReach(index, prev, next, (key) => this.files.get(key), true);
    if (reach.all) return this.recheck(index.files);
    const { affected, seeing } = reach;
    for (const key of loopChanges(reach.loopsBefore, index.loopMembers())) addFilesDeclaring(index, key, affected, [prev, next]);
    const referencesOnly = new Set([...seeing].filter((f) => !affected.has(f)));
    return this.recheckKeys([...affected, ...referencesOnly], referencesOnly, first, reach.scope);
  }

  /**
   * Re-checks the files of these keys, `first` (the edited file) first, then
   * in key order (findings do not depend on the order: what a rule works out
   * from the index alone is the same whichever file asks first); `referencesOnly`, `scope`: see `recheck`.
   */
  private recheckKeys(keys: Iterable<string>, referencesOnly?: ReadonlySet<string>, first?: string, scope?: IdChange): Set<string> {
    const files: UnitFile[] = [];
    const sorted = [...keys].sort();
    const at = first === undefined ? -1 : sorted.indexOf(first);
    if (at > 0) sorted.unshift(...sorted.splice(at, 1));
    for (const key of sorted) {
      const f = this.files.get(key);
      if (f) files.push(f);
    }
    return this.recheck(files, true, referencesOnly, scope);
  }

  /**
   * Re-runs the rules over `files`, keeps their totals, and answers those
   * whose findings differ (`scan`: look for audience leaks too). The files of
   * `referencesOnly` re-run only the reference rules (REFERENCE_CODES) and
   * keep the rest of what they found: another unit's ids changed, nothing of theirs.
   * With `scope` (which ids of which unit changed), only for their KRs and
   * items that can see it (see ownersSeeing), and not at all for a file
   * where none can.
   */
  private recheck(files: readonly UnitFile[], scan = true, referencesOnly?: ReadonlySet<string>, scope?: IdChange): Set<string> {
    const index = this.index;
    const today = this.options.asOf ?? clockToday();
    const changed = new Set<string>();
    // Leaks are found over the whole cascade: a file whose leaks changed is re-checked too.
    const { leaks, changed: leakFiles } = scan ? this.leaks.forCheck(index, today, this.options) : { leaks: this.leaks.last, changed: new Set<string>() };
    if (leakFiles.size) {
      const named = new Set(files.map((f) => f.file));
      files = [...files, ...index.files.filter((f) => leakFiles.has(f.file) && !named.has(f.file))];
    }
    const memos = new Map<string, unknown>(); // the index stays as it is during this pass
    for (const f of files) {
      const refsFile = !!referencesOnly?.has(f.file) && !leakFiles.has(f.file) && !this.loading;
      // Only ids of another unit changed: none of its KRs and items seeing them, nothing of the file can change.
      const owners = refsFile && scope ? ownersSeeing(index, f, scope, this.keptRefs) : undefined;
      if (owners?.size === 0) continue;
      this.work++;
      const prev = this.findings.get(f.file);
      const refsOnly = !!prev && refsFile;
      let next = refsOnly && owners ? this.recheckOwners(f, prev!, owners, today, leaks, memos) : undefined;
      const partial = refsOnly && !next ? checkFile(f, index, today, this.options.pace, leaks, 'references', memos, this.keptSites) : undefined;
      next ??= partial
        ? prev!.filter((p) => !REFERENCE_CODES.has(p.code)).concat(finish(f, partial, this.options.severities)).sort(byPosition)
        : finish(f, checkFile(f, index, today, this.options.pace, leaks, undefined, memos), this.options.severities);
      if (this.loading) next = next.filter((p) => !PROVISIONAL_CODES.has(p.code));
      // The findings found again stay the same objects (an editor keeps their diagnostics' JSON).
      if (prev) keepSame(prev, next);
      const differs = !prev || !sameProblems(prev, next, this.findingLines.get(f.file) ?? f.lineStarts, f.lineStarts);
      if (differs) {
        this.findings.set(f.file, next);
        changed.add(f.file);
      }
      this.findingLines.set(f.file, f.lineStarts);
      if (differs && !this.loading) this.announce?.(f.file);
      this.totalsKeeper.count(f.file, next);
      this.coverageDue.add(f.file);
    }
    return changed;
  }

  /**
   * A file re-checked only because ids of another unit changed: the
   * reference rules run over `owners`, its KRs and items that can see the
   * change (see ownersSeeing), and every other finding is kept, the merged list in
   * position order as a whole re-check of its references gives. Undefined
   * when a finding cannot be told to one KR or item: the caller re-checks them all.
   */
  private recheckOwners(f: UnitFile, prev: Problem[], owners: ReadonlySet<KeyResult | Item>, today: NonNullable<CheckOptions['asOf']>, leaks: Parameters<typeof checkFile>[4], memos: Map<string, unknown>): Problem[] | undefined {
    const chosen = [...owners];
    const within = (span: Span, list: readonly (KeyResult | Item)[]) => list.some((o) => o.span[0] <= span[0] && span[1] <= o.span[1]);
    const onParent = (span: Span) => !!f.parent && span[0] === f.parent.span[0] && span[1] === f.parent.span[1];
    const kept: Problem[] = [];
    for (const p of prev) {
      if (!REFERENCE_CODES.has(p.code)) kept.push(p);
      else if (within(p.span, chosen)) continue;
      // A reference finding outside every KR and item is the file's own (its parent): kept, it cannot see another unit's ids.
      else if (onParent(p.span) || within(p.span, f.krs) || within(p.span, f.items)) kept.push(p);
      else return undefined;
    }
    if (!chosen.length) return kept;
    const view: UnitFile = { ...f, krs: f.krs.filter((k) => owners.has(k)), items: f.items.filter((i) => owners.has(i)) };
    if (this.lasting.size > LASTING) this.lasting.clear();
    const found = checkFile(view, this.index, today, this.options.pace, leaks, 'references', memos, undefined, this.lasting);
    if (!found) return undefined;
    const fresh: Problem[] = [];
    for (const p of finish(f, found, this.options.severities)) {
      if (within(p.span, chosen)) fresh.push(p);
      else if (!onParent(p.span)) return undefined;
    }
    return mergeSorted(kept, fresh);
  }
}

/** At most this many values kept between re-checks (Cascade.lasting): a rename and its undo need a handful. */
const LASTING = 64;

const byFileKey = (a: UnitFile, b: UnitFile) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
