/**
 * History from the revisions the git layer hands in: a KR's value at each
 * revision that set or changed it, an item's horizon/status/confidence over
 * time, hand check-ins merged, the period kept, and each text parsed once.
 */
import { strict as assert } from 'node:assert';
import { itemSeries, krSeries, ParseCache, valueAt, withCheckins, type Revision } from '../../../server/src/core/history/series';
import { CascadeIndex } from '../../../server/src/core/link';
import type { KeyResult } from '../../../server/src/core/model';
import { parsePeriod } from '../../../server/src/core/period';
import { compareHorizons } from '../../../server/src/core/review';

const unit = (kr1: string, item = 'horizon: now, status: active') => `unit: pay
period: 2026-H2
objectives:
  O1:
    key_results:
      KR1: { baseline: 10, target: 20${kr1} }
      KR2: { baseline: 0, target: 4, rollup: sum }
roadmap:
  wizard: { supports: KR1, ${item} }
`;
const team = (current: string) => `unit: team
parent: pay
objectives:
  O1:
    key_results:
      KR1: { baseline: 0, target: 2${current}, supports: pay/KR2 }
`;
const rev = (commit: string, date: string, files: Record<string, string>): Revision => ({ commit, date, author: `author of ${commit}`, files: new Map(Object.entries(files)) });

describe('history: series from revisions', () => {
  const revisions = [
    rev('c1', '2026-07-03T10:00:00+02:00', { 'pay.okr.yaml': unit(''), 'team.okr.yaml': team('') }), // no current yet
    rev('c2', '2026-08-01T10:00:00+02:00', { 'pay.okr.yaml': unit(', current: 12'), 'team.okr.yaml': team(', current: 1') }),
    rev('c3', '2026-08-15', { 'pay.okr.yaml': unit(', current: 12', 'horizon: next, status: active, confidence: low'), 'team.okr.yaml': team(', current: 1') }), // only the item moved
    rev('c4', '2026-09-01', { 'pay.okr.yaml': unit(', current: 15'), 'team.okr.yaml': team(', current: 1') }),
    rev('c5', '2026-09-20', { 'pay.okr.yaml': unit(''), 'team.okr.yaml': team(', current: 2') }), // current removed
    rev('c6', '2026-10-02', { 'pay.okr.yaml': unit(', current: 15', 'horizon: next, status: done'), 'team.okr.yaml': team(', current: 2') }), // and written again
  ];

  it('a KR: one point per revision that set or changed its current (the first included), with commit, author and day', () => {
    const s = krSeries(revisions).get('pay/KR1')!;
    assert.deepEqual(s, [
      { date: '2026-08-01', value: 12, source: 'git', commit: 'c2', author: 'author of c2' },
      { date: '2026-09-01', value: 15, source: 'git', commit: 'c4', author: 'author of c4' },
      { date: '2026-10-02', value: 15, source: 'git', commit: 'c6', author: 'author of c6' },
    ]);
  });

  it('a roll-up KR without a written current: its computed value at each revision, marked computed', () => {
    assert.deepEqual(krSeries(revisions).get('pay/KR2')!.map((p) => [p.commit, p.value, p.computed]), [['c2', 1, true], ['c5', 2, true]]);
  });

  it('an item: horizon, status and confidence at each change', () => {
    assert.deepEqual(itemSeries(revisions).get('pay/wizard')!.map((p) => [p.commit, p.horizon, p.status, p.confidence]), [
      ['c1', 'now', 'active', undefined], ['c3', 'next', 'active', 'low'], ['c4', 'now', 'active', undefined], ['c6', 'next', 'done', undefined],
    ]);
  });

  it('renames: refs at a revision are mapped to today\'s by the caller', () => {
    const renamed = [rev('r1', '2026-08-01', { 'p.okr.yaml': unit(', current: 11').replace('KR1:', 'OLD:').replace('supports: KR1', 'supports: OLD') }), rev('r2', '2026-09-01', { 'p.okr.yaml': unit(', current: 13') })];
    const s = krSeries(renamed, { canonical: (r) => (r === 'pay/OLD' ? 'pay/KR1' : r) });
    assert.deepEqual(s.get('pay/KR1')!.map((p) => p.value), [11, 13]);
    assert.equal(s.get('pay/OLD'), undefined);
  });

  it('a text seen before is not parsed again', () => {
    const cache = new ParseCache();
    krSeries(revisions, { cache });
    itemSeries(revisions, { cache });
    // pay: 5 distinct texts (c1, c2, c3, c4, c6; c5 = c1), team: 3 distinct.
    assert.equal(cache.size, 8);
  });

  it('no revisions, no history; a repository without the KR, no points', () => {
    assert.equal(krSeries([]).size, 0);
    assert.equal(krSeries([rev('x', '2026-08-01', { 'a.okr.yaml': 'unit: a\n' })]).size, 0);
  });

  it('check-ins merge by day (git first on the same day) and the period bounds the series', () => {
    const index = new CascadeIndex([new ParseCache().get('p.okr.yaml', unit(`, current: 15, checkins: [ { date: 2026-09-01, value: 14, note: hand }, { date: 2026-06-30, value: 11 }, { date: 2026-12-31, value: 16 }, { date: 2027-01-01, value: 17 } ]`))]);
    const kr = index.entity('pay/KR1') as KeyResult;
    const git = krSeries(revisions).get('pay/KR1')!;
    const merged = withCheckins(kr, git, parsePeriod('2026-H2'));
    assert.deepEqual(merged.map((p) => [p.date, p.value, p.source]), [
      ['2026-08-01', 12, 'git'], ['2026-09-01', 15, 'git'], ['2026-09-01', 14, 'checkin'], ['2026-10-02', 15, 'git'], ['2026-12-31', 16, 'checkin'],
    ]);
    assert.equal(merged[2].note, 'hand');
    assert.equal(valueAt(merged, '2026-09-15')?.value, 14);
    assert.equal(valueAt(merged, '2026-07-01'), undefined);
  });
});

describe('history: horizons in time order', () => {
  const tq = 2026 * 4 + 3; // today in 2026-Q4
  const cases: [string | undefined, string | undefined, number][] = [
    ['now', 'next', -1], ['next', 'later', -1], ['later', 'now', 1],
    ['2026-Q3', '2026-Q4', -1], ['2027-Q2', '2027-Q1', 1],
    ['2026-Q4', 'now', 0], ['2026-Q2', 'now', 0], ['2027-Q1', 'next', 0], ['2027-Q3', 'later', 0],
    ['now', '2027-Q1', -1], ['later', '2027-Q1', 1],
    [undefined, 'later', 0], [undefined, 'now', 1],
  ];
  for (const [a, b, sign] of cases) it(`${a ?? '(none)'} vs ${b ?? '(none)'}: ${sign < 0 ? 'earlier' : sign > 0 ? 'later' : 'same'}`, () => assert.equal(Math.sign(compareHorizons(a, b, tq)), sign));
});
