/**
 * The comparison looks for consequences only where a change can be felt
 * (scope.ts) and builds only the roadmaps a change can reach. On random
 * cascades and random edits, that must give exactly what looking
 * everywhere gives.
 */
import { strict as assert } from 'node:assert';
import { planOf } from '../../../server/src/core/compare/index';
import { dependsLater, traceability } from '../../../server/src/core/compare/consequences';
import { DataReader } from '../../../server/src/core/compare/data';
import { sameField } from '../../../server/src/core/compare/fields';
import { match } from '../../../server/src/core/compare/match';
import { affectedRoadmaps, roadmapChanges } from '../../../server/src/core/compare/roadmaps';
import { scopeOf, type Scope } from '../../../server/src/core/compare/scope';
import { applyWhatIf, editedFiles, type WhatIfEdit } from '../../../server/src/core/compare/what-if';
import { parseDay } from '../../../server/src/core/period';
import { randomCascade, rng } from './random';

const asOf = parseDay('2026-11-24')!;

/** Text edits a what-if cannot make: a KR renamed (references not following), a parent or a period changed. */
function textEdit(files: Map<string, string>, r: () => number): Map<string, string> {
  const out = new Map(files);
  const keys = [...files.keys()];
  const key = keys[Math.floor(r() * keys.length)];
  const t = files.get(key)!;
  const roll = r();
  if (roll < 0.4) out.set(key, t.replace(/^( {6})KR1:$/m, '$1KR1x:'));
  else if (roll < 0.7) out.set(key, t.replace(/^parent: (\S+)$/m, (_m, p: string) => `parent: ${p === 'prod-0' ? 'prod-1' : 'prod-0'}`));
  else out.set(key, t.replace(/^period: .*$/m, 'period: 2027'));
  return out;
}

describe('compare: the scope of consequences', () => {
  it('equals looking everywhere, on 25 random cascades with random edits', function () {
    this.timeout(300_000);
    let nonEmpty = 0;
    for (let seed = 100; seed < 125; seed++) {
      const g = randomCascade(seed, 5 + (seed % 4));
      const r = rng(seed);
      const base = planOf(g.files, { asOf, label: {} });
      let headFiles: Map<string, string>;
      if (r() < 0.5) {
        const edits: WhatIfEdit[] = [{ op: 'cut', ref: g.krs[Math.floor(r() * g.krs.length)] }, { op: 'move', ref: g.items[Math.floor(r() * g.items.length)], horizon: 'later' }];
        const made = applyWhatIf(base.index, edits);
        if ('error' in made) continue;
        headFiles = new Map(editedFiles(base.files, made.texts).map(([k, v]) => [k, typeof v === 'string' ? v : v.text]));
      } else headFiles = textEdit(g.files, r);
      const head = planOf(headFiles, { asOf, label: {} });
      const m = match({ base, head, data: new DataReader(), same: sameField });
      const scope = scopeOf(base, head, m);
      const everything: Scope = {
        changed: { base: new Set(base.index.units.keys()), head: new Set(head.index.units.keys()) },
        deep: { base: new Set(base.index.units.keys()), head: new Set(head.index.units.keys()) },
        touched: { base: new Set(base.index.units.keys()), head: new Set(head.index.units.keys()) },
      };
      const what = `seed ${seed}`;
      assert.deepEqual(traceability(base, head, m, scope), traceability(base, head, m, everything), what);
      assert.deepEqual(dependsLater(base, head, m, scope, asOf), dependsLater(base, head, m, everything, asOf), what);
      const some = roadmapChanges(affectedRoadmaps(base, head, m, scope, asOf, 'quarters'), m);
      const all = roadmapChanges(affectedRoadmaps(base, head, m, everything, asOf, 'quarters'), m);
      assert.deepEqual(some, all, what);
      if (some.cards.length) nonEmpty++;
    }
    assert.ok(nonEmpty >= 10, `edits moved cards (${nonEmpty})`);
  });
});
