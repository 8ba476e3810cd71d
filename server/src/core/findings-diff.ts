/**
 * Whether a file's findings changed since they were last reported (what an
 * editor must be sent again), and the check options as a comparable key.
 */
import type { CheckOptions } from './check';
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
