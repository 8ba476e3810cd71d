/**
 * `npx tsx bench/audience.ts [--sizes 200,1000] [--reps 3] [--quick]`: what
 * the audience leak check adds to `okr check` (issue 12).
 *
 * For each size, the benchmark kit's generator (../shared/lspbench gen.mjs,
 * seed 1) writes a cascade; the same files are checked twice, spawned as CI
 * runs it (`node dist/cli.js check --no-cache --as-of 2026-11-24 DIR`): once
 * with no okr.config.yaml, once with two audiences (customers: themes and
 * horizons, no dates, two forbidden words, private entries hidden;
 * executives: themes, portfolio, trace), so every export of both is rendered
 * and scanned. The runs alternate, and the ratio is of the medians of the
 * same run. Target: ≤ 1.5×. Prints figures and ratios; never fails on one.
 * Run `npm run build` first (dist/cli.js).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findKit } from './setup';

const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const argv = process.argv.slice(2);
const value = (name: string, dflt: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const quick = argv.includes('--quick');
const sizes = value('--sizes', quick ? '200' : '200,1000').split(',').map(Number);
const reps = Number(value('--reps', quick ? '1' : '3'));

export const AUDIENCES = `audiences:
  customers:
    views: [themes, horizons]
    show: [title, outcome, horizon]
    include: { status: [planned, active, done], type: [feature] }
    hide_private: true
    dates: false
    forbidden: [Falcon, "ACME Bank"]
  executives: { views: [themes, portfolio, trace], show: [title, outcome, confidence, kr] }
`;

function checkMs(dir: string): { ms: number; out: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'check', '--no-cache', '--as-of', '2026-11-24', '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`okr check ${dir} failed (${r.status}): ${r.stderr.slice(0, 500)}`);
  return { ms, out: r.stdout };
}

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run build first');
  const kit = findKit();
  const work = mkdtempSync(join(process.env.OKR_BENCH_DIR ?? tmpdir(), 'okr-audience-bench-'));
  console.log(`# okr check with and without audiences (load ${loadavg().map((x) => x.toFixed(2)).join(' ')}; ${reps} reps, medians)\n`);
  console.log('| units | files | without audiences | with 2 audiences | ratio | audience-leak findings |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const n of sizes) {
    const plain = join(work, `plain-${n}`);
    const r = spawnSync(process.execPath, [join(kit, 'gen.mjs'), '--units', String(n), '--out', plain, '--seed', '1'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`gen.mjs --units ${n}: ${r.stderr}`);
    const files = JSON.parse(readFileSync(join(plain, 'gen-manifest.json'), 'utf8')).files as number;
    const withAud = join(work, `audiences-${n}`);
    mkdirSync(withAud, { recursive: true });
    cpSync(plain, withAud, { recursive: true });
    writeFileSync(join(withAud, 'okr.config.yaml'), AUDIENCES);
    checkMs(plain); // warm the disk and node's compile cache for both
    const without: number[] = [];
    const withA: number[] = [];
    let leaks = 0;
    for (let i = 0; i < reps; i++) {
      without.push(checkMs(plain).ms);
      const w = checkMs(withAud);
      withA.push(w.ms);
      leaks = (JSON.parse(w.out) as { diagnostics: { code: string }[] }).diagnostics.filter((d) => d.code === 'audience-leak').length;
    }
    const a = median(without);
    const b = median(withA);
    console.log(`| ${n} | ${files} | ${a.toFixed(0)} ms | ${b.toFixed(0)} ms | ${(b / a).toFixed(2)}× | ${leaks} |`);
  }
  console.log(`\nload after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}; target ≤ 1.5×`);
}

main();
