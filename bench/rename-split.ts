/**
 * `npx tsx bench/rename-split.ts [DIR] [--renames 40]`: where a company KR
 * rename's time goes on the server's edit path, in process (no protocol):
 * the re-check (Cascade.update), the conversion of each changed file's
 * findings to diagnostics and their JSON (the Publisher, its caches
 * included) up to the last write of the diagnostics, the messages made bytes
 * (what the stdio writer does), and what follows the write (the totals for
 * the status bar). DIR: a cascade from
 * ../shared/lspbench/gen.mjs (default: 1,000 units generated into a temp folder).
 * CPU time per phase (process.cpuUsage), median per rename.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cascade } from '../server/src/core/cascade';
import { capFindings } from '../server/src/core/check';
import { parseDay } from '../server/src/core/period';
import { MAX_DIAGNOSTICS_PER_FILE, Publisher } from '../server/src/lsp/diagnostics';
import { findKit } from './setup';

const argv = process.argv.slice(2);
const renames = Number(argv.includes('--renames') ? argv[argv.indexOf('--renames') + 1] : 40);
let dir = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--renames');
if (!dir) {
  dir = join(tmpdir(), 'okr-rename-split-1000');
  if (!existsSync(join(dir, 'gen-manifest.json'))) execFileSync(process.execPath, [join(findKit(), 'gen.mjs'), '--units', '1000', '--out', dir, '--seed', '1'], { stdio: 'ignore' });
}
const manifest = JSON.parse(readFileSync(join(dir, 'gen-manifest.json'), 'utf8'));
const company = `file://${join(dir, manifest.company_file)}`;
const cascade = new Cascade({ asOf: parseDay('2026-11-24') });
cascade.load(readdirSync(dir).filter((n) => n.endsWith('.okr.yaml')).map((n) => [`file://${join(dir!, n)}`, readFileSync(join(dir!, n), 'utf8')] as [string, string]));

// The Publisher as the stdio server has it: messages handed over as JSON, made bytes as the BatchWriter does.
let bytes = 0;
let encodeUs = 0;
const raw = (json: string | Buffer[]) => {
  const t = process.cpuUsage();
  bytes += typeof json === 'string' ? Buffer.from(json, 'utf8').byteLength : json.reduce((n, b) => n + b.byteLength, 0);
  const d = process.cpuUsage(t);
  encodeUs += d.user + d.system;
  return Promise.resolve();
};
const conn = { sendNotification: () => Promise.resolve() };
// The last write of the edit's diagnostics (flushNow): what comes after it (the totals for okr/status) no longer delays them.
let written: NodeJS.CpuUsage | undefined;
const ws = { cascade, uriOf: (k: string) => k, document: () => undefined };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const publisher = new Publisher(conn as any, () => ws as any, { configFile: undefined } as any, { writeJson: raw, flushNow: () => void (written = process.cpuUsage()) });

const original = cascade.file(company)!.text;
const m = /^(\s*)KR1:/m.exec(original);
if (!m) throw new Error('no KR1: in the company file');
const renamed = original.replace(/^(\s*)KR1:/m, '$1KR51:');
const rows: { check: number; publish: number; encode: number; after: number; files: number; diagnostics: number; bytes: number }[] = [];
for (let i = 0; i < renames + 4; i++) {
  const t0 = process.cpuUsage();
  const changed = cascade.update(company, i % 2 ? original : renamed);
  const t1 = process.cpuUsage(t0);
  bytes = 0;
  encodeUs = 0;
  let diagnostics = 0;
  for (const k of changed) diagnostics += capFindings(cascade.problems(k), MAX_DIAGNOSTICS_PER_FILE).length;
  const t2 = process.cpuUsage();
  written = undefined;
  publisher.publish(changed);
  const end = process.cpuUsage();
  const ms = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1000;
  const upto = ms(t2, written ?? end);
  if (i >= 4) rows.push({ check: (t1.user + t1.system) / 1000, publish: upto - encodeUs / 1000, encode: encodeUs / 1000, after: ms(t2, end) - upto, files: changed.size, diagnostics, bytes });
}
const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (x: number) => x.toFixed(2);
console.log(`${manifest.files} files, ${renames} renames of KR1 <-> KR51 in ${manifest.company_file}; CPU ms per rename, median:`);
console.log(`  re-check (Cascade.update) ${f(med(rows.map((r) => r.check)))}  conversion + JSON ${f(med(rows.map((r) => r.publish)))}  bytes ${f(med(rows.map((r) => r.encode)))}  total until written ${f(med(rows.map((r) => r.check + r.publish + r.encode)))}  after (totals) ${f(med(rows.map((r) => r.after)))}`);
const low = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 10)];
console.log(`  10th percentile (less disturbed by a busy machine): re-check ${f(low(rows.map((r) => r.check)))}  conversion + JSON ${f(low(rows.map((r) => r.publish)))}  bytes ${f(low(rows.map((r) => r.encode)))}  total until written ${f(low(rows.map((r) => r.check + r.publish + r.encode)))}  after (totals) ${f(low(rows.map((r) => r.after)))}`);
console.log(`  ${med(rows.map((r) => r.files))} files published, ${med(rows.map((r) => r.diagnostics))} diagnostics, ${(med(rows.map((r) => r.bytes)) / 1024).toFixed(1)} KiB of JSON`);
