/**
 * The model cache over the real protocol (`initializationOptions.cacheDir`):
 * a restart takes every file from the cache and publishes exactly the same
 * diagnostics; a damaged pack, or one written by another build, is ignored
 * (every file parsed) and written again.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelCache, packPath } from '../../server/src/cache/store';
import { parseUnitFile } from '../../server/src/core/parse';
import { expectedDiagnostics } from './expected';
import { LspClient, ROOT } from './helpers';

describe('lsp: the model cache', function () {
  this.timeout(120000);
  let ws: string;
  let cacheDir: string;
  let files: number;

  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'okr-cache-ws-'));
    cpSync(join(ROOT, 'samples'), ws, { recursive: true });
    files = expectedDiagnostics(ws).size;
  });
  beforeEach(() => (cacheDir = mkdtempSync(join(tmpdir(), 'okr-cache-'))));
  afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));
  after(() => rmSync(ws, { recursive: true, force: true }));

  /** Starts, waits for indexing and the cache write; answers the log line of indexing and every file's diagnostics. */
  async function run(): Promise<{ indexed: string; diagnostics: Map<string, unknown> }> {
    const c = await LspClient.start({ workspace: ws, initializationOptions: { cacheDir } });
    try {
      await c.until(() => c.logs.some((l) => /okr: cache (written|up to date)/.test(l)), 'the cache written');
      assert.deepEqual(c.errors(), []);
      const want = expectedDiagnostics(ws);
      for (const [uri, diagnostics] of want) assert.deepEqual(c.latest.get(uri), diagnostics, uri);
      return { indexed: c.logs.find((l) => l.includes('okr: indexed'))!, diagnostics: new Map(c.latest) };
    } finally {
      await c.stop();
    }
  }

  const pack = () => packPath(cacheDir, [ws]);

  it('a restart takes every file from the cache and publishes the same diagnostics', async () => {
    const cold = await run();
    assert.match(cold.indexed, new RegExp(`indexed ${files} cascade files .*\\(0 from the cache; cache not used: no cache yet\\)`));
    assert.equal(readFileSync(pack()).toString('latin1', 0, 4), 'OKRC');
    const warm = await run();
    assert.match(warm.indexed, new RegExp(`indexed ${files} cascade files .*\\(${files} from the cache\\)`));
    assert.deepEqual(warm.diagnostics, cold.diagnostics);
  });

  it('a damaged pack is ignored and written again', async () => {
    await run();
    const good = readFileSync(pack());
    const damaged = Buffer.from(good);
    damaged[damaged.length - 5] ^= 0xff; // one flipped byte in the models
    writeFileSync(pack(), damaged);
    assert.match((await run()).indexed, /\(0 from the cache; cache not used: damaged \(checksum\)\)/);
    assert.match((await run()).indexed, new RegExp(`\\(${files} from the cache\\)`), 'rewritten whole');
    writeFileSync(pack(), 'not a cache at all');
    assert.match((await run()).indexed, /cache not used: not a cache pack/);
    assert.match((await run()).indexed, new RegExp(`\\(${files} from the cache\\)`));
  });

  it('a pack written by another build is ignored and written again', async () => {
    const old = ModelCache.openSync(pack(), '0/0.0.1/an-older-build');
    const some = readdirSync(join(ws, 'okrs')).filter((f) => f.endsWith('.okr.yaml'));
    for (const f of some) old.put(parseUnitFile(`file://${join(ws, 'okrs', f)}`, readFileSync(join(ws, 'okrs', f), 'utf8')));
    old.saveSync();
    assert.match((await run()).indexed, /\(0 from the cache; cache not used: written by another version\)/);
    assert.match((await run()).indexed, new RegExp(`\\(${files} from the cache\\)`));
  });
});
