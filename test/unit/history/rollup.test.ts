/**
 * Roll-up arithmetic (DESIGN.md "Roll-up"): computed currents for sum, mean,
 * min and max, nested roll-ups, loops, units that differ, and the
 * contribution of the children's plans against the parent's target.
 */
import { strict as assert } from 'node:assert';
import { CascadeIndex } from '../../../server/src/core/link';
import type { KeyResult } from '../../../server/src/core/model';
import { parseUnitFile } from '../../../server/src/core/parse';
import { contribution, Currents, rollupChildren } from '../../../server/src/core/rollup';
import { yaml } from '../../helpers/yaml';

/** A parent unit `p` with one KR, and children in unit `c` given as flow maps (supports p/KR1 added). */
function cascade(parent: string, children: string[], extra: string[] = []): { index: CascadeIndex; kr: (ref: string) => KeyResult } {
  const files = [
    parseUnitFile('/c/p.okr.yaml', `unit: p\nperiod: 2026\nobjectives:\n  O1:\n    key_results:\n      KR1: ${parent}\n`),
    parseUnitFile('/c/c.okr.yaml', `unit: c\nparent: p\nperiod: 2026\nobjectives:\n  O1:\n    key_results:\n${children.map((c, i) => `      K${i + 1}: { supports: p/KR1, ${c} }\n`).join('')}${extra.join('')}`),
  ];
  const index = new CascadeIndex(files);
  return { index, kr: (ref) => index.entity(ref) as KeyResult };
}

const current = (parent: string, children: string[]) => {
  const { index, kr } = cascade(parent, children);
  return new Currents(index).of(kr('p/KR1'));
};

