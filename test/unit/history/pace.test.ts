/**
 * Pace and status arithmetic (DESIGN.md "Pace and status"): periods as days,
 * elapsed in whole days, expected value, every status boundary, direction,
 * ended periods, thresholds from the config, and the period a KR inherits.
 */
import { strict as assert } from 'node:assert';
import { DEFAULT_PACE } from '../../../server/src/core/config';
import { CascadeIndex } from '../../../server/src/core/link';
import type { KeyResult } from '../../../server/src/core/model';
import { parseUnitFile } from '../../../server/src/core/parse';
import { dayNumber, daysInMonth, elapsedShare, expectedValue, pace, periodDays, statusOf, type KrStatus } from '../../../server/src/core/history/pace';
import { KrPaces, krPeriod } from '../../../server/src/core/history/status';
import { parseDay, parsePeriod, formatDay } from '../../../server/src/core/period';
import { yaml } from '../../helpers/yaml';

const day = (s: string) => parseDay(s)!;
const period = (s: string) => parsePeriod(s)!;

describe('pace: periods as calendar days', () => {
  const cases: [string, string, string][] = [
    ['2026', '2026-01-01', '2026-12-31'],
    ['2026-H1', '2026-01-01', '2026-06-30'],
    ['2026-H2', '2026-07-01', '2026-12-31'],
    ['2026-Q1', '2026-01-01', '2026-03-31'],
    ['2028-Q1', '2028-01-01', '2028-03-31'],
    ['2026-Q2', '2026-04-01', '2026-06-30'],
    ['2026-Q3', '2026-07-01', '2026-09-30'],
    ['2026-Q4', '2026-10-01', '2026-12-31'],
  ];
  for (const [p, first, last] of cases) {
    it(`${p} runs from ${first} to ${last}`, () => {
      const d = periodDays(period(p));
      assert.deepEqual([formatDay(d.first), formatDay(d.last)], [first, last]);
    });
  }
});

