/**
 * `okr/roadmap` with `open` (the preview's portfolio sections), over the real
 * protocol: a company of 2 products with 250 items each (500 cards, a large
 * portfolio) comes with the closed product elided (its cards reduced to what
 * counts and filters read) and the open one whole; without `open`, whole, as
 * `okr roadmap --format json`.
 */
import assert from 'node:assert/strict';
import type { RoadmapModel } from '../../server/src/protocol';
import { LspClient } from './helpers';

const CO = `unit: co
level: company
period: 2026
objectives:
  O1:
    title: Grow
    key_results:
      KR1: { title: Revenue, baseline: 1, target: 2 }
`;
const product = (id: string) => `unit: ${id}
level: product
parent: co
period: 2026
objectives:
  O1:
    title: Sell more
    key_results:
      KR1: { title: Sales, baseline: 1, target: 2, supports: co/KR1 }
roadmap:
${Array.from({ length: 250 }, (_, i) => `  item-${i + 1}: { title: Item ${i + 1} of ${id}, supports: KR1, horizon: 2026-Q${(i % 4) + 1}, confidence: high, status: planned,
             hypothesis: We believe item ${i + 1} lifts sales because customers asked for it. }`).join('\n')}
`;

describe('lsp: okr/roadmap of a large portfolio with open sections', function () {
  this.timeout(60000);
  let c: LspClient;
  before(async () => { c = await LspClient.start({ files: { 'co.okr.yaml': CO, 'p1.okr.yaml': product('p1'), 'p2.okr.yaml': product('p2') } }); });
  after(async () => {
    assert.deepEqual(c.errors(), [], 'the server logged no failures');
    await c.stop();
  });
  const roadmap = (open?: string[]) => c.request<RoadmapModel>('okr/roadmap', { uri: c.uri('co.okr.yaml'), view: 'portfolio', asOf: '2026-11-24', ...(open ? { open } : {}) });

  it('the closed product is elided, the open one whole; the company lanes do not repeat their cards', async () => {
    const whole = await roadmap();
    const m = await roadmap(['p2']);
    const [p1, p2] = m.sections!;
    assert.equal(p1.unit, 'p1');
    assert.equal(p1.elided, true);
    assert.equal(p1.lanes[0].cards.length, 0);
    assert.equal(p1.tally!.lanes[0].length, 250);
    assert.deepEqual(p1.tally!.kinds[p1.tally!.lanes[0][0]], ['item', '2026-Q1', 'p1', 'high', 'planned', '']);
    assert.equal(p2.elided, undefined);
    assert.deepEqual(p2, whole.sections![1]);
    // The company's own lanes keep what no product section holds (the products' KRs as initiatives), not the products' 500 items.
    assert.deepEqual(m.lanes.flatMap((l) => l.cards).map((x) => x.ref), ['p1/KR1', 'p2/KR1']);
    assert.equal(whole.lanes.flatMap((l) => l.cards).filter((x) => x.kind === 'item').length, 500, 'the whole model repeats them there');
    assert.ok(whole.sections!.every((s) => s.elided === undefined));
  });
});
