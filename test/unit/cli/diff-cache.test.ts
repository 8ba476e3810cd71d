/**
 * `okr diff` keeps the parsed models of both sides, and each side's
 * findings and roadmap card places, in the cache folder of `okr check`: the
 * next diff reads them instead of parsing, checking and building. The change
 * set is the same with a cold cache, a warm one, a damaged one, another
 * "today", other severities and `--no-cache`; `--no-cache` writes nothing.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffArgs, runDiff } from '../../../server/src/cli/diff';
import { REPO } from '../../helpers/fixtures';
import { TestRepo } from '../../helpers/git';

const FIXTURE = join(REPO, 'test/fixtures/compare/added-removed');

function tree(side: 'base' | 'head'): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p, `${rel}${n}/`);
      else out[`okrs/${rel}${n}`] = readFileSync(p, 'utf8');
    }
  };
  walk(join(FIXTURE, side), '');
  return out;
}

describe('okr diff: the model cache', function () {
  this.timeout(60_000);
  let repo: TestRepo;
  let cacheDir: string;
  const diff = (...extra: string[]) => runDiff(diffArgs(['main', 'feature', '--format', 'json', ...(extra.includes('--as-of') ? [] : ['--as-of', '2026-11-24']), ...extra]), { cwd: repo.dir, color: false, vars: { OKR_CACHE_DIR: cacheDir } });
  const packs = () => readdirSync(cacheDir).sort();

  before(() => {
    repo = TestRepo.init();
    repo.write(tree('base'));
    repo.commit('the plan');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write(tree('head'));
    repo.commit('the change');
  });
  beforeEach(() => {
    cacheDir = mkdtempSync(join(tmpdir(), 'okr-diff-cache-'));
  });
  afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));
  after(() => repo.dispose());

  it('the same change set cold, warm and with --no-cache; a warm run writes nothing; --no-cache writes nothing', async () => {
    const none = await diff('--no-cache');
    assert.deepEqual(packs(), []);
    const cold = await diff();
    const kinds = ['findings-*.json', 'findings-*.json', 'models-*.bin', 'models-*.bin', 'roadmaps-*.json', 'roadmaps-*.json'].map((k) => `okr-${k}`);
    assert.deepEqual(packs().map((p) => p.replace(/-[0-9a-f]{16}\./, '-*.')), kinds, 'models, findings and roadmaps, one of each per side');
    const written = packs().map((p) => statSync(join(cacheDir, p)).mtimeMs);
    const warm = await diff();
    assert.deepEqual(packs().map((p) => statSync(join(cacheDir, p)).mtimeMs), written, 'every model came from the packs: nothing to write');
    assert.equal(cold.stdout, none.stdout);
    assert.equal(warm.stdout, none.stdout);
    const cs = JSON.parse(none.stdout) as { changes: unknown[]; consequences: { cards: unknown[]; lanes: unknown[] } };
    assert.ok(cs.changes.length > 0 && cs.consequences.cards.length > 0 && cs.consequences.lanes.length > 0, 'changes, cards and lanes to keep');
  });

  it('a damaged pack is a cache miss, never another answer', async () => {
    const expected = (await diff('--no-cache')).stdout;
    await diff();
    for (const p of packs()) {
      const bytes = readFileSync(join(cacheDir, p));
      bytes[bytes.length - 5] ^= 0xff;
      writeFileSync(join(cacheDir, p), bytes);
    }
    assert.equal((await diff()).stdout, expected);
    assert.equal((await diff()).stdout, expected);
    for (const p of packs().filter((n) => n.endsWith('.json'))) writeFileSync(join(cacheDir, p), '{"build": "x", "key"');
    assert.equal((await diff()).stdout, expected);
  });

  it('findings kept for one "today" are not taken for another, nor for other severities', async () => {
    for (const asOf of ['2026-11-24', '2027-03-01', '2026-11-24']) assert.equal((await diff('--as-of', asOf)).stdout, (await diff('--as-of', asOf, '--no-cache')).stdout, asOf);
    const config = join(repo.dir, 'strict.okr.config.yaml');
    writeFileSync(config, 'rules:\n  kr-without-roadmap: error\n');
    const strict = (await diff('--config', config)).stdout;
    assert.equal(strict, (await diff('--config', config, '--no-cache')).stdout);
    assert.notEqual(strict, (await diff()).stdout, 'the severity shows in the change set');
  });
});
