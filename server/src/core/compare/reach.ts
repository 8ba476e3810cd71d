/**
 * Which files' findings can differ between two sides of a comparison, so a
 * diff checks only those (on both sides) instead of every file twice. A file
 * the same on both sides (one UnitFile) that no change reaches has the same
 * findings on both: comparing them finds nothing, so they need not be known.
 *
 * The reach is the incremental engine's (core/cascade.ts `update`, with
 * core/dependants.ts): the base side's index is walked to the head side one
 * changed file at a time, and the files each step would re-check are
 * collected. The engine keeps every file's findings equal to a full check
 * after each step, re-checking only those files; so a file no step re-checks
 * kept its findings from base to head. A file moved to another path with the
 * same unit is one step (the old file becomes the new one). A unit that
 * appears or disappears (suggestions anywhere can name it), or audiences
 * (leaks are found over the whole cascade): undefined, check everything.
 */
import type { CheckOptions } from '../check';
import { addFilesDeclaring, loopChanges, relinkReach } from '../dependants';
import { paceDependents, paceSignature } from '../history/dependents';
import { CascadeIndex } from '../link';
import type { UnitFile } from '../model';
import { linkSignature } from '../signatures';

const byKey = (a: UnitFile, b: UnitFile) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/** The file keys (of either side) whose findings can differ; undefined when any can. */
export function findingsReach(base: readonly UnitFile[], head: readonly UnitFile[], options: Pick<CheckOptions, 'audiences'> = {}): Set<string> | undefined {
  return reachAndIndex(base, head, options)?.reach;
}

/**
 * `findingsReach`, with the index the walk ends on (`head`): a copy of the base
 * side's, walked to the head side one step at a time (CascadeIndex.update
 * keeps it what a build of the head side's files would be), and the base
 * side's as built (`base`): neither side builds its own again.
 */
export function reachAndIndex(base: readonly UnitFile[], head: readonly UnitFile[], options: Pick<CheckOptions, 'audiences'> = {}): { reach: Set<string>; head: CascadeIndex; base: CascadeIndex } | undefined {
  if (options.audiences?.length) return undefined;
  const before = new Map(base.map((f) => [f.file, f]));
  const after = new Map(head.map((f) => [f.file, f]));
  const steps: [UnitFile | undefined, UnitFile | undefined][] = [];
  const removed = base.filter((f) => !after.has(f.file));
  const added = head.filter((f) => !before.has(f.file));
  for (const f of head) {
    const b = before.get(f.file);
    if (b && b !== f && b.text !== f.text) steps.push([b, f]);
  }
  // A file moved (or renamed) with its unit: one step from the old file to the new.
  const addedByUnit = new Map<string, UnitFile[]>();
  for (const f of added) {
    const u = f.unitId?.value;
    if (u !== undefined) (addedByUnit.get(u) ?? addedByUnit.set(u, []).get(u)!).push(f);
  }
  const paired = new Set<UnitFile>();
  for (const f of removed) {
    const next = addedByUnit.get(f.unitId?.value ?? '\u0000')?.shift();
    if (!next) return undefined; // a file gone, its unit with it (or a file without a unit)
    paired.add(next);
    steps.push([f, next]);
  }
  if (added.some((f) => !paired.has(f))) return undefined;

  const reach = new Set<string>();
  const files = new Map(before);
  // The base side's index, kept as it is for the base side's plan; a copy of it is walked to the head side.
  const original = new CascadeIndex(base.slice().sort(byKey));
  const index = original.clone();
  for (const [prev, next] of steps) {
    reach.add(prev!.file).add(next!.file);
    files.delete(prev!.file);
    files.set(next!.file, next!);
    if (prev!.file === next!.file && linkSignature(prev!) === linkSignature(next!)) {
      // Cascade.update: a title, a number, a comment: the file itself, and the KRs its numbers and period reach.
      index.update(prev, next);
      if (paceSignature(prev!) !== paceSignature(next!)) {
        const supporters = new Set<string>();
        for (const f of paceDependents(index, next!, prev, supporters)) reach.add(f);
        for (const f of supporters) reach.add(f);
      }
      continue;
    }
    const r = relinkReach(index, prev, next, (key) => files.get(key));
    if (r.all) return undefined;
    const affected = new Set(r.affected);
    for (const key of loopChanges(r.loopsBefore, index.loopMembers())) addFilesDeclaring(index, key, affected, [prev, next]);
    for (const f of affected) reach.add(f);
    for (const f of r.seeing) reach.add(f);
  }
  return { reach, head: index, base: original };
}
