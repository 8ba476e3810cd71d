/**
 * scripts/setup.mjs, which `npm start` and `npm test` run first: it decides
 * when the Node dependencies must be installed and when dist/ must be built.
 * Each case copies the script and esbuild.mjs into a temporary repository
 * (the script finds its repository from its own place) and sets file times.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO } from '../../helpers/fixtures';

const BUNDLES = ['dist/client.js', 'dist/server.js', 'dist/cli.js', 'dist/cli-main.js', 'dist/okr-language-server.js', 'dist/gen-schema.js', 'dist/webview.js'];
const SOURCES = ['server/src/server.ts', 'client/src/extension.ts', 'client/webview/main.ts', 'package.json', 'tsconfig.json', 'package-lock.json', 'node_modules/.package-lock.json'];

describe('scripts/setup.mjs: what npm start and npm test redo', function () {
  this.timeout(20000);
  let root: string;
  const at = (p: string, secondsAgo: number) => {
    const f = join(root, p);
    mkdirSync(dirname(f), { recursive: true });
    writeFileSync(f, '');
    const t = new Date(Date.now() - secondsAgo * 1000);
    utimesSync(f, t, t);
  };
  /** What the script says is stale, asked in a child process (as npm runs it). */
  const stale = (): { deps: string | null; build: string | null } => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e',
      `const m = await import(${JSON.stringify(`file://${join(root, 'scripts/setup.mjs')}`)}); console.log(JSON.stringify({ deps: m.depsStale() ?? null, build: m.buildStale() ?? null }));`], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as { deps: string | null; build: string | null };
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'okr-setup-'));
    mkdirSync(join(root, 'scripts'));
    copyFileSync(join(REPO, 'scripts/setup.mjs'), join(root, 'scripts/setup.mjs'));
    copyFileSync(join(REPO, 'esbuild.mjs'), join(root, 'esbuild.mjs'));
    utimesSync(join(root, 'esbuild.mjs'), new Date(Date.now() - 3600e3), new Date(Date.now() - 3600e3));
    for (const s of SOURCES) at(s, 600);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('a fresh clone: node_modules missing, dist/ not built', () => {
    rmSync(join(root, 'node_modules'), { recursive: true });
    assert.deepEqual(stale(), { deps: 'node_modules is missing', build: 'dist/ is not built yet' });
  });

  it('nothing to redo when every bundle is newer than every source and node_modules is newer than the lock', () => {
    for (const b of BUNDLES) at(b, 60);
    assert.deepEqual(stale(), { deps: null, build: null });
  });

  it('every bundle esbuild.mjs writes counts: one missing (the okr-language-server bin) is named', () => {
    for (const b of BUNDLES.filter((x) => x !== 'dist/okr-language-server.js')) at(b, 60);
    assert.equal(stale().build, 'dist/okr-language-server.js missing');
  });

  it('a source edited after the build: dist/ is older than the folder it is in', () => {
    for (const b of BUNDLES) at(b, 60);
    at('client/webview/main.ts', 5);
    at('server/src/core/check.ts', 5);
    assert.equal(stale().build, 'dist/ is older than server/src, client/webview');
  });

  it('a lockfile newer than node_modules (a pull that changed the dependencies) installs again', () => {
    for (const b of BUNDLES) at(b, 60);
    at('package-lock.json', 30);
    assert.equal(stale().deps, 'node_modules is older than package-lock.json');
    // npm install writes both lockfiles, a moment apart, in either order: not stale.
    at('node_modules/.package-lock.json', 32);
    assert.equal(stale().deps, null);
  });
});