describe('pace: day numbers', () => {
  it('agree with the calendar (Date.UTC) on every day from 1999 to 2031, leap days included', () => {
    for (let t = Date.UTC(1999, 0, 1); t <= Date.UTC(2031, 11, 31); t += 86_400_000) {
      const d = new Date(t);
      const day = { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
      assert.equal(dayNumber(day), t / 86_400_000, formatDay(day));
      assert.ok(day.d <= daysInMonth(day.y, day.m));
    }
    assert.deepEqual([daysInMonth(2028, 2), daysInMonth(2026, 2), daysInMonth(2100, 2), daysInMonth(2000, 2)], [29, 28, 28, 29]);
  });
});

describe('pace: elapsed share, in whole days, clamped', () => {
  const cases: [string, string, number][] = [
    ['2026', '2025-12-31', 0], // before the period: clamped
    ['2026', '2026-01-01', 0], // the first day
    ['2026', '2026-01-02', 1 / 365],
    ['2026', '2026-11-24', 327 / 365], // DESIGN.md's review example (0.9)
    ['2026', '2026-12-31', 364 / 365], // the last day is not yet over
    ['2026', '2027-01-01', 1], // ended: judged at its end
    ['2025', '2026-11-24', 1],
    ['2026-H2', '2026-11-24', 146 / 184],
    ['2026-H2', '2026-06-30', 0],
    ['2026-Q4', '2026-11-24', 54 / 92],
    ['2028-Q1', '2028-03-01', 60 / 91], // a leap year's Q1 has 91 days
    ['2026-Q1', '2026-03-01', 59 / 90],
  ];
  for (const [p, today, want] of cases) {
    it(`${p} on ${today}: ${want.toFixed(4)}`, () => assert.equal(elapsedShare(period(p), day(today)), want));
  }
});

describe('pace: status at every boundary (default thresholds 0.10 / 0.25)', () => {
  const cases: [elapsed: number | undefined, progress: number | undefined, want: KrStatus][] = [
    [0.5, 0.5, 'on-track'],
    [0.5, 0.9, 'on-track'], // ahead
    [0.6, 0.5, 'on-track'], // behind exactly 0.10 (0.09999999999999998 in floats)
    [0.7, 0.6, 'on-track'], // behind 0.10 written as 0.7 − 0.6 = 0.09999999999999998
    [0.3, 0.2, 'on-track'], // 0.09999999999999998 again
    [0.4, 0.3, 'on-track'], // 0.4 − 0.3 = 0.10000000000000003: float noise must not tip it over
    [0.55, 0.3, 'at-risk'], // 0.55 − 0.3 = 0.25000000000000006: still at risk
    [0.61, 0.5, 'at-risk'], // just over 0.10
    [0.75, 0.5, 'at-risk'], // behind exactly 0.25
    [0.45, 0.2, 'at-risk'], // 0.45 − 0.2 in floats is 0.25 plus noise: still at risk
    [0.76, 0.5, 'off-track'],
    [1, 0, 'off-track'],
    [0, 1, 'done'],
    [1, 1, 'done'],
    [undefined, 1, 'done'], // done needs no period
    [undefined, 0.5, 'unknown'], // no period: cannot say how far behind
    [0.5, undefined, 'unknown'], // no current
  ];
  for (const [elapsed, progress, want] of cases) {
    it(`elapsed ${elapsed}, progress ${progress} → ${want}`, () => assert.equal(statusOf(progress, elapsed, DEFAULT_PACE), want));
  }

  it('thresholds from okr.config.yaml move the boundaries', () => {
    const strict = { atRisk: 0.05, offTrack: 0.1 };
    // statusOf(progress, elapsed): half the period gone
    assert.equal(statusOf(0.45, 0.5, strict), 'on-track');
    assert.equal(statusOf(0.44, 0.5, strict), 'at-risk');
    assert.equal(statusOf(0.4, 0.5, strict), 'at-risk');
    assert.equal(statusOf(0.39, 0.5, strict), 'off-track');
    assert.equal(statusOf(0.39, 0.5, DEFAULT_PACE), 'at-risk');
  });
});

describe('pace: a KR judged on a day', () => {
  const asOf = day('2026-11-24');

  it("DESIGN.md's example: 45 → 38 → 30 in 2026, on 2026-11-24: 47% of the way, 90% of the year, 31.56 expected, off track", () => {
    const p = pace({ baseline: 45, target: 30, current: 38, period: period('2026') }, asOf, DEFAULT_PACE);
    assert.deepEqual({ progress: p.progress, elapsed: p.elapsed, expected: p.expected, status: p.status }, { progress: 0.47, elapsed: 0.9, expected: 31.56, status: 'off-track' });
    assert.equal(expectedValue(45, 30, 0.9), 31.5);
  });

  it('direction: lower is better when the target is below the baseline', () => {
    const down = (current: number) => pace({ baseline: 45, target: 30, current, period: period('2026') }, asOf, DEFAULT_PACE);
    assert.equal(down(32).status, 'on-track'); // 87% of the way
    assert.equal(down(34).status, 'at-risk'); // 73%
    assert.equal(down(50).progress, 0); // worse than the baseline: clamped
    assert.equal(down(50).status, 'off-track');
    assert.equal(down(30).status, 'done');
    assert.equal(down(25).status, 'done');
    assert.equal(down(25).progress, 1);
  });

  it('an ended period is judged at its end: expected is the target', () => {
    const p = pace({ baseline: 0, target: 10, current: 8, period: period('2025') }, asOf, DEFAULT_PACE);
    assert.deepEqual([p.elapsed, p.expected, p.status], [1, 10, 'at-risk']);
    assert.equal(pace({ baseline: 0, target: 10, current: 7, period: period('2025') }, asOf, DEFAULT_PACE).status, 'off-track');
  });

  it('a half and a quarter: their own days', () => {
    const h2 = pace({ baseline: 0, target: 100, current: 60, period: period('2026-H2') }, asOf, DEFAULT_PACE);
    assert.deepEqual([h2.elapsed, h2.expected, h2.status], [0.79, 79.35, 'at-risk']);
    const q4 = pace({ baseline: 0, target: 100, current: 60, period: period('2026-Q4') }, asOf, DEFAULT_PACE);
    assert.deepEqual([q4.elapsed, q4.expected, q4.status], [0.59, 58.7, 'on-track']);
  });

  it('unknown without a current, with target = baseline, or without a baseline', () => {
    assert.equal(pace({ baseline: 0, target: 10, period: period('2026') }, asOf, DEFAULT_PACE).status, 'unknown');
    assert.equal(pace({ baseline: 5, target: 5, current: 1, period: period('2026') }, asOf, DEFAULT_PACE).status, 'unknown');
    assert.equal(pace({ baseline: 5, target: 5, current: 1, period: period('2026') }, asOf, DEFAULT_PACE).expected, undefined);
    assert.equal(pace({ target: 10, current: 1, period: period('2026') }, asOf, DEFAULT_PACE).status, 'unknown');
  });

  it('expected keeps the precision of the numbers written, plus two digits', () => {
    assert.equal(pace({ baseline: 1.8, target: 2.6, current: 2, period: period('2026') }, asOf, DEFAULT_PACE).expected, 2.517);
    assert.equal(pace({ baseline: 0.42, target: 0.25, current: 0.3, period: period('2026') }, asOf, DEFAULT_PACE).expected, 0.2677);
  });
});

describe('pace: the period a KR is judged over', () => {
  const files = [
    parseUnitFile('/c/co.okr.yaml', yaml`
      unit: co
      period: 2026-H2
      objectives:
        O1:
          key_results:
            KR1: { baseline: 0, target: 10, current: 5 }
    `),
    parseUnitFile('/c/app.okr.yaml', yaml`
      unit: app
      parent: co
      objectives:
        O1:
          key_results:
            KR1: { baseline: 0, target: 10, current: 5, supports: co/KR1 }
    `),
    parseUnitFile('/c/team.okr.yaml', yaml`
      unit: team
      parent: app
      objectives:
        O1:
          key_results:
            KR1: { baseline: 0, target: 10, current: 5, supports: app/KR1 }
    `),
    parseUnitFile('/c/q.okr.yaml', yaml`
      unit: q
      parent: app
      period: 2026-Q4
      objectives:
        O1:
          key_results:
            KR1: { baseline: 0, target: 10, current: 5 }
    `),
    parseUnitFile('/c/loop-a.okr.yaml', yaml`
      unit: loop-a
      parent: loop-b
      objectives:
        O1:
          key_results:
            KR1: { baseline: 0, target: 10, current: 10 }
    `),
    parseUnitFile('/c/loop-b.okr.yaml', 'unit: loop-b\nparent: loop-a\n'),
  ];
  const index = new CascadeIndex(files);
  const kr = (unit: string) => index.entity(`${unit}/KR1`) as KeyResult;

  it("its own unit's, else the nearest ancestor's (two levels up), never a parent loop's", () => {
    assert.equal(krPeriod(index, kr('co'))?.text, '2026-H2');
    assert.equal(krPeriod(index, kr('app'))?.text, '2026-H2');
    assert.equal(krPeriod(index, kr('team'))?.text, '2026-H2');
    assert.equal(krPeriod(index, kr('q'))?.text, '2026-Q4');
    assert.equal(krPeriod(index, kr('loop-a')), undefined);
  });

  it('KrPaces: the inherited period decides the status; no period anywhere leaves only done', () => {
    const paces = new KrPaces(index, day('2026-11-24'));
    assert.deepEqual([paces.of(kr('team')).elapsed, paces.of(kr('team')).status], [0.79, 'off-track']);
    assert.deepEqual([paces.of(kr('q')).elapsed, paces.of(kr('q')).status], [0.59, 'on-track']);
    assert.equal(paces.of(kr('loop-a')).status, 'done');
    assert.equal(paces.of(kr('team')).computed, false);
  });
});
