/**
 * Whether a file's findings changed since they were last reported (what an
 * editor must be sent again), and the check options as a comparable key.
 */
import { byPosition, type CheckOptions } from './check';
import type { Problem } from './model';
import { positionAt } from './text';

/** Same findings at the same ranges: offsets alone are not enough, an edit of line breaks moves lines and characters. */
export function sameProblems(a: Problem[], b: Problem[], aLines: number[], bLines: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y && aLines === bLines) continue;
    if (x.code !== y.code || x.severity !== y.severity || x.message !== y.message || x.span[0] !== y.span[0] || x.span[1] !== y.span[1]) return false;
    if (x.data !== y.data && JSON.stringify(x.data) !== JSON.stringify(y.data)) return false;
    if (aLines !== bLines && (!samePosition(aLines, bLines, x.span[0]) || !samePosition(aLines, bLines, x.span[1]))) return false;
  }
  return true;
}

/**
 * `next` with each finding equal to one of `prev` (same code, severity,
 * message, span and data) replaced by that object: what is kept per finding
 * (an editor's converted diagnostic and its JSON) then survives a re-check
 * that found it again. Both in position order (see byPosition); answers `next`.
 */
export function keepSame(prev: readonly Problem[], next: Problem[]): Problem[] {
  let j = 0;
  // Each earlier finding stands in for one new one at most (two alike at one place stay two objects).
  let used: Set<Problem> | undefined;
  for (let i = 0; i < next.length; i++) {
    const n = next[i];
    while (j < prev.length && (prev[j].span[0] < n.span[0] || (prev[j].span[0] === n.span[0] && prev[j].span[1] < n.span[1]))) j++;
    for (let k = j; k < prev.length && prev[k].span[0] === n.span[0] && prev[k].span[1] === n.span[1]; k++) {
      if (used?.has(prev[k])) continue;
      if (prev[k] === n || sameProblem(prev[k], n)) {
        next[i] = prev[k];
        (used ??= new Set()).add(prev[k]);
        break;
      }
    }
  }
  return next;
}

function sameProblem(x: Problem, y: Problem): boolean {
  return x.code === y.code && x.severity === y.severity && x.message === y.message && x.file === y.file && (x.data === y.data || JSON.stringify(x.data) === JSON.stringify(y.data));
}

function samePosition(aLines: number[], bLines: number[], offset: number): boolean {
  const a = positionAt(aLines, offset);
  const b = positionAt(bLines, offset);
  return a.line === b.line && a.character === b.character;
}

/** The options as one string: equal strings check alike. */
export function optionsKey(o: CheckOptions): string {
  const day = o.asOf ? `${o.asOf.y}-${o.asOf.m}-${o.asOf.d}` : '';
  const sev = JSON.stringify(Object.entries(o.severities ?? {}).filter(([, v]) => v !== undefined).sort());
  return `${day}\n${sev}\n${JSON.stringify([o.limits ?? null, o.pace ?? null, o.audiences ?? null])}`;
}

export function sameOptions(a: CheckOptions, b: CheckOptions): boolean {
  return optionsKey(a) === optionsKey(b);
}

/**
 * Two lists each in position order merged into one, `a`'s first where they
 * tie: what `a.concat(b).sort(byPosition)` gives (the sort is stable),
 * without sorting (a rename merges 69 files' kept and fresh findings).
 */
export function mergeSorted(a: readonly Problem[], b: readonly Problem[]): Problem[] {
  if (!b.length) return a.slice();
  const out: Problem[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(byPosition(a[i], b[j]) <= 0 ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}
