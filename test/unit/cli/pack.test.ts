/**
 * An `okr` anyone can install: `npm pack` from a fresh checkout (the files git
 * knows, no dist/) builds dist/ itself (prepack) and gives a small tarball of
 * the bundles, README, LICENSE and schemas; installed offline into an empty
 * folder it brings no other package, and `okr` / `okr-language-server` /
 * `npx <tarball>` work there.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { REPO, VERSION, removeScratches, scratch } from './helpers';

const TARBALL = `okr-cascade-${VERSION}.tgz`;

describe('the npm package (npm pack from a fresh checkout, installed offline)', function () {
  this.timeout(240_000);
  after(removeScratches);

  let work: string;
  let npmEnv: NodeJS.ProcessEnv;
  const npm = (args: string[], cwd: string) => {
    const r = spawnSync('npm', args, { cwd, env: npmEnv, encoding: 'utf8' });
    assert.equal(r.status, 0, `npm ${args.join(' ')}:\n${r.stdout}\n${r.stderr}`);
    return r;
  };
  const run = (bin: string, args: string[], cwd: string) => spawnSync(bin, args, { cwd, env: npmEnv, encoding: 'utf8' });

  before(function () {
    work = scratch();
    npmEnv = {
      ...process.env,
      npm_config_cache: join(work, 'npm-cache'), npm_config_offline: 'true', npm_config_audit: 'false',
      npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_loglevel: 'error',
    };
    for (const k of ['GITHUB_ACTIONS', 'NO_COLOR', 'FORCE_COLOR']) delete npmEnv[k];
    // A fresh checkout: the files git would clone (committed or about to be), no dist/; the installed tools beside it.
    const clone = join(work, 'clone');
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const f of files) {
      if (!existsSync(join(REPO, f)) || f === '.cache') continue; // deleted, not yet committed; the editors installed beside this checkout
      mkdirSync(dirname(join(clone, f)), { recursive: true });
      cpSync(join(REPO, f), join(clone, f));
    }
    assert.ok(!existsSync(join(clone, 'dist')), 'no dist/ in a fresh checkout');
    symlinkSync(join(REPO, 'node_modules'), join(clone, 'node_modules'));
    npm(['pack', '--pack-destination', work], clone);
  });

  it('the tarball holds the bundles built by prepack, README, LICENSE and the schemas: no tests, sources or source maps', () => {
    const listed = execFileSync('tar', ['tzf', join(work, TARBALL)], { encoding: 'utf8' }).trim().split('\n').sort();
    const extra = listed.filter((f) => !/^package\/(README\.md|LICENSE|CHANGELOG\.md|package\.json|dist\/(cli|cli-main|server|okr-language-server|webview)\.js|schemas\/[\w.-]+\.json)$/.test(f));
    assert.deepStrictEqual(extra, []);
    for (const f of ['README.md', 'LICENSE', 'package.json', 'dist/cli.js', 'dist/cli-main.js', 'dist/server.js', 'dist/okr-language-server.js', 'dist/webview.js', 'schemas/okr.schema.json']) assert.ok(listed.includes(`package/${f}`), f);
    const size = statSync(join(work, TARBALL)).size;
    assert.ok(size < 512 * 1024, `tarball ${size} bytes`);
  });

  it('declares no runtime dependencies (everything is bundled), the bins, and Node 20', () => {
    const pkg = JSON.parse(execFileSync('tar', ['xzOf', join(work, TARBALL), 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
    assert.equal(pkg.dependencies, undefined);
    assert.equal(pkg.private, undefined);
    assert.deepStrictEqual(pkg.bin, { okr: 'dist/cli.js', 'okr-language-server': 'dist/okr-language-server.js', 'okr-cascade': 'dist/cli.js' });
    assert.deepStrictEqual((pkg.engines as Record<string, string>).node, '>=20');
  });

  it('installed offline into an empty folder: one package, and okr --version, init, check, roadmap run from it', () => {
    const app = join(work, 'app');
    mkdirSync(app);
    npm(['install', join(work, TARBALL)], app);
    assert.deepStrictEqual(readdirSync(join(app, 'node_modules')).filter((n) => !n.startsWith('.')), ['okr-cascade'], 'no other package installed');
    const okr = join(app, 'node_modules/.bin/okr');
    assert.equal(run(okr, ['--version'], app).stdout, `${VERSION}\n`);
    const init = run(okr, ['init', 'okrs', '--as-of', '2026-07-01'], app);
    assert.equal(init.status, 0, init.stderr);
    const check = run(okr, ['check', 'okrs', '--as-of', '2026-07-01'], app);
    assert.equal(check.status, 0, check.stderr);
    assert.match(check.stdout, /^✔ 0 errors, 0 warnings, 0 infos in 3 files\n/);
    const html = run(okr, ['roadmap', 'okrs', '--format', 'html', '--as-of', '2026-07-01'], app);
    assert.equal(html.status, 0, html.stderr);
    assert.match(html.stdout, /^<!doctype html>/i);
    assert.equal(run(join(app, 'node_modules/.bin/okr-language-server'), ['--version'], app).stdout, `${VERSION}\n`);
  });

  it('npx <tarball> check works in a folder with no install at all', () => {
    const bare = join(work, 'bare');
    cpSync(join(REPO, 'samples/okrs'), bare, { recursive: true });
    // As a user types it: a path to the tarball (npx runs an absolute path as a command, so relative).
    const r = run('npx', ['--yes', `../${TARBALL}`, 'check', '--as-of', '2026-11-24'], bare);
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /^✔ 0 errors, 0 warnings, 0 infos in 10 files\n/);
    assert.ok(!existsSync(join(bare, 'node_modules')));
  });

  it('the language server bin speaks LSP over stdio by default', async () => {
    const server = spawn(join(work, 'app/node_modules/.bin/okr-language-server'), [], { env: npmEnv });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    let out = '';
    try {
      await new Promise<void>((resolve, reject) => {
        server.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (/"serverInfo":\{"name":"okr-cascade"\}/.test(out)) resolve();
        });
        server.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
    } finally {
      server.kill();
    }
    assert.match(out, /^Content-Length: \d+\r\n\r\n\{"jsonrpc":"2\.0","id":1,"result":\{"capabilities":\{/);
  });

  it('the GitHub Action\'s install step packs and installs the action\'s own copy (npm ci aside: the clone has its modules)', () => {
    const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as { runs: { steps: { name: string; run?: string }[] } };
    const script = action.runs.steps.find((st) => st.name === 'Install okr')!.run!;
    assert.match(script, /^ {2}npm ci --ignore-scripts --no-audit --no-fund$/m);
    const runner = join(work, 'runner');
    mkdirSync(join(runner, 'global'), { recursive: true });
    const env = { ...npmEnv, OKR_VERSION: '', GITHUB_ACTION_PATH: join(work, 'clone'), RUNNER_TEMP: runner, npm_config_prefix: join(runner, 'global'), PATH: `${join(runner, 'global/bin')}:${process.env.PATH}` };
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script.replace(/^ {2}npm ci .*$/m, '  true')], { env, encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    assert.equal(r.stdout.trim().split('\n').at(-1), VERSION, 'okr --version from the installed package');
    assert.deepStrictEqual(readdirSync(join(runner, 'global/bin')).sort(), ['okr', 'okr-cascade', 'okr-language-server']);
  });

  it('the README in the package is the repository\'s', () => {
    assert.equal(execFileSync('tar', ['xzOf', join(work, TARBALL), 'package/README.md'], { encoding: 'utf8' }), readFileSync(join(REPO, 'README.md'), 'utf8'));
  });
});