describe('roll-up: computed current', () => {
  const cases: [what: string, parent: string, children: string[], want: number | undefined][] = [
    ['sum: own baseline + Σ(child current − child baseline)', '{ baseline: 1.8, target: 2.6, rollup: sum }', ['baseline: 0.8, target: 1.0, current: 0.9', 'baseline: 1.0, target: 1.6, current: 1.2'], 2.1],
    ['sum: a child without current adds nothing', '{ baseline: 10, target: 20, rollup: sum }', ['baseline: 5, target: 9, current: 7', 'baseline: 5, target: 9'], 12],
    ['sum: a child without baseline is left out', '{ baseline: 10, target: 20, rollup: sum }', ['baseline: 5, target: 9, current: 7', 'target: 9, current: 100'], 12],
    ['sum: the parent needs its own baseline', '{ target: 20, rollup: sum }', ['baseline: 5, target: 9, current: 7'], undefined],
    ['sum: going the wrong way subtracts', '{ baseline: 10, target: 20, rollup: sum }', ['baseline: 5, target: 9, current: 4'], 9],
    ['mean of the children\'s currents', '{ baseline: 30, target: 45, rollup: mean }', ['baseline: 30, target: 40, current: 36', 'baseline: 20, target: 50, current: 40'], 38],
    ['mean: a child without current counts its baseline', '{ baseline: 30, target: 45, rollup: mean }', ['baseline: 30, target: 40, current: 36', 'baseline: 20, target: 50'], 28],
    ['mean: rounded two digits past the numbers written', '{ baseline: 0, target: 10, rollup: mean }', ['baseline: 0, target: 10, current: 1', 'baseline: 0, target: 10, current: 1', 'baseline: 0, target: 10, current: 2'], 1.33],
    ['min', '{ baseline: 99, target: 99.9, rollup: min }', ['baseline: 99.5, target: 99.9, current: 99.7', 'baseline: 99.1, target: 99.9, current: 99.4'], 99.4],
    ['min: a child without current counts its baseline', '{ baseline: 99, target: 99.9, rollup: min }', ['baseline: 99.5, target: 99.9, current: 99.7', 'baseline: 99.1, target: 99.9'], 99.1],
    ['max', '{ baseline: 900, target: 400, rollup: max }', ['baseline: 850, target: 380, current: 500', 'baseline: 950, target: 450, current: 700'], 700],
    ['no child has a current: nothing computed (a new cascade is not off track)', '{ baseline: 10, target: 20, rollup: sum }', ['baseline: 5, target: 9', 'baseline: 5, target: 9'], undefined],
    ['no children at all', '{ baseline: 10, target: 20, rollup: sum }', [], undefined],
    ['children in another unit are never added', '{ baseline: 10, target: 20, unit: m USD, rollup: sum }', ['baseline: 5, target: 9, current: 7, unit: m USD', 'baseline: 5000, target: 9000, current: 7000, unit: k USD'], 12],
    ['the unit text is compared trimmed', '{ baseline: 10, target: 20, unit: m USD, rollup: sum }', ['baseline: 5, target: 9, current: 7, unit: " m USD "'], 12],
    ['a child without a unit is not in a parent\'s unit', '{ baseline: 10, target: 20, unit: m USD, rollup: sum }', ['baseline: 5, target: 9, current: 7'], undefined],
  ];
  for (const [what, parent, children, want] of cases) {
    it(`${what} → ${want}`, () => {
      const got = current(parent, children);
      assert.deepEqual(got, want === undefined ? undefined : { value: want, computed: true });
    });
  }

  it('a written current wins and is not marked computed', () => {
    assert.deepEqual(current('{ baseline: 10, target: 20, current: 11, rollup: sum }', ['baseline: 5, target: 9, current: 9']), { value: 11, computed: false });
  });

  it('items supporting a roll-up KR are not children', () => {
    const files = [
      parseUnitFile('/c/p.okr.yaml', yaml`
        unit: p
        objectives:
          O1:
            key_results:
              KR1: { baseline: 10, target: 20, rollup: sum }
        roadmap:
          bet: { supports: KR1 }
      `),
    ];
    const index = new CascadeIndex(files);
    assert.deepEqual(rollupChildren(index, index.entity('p/KR1') as KeyResult), { counted: [], mismatched: [] });
  });

  it('nested roll-ups use the children\'s computed currents (three levels)', () => {
    const files = [
      parseUnitFile('/c/co.okr.yaml', 'unit: co\nobjectives:\n  O1:\n    key_results:\n      KR1: { baseline: 100, target: 200, rollup: sum }\n'),
      parseUnitFile('/c/app.okr.yaml', 'unit: app\nparent: co\nobjectives:\n  O1:\n    key_results:\n      KR1: { baseline: 40, target: 80, rollup: sum, supports: co/KR1 }\n      KR2: { baseline: 60, target: 120, current: 70, supports: co/KR1 }\n'),
      parseUnitFile('/c/team.okr.yaml', 'unit: team\nparent: app\nobjectives:\n  O1:\n    key_results:\n      KR1: { baseline: 10, target: 30, current: 25, supports: app/KR1 }\n      KR2: { baseline: 30, target: 50, current: 35, supports: app/KR1 }\n'),
    ];
    const index = new CascadeIndex(files);
    const c = new Currents(index);
    assert.deepEqual(c.of(index.entity('app/KR1') as KeyResult), { value: 60, computed: true }); // 40 + 15 + 5
    assert.deepEqual(c.of(index.entity('co/KR1') as KeyResult), { value: 130, computed: true }); // 100 + (60 − 40) + (70 − 60)
  });

  it('a roll-up on a supports loop has no computed current, and computing it terminates', () => {
    const files = [
      parseUnitFile('/c/a.okr.yaml', 'unit: a\nobjectives:\n  O1:\n    key_results:\n      KR1: { baseline: 0, target: 10, rollup: sum, supports: b/KR1 }\n      KR2: { baseline: 0, target: 10, current: 4, supports: KR1 }\n      KR3: { baseline: 0, target: 10, rollup: max, supports: KR3 }\n'),
      parseUnitFile('/c/b.okr.yaml', 'unit: b\nobjectives:\n  O1:\n    key_results:\n      KR1: { baseline: 0, target: 10, rollup: sum, supports: a/KR1 }\n      KR2: { baseline: 0, target: 10, rollup: sum }\n'),
      parseUnitFile('/c/c.okr.yaml', 'unit: c\nobjectives:\n  O1:\n    key_results:\n      KR1: { baseline: 0, target: 10, current: 3, supports: b/KR2 }\n      KR2: { baseline: 0, target: 10, rollup: sum, supports: b/KR2 }\n'),
    ];
    const index = new CascadeIndex(files);
    const c = new Currents(index);
    const kr = (r: string) => index.entity(r) as KeyResult;
    assert.equal(c.of(kr('a/KR1')), undefined);
    assert.equal(c.of(kr('b/KR1')), undefined);
    assert.equal(c.of(kr('a/KR3')), undefined, 'a KR that supports itself');
    assert.deepEqual(c.of(kr('b/KR2')), { value: 3, computed: true }, 'a roll-up outside the loop still adds up');
  });

  it('a deep diamond (30 levels, every KR supporting both above) is computed once per KR, not once per path', () => {
    const levels = 30;
    const files = [];
    for (let l = 0; l < levels; l++) {
      const up = l === 0 ? '' : `, supports: [u${l - 1}/A, u${l - 1}/B]`;
      const cur = l === levels - 1 ? ', current: 1' : ', rollup: sum';
      files.push(parseUnitFile(`/c/u${l}.okr.yaml`, `unit: u${l}\nobjectives:\n  O1:\n    key_results:\n      A: { baseline: 0, target: 1${cur}${up} }\n      B: { baseline: 0, target: 1${cur}${up} }\n`));
    }
    const index = new CascadeIndex(files);
    // 2^29 paths: without memoising this would never finish.
    assert.deepEqual(new Currents(index).of(index.entity('u0/A') as KeyResult), { value: 2 ** (levels - 1), computed: true });
  });
});

