/**
 * core/history/follow.ts (what git/history.ts uses) gives exactly the series
 * of krSeries / itemSeries (series.ts, which builds the whole cascade at every
 * revision) on random histories: check-ins, confidence and horizon changes,
 * currents removed and written again, files moved, deleted and restored,
 * roll-ups; and follows a KR rename that series.ts cannot see.
 */
import { strict as assert } from 'node:assert';
import { historyOf } from '../../../server/src/core/history/follow';
import { itemSeries, krSeries, type Revision } from '../../../server/src/core/history/series';
import { randomCascade, rng } from '../compare/random';

function randomHistory(seed: number): Revision[] {
  const g = randomCascade(seed, 6 + (seed % 4));
  const r = rng(seed);
  let files = new Map(g.files);
  const out: Revision[] = [];
  for (let i = 0; i < 30; i++) {
    const keys = [...files.keys()];
    const key = keys[Math.floor(r() * keys.length)];
    const t = files.get(key)!;
    const roll = r();
    const next = new Map(files);
    if (roll < 0.4) next.set(key, t.replace(/^( +current: )(\d+)/m, (_m, a: string, n: string) => `${a}${Number(n) + 1 + Math.floor(r() * 3)}`));
    else if (roll < 0.5) next.set(key, t.replace(/^ +current: \d+\n/m, ''));
    else if (roll < 0.6) next.set(key, t.replace(/^( +baseline: \d+\n +target: \d+\n)(?! +current)/m, '$1        current: 7\n'));
    else if (roll < 0.7) next.set(key, t.replace(/^( {4}horizon: )\w+$/m, (_m, a: string) => `${a}${r() < 0.5 ? 'next' : 'later'}`));
    else if (roll < 0.75) next.set(key, t.replace(/^( {6}KR1:\n(?: {8}.*\n)*?)( {8}target: \d+\n)/m, '$1$2        rollup: sum\n'));
    else if (roll < 0.85) {
      next.delete(key);
      next.set(`moved/${i}/${key.split('/').pop()}`, t);
    } else if (roll < 0.92 && keys.length > 2) next.delete(key);
    else next.set(key, t.replace(/^( {4}status: )\w+$/m, '$1done'));
    if (roll >= 0.85 && roll < 0.92 && i % 2 === 0) next.set(key, t); // deleted and restored
    files = next;
    out.push({ commit: `c${i}`, date: `2026-${String(7 + Math.floor(i / 6)).padStart(2, '0')}-${String(1 + (i % 6) * 4).padStart(2, '0')}`, author: `a${i % 3}`, files });
  }
  return out;
}

describe('history: follow.ts equals the whole-cascade series', () => {
  it('on 20 random histories (30 revisions each)', function () {
    this.timeout(120_000);
    for (let seed = 300; seed < 320; seed++) {
      const revs = randomHistory(seed);
      const h = historyOf(revs);
      assert.deepEqual(h.krs, krSeries(revs), `seed ${seed}: KRs`);
      assert.deepEqual(h.items, itemSeries(revs), `seed ${seed}: items`);
    }
  });

  it('a KR renamed: one series under its newest name', () => {
    const text = (kr: string, current: number) => `unit: pay\nperiod: 2026\nobjectives:\n  O1:\n    key_results:\n      ${kr}:\n        title: Cut drop-off\n        baseline: 10\n        target: 20\n        current: ${current}\nroadmap:\n  w: { supports: ${kr}, horizon: now }\n`;
    const rev = (c: string, date: string, t: string): Revision => ({ commit: c, date, author: 'x', files: new Map([['pay.okr.yaml', t]]) });
    const h = historyOf([rev('c1', '2026-01-05', text('KR1', 11)), rev('c2', '2026-02-05', text('KR1', 12)), rev('c3', '2026-03-05', text('KR7', 12)), rev('c4', '2026-04-05', text('KR7', 14))]);
    assert.deepEqual([...h.krs].map(([k, v]) => [k, v.map((p) => p.value)]), [['pay/KR7', [11, 12, 14]]]);
    assert.equal(h.stats.matched, 1);
  });
});
