// Drives a language server from headless Neovim 0.7 (Debian `neovim`): a second,
// older LSP client next to VS Code. See test/e2e/nvim-driver.lua for the driver.
//
//   const r = await runNeovimLsp({
//     serverCmd: ['node', 'dist/server.js', '--stdio'],
//     workspace: 'samples',
//     file: 'samples/company.okr.yaml',
//     hover: [{ line: 3, character: 4 }], definition: [{ line: 9, character: 12 }],
//   });
//   r.diagnostics, r.lsp_diagnostics, r.hover[0].result, r.definition[0].result
//
// Plain Node ESM. OKR_E2E_VERBOSE=1 prints nvim's output.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const NVIM_DRIVER = join(here, 'nvim-driver.lua');
export const NVIM_BIN = process.env.NVIM_BIN || 'nvim';
const VERBOSE = /^(1|true|yes)$/i.test(process.env.OKR_E2E_VERBOSE || '');

/**
 * @param {object} o
 * @param {string[]} o.serverCmd   server command line, e.g. ['node', '/abs/dist/server.js', '--stdio']
 * @param {string} o.workspace     root_dir (and the server's cwd)
 * @param {string} [o.luaScript]   driver script (default test/e2e/nvim-driver.lua)
 * @param {number} [o.timeoutMs]   whole nvim run (default 30000); each wait inside gets `waitMs`
 * @param {string} [o.file]        file to open (absolute, or relative to workspace)
 * @param {string} [o.filetype]    buffer filetype, sent as didOpen languageId
 * @param {Array<{line:number,character:number}>} [o.hover]       0-based positions
 * @param {Array<{line:number,character:number}>} [o.definition]  0-based positions
 * @param {Array<{method:string,position?:object,params?:object}>} [o.requests]  more textDocument requests
 * @param {number} [o.minDiagnostics]  wait for at least N diagnostics (default 0: the first publish)
 * @param {object} [o.settings]    answered to workspace/configuration
 * @param {object} [o.initOptions] initializationOptions
 * @param {number} [o.waitMs]      per wait/request inside nvim (default 10000)
 * @param {object} [o.params]      extra fields merged into the params JSON (for custom drivers)
 * @param {object} [o.env]         extra environment for nvim (and the server it starts)
 * @returns {Promise<object>} the JSON the driver wrote (plus `nvimExit`, `stderr`)
 */
export async function runNeovimLsp(o) {
  const { serverCmd, workspace, luaScript = NVIM_DRIVER, timeoutMs = 30000 } = o;
  if (!Array.isArray(serverCmd) || !serverCmd.length) throw new Error('serverCmd must be a non-empty array');
  if (!workspace) throw new Error('workspace is required');
  const root = resolve(workspace);
  const runDir = mkdtempSync(join(tmpdir(), 'okr-nvim-'));
  const resultFile = join(runDir, 'result.json');
  const paramsFile = join(runDir, 'params.json');
  const file = o.file ? (isAbsolute(o.file) ? o.file : resolve(root, o.file)) : undefined;
  const params = {
    cmd: serverCmd,
    root_dir: root,
    file,
    result: resultFile,
    filetype: o.filetype,
    settings: o.settings,
    init_options: o.initOptions,
    min_diagnostics: o.minDiagnostics ?? 0,
    hover: o.hover ?? [],
    definition: o.definition ?? [],
    requests: o.requests ?? [],
    timeout_ms: o.waitMs ?? 10000,
    ...(o.params || {}),
  };
  writeFileSync(paramsFile, JSON.stringify(params));

  const env = {
    ...process.env,
    NVIM_LSP_PARAMS: paramsFile,
    NVIM_LSP_RESULT: resultFile,
    // keep shada, swap, lsp.log and state inside the run dir
    XDG_CONFIG_HOME: join(runDir, 'config'),
    XDG_DATA_HOME: join(runDir, 'data'),
    XDG_CACHE_HOME: join(runDir, 'cache'),
    XDG_STATE_HOME: join(runDir, 'state'),
    ...(o.env || {}),
  };
  const args = ['--headless', '--clean', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${luaScript.replace(/ /g, '\\ ')}`];
  const started = Date.now();
  // detached: own process group, so a hung run takes the server down with nvim.
  const child = spawn(NVIM_BIN, args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (d) => { output += d; if (VERBOSE) process.stdout.write(`[nvim] ${d}`); });
  child.stderr.setEncoding('utf8').on('data', (d) => { output += d; if (VERBOSE) process.stderr.write(`[nvim] ${d}`); });
  const killGroup = (sig) => { try { process.kill(-child.pid, sig); } catch { /* gone */ } };
  const onExit = () => killGroup('SIGKILL');
  process.on('exit', onExit);

  let timedOut = false;
  const exit = await new Promise((res) => {
    const timer = setTimeout(() => { timedOut = true; killGroup('SIGKILL'); }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); res({ code: null, error: e.message }); });
    child.on('exit', (code, signal) => { clearTimeout(timer); res({ code, signal }); });
  });
  killGroup('SIGKILL'); // a server that ignored shutdown/exit
  process.removeListener('exit', onExit);

  try {
    if (!existsSync(resultFile)) {
      throw new Error(`nvim wrote no result (${timedOut ? `timed out after ${timeoutMs} ms` : `exit ${JSON.stringify(exit)}`})\n${output.slice(-4000)}`);
    }
    const result = JSON.parse(readFileSync(resultFile, 'utf8'));
    result.nvimExit = exit;
    result.elapsedMs = Date.now() - started;
    if (output.trim()) result.output = output;
    const lspLog = join(runDir, 'cache', 'nvim', 'lsp.log');
    if (!result.ok && existsSync(lspLog)) result.lspLog = readFileSync(lspLog, 'utf8').slice(-8000);
    return result;
  } finally {
    if (!/^(1|true|yes)$/i.test(process.env.OKR_E2E_KEEP || '')) rmSync(runDir, { recursive: true, force: true });
  }
}
