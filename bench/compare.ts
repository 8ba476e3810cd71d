/**
 * `npx tsx bench/compare.ts [--units 200]`: how fast plans are compared.
 *
 *  - `okr diff A B` between two commits of a generated cascade (a quarter's
 *    worth of edits between them: KRs renamed with their references, items
 *    slipping and dropped, targets and currents changed, files moved, items
 *    added and removed), spawned as CI runs it: wall time including node's
 *    start and git; `okr check` on the same files beside it for scale; and
 *    the in-process split (git, parse, check both sides, compare).
 *  - a what-if in the editor: the live incremental cascade, edited and
 *    restored, with one product's roadmap on both sides (the first call
 *    copies the index; later ones reuse it).
 *
 * The cascade comes from ../shared/lspbench/gen.mjs (the benchmark kit) when
 * it is there, else from bench/generate.ts. Prints figures; never fails on one.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Cascade } from '../server/src/core/cascade';
import { compare, planOf } from '../server/src/core/compare/index';
import { LiveBase, whatIfLive } from '../server/src/core/compare/live';
import type { WhatIfEdit } from '../server/src/core/compare/what-if';
import { parseDay } from '../server/src/core/period';
import { buildRoadmap } from '../server/src/core/roadmap/index';
import { GitRepo } from '../server/src/git/repo';
import { parseSides, readRevision } from '../server/src/git/revision';
import { generateCascade } from './generate';

const ROOT = resolve(__dirname, '..');
const AS_OF = '2026-11-24';
const asOf = parseDay(AS_OF)!;
const units = Number(process.argv[process.argv.indexOf('--units') + 1]) || 200;
const ENV = { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) {
        if (n !== '.git') walk(p);
      } else if (/\.okr\.ya?ml$/.test(n)) out.set(relative(dir, p).split(sep).join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** The cascade at the start of the quarter, written into `dir`. */
