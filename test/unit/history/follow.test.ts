/**
 * core/history/follow.ts (what git/history.ts uses) gives exactly the series
 * of krSeries / itemSeries (series.ts, which builds the whole cascade at every
 * revision) on random histories: check-ins, confidence and horizon changes,
 * currents removed and written again, files moved, deleted and restored,
 * roll-ups; and follows a KR rename that series.ts cannot see.
 */
import { strict as assert } from 'node:assert';
import { FactsCache } from '../../../server/src/core/history/facts';
import { HistoryBuilder, historyOf } from '../../../server/src/core/history/follow';
import { itemSeries, krSeries, type Revision } from '../../../server/src/core/history/series';
import { generateCascade } from '../../helpers/generate-cascade';
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

describe('history: grown commit by commit', () => {
  it('extending with the new revisions gives what reading them all gives, and leaves earlier answers as they were', function () {
    this.timeout(120_000);
    for (let seed = 300; seed < 310; seed++) {
      const revs = randomHistory(seed);
      const builder = new HistoryBuilder();
      const answers: [number, string][] = [];
      for (let n = 0; n < revs.length; ) {
        const step = 1 + (n % 4);
        const h = builder.extend(revs.slice(n, n + step));
        n = Math.min(revs.length, n + step);
        const whole = historyOf(revs.slice(0, n));
        assert.deepEqual([h.krs, h.items], [whole.krs, whole.items], `seed ${seed}, ${n} revisions`);
        answers.push([n, JSON.stringify([...h.krs, ...h.items])]);
      }
      for (const [n, json] of answers) {
        const whole = historyOf(revs.slice(0, n));
        assert.equal(json, JSON.stringify([...whole.krs, ...whole.items]), `seed ${seed}: the answer at ${n} revisions unchanged`);
      }
    }
  });
});

describe('history: grows linearly', () => {
  /** `commits` commits of check-ins (a few KRs' currents and an item's horizon), over a generated cascade. */
  const quarter = (units: number, commits: number): Revision[] => {
    const r = rng(units * 1000 + commits);
    let files = new Map(generateCascade(units));
    const keys = [...files.keys()];
    const out: Revision[] = [{ commit: 'c0', date: '2026-10-01', author: 'a', files }];
    for (let i = 1; i <= commits; i++) {
      files = new Map(files);
      for (let n = 0; n < 3; n++) {
        const key = keys[Math.floor(r() * keys.length)];
        const lines = files.get(key)!.split('\n');
        const at = lines.flatMap((l, j) => (/^ {8}current: /.test(l) ? [j] : []));
        const j = at[Math.floor(r() * at.length)];
        lines[j] = `        current: ${10 + Math.floor(r() * 50)}`;
        files.set(key, lines.join('\n'));
      }
      if (i % 5 === 0) {
        const key = keys[Math.floor(r() * keys.length)];
        files.set(key, files.get(key)!.replace(/^( {4}horizon: )now$/m, '$1next'));
      }
      out.push({ commit: `c${i}`, date: `2026-${10 + Math.floor(i / 70)}-${String(1 + (i % 28)).padStart(2, '0')}`, author: 'a', files });
    }
    return out;
  };
  /** The best of five, the first revision's files parsed beforehand (the same for both sizes of history). */
  const best = (revs: Revision[]) => {
    let min = Infinity;
    for (let i = 0; i < 5; i++) {
      const cache = new FactsCache();
      for (const [file, text] of revs[0].files) cache.of(file, text);
      // CPU time, not wall time: on a loaded machine a process waits for a core at random.
      const t = process.cpuUsage();
      historyOf(revs, { cache });
      const used = process.cpuUsage(t);
      min = Math.min(min, (used.user + used.system) / 1000);
    }
    return min;
  };

  it('check-ins are not parsed: only the first revision\'s files are', function () {
    this.timeout(60_000);
    const revs = quarter(30, 60);
    const cache = new FactsCache();
    const h = historyOf(revs, { cache });
    assert.equal(cache.size, revs[0].files.size, 'one parse per file, at the first revision');
    assert.equal(h.stats.parsed, revs[0].files.size);
    assert.ok(h.krs.size > 0 && [...h.krs.values()].some((points) => points.length > 2), 'series with check-ins');
  });

  it('four times the commits costs at most about four times the time; twice the units, twice', function () {
    this.timeout(120_000);
    // Around 400 commits the cost steps up once (3.1–3.9× between 200 and 400, the same at every seed,
    // linear on either side), and a run of 400 lands on either side of the step: 33 or 60 ms on the same
    // machine, so 400 → 800 measured 1.4–3.9×. 400 → 1,600 is 4× when linear, 16× when quadratic.
    const small = quarter(40, 400);
    const long = quarter(40, 1600);
    const wide = quarter(80, 400);
    for (const revs of [small, long, wide]) best(revs); // the JIT warmed up on every size
    const [s, l, w] = [best(small), best(long), best(wide)];
    assert.ok(l / s < 8, `400 → 1,600 commits: ${s.toFixed(1)} ms → ${l.toFixed(1)} ms (${(l / s).toFixed(2)}×)`);
    assert.ok(w / s < 3, `40 → 80 units: ${s.toFixed(1)} ms → ${w.toFixed(1)} ms (${(w / s).toFixed(2)}×)`);
  });
});
