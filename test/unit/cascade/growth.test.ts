/**
 * A keystroke costs what it changed, whatever the size of the cascade: the
 * number of files whose rules run for an edit must be the same at N and 4N
 * units. Whole-cascade work on the edit path (re-checking every file, or
 * every file of a growing set) makes this fail on any machine.
 */
import assert from 'node:assert/strict';
import { Cascade } from '../../../server/src/core/cascade';
import { generateCascade } from '../../helpers/generate-cascade';

const asOf = { y: 2026, m: 11, d: 24 };

interface Costs {
  title: number;
  reference: number;
  productKr: number;
  newItem: number;
  checkIn: number;
}

/** Files re-checked per edit of each kind, summed over `rounds` edits and restores. */
function costs(units: number, rounds = 6): Costs {
  const files = generateCascade(units);
  const cascade = new Cascade({ asOf });
  cascade.load(files);
  const team = [...files.keys()].find((f) => f.includes('/teams/team-0-'))!;
  const product = '/bench/product-0.okr.yaml';
  const edit = (file: string, change: (t: string) => string) => {
    const base = files.get(file)!;
    cascade.takeWork();
    for (let i = 0; i < rounds; i++) {
      cascade.update(file, change(base));
      cascade.update(file, base);
    }
    return cascade.takeWork();
  };
  return {
    title: edit(team, (t) => t.replace('title: Bet 1 of', 'title: Bet one of')),
    reference: edit(team, (t) => t.replace(/supports: (product-0)\/KR1\n/, 'supports: $1/KR99\n')),
    productKr: edit(product, (t) => t.replace('      KR1:', '      KR71:')),
    newItem: edit(team, (t) => `${t}  extra:\n    title: One more bet\n    supports: KR1\n`),
    // A check-in: a team KR's current moves the roll-up and pace of the KRs it supports, up the chain.
    checkIn: edit(team, (t) => t.replace('current: 33', 'current: 30')),
  };
}

describe('the cost of an edit does not grow with the cascade', function () {
  this.timeout(240000);

  it('files re-checked per edit are the same at 150 and 600 units (title, reference, product KR id, new item, check-in)', () => {
    const small = costs(150);
    const large = costs(600);
    assert.deepEqual(large, small);
    // And they are few: the file itself, or the few files that can see the change.
    // A reference also reaches the KRs above through roll-up and pace (the product's, then the company's): 3 files.
    assert.ok(small.title === 12 && small.reference <= 36, JSON.stringify(small));
    assert.ok(small.productKr <= 12 * 12, JSON.stringify(small));
    assert.ok(small.checkIn >= 12 && small.checkIn <= 12 * 4, JSON.stringify(small));
  });
});
