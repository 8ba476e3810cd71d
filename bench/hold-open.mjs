#!/usr/bin/env node
// A pass-through between an LSP client and the okr server that holds the client's messages from its
// first didOpen until the server has indexed the workspace (its first okr/status), so that lspbench's
// edits measure the steady state, not edits made while the workspace still loads (which check only
// the open file). Everything else is forwarded byte for byte; once the server has indexed, its output
// is no longer read message by message but passed on as it comes, so that this extra hop costs the
// server's figures as little as it can (an editor reads the server directly). On the client's `shutdown` it writes the
// server's own memory (VmRSS / VmHWM from /proc) to --mem-out, since lspbench measures this process.
//
//   node bench/hold-open.mjs [--mem-out FILE] -- node dist/server.js --stdio
import fs from 'node:fs';
import { spawn } from 'node:child_process';

const argv = process.argv.slice(2);
const sep = argv.indexOf('--');
const own = sep < 0 ? [] : argv.slice(0, sep);
const cmd = sep < 0 ? argv : argv.slice(sep + 1);
const memOut = own.includes('--mem-out') ? own[own.indexOf('--mem-out') + 1] : undefined;

const server = spawn(cmd[0], cmd.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
server.on('exit', (code) => process.exit(code ?? 0));
server.stdin.on('error', () => {});
process.stdin.on('end', () => server.stdin.end());

/** Splits an LSP byte stream into whole messages (header + body), handing each to `onMessage`. */
function framer(onMessage) {
  let buf = Buffer.alloc(0);
  const feed = (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const m = /Content-Length: *(\d+)/i.exec(buf.toString('ascii', 0, end));
      if (!m) throw new Error('hold-open: a message without Content-Length');
      const total = end + 4 + Number(m[1]);
      if (buf.length < total) return;
      const raw = buf.subarray(0, total);
      buf = buf.subarray(total);
      onMessage(raw, raw.toString('utf8', end + 4));
    }
  };
  /** What is buffered of a message not yet whole (handed on when framing stops). */
  feed.rest = () => buf;
  return feed;
}

const methodOf = (body) => /"method"\s*:\s*"([^"]+)"/.exec(body)?.[1];
let holding = false;
let indexed = false;
const held = [];

process.stdin.on('data', framer((raw, body) => {
  const method = methodOf(body);
  if (method === 'shutdown' && memOut) {
    try {
      const txt = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8');
      const mb = (k) => Math.round((Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(txt)?.[1] ?? NaN) / 1024) * 10) / 10;
      fs.writeFileSync(memOut, JSON.stringify({ rss_mb: mb('VmRSS'), hwm_mb: mb('VmHWM') }));
    } catch { /* the server is gone */ }
  }
  if (!indexed && method === 'textDocument/didOpen') holding = true;
  if (holding) held.push(raw);
  else server.stdin.write(raw);
}));

let framed = true;
const fromServer = framer((raw, body) => {
  process.stdout.write(raw);
  if (!indexed && methodOf(body) === 'okr/status') {
    indexed = true;
    holding = false;
    for (const m of held.splice(0)) server.stdin.write(m);
  }
});
server.stdout.on('data', (chunk) => {
  if (!framed) return void process.stdout.write(chunk);
  fromServer(chunk);
  if (!indexed) return;
  framed = false;
  const rest = fromServer.rest();
  if (rest.length) process.stdout.write(rest);
});
