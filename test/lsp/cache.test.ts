/**
 * The model cache over the real protocol (`initializationOptions.cacheDir`):
 * a restart takes every file from the cache and publishes exactly the same
 * diagnostics; a damaged pack, or one written by another build, is ignored
 * (every file parsed) and written again.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findingsPath } from '../../server/src/cache/findings';
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
  async function run(open?: string): Promise<{ indexed: string; cache: string; diagnostics: Map<string, unknown> }> {
    const c = await LspClient.start({ workspace: ws, initializationOptions: { cacheDir }, waitIndexed: !open });
    try {
      if (open) {
        await c.open(open);
        await c.indexed();
      }
      await c.until(() => c.logs.some((l) => /okr: cache (written|up to date)/.test(l)), 'the cache written');
      assert.deepEqual(c.errors(), []);
      const want = expectedDiagnostics(ws);
      for (const [uri, diagnostics] of want) assert.deepEqual(c.latest.get(uri), diagnostics, uri);
      return { indexed: c.logs.find((l) => l.includes('okr: indexed'))!, cache: c.logs.find((l) => l.includes('okr: cache'))!, diagnostics: new Map(c.latest) };
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
    assert.match(warm.cache, /okr: cache up to date/, 'nothing changed: nothing written');
    // A file open in the editor at start stays in the pack (its disk version) when the pack is
    // rewritten for another file's change: the next start takes it from the cache too.
    const other = readdirSync(join(ws, 'okrs')).find((f) => f.endsWith('.okr.yaml') && f !== 'acme.okr.yaml')!;
    writeFileSync(join(ws, 'okrs', other), `${readFileSync(join(ws, 'okrs', other), 'utf8')}\n# changed on disk\n`);
    const opened = await run('okrs/acme.okr.yaml');
    assert.match(opened.indexed, new RegExp(`\\(${files - 1} from the cache\\)`), 'the changed file parsed again');
    assert.match(opened.cache, /okr: cache written/);
    const after = await run();
    assert.match(after.indexed, new RegExp(`\\(${files} from the cache\\)`), "the open file's disk version still in the pack");
    assert.match(after.cache, /okr: cache up to date/);
  });

  it('a restart with no file changed publishes every file\'s cached findings before indexing, and checking them changes nothing', async () => {
    const cold = await run();
    assert.doesNotMatch(cold.indexed, /findings published from the cache/);
    assert.ok(existsSync(findingsPath(pack())), 'the findings written beside the models');
    const c = await LspClient.start({ workspace: ws, initializationOptions: { cacheDir }, waitIndexed: false });
    try {
      await c.until(() => c.logs.some((l) => /okr: cache (written|up to date)/.test(l)), 'the cache written');
      const indexed = c.logs.find((l) => l.includes('okr: indexed'))!;
      assert.match(indexed, new RegExp(`\\(${files} from the cache\\); findings published from the cache first, 0 file\\(s\\) changed on checking`));
      // Indexing begins by asking the client for a progress token.
      const begin = c.events.findIndex((e) => e.method === 'window/workDoneProgress/create');
      const publishes = c.events.filter((e) => e.method === 'textDocument/publishDiagnostics');
      assert.equal(publishes.length, files, 'each file published once: checking found nothing to change');
      assert.ok(begin > 0 && publishes.every((e) => e.seq < c.events[begin].seq), 'every file published before indexing began');
      const status = c.events.findIndex((e) => e.method === 'okr/status');
      assert.ok(status < begin, 'the totals shown at once too');
      assert.deepEqual(c.statuses[0], c.statuses[c.statuses.length - 1], 'the cached totals are the checked ones');
      assert.deepEqual(new Map(c.latest), cold.diagnostics);
    } finally {
      await c.stop();
    }
    // One file changed on disk: the findings (which depend on other files) are not used at all.
    const other = readdirSync(join(ws, 'okrs')).find((f) => f.endsWith('.okr.yaml') && f !== 'acme.okr.yaml')!;
    const before = readFileSync(join(ws, 'okrs', other), 'utf8');
    writeFileSync(join(ws, 'okrs', other), `${before}\n# changed on disk\n`);
    try {
      const changed = await run();
      assert.doesNotMatch(changed.indexed, /findings published from the cache/);
    } finally {
      writeFileSync(join(ws, 'okrs', other), before);
    }
  });

  it('a restart with a file opened at once: every file published from the cache before indexing, the open one with its version, and checking changes nothing', async () => {
    const cold = await run();
    const c = await LspClient.start({ workspace: ws, initializationOptions: { cacheDir }, waitIndexed: false });
    try {
      await c.open('okrs/acme.okr.yaml'); // as an editor restoring its tabs: right after initialized
      await c.until(() => c.logs.some((l) => /okr: cache (written|up to date)/.test(l)), 'the cache written');
      assert.deepEqual(c.errors(), []);
      assert.match(c.logs.find((l) => l.includes('okr: indexed'))!, /findings published from the cache first, 0 file\(s\) changed on checking/);
      const begin = c.events.findIndex((e) => e.method === 'window/workDoneProgress/create');
      const publishes = c.events.filter((e) => e.method === 'textDocument/publishDiagnostics');
      assert.equal(new Set(publishes.filter((e) => e.seq < c.events[begin].seq).map((e) => (e.params as { uri: string }).uri)).size, files, 'every file published before indexing began');
      const open = c.uri('okrs/acme.okr.yaml');
      const last = publishes.filter((e) => (e.params as { uri: string }).uri === open).pop()!.params as { version?: number };
      assert.equal(last.version, 1, 'published for the open document');
      assert.deepEqual(new Map(c.latest), cold.diagnostics);
      // An edit while open is checked as usual.
      const text = c.read('okrs/acme.okr.yaml');
      const kr1 = text.indexOf('KR1:');
      await c.change('okrs/acme.okr.yaml', `${text.slice(0, kr1)}KR1:\n        target: oops\n      KRX:${text.slice(kr1 + 4)}`);
      await c.until(() => JSON.stringify(c.latest.get(open)) !== JSON.stringify(cold.diagnostics.get(open)), 'the edit checked');
    } finally {
      await c.stop();
    }
  });

  it('a file edited while the server was down, keeping its size and modification time: published from the cache at first, then corrected by indexing', async () => {
    const path = join(ws, 'okrs', 'checkout.okr.yaml');
    const before = readFileSync(path, 'utf8');
    const when = Math.floor(Date.now() / 1000) - 3600; // whole seconds: set again exactly after the edit
    utimesSync(path, when, when);
    const cold = await run();
    writeFileSync(path, before.replace('supports: acme/KR1', 'supports: acme/KR9')); // same length: a broken link
    utimesSync(path, when, when);
    try {
      const after = await run(); // asserts every file's diagnostics are those of the edited texts
      assert.match(after.indexed, /findings published from the cache first, [1-9]\d* file\(s\) changed on checking/);
      const uri = pathToFileURL(path).href;
      assert.notDeepEqual(after.diagnostics.get(uri), cold.diagnostics.get(uri));
      assert.ok((after.diagnostics.get(uri) as { code: string }[]).some((d) => d.code === 'broken-link'));
    } finally {
      writeFileSync(path, before);
    }
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
