import assert from 'node:assert/strict';
import { CascadeIndex } from '../../../server/src/core/link';
import { parseUnitFile } from '../../../server/src/core/parse';
import { buildRoadmap, defaultRoadmapUnit, RoadmapError, roadmapUnitFor } from '../../../server/src/core/roadmap/index';
import { progress } from '../../../server/src/core/roadmap/progress';
import { loadCase, loadIndex } from './helper';

const asOf = { y: 2026, m: 5, d: 10 };

/** A cascade from inline files: `name` → YAML text (file keys are `name`). */
function cascade(files: Record<string, string>): CascadeIndex {
  return new CascadeIndex(Object.entries(files).map(([name, text]) => parseUnitFile(name, text)));
}

const unit = (id: string, level?: string, parent?: string, extra = '') =>
  `unit: ${id}\n${level ? `level: ${level}\n` : ''}${parent ? `parent: ${parent}\n` : ''}${extra}`;

describe('roadmap API', () => {
  describe('buildRoadmap errors', () => {
    const index = cascade({ 'a.okr.yaml': unit('acme', 'company'), 'c.okr.yaml': unit('checkout', 'product', 'acme') });

    it('throws a RoadmapError naming the known units for an unknown unit', () => {
      assert.throws(
        () => buildRoadmap(index, { unit: 'chekout', view: 'quarters', asOf }),
        (e: unknown) => {
          assert.ok(e instanceof RoadmapError);
          assert.equal(e.name, 'RoadmapError');
          assert.equal(e.message, 'Unknown unit "chekout". Did you mean "checkout"? Known units: acme, checkout');
          assert.deepEqual(e.units, ['acme', 'checkout']);
          return true;
        },
      );
    });

    it('throws a RoadmapError for an unknown view', () => {
      assert.throws(() => buildRoadmap(index, { unit: 'acme', view: 'gantt' as never, asOf }), RoadmapError);
    });

    it('throws a RoadmapError for a cascade without units', () => {
      assert.throws(() => buildRoadmap(cascade({}), { view: 'quarters', asOf }), /no units/);
    });

    it('shows file keys as they are when no path function is given', () => {
      const m = buildRoadmap(cascade({ '/abs/c.okr.yaml': unit('c', 'product', undefined, 'roadmap:\n  x:\n    title: X\n') }), { view: 'quarters', asOf });
      assert.deepEqual(m.unlinked.map((c) => c.location), [{ file: '/abs/c.okr.yaml', line: 3, character: 2 }]);
    });
  });

  describe('defaultRoadmapUnit', () => {
    it('picks the first product by id', () => {
      const index = cascade({ 'a': unit('acme', 'company'), 'z': unit('zeta', 'product', 'acme'), 'b': unit('beta', 'product', 'acme'), 't': unit('alpha', 'team', 'beta') });
      assert.equal(defaultRoadmapUnit(index), 'beta');
    });
    it('falls back to the top unit when there is no product', () => {
      assert.equal(defaultRoadmapUnit(cascade({ 't': unit('a-team', 'team', 'org'), 'o': unit('org', 'company') })), 'org');
    });
    it('answers undefined for an empty cascade', () => {
      assert.equal(defaultRoadmapUnit(cascade({})), undefined);
    });
  });

  describe('roadmapUnitFor', () => {
    const index = cascade({
      'acme': unit('acme', 'company'),
      'shop': unit('shop', 'product', 'acme'),
      'team': unit('team', 'team', 'shop'),
      'sub': unit('sub', 'squad', 'team'),
      'lone': unit('lone', 'team', 'guild'),
      'guild': unit('guild', 'guild'),
      'top-team': unit('top-team', 'team'),
      'p': unit('p', 'team', 'q'),
      'q': unit('q', 'team', 'p'),
    });
    const cases: [string, string | undefined][] = [
      ['acme', 'acme'], ['shop', 'shop'], ['team', 'shop'], ['sub', 'shop'],
      ['lone', 'guild'], ['top-team', 'top-team'], ['p', 'q'], ['nope', undefined],
    ];
    for (const [file, expected] of cases) it(`${file} → ${expected}`, () => assert.equal(roadmapUnitFor(index, file), expected));
  });

  describe('progress', () => {
    const cases: [number | undefined, number | undefined, number | undefined, number | undefined][] = [
      [10, 15, 20, 0.5], [100, 80, 50, 0.4], [0, 12, 10, 1], [10, 5, 20, 0], [50, 60, 20, 0],
      [5, 5, 5, undefined], [1, undefined, 2, undefined], [undefined, 5, 10, undefined], [1, 2, undefined, undefined],
      [0, 1, 3, 0.33], [0, 2, 3, 0.67], [48, 39, 25, 0.39],
    ];
    for (const [b, c, t, p] of cases) it(`${b} → ${c} → ${t} = ${p}`, () => assert.equal(progress(b, c, t), p));
  });

  it('is deterministic whatever order the files come in', () => {
    for (const name of ['quarters', 'portfolio', 'trace', 'cycle']) {
      const { dir, index, options } = loadCase(name);
      const reversed = new CascadeIndex([...loadIndex(dir).files].reverse());
      assert.deepStrictEqual(buildRoadmap(reversed, options), buildRoadmap(index, options), name);
    }
  });

  it('puts an item in one lane per objective its chain reaches, once per lane', () => {
    const index = cascade({
      'p': unit('p', 'product', undefined, 'period: 2026\nobjectives:\n  O1:\n    key_results:\n      KR1: { target: 1 }\n      KR2: { target: 1 }\n  O2:\n    key_results:\n      KR3: { target: 1 }\n'),
      't': unit('t', 'team', 'p', 'objectives:\n  O1:\n    key_results:\n      KR1: { target: 1, supports: [p/KR1, p/KR2, p/KR3] }\nroadmap:\n  x: { supports: [KR1, p/KR1] }\n'),
    });
    const m = buildRoadmap(index, { unit: 'p', view: 'horizons', asOf });
    assert.deepEqual(m.lanes.map((l) => l.cards.map((c) => `${c.ref} ${c.serves!.join(' ')}`)), [
      ['t/KR1 p/KR1 p/KR2', 't/x p/KR1 p/KR2'],
      ['t/KR1 p/KR3', 't/x p/KR3'],
    ]);
    assert.deepEqual(m.unlinked, []);
  });
});
