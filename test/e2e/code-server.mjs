// Runs VS Code for real on this machine: code-server 4.100.3 (VS Code 1.100.3)
// driven by Debian chromium through playwright-core. See test/e2e/README.md and
// /work/shared/REAL-VSCODE.md. Plain Node ESM, nothing to compile.
//
//   runInCodeServer({ extensionPath, workspace, testsPath, ... }) -> exit code
//     mocha inside the real extension host (extensionTestsPath), like
//     @vscode/test-electron but over code-server.
//   startCodeServer({ workspace, extensionPath?, vsix?, ... }) -> { page, port, stop(), ... }
//     the workbench in a browser, for UI-level Playwright checks.
//
// Environment knobs: OKR_E2E_VERBOSE=1 (all workbench log + browser console),
// OKR_E2E_KEEP=1 (keep the temp run dir), CODE_SERVER_BIN, CHROMIUM_BIN.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, cpSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '..', '..');
export const CODE_SERVER_BIN =
  process.env.CODE_SERVER_BIN || join(REPO_ROOT, '.cache/code-server/node_modules/code-server/out/node/entry.js');
export const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

const VERBOSE = /^(1|true|yes)$/i.test(process.env.OKR_E2E_VERBOSE || '');
const KEEP = /^(1|true|yes)$/i.test(process.env.OKR_E2E_KEEP || '');

/** User settings that keep dialogs, walkthroughs and network chatter away. */
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'files.hotExit': 'off',
  'window.confirmBeforeClose': 'never',
};

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Workbench log lines hidden from a test run's output unless OKR_E2E_VERBOSE=1. */
const WORKBENCH_NOISE = [
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket \(renderer-/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /^\[(driver|perf)\]/,
  /^Started local extension host/,
  /^Ignoring fetching additional builtin extensions from gallery/,
];

function log(msg) { process.stdout.write(`[e2e] ${msg}\n`); }

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => res(port)); });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Remote URI of a server-side path, as the workbench's payload expects it. */
function remoteUri(port, absPath) {
  return `vscode-remote://127.0.0.1:${port}${encodeURI(resolve(absPath))}`;
}

/** Is any process of the group still alive? */
function groupAlive(pgid) {
  try { process.kill(-pgid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
}

/** SIGTERM the whole process group, SIGKILL what is left after graceMs. */
async function killGroup(pgid, graceMs = 5000) {
  if (!pgid) return;
  try { process.kill(-pgid, 'SIGTERM'); } catch { return; }
  const until = Date.now() + graceMs;
  while (Date.now() < until && groupAlive(pgid)) await sleep(100);
  if (groupAlive(pgid)) { try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ } }
}

function tail(text, maxChars) {
  return text.length > maxChars ? `…(${text.length - maxChars} chars cut)…\n${text.slice(-maxChars)}` : text;
}

function walk(dir, out = []) {
  let entries = [];
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return out; }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out); else out.push(p);
  }
  return out;
}

/**
 * Print the extension-host logs of a run: `<user-data-dir>/logs/* /exthost* /remoteexthost.log`
 * plus the extensions' output channels (e.g. a language server's trace) of that host.
 */
export function printExthostLogs(userDataDir, { maxChars = 40000 } = {}) {
  const files = walk(join(userDataDir, 'logs')).filter((f) => /\/exthost\d*\//.test(f) && f.endsWith('.log'));
  files.sort((a, b) => (basename(a) === 'remoteexthost.log' ? -1 : basename(b) === 'remoteexthost.log' ? 1 : a.localeCompare(b)));
  if (!files.length) { log(`no extension-host logs under ${join(userDataDir, 'logs')}`); return; }
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    if (!text.trim()) continue;
    process.stdout.write(`\n----- ${f} -----\n${tail(text, maxChars)}\n----- end -----\n`);
  }
}

function writeJson(file, value) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(value, null, 2));
}

/**
 * Start code-server (+ chromium on the workbench) in a fresh temp run dir.
 *
 * @param {object} o
 * @param {string} [o.workspace]      folder to open (server-side path)
 * @param {string} [o.extensionPath]  unpacked extension folder, loaded as extensionDevelopmentPath (no packaging)
 * @param {string} [o.vsix]           packaged extension, installed with --install-extension into the run's extensions dir
 * @param {string} [o.testsPath]      CommonJS file exporting run(): becomes extensionTestsPath
 * @param {boolean} [o.copyWorkspace] open a copy of `workspace` (in the run dir) so tests may edit files freely
 * @param {object} [o.settings]       user settings merged over DEFAULT_SETTINGS
 * @param {object} [o.env]            extra environment for code-server (the remote extension host inherits it)
 * @param {number} [o.startTimeoutMs] for code-server's /healthz and the page load (default 60 s)
 * @param {(page) => Promise<void>|void} [o.beforeGoto] hook before navigation (e.g. page.exposeFunction)
 * @param {boolean} [o.headless]      default true
 * @returns {Promise<{page, context, port, baseUrl, url, runDir, userDataDir, workspace, stop(opts?): Promise<void>, printLogs(): void}>}
 */
