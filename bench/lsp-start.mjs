#!/usr/bin/env node
// Startup of a language server as an editor meets it: spawn, initialize, initialized, answer the
// configuration it asks for, open FILE at once (an editor restoring its tabs), then wait until every
// cascade file of the workspace has been published (and the first okr/status). Prints one JSON object:
//   initialize_ms, open_to_first_diag_ms, open_first_diag_count, all_published_ms, status_ms,
//   files, published_files, rss_mb / hwm_mb (the server's VmRSS / VmHWM once everything is published, after --settle-ms), cpu_s (all its threads),
//   quiet_rss_mb / quiet_hwm_mb (the same once the server is quiet: its CPU time unchanged for 1 s, at most 30 s later; quiet_after_ms),
//   logs (the server's window/logMessage lines), error.
//
//   node bench/lsp-start.mjs --server "node dist/server.js --stdio" --workspace DIR [--open FILE]
//        [--init-options JSON] [--settings JSON] [--language-id okr] [--timeout-ms 600000] [--settle-ms 500]
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const rpc = require('vscode-languageserver-protocol/node');

const args = { initOptions: undefined, settings: {}, languageId: 'okr', timeoutMs: 600000, settleMs: 500 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const v = () => argv[++i];
  switch (argv[i]) {
    case '--server': args.server = v(); break;
    case '--workspace': args.workspace = path.resolve(v()); break;
    case '--open': args.open = path.resolve(v()); break;
    case '--init-options': args.initOptions = JSON.parse(v()); break;
    case '--settings': args.settings = JSON.parse(v()); break;
    case '--language-id': args.languageId = v(); break;
    case '--timeout-ms': args.timeoutMs = Number(v()); break;
    case '--settle-ms': args.settleMs = Number(v()); break;
    default: console.error(`lsp-start: unknown argument ${argv[i]}`); process.exit(2);
  }
}
if (!args.server || !args.workspace) { console.error('lsp-start: --server and --workspace are required'); process.exit(2); }

const r1 = (x) => (x == null ? null : Math.round(x * 10) / 10);
const key = (uri) => { try { return path.resolve(fileURLToPath(uri)); } catch { return uri; } };
function cascadeFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...cascadeFiles(p)); else if (/\.okr\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}
function memory(pid) {
  try {
    const txt = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const mb = (k) => { const m = txt.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm')); return m ? Math.round((Number(m[1]) / 1024) * 10) / 10 : null; };
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { rss_mb: mb('VmRSS'), hwm_mb: mb('VmHWM'), cpu_s: Math.round(Number(f[11]) + Number(f[12])) / 100 };
  } catch { return { rss_mb: null, hwm_mb: null, cpu_s: null }; }
}

/** The server's memory once its CPU time has not moved for `quietMs` (polled every 100 ms; at most `capMs`). */
async function quietMemory(pid, quietMs = 1000, capMs = 30000) {
  const t = performance.now();
  let last = memory(pid);
  let since = t;
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    const now = memory(pid);
    if (now.cpu_s !== last.cpu_s) since = performance.now();
    last = now;
    if (now.cpu_s === null || performance.now() - since >= quietMs || performance.now() - t >= capMs) return { ...now, after_ms: r1(performance.now() - t) };
  }
}

const files = new Set(cascadeFiles(args.workspace).map((f) => path.resolve(f)));
const result = { server: args.server, files: files.size };
const parts = args.server.split(' ').filter(Boolean);
const t0 = performance.now();
const child = spawn(parts[0], parts.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
child.stdin.on('error', () => {});
let stderr = '';
child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-2000); });
const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
const logs = [];
const published = new Set();
let openUri; let openSent; let wake = () => {};
conn.onNotification('textDocument/publishDiagnostics', (p) => {
  const t = performance.now();
  const k = key(p.uri);
  if (openUri && p.uri === openUri && result.open_to_first_diag_ms === undefined) {
    result.open_to_first_diag_ms = r1(t - openSent);
    result.open_first_diag_count = p.diagnostics.length;
  }
  if (files.has(k) && !published.has(k)) {
    published.add(k);
    if (published.size === files.size) result.all_published_ms = r1(t - t0);
  }
  wake();
});
conn.onNotification('okr/status', () => { if (result.status_ms === undefined) result.status_ms = r1(performance.now() - t0); wake(); });
conn.onNotification('window/logMessage', (p) => logs.push(p.message));
conn.onNotification(() => {});
const lookup = (section) => section ? section.split('.').reduce((o, k) => (o == null ? null : o[k] ?? null), args.settings) : args.settings;
conn.onRequest('workspace/configuration', (p) => (p.items ?? []).map((it) => lookup(it.section)));
conn.onRequest(() => null);
conn.listen();

let finished = false;
const done = new Promise((resolve) => {
  const finish = () => { finished = true; clearTimeout(timer); resolve(); };
  const timer = setTimeout(() => { result.error = `timed out after ${args.timeoutMs} ms (${published.size}/${files.size} files published)`; finish(); }, args.timeoutMs);
  wake = () => { if (published.size === files.size && (result.status_ms !== undefined || !args.languageId.startsWith('okr'))) finish(); };
  child.on('exit', (code) => { if (!finished) { result.error = `server exited (${code}) before every file was published`; finish(); } });
});

try {
  const wsUri = pathToFileURL(args.workspace).href;
  const tInit = performance.now();
  await conn.sendRequest('initialize', {
    processId: process.pid, rootUri: wsUri, workspaceFolders: [{ uri: wsUri, name: path.basename(args.workspace) }],
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { configuration: true, workspaceFolders: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
      textDocument: { publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown'] } },
    },
    ...(args.initOptions !== undefined ? { initializationOptions: args.initOptions } : {}),
  });
  result.initialize_ms = r1(performance.now() - tInit);
  conn.sendNotification('initialized', {});
  if (args.open) {
    openUri = pathToFileURL(args.open).href;
    openSent = performance.now();
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri: openUri, languageId: args.languageId, version: 1, text: fs.readFileSync(args.open, 'utf8') } });
  }
  await done;
  await new Promise((r) => setTimeout(r, args.settleMs)); // let a cache write after indexing finish
  Object.assign(result, memory(child.pid));
  // And once the server has finished its start (caches written, memory given back): its CPU time still for QUIET_MS.
  const quiet = await quietMemory(child.pid);
  Object.assign(result, { quiet_rss_mb: quiet.rss_mb, quiet_hwm_mb: quiet.hwm_mb, quiet_after_ms: quiet.after_ms });
  result.published_files = published.size;
} catch (e) {
  result.error = String(e?.stack ?? e);
}
result.logs = logs.filter((l) => l.startsWith('okr:'));
if (result.error) result.stderr_tail = stderr;
try {
  await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 5000))]);
  conn.sendNotification('exit');
} catch { /* gone */ }
// Give the server a moment to exit on its own (a --cpu-prof profile is written at exit).
await new Promise((r) => { if (child.exitCode !== null || child.signalCode !== null) r(); else { const t = setTimeout(r, 3000); child.once('exit', () => { clearTimeout(t); r(); }); } });
try { process.kill(child.pid, 'SIGKILL'); } catch { /* exited */ }
conn.dispose();
console.log(JSON.stringify(result, null, 2));
process.exit(0);