describe('roll-up: contribution of the children\'s plans', () => {
  const contrib = (parent: string, children: string[]) => {
    const { index, kr } = cascade(parent, children);
    return contribution(index, kr('p/KR1'));
  };
  const cases: [what: string, parent: string, children: string[], want: { planned: number; needed: number; shortfall: number; over: boolean } | undefined][] = [
    ['sum short: +0.5 of +0.8', '{ baseline: 1.8, target: 2.6, rollup: sum }', ['baseline: 0.8, target: 1.0', 'baseline: 1.0, target: 1.3'], { planned: 0.5, needed: 0.8, shortfall: 0.3, over: false }],
    ['sum exactly covered despite float noise (0.1 + 0.2 + 0.5)', '{ baseline: 1.8, target: 2.6, rollup: sum }', ['baseline: 0, target: 0.1', 'baseline: 0, target: 0.2', 'baseline: 0, target: 0.5'], { planned: 0.8, needed: 0.8, shortfall: 0, over: false }],
    ['sum, lower is better: −250 of −400', '{ baseline: 900, target: 500, rollup: sum }', ['baseline: 500, target: 350', 'baseline: 400, target: 300'], { planned: -250, needed: -400, shortfall: 150, over: false }],
    ['sum: a child moving the wrong way counts against', '{ baseline: 10, target: 20, rollup: sum }', ['baseline: 0, target: 12', 'baseline: 10, target: 8'], { planned: 10, needed: 10, shortfall: 0, over: false }],
    ['sum: exactly 1.5 × is not over-promised', '{ baseline: 0, target: 10, rollup: sum }', ['baseline: 0, target: 15'], { planned: 15, needed: 10, shortfall: 0, over: false }],
    ['sum: more than 1.5 × is over-promised', '{ baseline: 0, target: 10, rollup: sum }', ['baseline: 0, target: 15.1'], { planned: 15.1, needed: 10, shortfall: 0, over: true }],
    ['sum, lower is better: over-promised', '{ baseline: 1000, target: 800, rollup: sum }', ['baseline: 600, target: 250'], { planned: -350, needed: -200, shortfall: 0, over: true }],
    ['mean short', '{ baseline: 30, target: 45, rollup: mean }', ['baseline: 32, target: 40', 'baseline: 28, target: 48'], { planned: 44, needed: 45, shortfall: 1, over: false }],
    ['mean far above is never over-promised', '{ baseline: 30, target: 40, rollup: mean }', ['baseline: 20, target: 90'], { planned: 90, needed: 40, shortfall: 0, over: false }],
    ['max, lower is better: the slowest child misses by 50', '{ baseline: 900, target: 400, rollup: max }', ['baseline: 850, target: 380', 'baseline: 950, target: 450'], { planned: 450, needed: 400, shortfall: 50, over: false }],
    ['min covered', '{ baseline: 99.5, target: 99.9, rollup: min }', ['baseline: 99.6, target: 99.95', 'baseline: 99.4, target: 99.9'], { planned: 99.9, needed: 99.9, shortfall: 0, over: false }],
    ['min short', '{ baseline: 99.5, target: 99.9, rollup: min }', ['baseline: 99.6, target: 99.95', 'baseline: 99.4, target: 99.8'], { planned: 99.8, needed: 99.9, shortfall: 0.1, over: false }],
  ];
  for (const [what, parent, children, want] of cases) {
    it(what, () => {
      const c = contrib(parent, children);
      assert.deepEqual(c && { planned: c.planned, needed: c.needed, shortfall: c.shortfall, over: c.overPromised }, want);
    });
  }

  it('children in another unit are not counted; children without the numbers are listed as incomplete', () => {
    const c = contrib('{ baseline: 10, target: 20, unit: m USD, rollup: sum }', ['baseline: 0, target: 4, unit: m USD', 'baseline: 0, target: 4000, unit: k USD', 'target: 4, unit: m USD']);
    assert.deepEqual([c?.planned, c?.shortfall, c?.counted.map((k) => k.id), c?.incomplete.map((k) => k.id)], [4, 6, ['K1'], ['K3']]);
  });

  it('cannot be judged without a direction, without a target, or without a counted child', () => {
    assert.equal(contrib('{ target: 20, rollup: sum }', ['baseline: 0, target: 4']), undefined);
    assert.equal(contrib('{ baseline: 20, target: 20, rollup: sum }', ['baseline: 0, target: 4']), undefined);
    assert.equal(contrib('{ baseline: 10, rollup: mean }', ['baseline: 0, target: 4']), undefined);
    assert.equal(contrib('{ baseline: 10, target: 20, rollup: sum }', ['target: 4']), undefined);
    assert.equal(contrib('{ baseline: 10, target: 20 }', ['baseline: 0, target: 4']), undefined, 'no rollup');
  });
});
