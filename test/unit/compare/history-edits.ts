/**
 * Random edits a quarter of commits makes to a cascade (test/unit/compare/random.ts):
 * check-ins, targets reset, titles reworded, items slipping, pulled in,
 * dropped and revived, KRs renamed with and without their references
 * following, parents and periods changed, support removed, files moved, and
 * (rarely) units added or removed and syntax errors.
 */
import { parseFiles } from '../../../server/src/core/compare/index';
import type { UnitFile } from '../../../server/src/core/model';

export type Edit = (files: Map<string, string>, key: string, r: () => number) => void;

export const EDITS: Record<string, Edit> = {
  checkin: (f, k) => f.set(k, f.get(k)!.replace(/^( +current: )(\d+)/m, (_m, a: string, n: string) => `${a}${Number(n) + 3}`)),
  target: (f, k) => f.set(k, f.get(k)!.replace(/^( +target: )(\d+)/m, (_m, a: string, n: string) => `${a}${Number(n) + 7}`)),
  title: (f, k) => f.set(k, f.get(k)!.replace(/^( +title: )(.*)$/m, '$1$2 (reworded)')),
  slip: (f, k) => f.set(k, f.get(k)!.replace(/^( +horizon: )now$/m, '$1later').replace(/^( +horizon: )2026-Q4$/m, '$12027-Q1')),
  pullIn: (f, k) => f.set(k, f.get(k)!.replace(/^( +horizon: )(later|next)$/m, '$1now')),
  drop: (f, k) => f.set(k, f.get(k)!.replace(/^( +status: )(planned|active|idea)$/m, '$1dropped')),
  revive: (f, k) => f.set(k, f.get(k)!.replace(/^( +status: )dropped$/m, '$1active')),
  // A KR renamed, references elsewhere not following (broken links appear).
  renameAlone: (f, k) => f.set(k, f.get(k)!.replace(/^( {6})KR1:$/m, '$1KR1x:')),
  // A KR renamed with every reference following.
  renameFollowed: (f, k) => {
    const unit = /^unit: (\S+)$/m.exec(f.get(k)!)?.[1];
    if (!unit) return;
    for (const [key, text] of f) {
      let t = text.split(`${unit}/KR1`).join(`${unit}/KR7r`);
      if (key === k) t = t.replace(/\bKR1\b/g, 'KR7r');
      f.set(key, t);
    }
  },
  parent: (f, k) => f.set(k, f.get(k)!.replace(/^parent: (\S+)$/m, (_m, p: string) => `parent: ${p === 'prod-0' ? 'prod-1' : 'prod-0'}`)),
  period: (f, k) => f.set(k, f.get(k)!.replace(/^period: .*$/m, 'period: 2027')),
  unsupport: (f, k) => f.set(k, f.get(k)!.replace(/^ +supports: .*\n/m, '')),
  moveFile: (f, k) => {
    const text = f.get(k)!;
    f.delete(k);
    f.set(`moved/${k.replace(/^.*\//, '')}`, text);
  },
  removeUnit: (f, k) => f.delete(k),
  addUnit: (f, _k, r) => f.set(`teams/new-${Math.floor(r() * 1000)}.okr.yaml`, 'unit: newbie\nlevel: team\nparent: prod-0\nperiod: 2026-Q4\nobjectives:\n  O1:\n    title: New team objective\n    key_results:\n      KR1:\n        title: New KR\n        baseline: 1\n        target: 2\n        supports: prod-0/KR1\n'),
  syntax: (f, k) => f.set(k, f.get(k)!.replace(/^objectives:$/m, 'objectives: [\n')),
};

const RARE = new Set(['removeUnit', 'addUnit', 'syntax']);

export function historyStep(files: Map<string, string>, r: () => number): { files: Map<string, string>; did: string[] } {
  const out = new Map(files);
  const names = Object.keys(EDITS).filter((n) => !RARE.has(n) || r() < 0.15);
  const did: string[] = [];
  for (let i = 0, n = 1 + Math.floor(r() * 4); i < n; i++) {
    const keys = [...out.keys()];
    const name = names[Math.floor(r() * names.length)];
    EDITS[name](out, keys[Math.floor(r() * keys.length)], r);
    did.push(name);
  }
  return { files: out, did };
}


/** Both sides of a step as a diff parses them (sorted by key): a file the same on both sides is one UnitFile. */
export function diffSides(a: Map<string, string>, b: Map<string, string>): { base: UnitFile[]; head: UnitFile[] } {
  const base = parseFiles(a);
  const byKey = new Map(base.map((f) => [f.file, f]));
  const head = parseFiles([...b].map(([k, t]) => [k, byKey.get(k)?.text === t ? byKey.get(k)! : t] as [string, string | UnitFile]));
  return { base, head };
}
