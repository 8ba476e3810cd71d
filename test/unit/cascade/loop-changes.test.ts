/**
 * loopChanges (core/dependants.ts): which entities' loop changed between two
 * searches, whatever numbers the searches gave their loops: the files that
 * declare them are re-checked for `cycle`.
 */
import assert from 'node:assert/strict';
import { loopChanges } from '../../../server/src/core/dependants';

const loops = (entries: [string, number][]) => new Map(entries);

describe('loopChanges', () => {
  it('finds nothing when the same entities share the same loops under other numbers', () => {
    const before = loops([['a/KR1', 0], ['a/KR2', 0], ['b/i1', 1], ['b/i2', 1], ['b/i3', 1]]);
    const after = loops([['b/i3', 4], ['a/KR1', 7], ['b/i1', 4], ['a/KR2', 7], ['b/i2', 4]]);
    assert.deepEqual(loopChanges(before, after), []);
    assert.deepEqual(loopChanges(before, before), []);
  });

  it('names every entity of two loops merged into one, of a loop split, and one that left or joined a loop', () => {
    const before = loops([['a/KR1', 0], ['a/KR2', 0], ['b/i1', 1], ['b/i2', 1]]);
    assert.deepEqual(loopChanges(before, loops([['a/KR1', 3], ['a/KR2', 3], ['b/i1', 3], ['b/i2', 3]])).sort(), ['a/KR1', 'a/KR2', 'b/i1', 'b/i2']);
    assert.deepEqual(loopChanges(loops([['a/KR1', 0], ['a/KR2', 0], ['a/KR3', 0], ['a/KR4', 0]]), loops([['a/KR1', 0], ['a/KR2', 0], ['a/KR3', 1], ['a/KR4', 1]])).sort(), ['a/KR1', 'a/KR2', 'a/KR3', 'a/KR4']);
    assert.deepEqual(loopChanges(before, loops([['a/KR1', 5], ['a/KR2', 5], ['b/i1', 6]])).sort(), ['b/i1', 'b/i2']);
    assert.deepEqual(loopChanges(before, loops([['a/KR1', 5], ['a/KR2', 5], ['b/i1', 6], ['b/i2', 6], ['c/KR1', 5]])).sort(), ['a/KR1', 'a/KR2', 'c/KR1']);
    // Same keys, same count of loops, one entity swapped between them.
    assert.deepEqual(loopChanges(before, loops([['a/KR1', 0], ['a/KR2', 1], ['b/i1', 0], ['b/i2', 1]])).sort(), ['a/KR1', 'a/KR2', 'b/i1', 'b/i2']);
  });
});
