/**
 * The built CLI shares a large cascade's parse with worker threads
 * (cache/parse-pool.ts): `okr check`, `okr roadmap` and `okr diff` print
 * byte for byte what they print parsing everything on one thread, and the
 * workers really parsed files (`OKR_STATS=1` says how many).
 */
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { generatedFiles } from '../../helpers/generate-cascade';
import { TestRepo } from '../../helpers/git';
import { AS_OF, okr, scratch } from './helpers';

const UNITS = 120;

/** A generated cascade with a few mistakes of each kind the rules look at across files. */
function cascade(): Record<string, string> {
  const files = generatedFiles(UNITS);
  const teams = Object.keys(files).filter((f) => f.startsWith('teams/'));
  files[teams[0]] = files[teams[0]].replace(/supports: (product-\d+)\/KR1\n/, 'supports: $1/KR404\n');
  files[teams[1]] = files[teams[1]].replace(/ {4}hypothesis: .*\n/, '');
  files[teams[2]] = files[teams[2]].replace(/\n {4}title:/, '\n    titel:');
  return files;
}

const workers = (n: number) => ({ OKR_PARSE_WORKERS: String(n), OKR_STATS: '1' });
const parsedByWorkers = (stderr: string) => Number(/(\d+) parsed by \d+ worker/.exec(stderr)?.[1] ?? 0);

describe('okr: parse workers (the built CLI)', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => (dir = scratch(cascade())));

  it('okr check --no-cache: the same JSON with two workers as with none, the workers parsing part of the files', () => {
    const args = ['check', dir, '--format', 'json', '--no-cache', ...AS_OF];
    const alone = okr(args, { env: workers(0) });
    const shared = okr(args, { env: workers(2) });
    assert.match(alone.stderr, /no parse workers/);
    const byWorkers = parsedByWorkers(shared.stderr);
    // With a worker per core the main thread parses none itself (cache/parse-pool.ts parseShared).
    assert.ok(byWorkers > 0 && byWorkers <= UNITS, `the workers parsed files: ${shared.stderr}`);
    const one = okr(args, { env: workers(1) });
    if (availableParallelism() > 1) assert.ok(parsedByWorkers(one.stderr) > 0 && parsedByWorkers(one.stderr) < UNITS, `one worker and this thread share the ${UNITS} files: ${one.stderr}`);
    assert.equal(one.stdout, alone.stdout);
    assert.equal(shared.code, alone.code);
    assert.equal(shared.stdout, alone.stdout);
    const findings = (JSON.parse(shared.stdout) as { diagnostics: { code: string }[] }).diagnostics.map((f) => f.code);
    for (const code of ['broken-link', 'missing-hypothesis', 'schema']) assert.ok(findings.includes(code), `${code} in ${findings.join(', ')}`);
  });

  it('okr check with the cache: workers fill it, and the next run takes every model from it with the same output', () => {
    const env = { ...workers(2), OKR_CACHE_DIR: join(scratch(), 'cache') };
    const args = ['check', dir, '--format', 'json', ...AS_OF];
    const expected = okr([...args, '--no-cache'], { env: workers(0) }).stdout;
    const first = okr(args, { env });
    assert.ok(parsedByWorkers(first.stderr) > 0, first.stderr);
    assert.equal(first.stdout, expected);
    // A change in one file: the findings cache misses, the models come from the cache but that one.
    const team = join(dir, Object.keys(cascade()).find((f) => f.startsWith('teams/'))!);
    writeFileSync(team, `${cascade()[Object.keys(cascade()).find((f) => f.startsWith('teams/'))!]}# a comment\n`);
    try {
      const second = okr(args, { env });
      assert.match(second.stderr, new RegExp(`${UNITS} files, ${UNITS - 1} from the cache, no parse workers`));
      assert.equal(second.stdout, okr([...args, '--no-cache'], { env: workers(0) }).stdout);
    } finally {
      writeFileSync(team, cascade()[Object.keys(cascade()).find((f) => f.startsWith('teams/'))!]);
    }
  });

  it('okr roadmap --format json: the same model with workers as without', () => {
    const args = ['roadmap', dir, '--format', 'json', '--no-cache', ...AS_OF];
    const alone = okr(args, { env: workers(0) });
    const shared = okr(args, { env: workers(1) });
    assert.ok(parsedByWorkers(shared.stderr) > 0, shared.stderr);
    assert.equal(alone.code, 0, alone.stderr);
    assert.equal(shared.stdout, alone.stdout);
  });

  it('okr diff A B --no-cache: the same change set with workers as without', () => {
    const repo = TestRepo.init();
    try {
      const files = cascade();
      repo.write(files);
      const a = repo.commit('the plan');
      const team = Object.keys(files).find((f) => f.startsWith('teams/'))!;
      repo.write({ [team]: files[team].replace(/horizon: now/, 'horizon: later'), 'teams/extra.okr.yaml': files[team].replace(/^unit: .*$/m, 'unit: extra') });
      const b = repo.commit('the change');
      const args = ['diff', a, b, '--format', 'json', '--no-cache', ...AS_OF];
      const alone = okr(args, { cwd: repo.dir, env: workers(0) });
      const shared = okr(args, { cwd: repo.dir, env: workers(2) });
      assert.equal(alone.code, 0, alone.stderr);
      assert.match(alone.stderr, /no parse workers/);
      assert.ok(parsedByWorkers(shared.stderr) > 0, shared.stderr);
      assert.equal(shared.stdout, alone.stdout);
      assert.ok((JSON.parse(shared.stdout) as { changes: unknown[] }).changes.length > 0);
    } finally {
      repo.dispose();
    }
  });

  it('okr what-if: the same consequences with workers as without', () => {
    const product = Object.entries(cascade()).find(([f]) => f.startsWith('product-'))!;
    const unit = /^unit: (\S+)/m.exec(product[1])![1];
    const args = ['what-if', dir, '--cut', `${unit}/KR1`, '--format', 'json', ...AS_OF];
    const alone = okr(args, { env: workers(0) });
    const shared = okr(args, { env: workers(2) });
    assert.equal(alone.code, 0, alone.stderr);
    assert.equal(shared.stdout, alone.stdout);
    assert.ok((JSON.parse(shared.stdout) as { changes: unknown[] }).changes.length > 0);
  });
});