export async function startCodeServer(o = {}) {
  if (!existsSync(CODE_SERVER_BIN)) {
    throw new Error(`code-server not found at ${CODE_SERVER_BIN}; run .ci/setup-editors.sh first`);
  }
  const { chromium } = await import('playwright-core');
  const startTimeoutMs = o.startTimeoutMs ?? 60000;
  const runDir = mkdtempSync(join(tmpdir(), 'okr-e2e-'));
  const userDataDir = join(runDir, 'user-data');
  const extensionsDir = join(runDir, 'extensions');
  const xdg = join(runDir, 'xdg');
  const browserDir = join(runDir, 'chromium');
  for (const d of [userDataDir, extensionsDir, browserDir, join(xdg, 'data'), join(xdg, 'config'), join(xdg, 'cache')]) {
    mkdirSync(d, { recursive: true });
  }
  let workspace = o.workspace ? resolve(o.workspace) : undefined;
  if (workspace && o.copyWorkspace) {
    const copy = join(runDir, 'workspace', basename(workspace));
    cpSync(workspace, copy, { recursive: true });
    workspace = copy;
  }
  const settings = { ...DEFAULT_SETTINGS, ...(o.settings || {}) };
  writeJson(join(userDataDir, 'User', 'settings.json'), settings);
  writeJson(join(userDataDir, 'Machine', 'settings.json'), settings);

  const env = { ...process.env };
  // Started from inside a VS Code terminal, these would point the server at that instance.
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  Object.assign(env, {
    XDG_DATA_HOME: join(xdg, 'data'),
    XDG_CONFIG_HOME: join(xdg, 'config'),
    XDG_CACHE_HOME: join(xdg, 'cache'),
    // No marketplace (open-vsx.org is unreachable here): '{}' disables the gallery.
    EXTENSIONS_GALLERY: '{}',
    ...(o.env || {}),
  });
  if (workspace) env.OKR_E2E_WORKSPACE = workspace;

  if (o.vsix) {
    const r = spawnSync(process.execPath, [CODE_SERVER_BIN, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
      '--install-extension', resolve(o.vsix)], { env, encoding: 'utf8', timeout: 120000 });
    if (r.status !== 0) throw new Error(`--install-extension ${o.vsix} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    log(`installed ${basename(o.vsix)}: ${r.stdout.trim().split('\n').pop()}`);
  }

  let port = 0;
  let server;
  let serverOut = '';
  let context;
  let stopped = false;
  const onExit = () => { if (server?.pid) { try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ } } };

  const stop = async ({ keep = KEEP } = {}) => {
    if (stopped) return;
    stopped = true;
    try { await context?.close(); } catch { /* browser already gone */ }
    await killGroup(server?.pid);
    process.removeListener('exit', onExit);
    if (keep) log(`kept run dir ${runDir}`);
    else rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    // Retry on a port race (another process grabbing the port between probe and bind).
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      const configFile = join(runDir, 'config.yaml');
      writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\ndisable-telemetry: true\ndisable-update-check: true\n`);
      const args = [CODE_SERVER_BIN, '--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
        '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
        '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened'];
      if (workspace) args.push(workspace);
      serverOut = '';
      // detached: true makes the child call setsid(2): its own session and process group,
      // so stop() can signal the whole group (watchers, extension host, pty host).
      server = spawn(process.execPath, args, { cwd: runDir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      process.on('exit', onExit);
      const collect = (d) => { serverOut += d; if (VERBOSE) process.stdout.write(`[code-server] ${d}`); };
      server.stdout.setEncoding('utf8').on('data', collect);
      server.stderr.setEncoding('utf8').on('data', collect);
      const ok = await waitHealthy(port, server, startTimeoutMs);
      if (ok) break;
      await killGroup(server.pid, 1000);
      process.removeListener('exit', onExit);
      if (attempt >= 3 || !/EADDRINUSE/.test(serverOut)) {
        throw new Error(`code-server did not become healthy on port ${port}:\n${tail(serverOut, 4000)}`);
      }
    }
    const baseUrl = `http://127.0.0.1:${port}`;

    const payload = [];
    if (o.extensionPath) payload.push(['extensionDevelopmentPath', remoteUri(port, o.extensionPath)]);
    if (o.testsPath) payload.push(['extensionTestsPath', remoteUri(port, o.testsPath)]);
    let url = `${baseUrl}/`;
    const q = [];
    if (workspace) q.push(`folder=${encodeURIComponent(workspace)}`);
    if (payload.length) q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
    if (q.length) url += `?${q.join('&')}`;

    context = await chromium.launchPersistentContext(browserDir, {
      executablePath: CHROMIUM_BIN,
      headless: o.headless ?? true,
      args: CHROMIUM_ARGS,
      viewport: o.viewport ?? { width: 1400, height: 900 },
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(o.stepTimeoutMs ?? 30000);
    page.on('pageerror', (e) => { if (VERBOSE) log(`pageerror: ${e.message}`); });
    if (VERBOSE) page.on('console', (m) => process.stdout.write(`[browser:${m.type()}] ${m.text()}\n`));
    if (o.beforeGoto) await o.beforeGoto(page);
    await page.goto(url, { timeout: startTimeoutMs });

    return {
      page, context, port, baseUrl, url, runDir, userDataDir, extensionsDir, workspace, stop,
      printLogs: () => printExthostLogs(userDataDir),
      serverOutput: () => serverOut,
    };
  } catch (e) {
    if (VERBOSE || serverOut) log(`code-server output:\n${tail(serverOut, 4000)}`);
    await stop({ keep: true });
    throw e;
  }
}

async function waitHealthy(port, child, timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode) return false;
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (r.ok) return true;
    } catch { /* not listening yet */ }
    await sleep(150);
  }
  return false;
}

