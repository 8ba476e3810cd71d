/** Periods, quarters, days and horizon buckets: the arithmetic the date rules and the roadmap rest on. */
import { strict as assert } from 'node:assert';
import { addMonths, compareDays, dayQuarter, horizonBucket, parseDay, parsePeriod, quarterId, quarterIndex, quarterTitle } from '../../../server/src/core/period';
import { isValidDate } from '../../../server/src/core/schema';

const Q = (y: number, q: number) => y * 4 + q - 1;

describe('period parsing', () => {
  it('a year covers its four quarters, written as a number or a string', () => {
    assert.deepStrictEqual(parsePeriod(2026), { text: '2026', first: Q(2026, 1), last: Q(2026, 4) });
    assert.deepStrictEqual(parsePeriod('2026'), { text: '2026', first: Q(2026, 1), last: Q(2026, 4) });
  });

  it('a half covers two quarters', () => {
    assert.deepStrictEqual(parsePeriod('2026-H1'), { text: '2026-H1', first: Q(2026, 1), last: Q(2026, 2) });
    assert.deepStrictEqual(parsePeriod('2026-H2'), { text: '2026-H2', first: Q(2026, 3), last: Q(2026, 4) });
  });

  it('a quarter covers itself', () => {
    for (const q of [1, 2, 3, 4]) assert.deepStrictEqual(parsePeriod(`2026-Q${q}`), { text: `2026-Q${q}`, first: Q(2026, q), last: Q(2026, q) });
  });

  it('anything else is no period', () => {
    for (const bad of ['2026-Q5', '2026-H3', '2026-Q0', '26', '2026-q3', '2026 ', 'FY26', '', null, undefined, true, 2026.5, { y: 2026 }]) {
      assert.equal(parsePeriod(bad), undefined, `period ${JSON.stringify(bad)}`);
    }
  });
});

describe('quarters, days and horizons', () => {
  it('quarter ids and titles round-trip', () => {
    assert.equal(quarterIndex('2026-Q3'), Q(2026, 3));
    assert.equal(quarterIndex('2026-q3'), undefined);
    assert.equal(quarterId(Q(2027, 1)), '2027-Q1');
    assert.equal(quarterTitle(Q(2026, 4)), 'Q4 2026');
  });

  it('a day falls in its quarter', () => {
    assert.equal(dayQuarter(parseDay('2026-11-24')!), Q(2026, 4));
    assert.equal(dayQuarter(parseDay('2026-01-01')!), Q(2026, 1));
    assert.equal(dayQuarter(parseDay('2026-03-31')!), Q(2026, 1));
    assert.equal(dayQuarter(parseDay('2026-04-01')!), Q(2026, 2));
  });

  it('three calendar months later clamps to the end of a shorter month', () => {
    assert.deepStrictEqual(addMonths(parseDay('2026-08-24')!, 3), { y: 2026, m: 11, d: 24 });
    assert.deepStrictEqual(addMonths(parseDay('2025-11-30')!, 3), { y: 2026, m: 2, d: 28 });
    assert.deepStrictEqual(addMonths(parseDay('2027-11-30')!, 3), { y: 2028, m: 2, d: 29 });
    assert.deepStrictEqual(addMonths(parseDay('2026-10-15')!, 3), { y: 2027, m: 1, d: 15 });
    assert.ok(compareDays(parseDay('2026-08-24')!, parseDay('2026-08-23')!) > 0);
  });

  it('real calendar dates only', () => {
    assert.ok(isValidDate('2028-02-29'));
    assert.ok(!isValidDate('2026-02-29'));
    assert.ok(!isValidDate('2026-02-30'));
    assert.ok(!isValidDate('2026-13-01'));
    assert.ok(!isValidDate('2026-9-30'));
  });

  it('a quarter maps to now (today\'s or earlier), next (the following) or later', () => {
    const today = Q(2026, 4);
    assert.equal(horizonBucket('2026-Q1', today), 'now');
    assert.equal(horizonBucket('2026-Q4', today), 'now');
    assert.equal(horizonBucket('2027-Q1', today), 'next');
    assert.equal(horizonBucket('2027-Q2', today), 'later');
    for (const h of ['now', 'next', 'later'] as const) assert.equal(horizonBucket(h, today), h);
    assert.equal(horizonBucket('soon', today), undefined);
  });
});
