// A large portfolio as the preview first gets it (core/roadmap/elide.ts): products closed carry
// only what their counts and filters read; an open product, and any small portfolio, go whole;
// the company's own lanes lose only the cards a product section holds.
import * as assert from 'node:assert/strict';
import { LARGE_MODEL, distinctCardCount, elidePortfolio, expandTally, sectionCards } from '../../../server/src/core/roadmap/elide';
import { bigPortfolio } from '../../webview/big-model';

describe('roadmap: eliding a large portfolio', () => {
  it('closed products keep no cards but a tally of their kind, column, unit, confidence, status and type; open ones stay whole', () => {
    const model = bigPortfolio(10, 20); // 800 cards
    const e = elidePortfolio(model, ['product-3']);
    assert.equal(e.sections!.length, 10);
    for (const [i, s] of e.sections!.entries()) {
      if (s.unit === 'product-3') { assert.equal(s, model.sections![i]); continue; }
      assert.equal(s.elided, true);
      assert.deepEqual(s.lanes.map((l) => l.outcomes), model.sections![i].lanes.map((l) => l.outcomes), 'outcomes kept');
      assert.ok(s.lanes.every((l) => l.cards.length === 0) && s.unlinked.length === 0, 'no cards on the wire');
      const was = model.sections![i].lanes[1].cards[4];
      const t = s.tally!;
      assert.deepEqual(t.kinds[t.lanes[1][4]], ['item', was.column, was.unit, was.confidence ?? '', was.status ?? '', 'feature']);
      assert.ok(t.kinds.length <= 5 * 3 * 4, `interned: ${t.kinds.length} kinds for ${sectionCards(model.sections![i]).length} cards`);
      // Expanded, a skeleton per card in its lane, with a made-up ref.
      const x = expandTally(s);
      assert.equal(x.tally, undefined);
      assert.deepEqual(x.lanes[1].cards[4], { ref: `#${s.unit}/${x.lanes[0].cards.length + 5}`, kind: 'item', column: was.column, unit: was.unit, confidence: was.confidence, status: was.status, type: 'feature' });
      assert.deepEqual(x.lanes.map((l) => l.cards.length), model.sections![i].lanes.map((l) => l.cards.length), 'every card, in its lane');
      assert.equal(sectionCards(s).length, sectionCards(model.sections![i]).length, 'every card counted');
    }
    assert.equal(distinctCardCount(e), distinctCardCount(model));
    assert.ok(JSON.stringify(e).length * 2 < JSON.stringify(model).length, `under half of the whole: ${JSON.stringify(e).length} of ${JSON.stringify(model).length} characters`);
    assert.notEqual(e, model);
    assert.equal(model.sections![0].elided, undefined, 'the model given is not changed');
  });

  it("the company's own lanes keep only the cards no product holds", () => {
    const model = bigPortfolio(10, 20);
    const held = model.sections![2].lanes[0].cards[0];
    const own = { ...held, ref: 'megacorp/own-item', unit: 'megacorp' };
    model.lanes[0].cards = [held, own];
    const e = elidePortfolio(model);
    assert.deepEqual(e.lanes[0].cards, [own]);
    assert.equal(distinctCardCount(e), distinctCardCount(model));
  });

  it(`a portfolio of at most ${LARGE_MODEL} cards, and every other view, go whole`, () => {
    const small = bigPortfolio(4, 25); // 400 cards
    assert.equal(elidePortfolio(small), small);
    const board = { ...bigPortfolio(10, 20), view: 'quarters' as const };
    assert.equal(elidePortfolio(board), board);
  });
});
