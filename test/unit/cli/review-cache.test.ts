/**
 * `okr review` keeps what it read of git between runs (git/history-store.ts,
 * in okr check's cache folder): the built CLI spawned on a scratch git
 * repository, with a `git` on the PATH that logs every command it is asked
 * (and the blob ids `cat-file` is asked for) before running the real one.
 * A second run of an unchanged repository asks git for HEAD only; a new
 * commit is read alone; a rewritten history, a damaged or a foreign cache
 * file give the answer of a cold run, byte for byte.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, okr, removeScratches, scratch, type Run } from './helpers';

const UNIT = (current: number, confidence: string, horizon: string) => `unit: pay
name: Payments
level: product
period: 2026-H2
reviewed: 2026-09-15
objectives:
  O1:
    title: Make paying effortless
    key_results:
      KR1:
        title: Checkout conversion
        baseline: 40
        target: 60
        current: ${current}
        unit: "%"
      KR2:
        title: Payment volume
        baseline: 10
        target: 20
        unit: m USD
        rollup: sum
roadmap:
  wallet:
    title: Wallet
    supports: KR1
    horizon: ${horizon}
    status: active
    confidence: ${confidence}
`;
const TEAM = (current: number) => `unit: pay-eu
name: Payments EU
level: team
parent: pay
period: 2026-H2
objectives:
  O1:
    title: Grow Europe
    key_results:
      KR1:
        title: EU volume
        baseline: 4
        target: 9
        current: ${current}
        unit: m USD
        supports: pay/KR2
`;

describe('okr review: the history kept between runs', function () {
  this.timeout(180_000);
  before(ensureBuilt);
  after(removeScratches);

  let dir: string;
  let cache: string;
  let trace: string;
  let bin: string;
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();

  const git = (args: string[], date?: string) => execFileSync(realGit, args, {
    cwd: dir, encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Ines', GIT_AUTHOR_EMAIL: 'i@x', GIT_COMMITTER_NAME: 'Ines', GIT_COMMITTER_EMAIL: 'i@x', ...(date ? { GIT_AUTHOR_DATE: `${date}T10:00:00Z`, GIT_COMMITTER_DATE: `${date}T10:00:00Z` } : {}) },
  }).trim();
  const commit = (date: string, files: Record<string, string>, amend = false) => {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    git(['add', '-A'], date);
    git(['commit', '-q', ...(amend ? ['--amend'] : []), '-m', `edit ${date}`], date);
  };
  /** The git commands a run asked for (first word), and the blob ids cat-file was given. */
  const asked = (): { commands: string[]; blobs: string[] } => {
    const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter(Boolean) : []);
    const out = { commands: read(trace).map((l) => l.split(' ')[0]), blobs: read(`${trace}.stdin`) };
    rmSync(trace, { force: true });
    rmSync(`${trace}.stdin`, { force: true });
    return out;
  };
  const review = (format: 'json' | 'md', ...more: string[]): Run => {
    const r = okr(['review', '--unit', 'pay', '--as-of', '2026-11-24', '--format', format, ...more], { cwd: dir, env: { OKR_CACHE_DIR: cache, PATH: `${bin}:${process.env.PATH}`, OKR_TEST_GIT_TRACE: trace } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    return r;
  };
  /** Cold (an empty cache folder), then warm, then --no-cache: the same bytes; answers the warm run's git commands. */
  const sameEveryWay = (format: 'json' | 'md') => {
    const fresh = review(format, '--no-cache').stdout;
    asked();
    const warm = review(format).stdout;
    const commands = asked();
    assert.equal(warm, fresh, `${format}: with the cache = without`);
    return { text: fresh, ...commands };
  };

  beforeEach(() => {
    dir = scratch();
    cache = scratch();
    bin = scratch();
    trace = join(scratch(), 'git.log');
    // A git that says what it was asked, then runs the real one.
    writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$*" >> "$OKR_TEST_GIT_TRACE"\nif [ "$1" = cat-file ]; then tee -a "$OKR_TEST_GIT_TRACE.stdin" | "${realGit}" "$@"; exit $?; fi\nexec "${realGit}" "$@"\n`);
    chmodSync(join(bin, 'git'), 0o755);
    git(['init', '-q', '-b', 'main']);
    commit('2026-07-01', { 'pay.okr.yaml': UNIT(40, 'medium', 'now'), 'pay-eu.okr.yaml': TEAM(4) });
    commit('2026-08-03', { 'pay.okr.yaml': UNIT(43, 'medium', 'now') });
    commit('2026-09-01', { 'pay-eu.okr.yaml': TEAM(5) });
    commit('2026-10-06', { 'pay.okr.yaml': UNIT(46, 'low', 'next') });
    commit('2026-11-02', { 'pay.okr.yaml': UNIT(47, 'low', 'next'), 'pay-eu.okr.yaml': TEAM(6) });
  });

  it('a second run of an unchanged repository asks git for HEAD only, and prints the same bytes as a cold run and as --no-cache', () => {
    const cold = review('json').stdout;
    const first = asked();
    assert.ok(first.commands.includes('log') && first.commands.includes('cat-file'), `the cold run reads the history (${first.commands.join(', ')})`);
    const json = sameEveryWay('json');
    assert.equal(json.text, cold);
    // The JSON was kept; the Markdown is a new question with the same history: no git log, no blob read again.
    assert.deepEqual(json.commands, ['rev-parse'], 'the warm run: the repository root and HEAD (one git process), nothing else');
    const md = review('md').stdout;
    const mdAsked = asked();
    assert.deepEqual(mdAsked.blobs, [], 'no blob read again');
    assert.ok(!mdAsked.commands.includes('log') && !mdAsked.commands.includes('ls-tree'), `no log, no tree (${mdAsked.commands.join(', ')})`);
    assert.equal(md, review('md', '--no-cache').stdout);
    asked();
    assert.deepEqual(sameEveryWay('md').commands, ['rev-parse']);
    const doc = JSON.parse(cold) as { krs: { ref: string; history: { value: number }[]; current?: number }[] };
    assert.deepEqual(doc.krs.find((k) => k.ref === 'pay/KR1')!.history.map((p) => p.value), [40, 43, 46, 47]);
  });

  it('one more commit: only it is read (its git log range and its one new blob), and the answer is the cold one', () => {
    review('json');
    const head = git(['rev-parse', 'HEAD']);
    commit('2026-11-16', { 'pay.okr.yaml': UNIT(51, 'high', 'next') });
    asked();
    const warm = review('json').stdout;
    const { commands, blobs } = asked();
    const newBlob = git(['rev-parse', 'HEAD:pay.okr.yaml']);
    assert.deepEqual(blobs, [newBlob], 'cat-file is asked for the new text only');
    assert.equal(commands.filter((c) => c === 'log').length, 1, `one git log (${commands.join(', ')})`);
    assert.match(readFileSync(join(dir, '.git', 'HEAD'), 'utf8'), /main/);
    assert.equal(warm, review('json', '--no-cache').stdout);
    assert.ok(warm.includes('"value": 51'), 'the new check-in is in the history');
    assert.notEqual(head, git(['rev-parse', 'HEAD']));
    assert.equal(review('md').stdout, review('md', '--no-cache').stdout);
    // And again: the file written after growing (its models kept as they were) grows in turn.
    commit('2026-11-18', { 'pay-eu.okr.yaml': TEAM(7) });
    asked();
    const again = review('json').stdout;
    assert.deepEqual(asked().blobs, [git(['rev-parse', 'HEAD:pay-eu.okr.yaml'])]);
    assert.equal(again, review('json', '--no-cache').stdout);
  });

  it('a rewritten history (amend, then a reset to an older commit): the warm answer is the cold one', () => {
    review('json');
    review('md');
    commit('2026-11-03', { 'pay.okr.yaml': UNIT(44, 'high', 'later') }, true);
    assert.ok(review('json').stdout.includes('"value": 44'));
    assert.equal(review('json').stdout, review('json', '--no-cache').stdout);
    assert.equal(review('md').stdout, review('md', '--no-cache').stdout);
    git(['reset', '-q', '--hard', 'HEAD~2']);
    const warm = review('json').stdout;
    assert.equal(warm, review('json', '--no-cache').stdout);
    assert.ok(!warm.includes('"value": 44') && !warm.includes('"value": 47'), 'the commits reset away are not in the history');
    assert.equal(review('md').stdout, review('md', '--no-cache').stdout);
  });

  it('a truncated, a garbage or a foreign cache file is a cold read: the same answer, no error, and a good file written again', () => {
    const cold = review('json', '--no-cache').stdout;
    review('json');
    const files = readdirSync(cache).filter((f) => f.startsWith('okr-history-'));
    assert.deepEqual(files.map((f) => f.replace(/-[0-9a-f]{16}/, '-ID')).sort(), ['okr-history-ID.bin', 'okr-history-ID.reviews.json']);
    const damages: [string, (p: string) => void][] = [
      ['truncated', (p) => truncateSync(p, Math.floor(readFileSync(p).length / 2))],
      ['garbage', (p) => writeFileSync(p, 'OKRH\u00ff\u00ff\u00ff\u0000{not json at all')],
      ['a byte flipped', (p) => {
        const b = readFileSync(p);
        b[b.length - 5] ^= 0xff;
        writeFileSync(p, b);
      }],
      ['another build', (p) => writeFileSync(p, readFileSync(p, 'utf8').replace(/"build":"[^"]*"/, '"build":"0/0.0.0/0000"'))],
    ];
    for (const [what, damage] of damages) {
      for (const f of files) damage(join(cache, f));
      asked();
      assert.equal(review('json').stdout, cold, `${what}: the cold answer`);
      assert.ok(asked().commands.includes('log'), `${what}: git read again`);
      assert.equal(review('json').stdout, cold, `${what}: then warm again`);
      assert.deepEqual(asked().commands, ['rev-parse'], `${what}: the file was written again`);
    }
  });

  it('--no-cache neither reads nor writes the cache folder', () => {
    review('json', '--no-cache');
    assert.equal(existsSync(cache) ? readdirSync(cache).length : 0, 0);
  });
});
