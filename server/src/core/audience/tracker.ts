/**
 * The leaks a Cascade reports (`audience-leak`), kept between checks. Two modes:
 *
 * - `sync` (the CLI): every check scans (incrementally: only the roadmaps made
 *   from changed files are rendered again);
 * - `deferred` (the language server): a check uses the last scan applied, and
 *   the caller runs scans in steps between edits (`begin`, then `apply`), so
 *   typing never waits for every export of every audience to be rendered.
 *
 * Either way, the files whose leak findings changed are re-checked too.
 */
import type { CheckOptions } from '../check';
import type { CascadeIndex } from '../link';
import type { Day } from '../period';
import type { LeakSet } from './leaks';
import { AudienceScanner, type ScanPass } from './scanner';

export type LeakMode = 'sync' | 'deferred';

export class LeakTracker {
  private readonly scanner = new AudienceScanner();
  private current?: LeakSet;
  /** The leak findings of each file at the last check, as LeakSet signatures. */
  private signatures = new Map<string, string>();

  constructor(readonly mode: LeakMode = 'sync') {}

  /** The leaks the last check or applied scan found. */
  get last(): LeakSet | undefined {
    return this.current;
  }

  /** True when the options ask for a scan: audiences configured and `audience-leak` not off. */
  static wanted(options: CheckOptions): boolean {
    return !!options.audiences?.length && options.severities?.['audience-leak'] !== 'off';
  }

  /** The leaks to check with, and the files (beyond those being checked) whose leak findings changed. */
  forCheck(index: CascadeIndex, today: Day, options: CheckOptions): { leaks?: LeakSet; changed: Set<string> } {
    if (!LeakTracker.wanted(options)) this.current = undefined;
    else if (this.mode === 'sync') {
      this.scanner.configure(options.audiences!, today, options.pace);
      this.current = this.scanner.run(index);
    }
    return { leaks: this.current, changed: this.changedFiles(this.current) };
  }

  /** Deferred mode: a scan of the cascade as it is now, to step; undefined when no scan is wanted. */
  begin(index: CascadeIndex, today: Day, options: CheckOptions): ScanPass | undefined {
    if (!LeakTracker.wanted(options)) return undefined;
    this.scanner.configure(options.audiences!, today, options.pace);
    const pass = this.scanner.begin(index);
    if (options.limits) pass.limits = options.limits;
    return pass;
  }

  /** Deferred mode: the result of a finished scan becomes the leaks checks use; answers the files whose leak findings change. */
  apply(set: LeakSet | undefined): Set<string> {
    this.current = set;
    return this.changedFiles(set);
  }

  private changedFiles(set: LeakSet | undefined): Set<string> {
    const next = new Map([...(set?.byFile.keys() ?? [])].map((file) => [file, set!.signature(file)]));
    const changed = new Set([...next.keys(), ...this.signatures.keys()].filter((file) => next.get(file) !== this.signatures.get(file)));
    this.signatures = next;
    return changed;
  }
}
