/**
 * History from git on real repositories made in the test: a KR's values
 * commit by commit (date, value, author, commit) through a KR rename and a
 * moved file, items' horizon/status/confidence over time, bounded by depth
 * and by since (a day or a commit), cached (a second read parses nothing),
 * and a repository without commits has none. Then `okr review` on such a
 * repository: git points merged with hand check-ins, --since REV, --format
 * html; and a folder without git: no history, no error.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HistoryReader } from '../../../server/src/git/history';
import { GitRepo } from '../../../server/src/git/repo';
import type { ReviewDocument } from '../../../server/src/core/review';
import { REPO } from '../../helpers/fixtures';
import { GIT_ENV, TestRepo } from '../../helpers/git';
import { ensureBuilt } from '../cli/helpers';

const pay = (o: { kr?: string; current?: number; horizon?: string; status?: string; confidence?: string; checkins?: boolean }) => `unit: pay
name: Payments & <Checkout>
level: product
period: 2026-H2
reviewed: 2026-09-01
objectives:
  O1:
    title: Make onboarding effortless
    key_results:
      ${o.kr ?? 'KR1'}:
        title: Cut onboarding drop-off
        baseline: 45
        target: 30${o.current === undefined ? '' : `\n        current: ${o.current}`}
        unit: "%"${o.checkins ? '\n        checkins:\n          - { date: 2026-08-20, value: 41, note: "from the dashboard" }' : ''}
roadmap:
  wizard:
    title: Setup wizard
    supports: ${o.kr ?? 'KR1'}
    hypothesis: We believe a wizard will cut drop-off because users stall at step 2.
    horizon: ${o.horizon ?? 'now'}
    status: ${o.status ?? 'active'}
    confidence: ${o.confidence ?? 'high'}
`;

describe('history from git', function () {
  this.timeout(120_000);
  let repo: TestRepo;
  const sha: Record<string, string> = {};

  before(() => {
    repo = TestRepo.init();
    repo.write({ 'okrs/pay.okr.yaml': pay({ current: 45 }), 'README.md': 'not a cascade file\n' });
    sha.c1 = repo.commit('start', '2026-07-03', 'Ines');
    repo.write({ 'okrs/pay.okr.yaml': pay({ current: 42 }) });
    sha.c2 = repo.commit('check-in', '2026-08-01', 'Tomás');
    repo.write({ 'README.md': 'still not\n' });
    repo.commit('docs only', '2026-08-05');
    repo.write({ 'okrs/pay.okr.yaml': pay({ kr: 'KR5', current: 42 }) });
    sha.c3 = repo.commit('rename KR1 to KR5', '2026-08-15', 'Mei');
    repo.write({ 'okrs/pay.okr.yaml': pay({ kr: 'KR5', current: 40, horizon: 'next', confidence: 'medium' }) });
    sha.c4 = repo.commit('slip the wizard', '2026-09-10', 'Ines');
    repo.move('okrs/pay.okr.yaml', 'okrs/products/pay.okr.yaml');
    sha.c5 = repo.commit('move the file', '2026-09-20', 'Tomás');
    repo.write({ 'okrs/products/pay.okr.yaml': pay({ kr: 'KR5', current: 38, horizon: 'next', status: 'done', confidence: 'medium', checkins: true }) });
    sha.c6 = repo.commit('done', '2026-10-02', 'Mei');
  });
  after(() => repo.dispose());

  it('a KR\'s values commit by commit, through a rename and a moved file; an item\'s states', async () => {
    const h = await new HistoryReader(GitRepo.open(repo.dir)).read();
    assert.deepEqual([...h.krs.keys()], ['pay/KR5'], 'the renamed KR has one series, under its newest name');
    assert.deepEqual(h.krs.get('pay/KR5'), [
      { date: '2026-07-03', value: 45, source: 'git', commit: sha.c1, author: 'Ines' },
      { date: '2026-08-01', value: 42, source: 'git', commit: sha.c2, author: 'Tomás' },
      { date: '2026-09-10', value: 40, source: 'git', commit: sha.c4, author: 'Ines' },
      { date: '2026-10-02', value: 38, source: 'git', commit: sha.c6, author: 'Mei' },
    ]);
    assert.deepEqual(h.items.get('pay/wizard'), [
      { date: '2026-07-03', commit: sha.c1, author: 'Ines', horizon: 'now', status: 'active', confidence: 'high' },
      { date: '2026-09-10', commit: sha.c4, author: 'Ines', horizon: 'next', status: 'active', confidence: 'medium' },
      { date: '2026-10-02', commit: sha.c6, author: 'Mei', horizon: 'next', status: 'done', confidence: 'medium' },
    ]);
    assert.equal(h.stats.revisions, 6, 'the commit that changed no cascade file is no revision');
    assert.equal(h.stats.matched, 1, 'only the rename needed matching (the move kept the ids)');
    assert.equal(h.truncated, false);
  });

  it('bounded: --depth keeps the newest commits (with the state before them); since a day or a commit', async () => {
    const reader = new HistoryReader(GitRepo.open(repo.dir));
    const deep = await reader.read({ depth: 2 });
    assert.equal(deep.truncated, true);
    assert.deepEqual(deep.krs.get('pay/KR5')!.map((p) => [p.date, p.value]), [['2026-09-10', 40], ['2026-10-02', 38]], 'the state before the window (c4) and c6');
    const day = await reader.read({ since: { day: '2026-09-15' } });
    assert.deepEqual(day.krs.get('pay/KR5')!.map((p) => [p.date, p.value]), [['2026-09-10', 40], ['2026-10-02', 38]]);
    const after = await reader.read({ since: { commit: sha.c4 } });
    assert.deepEqual(after.krs.get('pay/KR5')!.map((p) => p.commit), [sha.c4, sha.c6]);
    assert.equal((await reader.read({ since: { commit: sha.c6 } })).krs.size, 0, 'nothing after HEAD');
    assert.deepEqual((await reader.read({ paths: ['docs'] })).krs.size, 0, 'a path without cascade files');
  });

  it('cached: the same question again is answered from memory; another one parses no file twice', async () => {
    const reader = new HistoryReader(GitRepo.open(repo.dir));
    const first = await reader.read();
    const parsed = reader.parsedFiles;
    assert.equal(parsed, 6, 'five texts, the moved one parsed again under its new path');
    assert.equal(await reader.read(), first, 'the same answer for the same HEAD and question');
    await reader.read({ depth: 3 });
    assert.equal(reader.parsedFiles, parsed, 'a different window reads only texts seen before');
    assert.equal(reader.repo.blobs.size, 5, 'each blob read once');
  });

  it('grown with each commit: the same answer as reading the whole history, through check-ins, a rename, a move, a reset and an amend', async () => {
    const r = TestRepo.init();
    try {
      const plain = (o: Parameters<typeof pay>[0]) => pay(o).replace('Payments & <Checkout>', 'Payments');
      r.write({ 'okrs/pay.okr.yaml': plain({ current: 45 }), 'okrs/core.okr.yaml': plain({ current: 10 }).replace('unit: pay', 'unit: core') });
      r.commit('start', '2026-07-03');
      const reader = new HistoryReader(GitRepo.open(r.dir));
      await reader.read();
      const whole = async () => new HistoryReader(GitRepo.open(r.dir)).read();
      const same = async (what: string) => {
        const grown = await reader.read();
        const read = await whole();
        assert.deepEqual([grown.krs, grown.items, grown.head, grown.truncated], [read.krs, read.items, read.head, read.truncated], what);
        return grown;
      };
      r.write({ 'okrs/pay.okr.yaml': plain({ current: 42 }) });
      r.commit('check-in', '2026-08-01');
      const parsed = reader.parsedFiles;
      const first = await same('a check-in');
      assert.equal(reader.parsedFiles, parsed, 'a check-in is not parsed');
      r.write({ 'README.md': 'docs\n' });
      r.commit('docs only', '2026-08-02');
      await same('a commit without cascade files');
      r.write({ 'okrs/pay.okr.yaml': plain({ current: 40, horizon: 'next' }) });
      r.commit('check-in and slip', '2026-08-05');
      await same('a check-in and a slip');
      assert.equal(first.krs.get('pay/KR1')!.length, 2, 'an earlier answer is left as it was');
      r.write({ 'okrs/pay.okr.yaml': plain({ kr: 'KR5', current: 40, horizon: 'next' }) });
      r.commit('rename', '2026-08-15');
      assert.deepEqual((await same('a rename')).krs.get('pay/KR5')!.map((p) => p.value), [45, 42, 40]);
      r.move('okrs/pay.okr.yaml', 'okrs/products/pay.okr.yaml');
      r.commit('move', '2026-08-20');
      await same('a moved file');
      r.git('reset', '-q', '--hard', 'HEAD~2');
      assert.deepEqual((await same('a reset')).krs.get('pay/KR1')!.map((p) => p.value), [45, 42, 40]);
      r.write({ 'okrs/pay.okr.yaml': plain({ current: 39, horizon: 'next' }) });
      r.git('commit', '-q', '--amend', '-am', 'amended');
      assert.deepEqual((await same('an amend')).krs.get('pay/KR1')!.map((p) => p.value), [45, 42, 39]);
    } finally {
      r.dispose();
    }
  });

  it('a repository made again (its last HEAD gone) is read whole, not an error', async () => {
    const r = TestRepo.init();
    try {
      r.write({ 'okrs/pay.okr.yaml': pay({ current: 45 }) });
      r.commit('start', '2026-07-03');
      const reader = new HistoryReader(GitRepo.open(r.dir));
      await reader.read();
      rmSync(join(r.dir, '.git'), { recursive: true, force: true });
      r.git('init', '-q');
      r.write({ 'okrs/pay.okr.yaml': pay({ current: 30 }) });
      r.commit('again', '2026-08-01');
      r.write({ 'okrs/pay.okr.yaml': pay({ current: 33 }) });
      r.commit('check-in', '2026-09-01');
      const h = await reader.read();
      assert.deepEqual(h.krs.get('pay/KR1')!.map((p) => [p.date, p.value]), [['2026-08-01', 30], ['2026-09-01', 33]]);
      assert.deepEqual([h.krs, h.items, h.head], await new HistoryReader(GitRepo.open(r.dir)).read().then((x) => [x.krs, x.items, x.head]));
    } finally {
      r.dispose();
    }
  });

  it('a repository without commits has no history', async () => {
    const empty = TestRepo.init();
    try {
      const h = await new HistoryReader(GitRepo.open(empty.dir)).read();
      assert.deepEqual([h.krs.size, h.items.size, h.truncated], [0, 0, false]);
    } finally {
      empty.dispose();
    }
  });

  describe('okr review in the repository (the built CLI)', () => {
    before(ensureBuilt);
    const review = (args: string[], cwd = repo.dir) => {
      const r = spawnSync(process.execPath, [join(REPO, 'dist/cli.js'), 'review', ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };

    it('each KR\'s history: git points merged with hand check-ins; the cascade at reviewed: gives the moves', () => {
      const r = review(['okrs', '--as-of', '2026-11-24', '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(r.stdout) as ReviewDocument;
      assert.deepEqual(doc.krs[0].history.map((p) => [p.date, p.value, p.source, p.author ?? p.note]), [
        ['2026-07-03', 45, 'git', 'Ines'], ['2026-08-01', 42, 'git', 'Tomás'], ['2026-08-20', 41, 'checkin', 'from the dashboard'],
        ['2026-09-10', 40, 'git', 'Ines'], ['2026-10-02', 38, 'git', 'Mei'],
      ]);
      assert.deepEqual([doc.since, doc.sinceFrom, doc.compared], ['2026-09-01', 'reviewed', true]);
      assert.deepEqual(doc.krs[0].change, { from: 42, to: 38 }, 'the value in the cascade as it was on 2026-09-01 (c3)');
      assert.deepEqual(doc.items.find((i) => i.ref === 'pay/wizard')!.events, ['slipped', 'done']);
    });

    it('--since REV: since that commit\'s day, compared with the cascade at it; an unknown one is one line, exit 2', () => {
      const doc = JSON.parse(review(['--since', sha.c4, '--as-of', '2026-11-24', '--format', 'json']).stdout) as ReviewDocument;
      assert.deepEqual([doc.since, doc.sinceFrom, doc.compared], ['2026-09-10', 'revision', true]);
      assert.deepEqual(doc.krs[0].change, { from: 40, to: 38 });
      assert.deepEqual(doc.items.find((i) => i.ref === 'pay/wizard')!.events, ['done'], 'the slip was before it');
      const bad = review(['--since', 'no-such-tag']);
      assert.equal(bad.code, 2);
      assert.equal(bad.stderr, 'okr: --since must be a date written YYYY-MM-DD or a git revision (got "no-such-tag")\n');
    });

    it('--format html: a page with no script, the cascade text escaped, a sparkline per KR with history', () => {
      const r = review(['--as-of', '2026-11-24', '--format', 'html']);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.startsWith('<!DOCTYPE html>'));
      assert.match(r.stdout, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;nonce-/);
      assert.ok(!/<script/i.test(r.stdout), 'no script');
      assert.ok(r.stdout.includes('<h1>Quarterly review: Payments &amp; &lt;Checkout&gt; (pay)</h1>'));
      assert.ok(!r.stdout.includes('<Checkout>'), 'the title is escaped everywhere');
      assert.equal((r.stdout.match(/<svg class="spark"/g) ?? []).length, 1);
      assert.match(r.stdout, /<span class="status" style="background:#c62828">off track<\/span> <svg class="spark"[^>]*><line [^>]*stroke-dasharray="3 3"\/><polyline fill="none" stroke="#c62828" stroke-width="1.5" points="[\d.]+,[\d.]+( [\d.]+,[\d.]+){4}"\/><\/svg>/, 'five points and the target, in the colour of the status, beside it in words');
    });

    it('a folder without git: no history, no error', () => {
      const plain = mkdtempSync(join(tmpdir(), 'okr-nogit-'));
      try {
        cpSync(join(repo.dir, 'okrs'), plain, { recursive: true });
        writeFileSync(join(plain, 'okr.config.yaml'), '# root\n');
        const r = review(['--as-of', '2026-11-24', '--format', 'json'], plain);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stderr, '');
        const doc = JSON.parse(r.stdout) as ReviewDocument;
        assert.deepEqual(doc.krs[0].history.map((p) => p.source), ['checkin']);
        assert.equal(doc.compared, false);
        const rev = review(['--since', 'HEAD'], plain);
        assert.equal(rev.stderr, 'okr: --since must be a date written YYYY-MM-DD or a git revision (got "HEAD"); this folder is not in a git repository\n');
      } finally {
        rmSync(plain, { recursive: true, force: true });
      }
    });
  });
});
