// Mocha runner for VS Code's extension host (the file named by extensionTestsPath).
// CommonJS on purpose: the extension host require()s it and awaits run().
//
// Usually not pointed at directly: test/e2e/build-vscode-tests.mjs writes
// <out>/index.js = require(<this file>).createRunner({ testsDir: __dirname }).
// Used directly, run() takes its folder from OKR_E2E_TESTS_DIR (default
// <repo>/dist-test/vscode).
//
// Env: OKR_E2E_GREP (mocha grep), OKR_E2E_MOCHA_TIMEOUT (ms, default 20000),
// OKR_E2E_RESULT_FILE (also write {passes, failures, pending, tests, failed[]} as JSON),
// OKR_E2E_MOCHA (absolute path of the mocha package folder to use).
'use strict';

const fs = require('fs');
const path = require('path');
const util = require('util');

// The extension host forwards console calls to the workbench log unformatted
// ("%d passing (%s) 1 12ms"); format them here so they read right downstream.
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  const orig = console[level];
  if (typeof orig !== 'function' || orig.__okrFormatted) continue;
  const wrapped = function (...args) {
    return typeof args[0] === 'string' && args.length > 1 && args[0].includes('%')
      ? orig.call(this, util.format(...args))
      : orig.apply(this, args);
  };
  wrapped.__okrFormatted = true;
  console[level] = wrapped;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Mocha from the repo's node_modules (absolute path: the extension host has its own resolution roots). */
function loadMocha() {
  const candidates = [];
  if (process.env.OKR_E2E_MOCHA) candidates.push(process.env.OKR_E2E_MOCHA);
  for (const from of [REPO_ROOT, __dirname]) {
    try { candidates.push(path.dirname(require.resolve('mocha/package.json', { paths: [from] }))); } catch { /* next */ }
  }
  for (const dir of candidates) {
    // mocha 12 is an ES module package whose implementation ships as CommonJS in lib/mocha.cjs;
    // requiring that file avoids require(esm) inside the extension host. mocha <= 11: lib/mocha.js.
    for (const file of ['lib/mocha.cjs', 'lib/mocha.js']) {
      const p = path.join(dir, file);
      if (fs.existsSync(p)) {
        const m = require(p);
        const Mocha = m.default || m;
        // Reporters print through Base.consoleLog with format strings.
        const Base = Mocha.reporters && Mocha.reporters.Base;
        if (Base) Base.consoleLog = (...args) => console.log(args.length ? util.format(...args) : '');
        // Its ✔/✖ symbols come pre-coloured (log-symbols) whenever CI is set: strip the escapes.
        if (Base && Base.symbols) {
          const plain = {};
          for (const [k, v] of Object.entries(Base.symbols)) plain[k] = String(v).replace(/\u001b\[[0-9;]*m/g, '');
          Base.symbols = plain;
        }
        return Mocha;
      }
    }
  }
  throw new Error(`mocha not found (looked in ${candidates.join(', ') || REPO_ROOT}); npm install first`);
}

/**
 * Map bundle frames in a stack to the .ts sources through the inline source maps.
 * (The extension host installs its own Error.prepareStackTrace, so Node's
 * --enable-source-maps rewriting does not apply there.)
 */
function mapStack(stack) {
  let findSourceMap;
  try { ({ findSourceMap } = require('module')); } catch { return stack; }
  if (typeof findSourceMap !== 'function') return stack;
  return stack.replace(/((?:file:\/\/)?\/[^\s()]+?\.js):(\d+):(\d+)/g, (whole, file, line, col) => {
    try {
      const abs = file.startsWith('file://') ? require('url').fileURLToPath(file) : file;
      const sm = findSourceMap(abs) || findSourceMap(require('url').pathToFileURL(abs).href);
      const e = sm && sm.findEntry(Number(line) - 1, Number(col) - 1);
      if (!e || !e.originalSource) return whole;
      const src = e.originalSource.startsWith('file://')
        ? require('url').fileURLToPath(e.originalSource)
        : path.resolve(path.dirname(abs), e.originalSource);
      return `${src}:${e.originalLine + 1}:${e.originalColumn + 1}`;
    } catch {
      return whole;
    }
  });
}

function findTests(dir, pattern) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...findTests(p, pattern));
    else if (pattern.test(e.name)) out.push(p);
  }
  return out.sort();
}

/**
 * @param {object} [opts]
 * @param {string} [opts.testsDir]   folder searched (recursively) for test files
 * @param {RegExp} [opts.pattern]    default /\.test\.js$/
 * @param {object} [opts.mocha]      extra Mocha options (ui, timeout, grep, ...)
 * @returns {{ run(): Promise<void> }}
 */
function createRunner(opts = {}) {
  const testsDir = path.resolve(opts.testsDir || process.env.OKR_E2E_TESTS_DIR || path.join(REPO_ROOT, 'dist-test', 'vscode'));
  const pattern = opts.pattern || /\.test\.js$/;

  function run() {
    // Stack traces of bundled tests point into the .ts sources (esbuild writes inline maps).
    if (typeof process.setSourceMapsEnabled === 'function') process.setSourceMapsEnabled(true);
    const Mocha = loadMocha();
    const mocha = new Mocha({
      ui: 'bdd',
      reporter: 'spec',
      color: false,
      timeout: Number(process.env.OKR_E2E_MOCHA_TIMEOUT) || 20000,
      forbidOnly: !!process.env.CI,
      ...(process.env.OKR_E2E_GREP ? { grep: process.env.OKR_E2E_GREP } : {}),
      ...(opts.mocha || {}),
    });
    const files = fs.existsSync(testsDir) ? findTests(testsDir, pattern) : [];
    if (!files.length) return Promise.reject(new Error(`no test files matching ${pattern} in ${testsDir}`));
    for (const f of files) mocha.addFile(f);
    console.log(`[suite-loader] ${files.length} test file(s) from ${testsDir}`);

    return new Promise((resolve, reject) => {
      let runner;
      try {
        runner = mocha.run((failures) => {
          const s = runner.stats || {};
          if (process.env.OKR_E2E_RESULT_FILE) {
            try {
              fs.writeFileSync(process.env.OKR_E2E_RESULT_FILE, JSON.stringify({
                passes: s.passes, failures, pending: s.pending, tests: s.tests, duration: s.duration, failed: runner.__failed,
              }, null, 2));
            } catch (e) { console.error(`[suite-loader] cannot write result file: ${e.message}`); }
          }
          if (failures > 0) reject(new Error(`${failures} test(s) failed`));
          else if (!s.tests && !s.pending) reject(new Error('no tests ran (empty suite or grep matched nothing)'));
          else resolve();
        });
        runner.__failed = [];
        runner.on('fail', (test, err) => {
          if (err && typeof err.stack === 'string') { try { err.stack = mapStack(err.stack); } catch { /* keep */ } }
          runner.__failed.push({ title: test.fullTitle(), error: String(err && err.message) });
        });
      } catch (e) {
        reject(e);
      }
    });
  }

  return { run };
}

module.exports = { createRunner, run: (...a) => createRunner().run(...a), loadMocha, mapStack };
