/**
 * The pace line of a KR's hover: status in words, share of the period, the
 * value expected today, a computed current marked as computed, and the reason
 * when the pace cannot be judged.
 */
import { strict as assert } from 'node:assert';
import { CascadeIndex } from '../../../server/src/core/link';
import type { KeyResult } from '../../../server/src/core/model';
import { entityHover } from '../../../server/src/core/navigate';
import { parseUnitFile } from '../../../server/src/core/parse';
import { parseDay } from '../../../server/src/core/period';

const files = [
  parseUnitFile('/c/co.okr.yaml', `unit: co
period: 2025
objectives:
  O1:
    title: Grow
    key_results:
      ended: { title: Ended, baseline: 0, target: 10, current: 7 }
      flat: { title: Flat, baseline: 5, target: 5, current: 1 }
      new: { title: New, baseline: 0, target: 10 }
      sum: { title: Sum, baseline: 0, target: 10, rollup: sum, unit: m USD }
      empty-sum: { title: Empty sum, baseline: 0, target: 10, rollup: sum, unit: k USD }
`),
  parseUnitFile('/c/team.okr.yaml', `unit: team
parent: co
objectives:
  O1:
    key_results:
      KR1: { baseline: 0, target: 4, current: 3, unit: m USD, supports: co/sum }
      KR2: { baseline: 0, target: 4, unit: k USD, supports: co/empty-sum }
`),
  parseUnitFile('/c/free.okr.yaml', `unit: free
objectives:
  O1:
    key_results:
      KR1: { baseline: 0, target: 10, current: 4 }
      KR2: { baseline: 0, target: 10, current: 12 }
`),
];
const index = new CascadeIndex(files);
const hover = (ref: string, today = '2026-11-24') => entityHover(index, index.entity(ref) as KeyResult, { today: parseDay(today)! });

describe('hover: a KR\'s pace', () => {
  const cases: [ref: string, line: RegExp][] = [
    ['co/ended', /\*\*Pace:\*\* off track · 2025 has ended, 70% of the way · expected by its end: 10$/m],
    ['co/flat', /\*\*Pace:\*\* unknown: the target equals the baseline\.$/m],
    ['co/new', /\*\*Pace:\*\* unknown: no `current:` yet\.$/m],
    ['co/sum', /\*\*Pace:\*\* off track · 2025 has ended, 30% of the way · expected by its end: 10 m USD$/m],
    ['co/empty-sum', /\*\*Pace:\*\* unknown: no KR that adds up to it has a `current:` yet\.$/m],
    ['free/KR1', /\*\*Pace:\*\* unknown: no `period:` in this unit or above\.$/m],
    ['free/KR2', /\*\*Pace:\*\* done: the target is reached\.$/m],
  ];
  for (const [ref, line] of cases) it(`${ref}: ${line.source.replace(/\\/g, '')}`, () => assert.match(hover(ref), line));

  it('a current computed by the roll-up is shown and labelled computed; a written one is not', () => {
    assert.match(hover('co/sum'), /^0 → 3 → 10 m USD \(baseline → current, computed by the roll-up → target\) · \*\*30%\*\* of the way$/m);
    assert.match(hover('co/sum'), /Rolls up \(`sum`\) the KRs below that count in `m USD`\./);
    assert.match(hover('co/ended'), /^0 → 7 → 10 \(baseline → current → target\)/m);
  });

  it('the day comes from the options: the same KR before its period ended', () => {
    assert.match(hover('co/ended', '2025-07-02'), /\*\*Pace:\*\* on track · 50% of 2025 passed, 70% of the way · expected by 2025-07-02: 4\.99$/m);
  });
});
