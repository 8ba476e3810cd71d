/**
 * The workspace model the language server and the CLI sit on: files → units →
 * ids → references, with findings kept per file. `update(file, text)` re-parses
 * one file, re-links only when its links changed, re-runs the rules only for
 * the files that can see the change, and answers the files whose findings
 * changed, so an editor re-publishes only those.
 */
import { checkFile, finish, type CheckOptions } from './check';
import { paceDependents, paceSignature } from './history/dependents';
import { CascadeIndex, linkSignature } from './link';
import type { Problem, UnitFile } from './model';
import { parseUnitFile } from './parse';
import { today as clockToday } from './period';
import { positionAt } from './text';

export class Cascade {
  private readonly files = new Map<string, UnitFile>();
  private readonly findings = new Map<string, Problem[]>();
  /** The line starts each file's findings were published with: a finding whose offsets stay may still move lines. */
  private readonly findingLines = new Map<string, number[]>();
  private linked?: CascadeIndex;

  constructor(private options: CheckOptions = {}) {}

  /** Changes severities, "today" or the limits; answers the files whose findings changed. */
  configure(options: CheckOptions): Set<string> {
    const reparse = JSON.stringify(options.limits) !== JSON.stringify(this.options.limits);
    this.options = options;
    if (reparse) {
      for (const [file, f] of this.files) this.files.set(file, parseUnitFile(file, f.text, { limits: options.limits }));
      this.linked = undefined;
    }
    return this.recheck(this.index.files);
  }

  /** Re-parses one file from its text; answers the files whose findings changed. */
  update(file: string, text: string): Set<string> {
    const prev = this.files.get(file);
    if (prev && prev.text === text) return new Set();
    const next = parseUnitFile(file, text, { limits: this.options.limits });
    this.files.set(file, next);
    if (prev && this.linked && linkSignature(prev) === linkSignature(next)) {
      // A title, a hypothesis, a comment: no other file can see it. Numbers and periods reach the KRs above and below.
      this.linked.update(prev, next);
      if (paceSignature(prev) === paceSignature(next)) return this.recheck([next]);
      const files = new Set([next.file, ...paceDependents(this.linked, next, prev)]);
      return this.recheck(this.linked.files.filter((f) => files.has(f.file)));
    }
    return this.relink(prev, next);
  }

  /** Forgets a file (deleted); answers the files whose findings changed, itself included. */
  remove(file: string): Set<string> {
    const prev = this.files.get(file);
    if (!prev) return new Set();
    this.files.delete(file);
    const changed = this.relink(prev, undefined);
    this.findingLines.delete(file);
    if (this.findings.delete(file)) changed.add(file);
    return changed;
  }

  /** Adds many files at once (indexing a workspace): one check at the end. */
  load(entries: Iterable<[file: string, text: string]>): void {
    for (const [file, text] of entries) this.files.set(file, parseUnitFile(file, text, { limits: this.options.limits }));
    this.linked = undefined;
    this.recheck(this.index.files);
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

  problems(file: string): Problem[] {
    return this.findings.get(file) ?? [];
  }

  /**
   * The links changed: update the index for this one file and re-check the
   * files that can see `prev` or `next` — those of the units they declare or
   * name, those that name them, and those whose loops changed. A new or
   * vanished unit id can change suggestions anywhere, so that re-checks all.
   */
  private relink(prev: UnitFile | undefined, next: UnitFile | undefined): Set<string> {
    const index = this.linked;
    if (!index) return this.recheck(this.index.files); // the first build
    const units = new Set<string>();
    for (const f of [prev, next]) {
      if (!f) continue;
      if (f.unitId) units.add(f.unitId.value);
      if (f.parent) units.add(f.parent.value);
      for (const e of [...f.krs, ...f.items]) for (const r of [...e.supports, ...(e.kind === 'item' ? e.dependsOn : [])]) if (r.unit) units.add(r.unit);
    }
    const affected = new Set<string>(next ? [next.file] : []);
    const collect = () => {
      for (const u of units) {
        const info = index.units.get(u);
        info?.files.forEach((f) => affected.add(f.file));
        // Units below see their parent's KRs (suggestions), even through a duplicate unit's primary file.
        info?.children.forEach((c) => c.files.forEach((f) => affected.add(f.file)));
        index.referrers.get(u)?.forEach((f) => affected.add(f));
      }
    };
    const loopsBefore = index.loopMembers();
    collect();
    if (prev) paceDependents(index, prev, next).forEach((f) => affected.add(f));
    index.update(prev, next);
    collect();
    if (next) paceDependents(index, next, prev).forEach((f) => affected.add(f));
    if (prev?.unitId?.value !== next?.unitId?.value) return this.recheck(index.files);
    const before = loopMates(loopsBefore);
    const after = loopMates(index.loopMembers());
    // Loop ids are renumbered when searched again: compare who shares a loop, not the numbers.
    for (const key of new Set([...before.keys(), ...after.keys()])) if (before.get(key) !== after.get(key)) this.addFileOf(key, affected, [prev, next]);
    return this.recheck(index.files.filter((f) => affected.has(f.file)));
  }

  private addFileOf(key: string, out: Set<string>, also: (UnitFile | undefined)[]): void {
    const e = this.index.entity(key);
    if (e) out.add(e.file);
    for (const f of also) if (f && [...f.krs, ...f.items].some((x) => `${x.unit}/${x.id}` === key)) out.add(f.file);
  }

  /** Re-runs the rules over `files` and answers those whose findings differ. */
  private recheck(files: readonly UnitFile[]): Set<string> {
    const index = this.index;
    const today = this.options.asOf ?? clockToday();
    const changed = new Set<string>();
    for (const f of files) {
      const next = finish(f, checkFile(f, index, today, this.options.pace), this.options.severities);
      const prev = this.findings.get(f.file);
      if (!prev || !sameProblems(prev, next, this.findingLines.get(f.file) ?? f.lineStarts, f.lineStarts)) {
        this.findings.set(f.file, next);
        changed.add(f.file);
      }
      this.findingLines.set(f.file, f.lineStarts);
    }
    return changed;
  }
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
