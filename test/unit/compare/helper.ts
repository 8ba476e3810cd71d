/**
 * Compare fixtures: a case folder holds `base/` and `head/` (cascade trees),
 * `options.json` (`{ "title", "asOf"?, "compare"?: [top-level keys to keep] }`)
 * and `expected.json`, the change set `okr diff base head --format json` prints
 * for those folders, paths relative to the case folder. `UPDATE=1` rewrites it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { compare, planOf, type ChangeSet } from '../../../server/src/core/compare/index';
import { parseDay } from '../../../server/src/core/period';

export const AS_OF = '2026-11-24';

/** Every cascade file under `dir`, keyed by its path inside it (with `/`). */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.okr\.ya?ml$/.test(name)) out.set(relative(dir, p).split(sep).join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** The change set of two trees, as `okr diff` shows it from the case folder. */
export function compareTrees(base: Map<string, string>, head: Map<string, string>, asOf = AS_OF): ChangeSet {
  const day = parseDay(asOf)!;
  const b = planOf(base, { asOf: day, label: { path: 'base' }, display: (f) => `base/${f}` });
  const h = planOf(head, { asOf: day, label: { path: 'head' }, display: (f) => `head/${f}` });
  return compare(b, h, { asOf: day });
}
