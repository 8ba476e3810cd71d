/**
 * `okr/review` over the real protocol: the review document of the unit the
 * preview shows (a team file → its product), from the live cascade (unsaved
 * text included), with the statuses and decisions `okr review` gives for the
 * same files, history from hand check-ins only (git is not read), and
 * one-line refusals.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReviewResult } from '../../server/src/protocol';
import { LspClient, ROOT } from './helpers';

const DIR = join(ROOT, 'test/fixtures/review/quarter/now');
const EXPECTED = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/review/quarter/expected.json'), 'utf8')) as ReviewResult;

describe('lsp: okr/review', function () {
  this.timeout(60_000);
  let c: LspClient;
  before(async () => { c = await LspClient.start({ fixture: DIR }); });
  after(async () => {
    assert.deepEqual(c.errors(), [], 'the server logged no failures');
    await c.stop();
  });
  const review = (params: Record<string, unknown>) => c.request<ReviewResult>('okr/review', { asOf: '2026-11-24', ...params });

  it("the product's review: the statuses, paces and the KR decisions okr review gives for these files; history from check-ins", async () => {
    const r = await review({ uri: c.uri('pay.okr.yaml') });
    assert.equal(r.unit, 'pay');
    assert.equal(r.asOf, '2026-11-24');
    assert.deepEqual(r.krs.map((k) => [k.ref, k.status, k.progress, k.expected]), EXPECTED.krs.map((k) => [k.ref, k.status, k.progress, k.expected]));
    assert.ok(r.krs.every((k) => k.history.every((p) => p.source === 'checkin')), 'no git history read');
    assert.equal(r.decisions[0], EXPECTED.decisions[0]);
    assert.ok(r.krs[0].location.file.startsWith('file://'), `locations are URIs: ${r.krs[0].location.file}`);
  });

  it('a team file reviews the product it feeds; an unsaved edit is reviewed as typed', async () => {
    assert.equal((await review({ uri: c.uri('teams/eu.okr.yaml') })).unit, 'pay');
    const text = c.read('pay.okr.yaml');
    await c.open('pay.okr.yaml', text.replace(/current: 38\b/, 'current: 30'));
    const r = await review({ uri: c.uri('pay.okr.yaml') });
    assert.equal(r.krs.find((k) => k.ref === 'pay/KR1')?.current, 30);
    await c.change('pay.okr.yaml', text);
  });

  it('refusals in one line: an unknown unit, a bad date', async () => {
    await assert.rejects(review({ uri: c.uri('pay.okr.yaml'), unit: 'payy' }), /Unknown unit "payy"\. Did you mean "pay"\?/);
    await assert.rejects(review({ uri: c.uri('pay.okr.yaml'), asOf: '2026-13-01' }), /asOf "2026-13-01" is not a date written YYYY-MM-DD/);
  });
});
