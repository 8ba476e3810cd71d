/**
 * The workspace model the language server and the CLI sit on: files → units →
 * ids → references, with findings kept per file. `update(file, text)` re-parses
 * one file and answers the set of files whose findings changed, so an editor
 * re-publishes only those.
 */
import { checkFile, finish, type CheckOptions } from './check';
import { CascadeIndex } from './link';
import type { Problem, UnitFile } from './model';
import { parseUnitFile } from './parse';
import { today as clockToday } from './period';

export class Cascade {
  private readonly files = new Map<string, UnitFile>();
  private readonly findings = new Map<string, Problem[]>();
  private linked?: CascadeIndex;

  constructor(private options: CheckOptions = {}) {}

  /** Changes severities or "today"; answers the files whose findings changed. */
  configure(options: CheckOptions): Set<string> {
    this.options = options;
    return this.recheck();
  }

  /** Re-parses one file from its text; answers the files whose findings changed. */
  update(file: string, text: string): Set<string> {
    const old = this.files.get(file);
    if (old && old.text === text) return new Set();
    this.files.set(file, parseUnitFile(file, text));
    this.linked = undefined;
    return this.recheck();
  }

  /** Forgets a file (deleted); answers the files whose findings changed, itself included. */
  remove(file: string): Set<string> {
    if (!this.files.delete(file)) return new Set();
    this.linked = undefined;
    const changed = this.recheck();
    if (this.findings.delete(file)) changed.add(file);
    return changed;
  }

  /** Adds many files at once (indexing a workspace): one recheck at the end. */
  load(entries: Iterable<[file: string, text: string]>): void {
    for (const [file, text] of entries) this.files.set(file, parseUnitFile(file, text));
    this.linked = undefined;
    this.recheck();
  }

  get index(): CascadeIndex {
    return (this.linked ??= new CascadeIndex([...this.files.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))));
  }

  file(file: string): UnitFile | undefined {
    return this.files.get(file);
  }

  /** Every file, sorted by key. */
  all(): UnitFile[] {
    return this.index.files.slice();
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  problems(file: string): Problem[] {
    return this.findings.get(file) ?? [];
  }

  /** Re-runs the rules over every file and answers those whose findings differ. */
  private recheck(): Set<string> {
    const index = this.index;
    const today = this.options.asOf ?? clockToday();
    const changed = new Set<string>();
    for (const f of index.files) {
      const next = finish(f, checkFile(f, index, today), this.options.severities);
      const prev = this.findings.get(f.file);
      if (!prev || !sameProblems(prev, next)) {
        this.findings.set(f.file, next);
        changed.add(f.file);
      }
    }
    return changed;
  }
}

function sameProblems(a: Problem[], b: Problem[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.code !== y.code || x.severity !== y.severity || x.message !== y.message || x.span[0] !== y.span[0] || x.span[1] !== y.span[1]) return false;
    if (JSON.stringify(x.data) !== JSON.stringify(y.data)) return false;
  }
  return true;
}
