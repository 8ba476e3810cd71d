/**
 * The `okr` bin (dist/cli.js, server/src/cli-bin.ts) runs the CLI bundle
 * through V8's code cache kept beside it: written after a command's first
 * run, read by the next, rejected (and written again) when it does not fit,
 * never in the way. Each case runs a copy of the two files in a scratch
 * folder, so its cache folder is its own.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND_TABLE } from '../../../server/src/cli';
import { AS_OF, REPO, ensureBuilt, removeScratches, scratch } from './helpers';

const SAMPLES = join(REPO, 'samples/okrs');

describe('the okr bin keeps V8\'s code cache beside the bundle (dist/.v8-cache)', function () {
  this.timeout(60_000);
  before(ensureBuilt);
  after(removeScratches);

  let dist: string;
  beforeEach(() => {
    dist = scratch();
    for (const f of ['cli.js', 'cli-main.js']) copyFileSync(join(REPO, 'dist', f), join(dist, f));
  });

  const okr = (args: string[], env: Record<string, string> = {}) => {
    const r = spawnSync(process.execPath, [join(dist, 'cli.js'), ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', OKR_STATS: '1', ...env } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const cacheLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('okr: compile cache')).map((l) => l.replace(/ \(.*\)$/, ''));
  const cached = () => (existsSync(join(dist, '.v8-cache')) ? readdirSync(join(dist, '.v8-cache')).sort() : []);
  const build = () => /^\/\/ okr-build ([0-9a-f]{16})\n/.exec(readFileSync(join(dist, 'cli-main.js'), 'utf8'))![1];
  const check = ['check', SAMPLES, ...AS_OF, '--format', 'json', '--no-cache'];

  it('a command\'s first run writes its cache, named by build, Node, flags and command; the next run reads it; the output is the same', () => {
    const plain = okr(check, { OKR_COMPILE_CACHE: 'off' });
    assert.deepStrictEqual(cacheLines(plain.stderr), ['okr: compile cache off']);
    assert.deepStrictEqual(cached(), []);
    const first = okr(check);
    assert.deepStrictEqual(cacheLines(first.stderr), ['okr: compile cache miss', 'okr: compile cache written']);
    const files = cached();
    assert.equal(files.length, 1);
    assert.match(files[0], new RegExp(`^cli-main-${build()}-${process.version.replace(/\./g, '\\.')}-${process.arch}-[0-9a-f]{8}-check\\.bin$`));
    const second = okr(check);
    assert.deepStrictEqual(cacheLines(second.stderr), ['okr: compile cache hit']);
    for (const r of [first, second]) {
      assert.equal(r.code, plain.code, r.stderr);
      assert.equal(r.stdout, plain.stdout);
    }
    // Another command keeps its own; anything that is not a command shares one.
    okr(['roadmap', SAMPLES, ...AS_OF, '--format', 'md']);
    okr(['--version']);
    assert.deepStrictEqual(cached().map((f) => f.replace(/^.*-/, '')), ['check.bin', 'other.bin', 'roadmap.bin']);
  });

  it('a cache that does not fit (damaged, or from elsewhere) is rejected and written again; the output is unchanged', () => {
    okr(check);
    const [name] = cached();
    writeFileSync(join(dist, '.v8-cache', name), Buffer.alloc(4096, 7));
    const r = okr(check);
    assert.deepStrictEqual(cacheLines(r.stderr), ['okr: compile cache rejected', 'okr: compile cache written']);
    assert.equal(r.stdout, okr(check, { OKR_COMPILE_CACHE: 'off' }).stdout);
    assert.deepStrictEqual(cacheLines(okr(check).stderr), ['okr: compile cache hit']);
  });

  it('a cache damaged inside V8\'s data (its header intact) is rejected by its checksum, not run', () => {
    okr(check);
    const [name] = cached();
    const path = join(dist, '.v8-cache', name);
    const bytes = readFileSync(path);
    for (let i = bytes.length >> 1; i < (bytes.length >> 1) + 64; i++) bytes[i] ^= 0x5a;
    writeFileSync(path, bytes);
    const r = okr(check);
    assert.deepStrictEqual(cacheLines(r.stderr), ['okr: compile cache rejected', 'okr: compile cache written']);
    assert.equal(r.stdout, okr(check, { OKR_COMPILE_CACHE: 'off' }).stdout);
  });

  it('caches of another build are removed when one is written; none at all is kept where the folder cannot be made', () => {
    okr(check);
    const stale = `cli-main-0123456789abcdef-${process.version}-${process.arch}-00000000-check.bin`;
    writeFileSync(join(dist, '.v8-cache', stale), 'old');
    okr(['roadmap', SAMPLES, ...AS_OF, '--format', 'md']);
    assert.ok(!cached().includes(stale), cached().join(', '));
    assert.equal(cached().length, 2);

    const other = scratch();
    for (const f of ['cli.js', 'cli-main.js']) copyFileSync(join(REPO, 'dist', f), join(other, f));
    writeFileSync(join(other, '.v8-cache'), 'a file where the folder would be');
    const r = spawnSync(process.execPath, [join(other, 'cli.js'), ...check], { cwd: REPO, encoding: 'utf8', env: { ...process.env, OKR_STATS: '1' } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^okr: compile cache not written: /m);
    assert.equal(JSON.parse(r.stdout).summary.errors, 0);
  });

  it('NODE_DISABLE_COMPILE_CACHE (Node\'s own switch) turns it off too', () => {
    assert.deepStrictEqual(cacheLines(okr(check, { NODE_DISABLE_COMPILE_CACHE: '1' }).stderr), ['okr: compile cache off']);
    assert.deepStrictEqual(cached(), []);
  });

  it('the bin keeps a cache for each command of the CLI', () => {
    const bin = readFileSync(join(REPO, 'server/src/cli-bin.ts'), 'utf8');
    const listed = JSON.parse(/const COMMANDS = (\[[^\]]*\])/.exec(bin)![1].replace(/'/g, '"')) as string[];
    assert.deepStrictEqual(listed.sort(), COMMAND_TABLE.map((c) => c.name).sort());
  });
});

describe('a reader that stops early (okr … | head)', function () {
  this.timeout(60_000);
  before(ensureBuilt);

  it('okr exits with its own code and says nothing when the pipe closes under it', async () => {
    const child = spawn(process.execPath, [join(REPO, 'dist/cli.js'), 'roadmap', SAMPLES, ...AS_OF, '--format', 'html'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // as head does once it has its lines
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
});