function generate(dir: string): string {
  const kit = [resolve(ROOT, '../shared/lspbench/gen.mjs'), resolve(ROOT, '../../shared/lspbench/gen.mjs')].find(existsSync);
  if (kit) {
    execFileSync(process.execPath, [kit, '--units', String(units), '--out', dir], { stdio: 'ignore' });
    return `${relative(ROOT, kit)} --units ${units}`;
  }
  for (const [key, text] of generateCascade(units)) {
    const p = join(dir, key.replace(/^\/bench\//, ''));
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  return `bench/generate.ts (${units} units)`;
}

/** A quarter's worth of edits, the same every run. */
function quarter(dir: string): string[] {
  const all = files(dir);
  const keys = [...all.keys()];
  const done: string[] = [];
  const edit = (key: string, f: (t: string) => string) => {
    const t = all.get(key)!;
    const n = f(t);
    if (n !== t) all.set(key, n);
    return n !== t;
  };
  // Three KRs renamed, their references in the units below following.
  let renamed = 0;
  for (const key of keys) {
    if (renamed === 3) break;
    const unit = /^unit: (\S+)/m.exec(all.get(key)!)?.[1];
    const refs = keys.filter((k) => all.get(k)!.includes(`${unit}/KR1\n`) || all.get(k)!.includes(`${unit}/KR1,`) || all.get(k)!.includes(`${unit}/KR1]`));
    if (!unit || !refs.length || !/^ {6}KR1:$/m.test(all.get(key)!)) continue;
    edit(key, (t) => t.replace(/^( {6})KR1:$/m, '$1KR1a:').replace(/supports: KR1$/gm, 'supports: KR1a'));
    for (const k of refs) edit(k, (t) => t.replace(new RegExp(`${unit}/KR1(?=[\\n,\\]])`, 'g'), `${unit}/KR1a`));
    renamed++;
  }
  done.push(`${renamed} KRs renamed`);
  let slipped = 0;
  let dropped = 0;
  let targets = 0;
  let currents = 0;
  keys.forEach((key, i) => {
    if (slipped < 15 && i % 7 === 1 && edit(key, (t) => t.replace(/^( {4}horizon: )now$/m, '$1next'))) slipped++;
    if (dropped < 5 && i % 11 === 2 && edit(key, (t) => t.replace(/^( {4}status: )(active|planned)$/m, '$1dropped'))) dropped++;
    if (targets < 10 && i % 9 === 3 && edit(key, (t) => t.replace(/^( {8}target: )(\d+)/m, (_m, a: string, n: string) => `${a}${Number(n) + 5}`))) targets++;
    if (currents < 20 && i % 5 === 4 && edit(key, (t) => t.replace(/^( {8}current: )(\d+)/m, (_m, a: string, n: string) => `${a}${Number(n) + 1}`))) currents++;
  });
  done.push(`${slipped} items slipped`, `${dropped} dropped`, `${targets} targets and ${currents} currents changed`);
  for (const [key, text] of all) writeFileSync(join(dir, key), text);
  const moved = keys.filter((k) => !k.includes('/')).slice(-2);
  for (const k of moved) {
    mkdirSync(join(dir, 'moved'), { recursive: true });
    renameSync(join(dir, k), join(dir, 'moved', k));
  }
  done.push(`${moved.length} files moved`);
  return done;
}

function main(): void {
  const cli = join(ROOT, 'dist/cli.js');
  if (!existsSync(cli)) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'ignore' });
  const dir = mkdtempSync(join(tmpdir(), 'okr-bench-compare-'));
  try {
    const source = generate(dir);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: ENV, encoding: 'utf8' }).trim();
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'start of the quarter');
    const a = git('rev-parse', 'HEAD');
    const edits = quarter(dir);
    git('add', '-A');
    git('commit', '-q', '-m', 'end of the quarter');
    const b = git('rev-parse', 'HEAD');
    const size = [...files(dir).values()].reduce((n, t) => n + t.length, 0);
    console.log(`\ncompare: ${files(dir).size} files (${(size / 1024).toFixed(0)} KiB) from ${source}; between the commits: ${edits.join(', ')}`);

    const spawn = (args: string[]) => time(() => spawnSync(process.execPath, [cli, ...args], { cwd: dir, env: ENV, encoding: 'utf8', maxBuffer: 1 << 28 }));
    const [first] = spawn(['diff', a, b, '--as-of', AS_OF, '--format', 'json']);
    if (first.status !== 0) throw new Error(`okr diff failed: ${first.stderr}`);
    const summary = (JSON.parse(first.stdout) as { summary: Record<string, unknown> }).summary;
    const diffs: number[] = [];
    const checks: number[] = [];
    for (let i = 0; i < 5; i++) {
      diffs.push(spawn(['diff', a, b, '--as-of', AS_OF, '--format', 'json'])[1]);
      checks.push(spawn(['check', '.', '--as-of', AS_OF, '--format', 'json'])[1]);
    }
    console.log(`  ${'okr diff A B (wall, incl. node and git)'.padEnd(46)} median ${ms(median(diffs))}  (min ${ms(Math.min(...diffs))})`);
    console.log(`  ${'okr check . (wall, for scale)'.padEnd(46)} median ${ms(median(checks))}  (min ${ms(Math.min(...checks))})`);
    console.log(`  change set: ${JSON.stringify(summary)}`);

    // In process: where the time goes (after one warm-up).
    const split: Record<string, number[]> = { 'git (ls-tree + one cat-file per side)': [], 'parse (files that differ only once)': [], 'check both sides': [], 'compare': [] };
    for (let i = 0; i < 4; i++) {
      const repo = GitRepo.open(dir);
      const [revs, tGit] = time(() => [readRevision(repo, { kind: 'commit', name: a, sha: a }, []), readRevision(repo, { kind: 'commit', name: b, sha: b }, [])] as const);
      const [sides, tParse] = time(() => parseSides(revs[0], revs[1]));
      const [plans, tCheck] = time(() => [planOf(sides.base, { asOf, label: {} }), planOf(sides.head, { asOf, label: {} })] as const);
      const [, tCompare] = time(() => compare(plans[0], plans[1], { asOf }));
      if (i === 0) continue;
      split['git (ls-tree + one cat-file per side)'].push(tGit);
      split['parse (files that differ only once)'].push(tParse);
      split['check both sides'].push(tCheck);
      split['compare'].push(tCompare);
    }
    for (const [label, xs] of Object.entries(split)) console.log(`    ${label.padEnd(44)} median ${ms(median(xs))}`);

    // What-if in the editor.
    const cascade = new Cascade({ asOf });
    cascade.load(files(dir));
    const live = new LiveBase();
    const index = cascade.index;
    const product = [...index.units.values()].find((u) => u.primary.level?.value === 'product')!.id;
    const krs = [...index.units.values()].flatMap((u) => [...u.entities.values()].filter((e) => e.kind === 'kr').map((e) => `${e.unit}/${e.id}`));
    const items = [...index.units.values()].flatMap((u) => [...u.entities.values()].filter((e) => e.kind === 'item').map((e) => `${e.unit}/${e.id}`));
    const pick = (i: number): WhatIfEdit => (i % 3 === 0 ? { op: 'cut', ref: krs[(i * 37) % krs.length] } : i % 3 === 1 ? { op: 'drop', ref: items[(i * 53) % items.length] } : { op: 'move', ref: items[(i * 29) % items.length], horizon: 'later' });
    const roadmaps = (base: Parameters<typeof buildRoadmap>[0], head: Parameters<typeof buildRoadmap>[0]) => [{ unit: product, base: buildRoadmap(base, { unit: product, view: 'quarters', asOf }), head: buildRoadmap(head, { unit: product, view: 'quarters', asOf }) }];
    const run = (i: number) => time(() => whatIfLive(cascade, live.plan(cascade, (f) => f, {}), [pick(i)], { asOf, display: (f) => f, pickRoadmaps: (x, y) => roadmaps(x.index, y.index) }))[1];
    const cold = run(0);
    const warm: number[] = [];
    for (let i = 1; i <= 60; i++) warm.push(run(i));
    console.log(`  ${`what-if in the editor (${product}'s roadmap both sides)`.padEnd(46)} p50 ${ms(pct(warm, 0.5))}  p95 ${ms(pct(warm, 0.95))}  max ${ms(Math.max(...warm))}  (first call, copying the index: ${ms(cold)})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
