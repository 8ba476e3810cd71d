/**
 * `okr/history` over the real protocol: a workspace that is a git
 * repository made in the test (a KR renamed on the way, a file moved), the
 * series keyed as the live workspace names them, hand check-ins merged; the
 * roadmap answered alongside; a workspace without git: check-ins only.
 */
import assert from 'node:assert/strict';
import type { HistoryResult, ReviewResult, RoadmapModel } from '../../server/src/protocol';
import { TestRepo } from '../helpers/git';
import { LspClient } from './helpers';

const pay = (kr: string, current: number, horizon = 'now') => `unit: pay
level: product
period: 2026-H2
objectives:
  O1:
    title: Onboarding
    key_results:
      ${kr}:
        title: Cut onboarding drop-off
        baseline: 45
        target: 30
        current: ${current}
        checkins:
          - { date: 2026-08-20, value: 41, note: "dashboard" }
roadmap:
  wizard:
    title: Setup wizard
    supports: ${kr}
    hypothesis: We believe a wizard cuts drop-off because users stall.
    horizon: ${horizon}
`;

describe('okr/history (dist/server.js over stdio)', function () {
  this.timeout(120_000);

  it('a git workspace: KR values through a rename and a move, check-ins merged, item states; the roadmap alongside', async () => {
    const shas: string[] = [];
    const c = await LspClient.start({
      setup: (dir) => {
        const repo = TestRepo.init(dir);
        repo.write({ 'pay.okr.yaml': pay('KR1', 45) });
        shas.push(repo.commit('start', '2026-07-03', 'Ines'));
        repo.write({ 'pay.okr.yaml': pay('KR2', 42) });
        shas.push(repo.commit('rename', '2026-08-01', 'Tomás'));
        repo.move('pay.okr.yaml', 'products/pay.okr.yaml');
        repo.write({ 'products/pay.okr.yaml': pay('KR2', 40, 'next') });
        shas.push(repo.commit('move and slip', '2026-09-10', 'Mei'));
      },
    });
    try {
      const uri = c.uri('products/pay.okr.yaml');
      const [history, roadmap] = await Promise.all([
        c.request<HistoryResult>('okr/history', { uri }),
        c.request<RoadmapModel>('okr/roadmap', { uri, view: 'quarters', asOf: '2026-11-24' }),
      ]);
      assert.equal(roadmap.unit, 'pay');
      assert.deepEqual([history.git, history.head, history.truncated], [true, shas[2], false]);
      assert.deepEqual(history.krs, {
        'pay/KR2': [
          { date: '2026-07-03', value: 45, source: 'git', commit: shas[0], author: 'Ines' },
          { date: '2026-08-01', value: 42, source: 'git', commit: shas[1], author: 'Tomás' },
          { date: '2026-08-20', value: 41, source: 'checkin', note: 'dashboard' },
          { date: '2026-09-10', value: 40, source: 'git', commit: shas[2], author: 'Mei' },
        ],
      });
      assert.deepEqual(history.items['pay/wizard'].map((s) => [s.date, s.horizon]), [['2026-07-03', 'now'], ['2026-09-10', 'next']]);
      assert.deepEqual(await c.request<HistoryResult>('okr/history', { uri, unit: 'nobody' }), { git: true, head: shas[2], truncated: false, krs: {}, items: {}, periods: {} });
    } finally {
      await c.stop();
    }
  });

  it('a workspace without git: check-ins only, no error', async () => {
    const c = await LspClient.start({ files: { 'pay.okr.yaml': pay('KR1', 40) } });
    try {
      const h = await c.request<HistoryResult>('okr/history', { uri: c.uri('pay.okr.yaml') });
      assert.deepEqual(h, { git: false, truncated: false, krs: { 'pay/KR1': [{ date: '2026-08-20', value: 41, source: 'checkin', note: 'dashboard' }] }, items: {}, periods: { 'pay/KR1': { first: '2026-07-01', last: '2026-12-31' } } });
      assert.deepEqual(c.errors(), []);
    } finally {
      await c.stop();
    }
  });

  it('okr/review with history: the KR\'s git points beside its check-in, and its change since the last review from git; without it, check-ins only', async () => {
    const shas: string[] = [];
    const reviewed = (t: string) => t.replace('period: 2026-H2\n', 'period: 2026-H2\nreviewed: 2026-08-15\n');
    const c = await LspClient.start({
      setup: (dir) => {
        const repo = TestRepo.init(dir);
        repo.write({ 'pay.okr.yaml': reviewed(pay('KR1', 45)) });
        shas.push(repo.commit('start', '2026-07-03', 'Ines'));
        repo.write({ 'pay.okr.yaml': reviewed(pay('KR1', 42)) });
        shas.push(repo.commit('check-in', '2026-08-01', 'Tomás'));
        repo.write({ 'pay.okr.yaml': reviewed(pay('KR1', 40)) });
        shas.push(repo.commit('check-in', '2026-09-10', 'Mei'));
      },
    });
    try {
      const uri = c.uri('pay.okr.yaml');
      const plain = await c.request<ReviewResult>('okr/review', { uri, asOf: '2026-11-24' });
      assert.deepEqual(plain.krs[0].history, [{ date: '2026-08-20', value: 41, source: 'checkin', note: 'dashboard' }], 'first answer: check-ins only');
      assert.equal(plain.krs[0].change, undefined, 'no value known on 2026-08-15 from check-ins alone');
      const git = await c.request<ReviewResult>('okr/review', { uri, asOf: '2026-11-24', history: true });
      assert.deepEqual(git.krs[0].history.map((p) => [p.date, p.value, p.source, p.commit]), [
        ['2026-07-03', 45, 'git', shas[0]],
        ['2026-08-01', 42, 'git', shas[1]],
        ['2026-08-20', 41, 'checkin', undefined],
        ['2026-09-10', 40, 'git', shas[2]],
      ]);
      assert.deepEqual(git.krs[0].change, { from: 42, to: 40 }, 'since the last review (2026-08-15): 42, from the commit of 2026-08-01');
      assert.deepEqual([git.krs[0].status, git.krs[0].current], [plain.krs[0].status, 40]);
      assert.deepEqual(c.errors(), []);
    } finally {
      await c.stop();
    }
  });

  it('okr/review with history in a workspace without git: check-ins only, no error', async () => {
    const c = await LspClient.start({ files: { 'pay.okr.yaml': pay('KR1', 40) } });
    try {
      const r = await c.request<ReviewResult>('okr/review', { uri: c.uri('pay.okr.yaml'), asOf: '2026-11-24', history: true });
      assert.deepEqual(r.krs[0].history, [{ date: '2026-08-20', value: 41, source: 'checkin', note: 'dashboard' }]);
      assert.deepEqual(c.errors(), []);
    } finally {
      await c.stop();
    }
  });
});
