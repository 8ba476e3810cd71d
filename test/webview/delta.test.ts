// A model sent as its changes from the one drawn before (client/webview/delta.ts): an edit to one
// card of a product sends that product's section only, and applying the delta gives exactly the new
// model; a delta cannot reach an object's prototype.
import * as assert from 'node:assert/strict';
import { applyDelta, diffModel, printModel } from '../../client/webview/delta';
import { isModelDelta, isRoadmapModel } from '../../client/webview/messages';
import { loadCascade, modelOf } from './cascades';

describe('webview: models as deltas', () => {
  const c = loadCascade('samples', 'samples/okrs', 'checkout', 'acme');

  it('one card edited in a portfolio: one section travels, and the result is the new model', () => {
    const base = modelOf(c, 'portfolio');
    const next = structuredClone(base);
    next.sections![1].lanes[0].cards[0].title = 'Edited';
    const { delta, print, size } = diffModel(printModel(base), next);
    assert.deepEqual(Object.keys(delta.set), []);
    assert.deepEqual(delta.arrays.map((a) => [a.field, a.length, a.changed.map(([i]) => i)]), [['sections', base.sections!.length, [1]]]);
    assert.ok(size * 5 < JSON.stringify(next).length, `a fifth of the model at most: ${size} of ${JSON.stringify(next).length}`);
    assert.ok(isModelDelta(JSON.parse(JSON.stringify(delta))));
    const applied = applyDelta(base, JSON.parse(JSON.stringify(delta)));
    assert.deepEqual(applied, next);
    assert.equal(applied.sections![0], base.sections![0], 'unchanged sections are shared, not copied');
    assert.deepEqual(print, printModel(next));
  });

  it('fields added, changed, removed; arrays that grow and shrink', () => {
    const base = modelOf(c, 'quarters');
    const next = structuredClone(base);
    next.title = 'Renamed';
    delete next.period;
    next.lanes = next.lanes.slice(0, 2);
    next.unlinked = [...next.unlinked, { ...base.lanes[0].cards[0], ref: 'checkout/new' }];
    next.gaps = [];
    const { delta } = diffModel(printModel(base), next);
    assert.deepEqual(delta.unset, ['period']);
    assert.deepEqual(applyDelta(base, delta), next);
  });

  it('a hostile delta reaches no prototype and fails the model check when it breaks the shape', () => {
    const base = modelOf(c, 'quarters');
    const hostile = JSON.parse('{"set":{"__proto__":{"polluted":1},"constructor":{"x":1}},"unset":["toString"],"arrays":[{"field":"lanes","length":1,"changed":[[0,{"id":1}]]}]}');
    assert.ok(isModelDelta(hostile));
    const applied = applyDelta(base, hostile);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(applied), Object.prototype);
    assert.equal(isRoadmapModel(applied), false, 'a lane without a title is refused');
    assert.equal(isModelDelta({ set: {}, unset: [], arrays: [{ field: 'units', length: 1, changed: [] }] }), false, 'only the long arrays');
    assert.equal(isModelDelta({ set: {}, unset: [], arrays: [{ field: 'lanes', length: 1, changed: [[3, {}]] }] }), false, 'an index past the length');
  });
});
