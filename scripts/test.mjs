// `npm test`: every suite, on a fresh machine too.
//
//   1. the Node dependencies, when stale (scripts/setup.mjs)
//   2. the type check (tsc --noEmit)
//   3. the real editors the suites drive: chromium, neovim, code-server. Missing
//      ones are installed by .ci/setup-editors.sh where that can work (Debian,
//      root or passwordless sudo); elsewhere one line says how. With CI=true a
//      missing editor fails the run; otherwise its suites are skipped, loudly.
//   4. the packaged extension (.vsix) driven through the VS Code UI (test/e2e/ui-pass.mjs)
//   5. mocha inside the real VS Code extension host (test/vscode, as npm run test:vscode)
//   6. the development build, when stale (step 5 made it, unless skipped), then
//      mocha: unit, language-server, Neovim and renderer suites, last, so the
//      run ends with its "N passing" (then a line naming any earlier step that failed)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IN_CI, ROOT, ensureBuilt, ensureDeps, run } from './setup.mjs';

const say = (msg) => process.stdout.write(`${msg}\n`);
const t0 = Date.now();
const times = [];
let current;
const secs = (ms) => `${Math.round(ms / 1000)} s`;
/** Closes the running stage's clock and starts the next one's. */
const step = (msg) => {
  const now = Date.now();
  if (current) times.push([current.msg, now - current.at]);
  current = msg && { msg, at: now };
  if (msg) say(`\n=== npm test: ${msg}`);
};
const failed = [];
step('set-up (scripts/setup.mjs: dependencies)');

// The dependencies now; the build only where it is used: `npm run package` builds
// its own (minified) bundles, and the VS Code suite builds the development ones
// after it, so a build here would be thrown away.
const deps = ensureDeps();
if (deps !== 0) process.exit(deps);

step('type check (tsc --noEmit -p .)');
if (run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.']) !== 0) failed.push('type check');

// ---- the real editors ------------------------------------------------------
const CODE_SERVER_VERSION = /CODE_SERVER_VERSION="([^"]+)"/.exec(readFileSync(join(ROOT, '.ci/setup-editors.sh'), 'utf8'))?.[1];
const editors = () => ({
  chromium: existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') && existsSync(process.env.CHROMIUM_BIN ?? '/usr/bin/chromium'),
  nvim: spawnSync('nvim', ['--version'], { stdio: 'ignore' }).status === 0,
  // The SVG export is rendered outside a browser too (test/exports).
  'rsvg-convert': spawnSync('rsvg-convert', ['--version'], { stdio: 'ignore' }).status === 0,
  'code-server': process.env.CODE_SERVER_BIN
    ? existsSync(process.env.CODE_SERVER_BIN)
    : existsSync(join(ROOT, '.cache/code-server/node_modules/code-server/out/node/entry.js')) && existsSync(join(ROOT, `.cache/code-server/.installed-${CODE_SERVER_VERSION}`)),
});
const missingOf = (have) => Object.entries(have).filter(([, ok]) => !ok).map(([name]) => name);

let have = editors();
if (missingOf(have).length) {
  const root = process.getuid?.() === 0;
  const apt = spawnSync('sh', ['-c', 'command -v apt-get && command -v dpkg-query'], { stdio: 'ignore' }).status === 0;
  const sudo = !root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (apt && (root || sudo)) {
    step(`installing ${missingOf(have).join(', ')} (bash .ci/setup-editors.sh)`);
    if (run('bash', ['.ci/setup-editors.sh'], { env: { ...process.env, CI: 'true' } }) !== 0) failed.push('installing the editors (.ci/setup-editors.sh)');
    have = editors();
  }
}
const missing = missingOf(have);
if (missing.length) {
  say(`\n!!! npm test: ${missing.join(', ')} not installed: run \`bash .ci/setup-editors.sh\` (Debian, as root or with sudo; other systems: see test/e2e/README.md)`);
  if (IN_CI) {
    say('!!! CI=true: no suite may be skipped, so this run fails here.');
    process.exit(1);
  }
}
const skip = (suite, needs) => {
  const lacking = needs.filter((n) => !have[n]);
  if (lacking.length) say(`!!! SKIPPED: ${suite} (needs ${lacking.join(' and ')})`);
  return lacking.length > 0;
};

// ---- VS Code: the packaged extension through the UI, then the extension-host suite
if (!skip('the VS Code UI pass and extension-host suite', ['code-server', 'chromium'])) {
  step('package the extension (npm run package)');
  if (run('npm', ['run', 'package', '--silent']) !== 0) failed.push('npm run package');
  else {
    step('the packaged extension in real VS Code (node test/e2e/ui-pass.mjs)');
    if (run(process.execPath, ['test/e2e/ui-pass.mjs']) !== 0) failed.push('VS Code UI pass (test/e2e/ui-pass.mjs)');
  }
  // `npm run package` left a minified build in dist/: back to the development one.
  step('mocha inside the real VS Code extension host (npm run test:vscode)');
  // The whole run's limit only guards against a hang (each test has its own); a busy machine needs more than the default 3 min.
  if (run('npm', ['run', 'test:vscode', '--silent', '--', '--timeout', '600000']) !== 0) failed.push('VS Code extension-host suite (npm run test:vscode)');
}

// ---- mocha: unit, language server, Neovim, renderer ---------------------------
// Already built by the VS Code suite (npm run test:vscode); built here when that was skipped.
step('build (node esbuild.mjs, when dist/ is stale)');
if (ensureBuilt() !== 0) {
  say('\n✖ npm test failed: the build (see above)');
  process.exit(1);
}
const ignore = [];
if (skip('the renderer suites (test/webview)', ['chromium'])) ignore.push('--ignore', 'test/webview/**/*.test.ts');
if (skip('the Neovim suite (test/nvim)', ['nvim'])) ignore.push('--ignore', 'test/nvim/**/*.test.ts');
if (!have['rsvg-convert']) say('!!! the SVG export tests (test/exports) render with Chromium only (rsvg-convert is missing)');
// The time per stage so far (mocha's own summary, last, gives its time).
step();
say(`\n=== npm test: ${secs(Date.now() - t0)} before mocha: ${times.map(([m, ms]) => `${m.replace(/ \(.*\)$/, '')} ${secs(ms)}`).join('; ')}`);
step('mocha: unit, language-server, Neovim and renderer suites');
if (run(process.execPath, [join(ROOT, 'node_modules/mocha/bin/mocha.js'), ...ignore]) !== 0) failed.push('mocha');

if (failed.length) {
  say(`\n✖ npm test failed: ${failed.join('; ')}`);
  process.exit(1);
}
if (missing.length) say(`\n!!! npm test passed WITHOUT ${missing.join(', ')}: some suites were skipped (see above)`);
