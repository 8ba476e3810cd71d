/**
 * `okr diff` builds only where each roadmap places its cards
 * (compare/places.ts), not the whole model: on random cascades, before and
 * after random edits, every unit's lanes and card places must be exactly
 * those of the full roadmap (core/roadmap), and so must the change set's
 * lanes and card moves.
 */
import { strict as assert } from 'node:assert';
import { compare, planOf } from '../../../server/src/core/compare/index';
import { placeCards } from '../../../server/src/core/compare/places';
import { compareRefs } from '../../../server/src/core/roadmap/cards';
import { buildRoadmap } from '../../../server/src/core/roadmap/index';
import type { Card, RoadmapModel } from '../../../server/src/core/roadmap/model';
import { parseDay } from '../../../server/src/core/period';
import { randomCascade, rng } from './random';

const asOf = parseDay('2026-11-24')!;

/** What a change set reads of a roadmap, in a canonical order. */
function placesOf(m: RoadmapModel) {
  const cards = (cs: Card[]) => cs.map((c) => `${c.ref}|${c.kind}|${c.title}|${c.column}`).sort();
  return { unit: m.unit, lanes: m.lanes.map((l) => ({ id: l.id, title: l.title, cards: cards(l.cards) })).sort((a, b) => compareRefs(a.id, b.id)), unlinked: cards(m.unlinked) };
}

function edited(files: Map<string, string>, r: () => number): Map<string, string> {
  const out = new Map(files);
  for (const key of out.keys()) {
    if (r() < 0.3) out.set(key, out.get(key)!.replace(/^( +horizon: )\S+$/m, (_m, a: string) => `${a}${['now', 'next', 'later', '2027-Q1', '2026-Q3'][Math.floor(r() * 5)]}`));
    if (r() < 0.15) out.set(key, out.get(key)!.replace(/^ +supports: .*\n/m, ''));
    if (r() < 0.1) out.set(key, out.get(key)!.replace(/^period: .*$/m, 'period: 2027-H1'));
    if (r() < 0.1) out.set(key, out.get(key)!.replace(/^( {6})KR1:$/m, '$1KR1x:'));
  }
  return out;
}

describe('compare: card places without the whole roadmap', () => {
  it('equal the full roadmap for every unit of 20 random cascades, before and after random edits', function () {
    this.timeout(300_000);
    let cards = 0;
    for (let seed = 500; seed < 520; seed++) {
      const g = randomCascade(seed, 5 + (seed % 6));
      for (const files of [g.files, edited(g.files, rng(seed))]) {
        const plan = planOf(files, { asOf, label: {} });
        for (const unit of plan.index.units.keys()) {
          const full = placesOf(buildRoadmap(plan.index, { unit, view: 'quarters', asOf }));
          assert.deepEqual(placesOf(placeCards(plan.index, { unit, view: 'quarters', asOf })), full, `seed ${seed}, ${unit}`);
          cards += full.lanes.reduce((n, l) => n + l.cards.length, 0);
        }
      }
    }
    assert.ok(cards > 500, `cards placed (${cards})`);
  });

  it('give the change set of the full roadmaps (lanes and card moves)', function () {
    this.timeout(300_000);
    let moves = 0;
    for (let seed = 600; seed < 615; seed++) {
      const g = randomCascade(seed, 6);
      const base = planOf(g.files, { asOf, label: {} });
      const head = planOf(edited(g.files, rng(seed)), { asOf, label: {} });
      const light = compare(base, head, { asOf, buildRoadmap: (_side, plan, o) => placeCards(plan.index, o) });
      const full = compare(base, head, { asOf });
      assert.deepEqual(light, full, `seed ${seed}`);
      moves += full.consequences.cards.length;
    }
    assert.ok(moves >= 10, `cards moved (${moves})`);
  });

  it('another view is the whole model', () => {
    const plan = planOf(randomCascade(3, 4).files, { asOf, label: {} });
    assert.deepEqual(placeCards(plan.index, { unit: 'prod-0', view: 'horizons', asOf }), buildRoadmap(plan.index, { unit: 'prod-0', view: 'horizons', asOf }));
  });
});
