/**
 * A diff checks only the files whose findings can differ between the sides
 * (compare/reach.ts): every other file is the same UnitFile on both sides
 * and must have the same findings on both. On random histories (check-ins,
 * KRs renamed with and without their references following, items slipping
 * and dropped, parents, periods and titles changed, files moved, units added
 * and removed), that must hold against a full check of both sides, and the
 * change set must be exactly the one of a full check, each side's plan built
 * on the index the reach left it (as okr diff builds them: the base side's as
 * built, the head side's the copy walked to it).
 */
import { strict as assert } from 'node:assert';
import { checkAll } from '../../../server/src/core/check';
import { compare, parseFiles, planOf } from '../../../server/src/core/compare/index';
import { findingsReach, reachAndIndex } from '../../../server/src/core/compare/reach';
import type { UnitFile } from '../../../server/src/core/model';
import { parseDay } from '../../../server/src/core/period';
import { diffSides, EDITS, historyStep } from './history-edits';
import { randomCascade, rng } from './random';

const asOf = parseDay('2026-11-24')!;

describe('compare: only the files whose findings can differ are checked', () => {
  it('equals a full check of both sides on 40 random histories (findings outside the reach equal, change sets identical)', function () {
    this.timeout(600_000);
    let narrowed = 0;
    let everything = 0;
    let steps = 0;
    for (let seed = 300; seed < 340; seed++) {
      const g = randomCascade(seed, 6 + (seed % 5));
      const r = rng(seed * 7 + 1);
      let before = g.files;
      for (let s = 0; s < 3; s++) {
        const { files: after, did } = historyStep(before, r);
        const what = `seed ${seed} step ${s}: ${did.join(', ')}`;
        const { base, head } = diffSides(before, after);
        const reached = reachAndIndex(base, head);
        const reach = reached?.reach;
        assert.deepEqual(findingsReach(base, head), reach, what);
        const fullBase = checkAll(base, { asOf });
        const fullHead = checkAll(head, { asOf });
        if (reached && reach) {
          narrowed++;
          // The index the reach was walked on is the head side's (same files, same order), used as its plan's index below.
          assert.ok(reached.head.files.length === head.length && reached.head.files.every((f, i) => f === head[i]), `${what}: the walked index holds the head side's files`);
          for (const f of head) {
            if (reach.has(f.file)) continue;
            assert.ok(base.includes(f), `${what}: ${f.file} is outside the reach but changed`);
            assert.deepEqual(fullHead.get(f.file), fullBase.get(f.file), `${what}: ${f.file} is outside the reach but its findings changed`);
          }
          for (const f of base) assert.ok(reach.has(f.file) || head.includes(f), `${what}: ${f.file} removed but outside the reach`);
          const keyed = (fs: UnitFile[]) => fs.map((f) => [f.file, f] as [string, UnitFile]);
          const partial = compare(planOf(keyed(base), { asOf, label: {}, only: reach, index: reached.base }), planOf(keyed(head), { asOf, label: {}, only: reach, index: reached.head }), { asOf });
          const full = compare(planOf(keyed(base), { asOf, label: {} }), planOf(keyed(head), { asOf, label: {} }), { asOf });
          assert.deepEqual(partial, full, what);
        } else everything++;
        steps++;
        before = after;
      }
    }
    assert.ok(narrowed >= steps * 0.7, `most histories check less than everything (${narrowed} of ${steps})`);
    assert.ok(everything >= 1, `a unit added or removed checks everything (${everything})`);
  });

  it('a quarter of check-ins reaches the files changed and the KRs above them, not the whole cascade', () => {
    const g = randomCascade(7, 12);
    const after = new Map(g.files);
    const team = [...after.keys()].find((k) => k.startsWith('teams/') && /^ +current: /m.test(after.get(k)!))!;
    EDITS.checkin(after, team, Math.random);
    const { base, head } = diffSides(g.files, after);
    const reach = findingsReach(base, head)!;
    assert.ok(reach.has(team));
    assert.ok(reach.size < base.length / 2, `${reach.size} of ${base.length} files`);
  });

  it('a file moved with its unit is one step (no full check); a unit removed is everything', () => {
    const g = randomCascade(8, 8);
    const moved = new Map(g.files);
    EDITS.moveFile(moved, 'teams/team-3.okr.yaml', Math.random);
    const { base, head } = diffSides(g.files, moved);
    const reach = findingsReach(base, head);
    assert.ok(reach && reach.has('teams/team-3.okr.yaml') && reach.has('moved/team-3.okr.yaml'));
    const gone = new Map(g.files);
    gone.delete('teams/team-3.okr.yaml');
    const s2 = diffSides(g.files, gone);
    assert.equal(findingsReach(s2.base, s2.head), undefined);
  });

  it('a side checked in part searches loops only from the links its files name, and finds what a full check finds (KR, item and parent loops, links into and out of them)', () => {
    const files = new Map<string, string>([
      ['app.okr.yaml', 'unit: app\nparent: co\nobjectives:\n  O1:\n    key_results:\n      KR1: { target: 1, supports: gw/KR1 }\n      KR2: { target: 1, supports: co/KR1 }\nroadmap:\n  i: { title: I, supports: KR1, horizon: now, depends_on: [gw/j] }\n'],
      ['gw.okr.yaml', 'unit: gw\nparent: co\nobjectives:\n  O1:\n    key_results:\n      KR1: { target: 1, supports: app/KR1 }\nroadmap:\n  j: { title: J, supports: KR1, horizon: next, depends_on: [app/i] }\n  k: { title: K, supports: KR1, horizon: later, depends_on: [app/i] }\n'],
      ['co.okr.yaml', 'unit: co\nobjectives:\n  O1:\n    key_results:\n      KR1: { target: 1 }\n      KR2: { target: 1, supports: KR2 }\n'],
      ['web.okr.yaml', 'unit: web\nparent: co\nobjectives:\n  O1:\n    key_results:\n      KR1: { target: 1, supports: gw/KR1 }\nroadmap:\n  w: { title: W, supports: KR1, horizon: now, depends_on: [gw/j] }\n'],
      ['x.okr.yaml', 'unit: x\nparent: y\n'],
      ['y.okr.yaml', 'unit: y\nparent: x\n'],
    ]);
    const parsed = parseFiles(files);
    const full = checkAll(parsed, { asOf });
    assert.ok([...full.values()].flat().filter((p) => p.code === 'cycle').length >= 6, 'the cascade has loops of every kind');
    for (const f of parsed) {
      const plan = planOf(parsed.map((g) => [g.file, g] as [string, UnitFile]), { asOf, label: {}, only: new Set([f.file]) });
      assert.deepEqual(plan.findings(f.file), full.get(f.file), f.file);
    }
  });
});

