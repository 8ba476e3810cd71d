/** CodeLens titles say exactly what a KR supports: resolved, broken, or nothing written. */
import assert from 'node:assert/strict';
import { codeLenses } from '../../../server/src/core/hints';
import { CascadeIndex } from '../../../server/src/core/link';
import { parseUnitFile } from '../../../server/src/core/parse';

const co = 'unit: co\nobjectives:\n  O1:\n    key_results:\n      KR1: { target: 1 }\n';
const team = 'unit: team\nparent: co\nobjectives:\n  O1:\n    key_results:\n      A: { target: 1, supports: co/KR1 }\n      B: { target: 1, supports: co/KR9 }\n      C: { target: 1, supports: [co/O1, nope/KR1] }\n      D: { target: 1 }\n      E: { target: 1, supports: {} }\n';

describe('CodeLens: what a KR supports', () => {
  it('a resolved link, a broken one, the wrong kind, an unknown unit, nothing written, nothing readable', () => {
    const files = [parseUnitFile('co.okr.yaml', co), parseUnitFile('team.okr.yaml', team)];
    const index = new CascadeIndex(files);
    const lenses = codeLenses(index, files[1]).filter((l) => files[1].krs.some((k) => k.keySpan[0] === l.span[0]));
    assert.deepEqual(lenses.map((l) => l.title.split(' · ')[0]), [
      'supports co/KR1',
      'supports co/KR9 (not found)',
      'supports co/O1 (an objective, not a KR), nope/KR1 (no unit nope)',
      'supports nothing',
      'supports nothing (`supports` holds no reference)',
    ]);
  });
});