/**
 * Run a mocha suite inside code-server's real extension host.
 *
 * @param {object} o
 * @param {string} o.extensionPath   unpacked extension (its package.json folder)
 * @param {string} o.workspace       folder to open
 * @param {string} o.testsPath       CommonJS file exporting `run(): Promise<void>` (e.g. dist-test/vscode/index.js)
 * @param {number} [o.timeoutMs]     whole run, default 180 s; on expiry resolves 124
 * @param {string} [o.screenshotDir] on failure, a screenshot of the workbench is saved there
 * @param {boolean} [o.copyWorkspace] open a temp copy of the workspace
 * @param {object} [o.env]           extra env for code-server and the extension host
 * @param {object} [o.settings]      extra user settings
 * @param {boolean} [o.keepRunDirOnFailure] keep the temp run dir (logs, user data) when the run fails; default true
 * @returns {Promise<number>} the extension host's exit code: 0 when run() resolved
 */
export async function runInCodeServer(o) {
  const { extensionPath, workspace, testsPath, timeoutMs = 180000, screenshotDir } = o;
  if (!testsPath || !existsSync(testsPath)) throw new Error(`testsPath not found: ${testsPath}`);
  if (!extensionPath || !existsSync(join(extensionPath, 'package.json'))) throw new Error(`no package.json in extensionPath ${extensionPath}`);
  const started = Date.now();
  let settle;
  const exited = new Promise((r) => { settle = r; });
  const hostLine = (type, args) => {
    const text = Array.isArray(args) ? args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') : String(args ?? '');
    // The workbench log and the extension host's console (mocha's reporter, the
    // extension's console.log) share this channel untagged; drop known workbench chatter.
    if (!VERBOSE && WORKBENCH_NOISE.some((re) => re.test(text))) return;
    const lvl = String(type).toLowerCase();
    process.stdout.write(lvl === 'info' || lvl === 'log' ? `${text}\n` : `[${lvl}] ${text}\n`);
  };

  const session = await startCodeServer({
    ...o,
    testsPath: resolve(testsPath),
    extensionPath: resolve(extensionPath),
    workspace,
    beforeGoto: async (page) => {
      await page.exposeFunction('codeAutomationLog', (type, args) => hostLine(type, args));
      await page.exposeFunction('codeAutomationExit', (code) => settle(Number(code)));
    },
  });
  log(`code-server on ${session.baseUrl} (${Date.now() - started} ms to page load)`);

  let timer;
  const timedOut = new Promise((r) => { timer = setTimeout(() => r('timeout'), Math.max(1000, timeoutMs - (Date.now() - started))); });
  let code = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (code === 'timeout') {
    log(`timed out after ${timeoutMs} ms waiting for the extension host to finish the tests`);
    code = 124;
  }
  if (!Number.isInteger(code)) code = 1;
  log(`extension host exited with ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  if (code !== 0) {
    if (screenshotDir) {
      try {
        mkdirSync(screenshotDir, { recursive: true });
        const file = join(resolve(screenshotDir), `vscode-failure-${Date.now()}.png`);
        await session.page.screenshot({ path: file, timeout: 10000 });
        log(`screenshot: ${file}`);
      } catch (e) { log(`screenshot failed: ${e.message}`); }
    }
    session.printLogs();
    await session.stop({ keep: o.keepRunDirOnFailure ?? true });
  } else {
    await session.stop();
  }
  return code;
}
