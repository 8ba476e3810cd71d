/** keepSame (core/findings-diff.ts): findings found again keep the objects they had, one earlier object per new finding. */
import assert from 'node:assert/strict';
import { keepSame } from '../../../server/src/core/findings-diff';
import type { Problem } from '../../../server/src/core/model';

const p = (span: [number, number], message: string, data?: Problem['data']): Problem => ({ code: 'broken-link', severity: 'error', message, file: 'f', span, ...(data ? { data } : {}) });

describe('keepSame', () => {
  it('replaces each new finding equal to an earlier one (code, severity, message, span, data) by that object, and leaves the rest', () => {
    const a = p([1, 4], 'A', { suggestions: ['x'] });
    const b = p([10, 12], 'B');
    const c = p([20, 22], 'C');
    const prev = [a, b, c];
    const next = [p([1, 4], 'A', { suggestions: ['x'] }), p([10, 12], 'B changed'), p([20, 22], 'C'), p([30, 31], 'new')];
    const fresh = next.slice();
    keepSame(prev, next);
    assert.equal(next[0], a);
    assert.equal(next[1], fresh[1], 'a changed message stays new');
    assert.equal(next[2], c);
    assert.equal(next[3], fresh[3]);
    const moved = [p([2, 5], 'A', { suggestions: ['x'] })];
    keepSame(prev, moved);
    assert.notEqual(moved[0], a, 'another span is another finding');
    const otherData = [p([1, 4], 'A', { suggestions: ['y'] })];
    keepSame(prev, otherData);
    assert.notEqual(otherData[0], a, 'other data is another finding');
  });

  it('two alike findings at one place stay two objects, whether or not one was kept as it was', () => {
    const a1 = p([1, 4], 'A');
    const a2 = p([1, 4], 'A');
    const next = [p([1, 4], 'A'), p([1, 4], 'A')];
    keepSame([a1, a2], next);
    assert.deepEqual([next[0] === a1, next[1] === a2], [true, true]);
    const kept = [a1, p([1, 4], 'A')];
    keepSame([a1, a2], kept);
    assert.equal(kept[0], a1);
    assert.equal(kept[1], a2);
    const one = [p([1, 4], 'A'), p([1, 4], 'A')];
    keepSame([a1], one);
    assert.equal(one[0], a1);
    assert.notEqual(one[1], a1);
  });
});
