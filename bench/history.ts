/**
 * `npx tsx bench/history.ts [--units 200] [--commits 100]`: the history of a
 * cascade from git (git/history.ts + core/history/follow.ts), as `okr review`
 * and `okr/history` read it, on a quarter of commits of the benchmark kit's
 * cascade (bench/quarter.ts: check-ins, confidence, slips, drops, targets,
 * KR renames, moved files).
 *
 *  - cold: a new reader (no blob, no parsed text, no answer kept): git log,
 *    ls-tree, cat-file, parsing every text once, the series, the renames;
 *  - warm: the same reader after one more commit (what the language server
 *    does when a check-in lands): rev-parse, a git log of the new commit, a
 *    cat-file of its blob; the check-in's facts derived from the text before
 *    (not parsed), only the new revision added to the series;
 *  - the same question again (answered from memory).
 * Baseline in the same run: parsing and checking the cascade once (Cascade.load).
 *
 * Then `okr review --format json` as a user runs it (dist/cli.js spawned;
 * `npm run build` first), with an empty cache folder (OKR_CACHE_DIR):
 * the first run (cold), the second (warm: the repository unchanged), and
 * the run after one new commit (a check-in), beside `--no-cache` and
 * `okr --version` (node starting the CLI: the floor of any run).
 * `--cli` runs only this part.
 * Targets (issue 11): cold < 3 s, warm < 0.3 s at 200 units × 100 commits.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Cascade } from '../server/src/core/cascade';
import { parseDay } from '../server/src/core/period';
import { HistoryReader } from '../server/src/git/history';
import { GitRepo } from '../server/src/git/repo';
import { cascadeFiles, quarterRepo } from './quarter';

const ROOT = resolve(__dirname, '..');
const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) || fallback : fallback);
const units = arg('--units', 200);
const commits = arg('--commits', 100);
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const repo = quarterRepo({ units, commits, root: ROOT });
  try {
    const files = cascadeFiles(repo.dir);
    console.log(`\nhistory: ${files.size} files from ${repo.source}; ${repo.commits.length - 1} commits: ${Object.entries(repo.edits).map(([k, n]) => `${n} ${k}`).join(', ')}`);
    if (process.argv.includes('--cli')) return cli(repo.dir, files);
    const baseline: number[] = [];
    const baselineCpu: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const c = process.cpuUsage();
      new Cascade({ asOf: parseDay('2026-11-24')! }).load(new Map([...files].map(([k, v]) => [join(repo.dir, k), v])));
      baseline.push(performance.now() - t);
      baselineCpu.push((({ user, system }) => (user + system) / 1000)(process.cpuUsage(c)));
    }
    // CPU time of this process beside the wall time: on a loaded machine a process waits for a core at random (git's own CPU is not counted).
    const cpu = (t: NodeJS.CpuUsage) => {
      const u = process.cpuUsage(t);
      return (u.user + u.system) / 1000;
    };
    const colds: number[] = [];
    const coldCpu: number[] = [];
    let reader!: HistoryReader;
    let stats = '';
    for (let i = 0; i < 3; i++) {
      reader = new HistoryReader(GitRepo.open(repo.dir));
      const t = performance.now();
      const c = process.cpuUsage();
      const h = await reader.read();
      colds.push(performance.now() - t);
      coldCpu.push(cpu(c));
      stats = `${h.krs.size} KR series, ${h.items.size} item series, ${h.stats.revisions} revisions, ${reader.parsedFiles} texts parsed, ${h.stats.matched} revision pairs matched (renames)`;
    }
    const warms: number[] = [];
    const warmCpu: number[] = [];
    const file = [...files.keys()].find((k) => /^ {8}current: \d+$/m.test(files.get(k)!))!;
    for (let i = 0; i < 5; i++) {
      const text = files.get(file)!.replace(/^( {8}current: )(\d+)/m, (_m, a: string, n: string) => `${a}${Number(n) + i + 1}`);
      writeFileSync(join(repo.dir, file), text);
      execFileSync('git', ['commit', '-qam', `check-in ${i}`], { cwd: repo.dir, env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@x', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@x', GIT_AUTHOR_DATE: '2026-12-20T10:00:00Z', GIT_COMMITTER_DATE: '2026-12-20T10:00:00Z' } });
      const parsed = reader.parsedFiles;
      const t = performance.now();
      const c = process.cpuUsage();
      await reader.read();
      warms.push(performance.now() - t);
      warmCpu.push(cpu(c));
      if (reader.parsedFiles !== parsed) throw new Error(`warm run parsed ${reader.parsedFiles - parsed} texts, expected none (a check-in's facts are derived from the text before)`);
    }
    const t = performance.now();
    await reader.read();
    const same = performance.now() - t;
    console.log(`  ${stats}`);
    console.log(`  ${'cold: a new reader (git log + ls-tree + cat-file, parse, series)'.padEnd(66)} median ${ms(median(colds))}  target < 3000 ms`);
    console.log(`  ${'warm: the same reader after one more commit'.padEnd(66)} median ${ms(median(warms))}  target < 300 ms`);
    console.log(`  ${'the same question again (kept answer)'.padEnd(66)} ${ms(same)}`);
    console.log(`  ${'baseline: parse and check the cascade once (Cascade.load)'.padEnd(66)} median ${ms(median(baseline))}`);
    console.log(`  ${'ratios cold / baseline, warm / baseline'.padEnd(66)} ${(median(colds) / median(baseline)).toFixed(2)}, ${(median(warms) / median(baseline)).toFixed(2)}`);
    console.log(`  ${'CPU of this process: cold, warm, baseline'.padEnd(66)} median ${ms(median(coldCpu))}, ${ms(median(warmCpu))}, ${ms(median(baselineCpu))}`);
    cli(repo.dir, cascadeFiles(repo.dir));
  } finally {
    repo.dispose();
  }
}

/** `okr review --format json` spawned as a user runs it: cold cache folder, warm, after one new commit. */
function cli(dir: string, files: Map<string, string>): void {
  const bundle = join(ROOT, 'dist/cli.js');
  if (!existsSync(bundle)) throw new Error('dist/cli.js is missing: npm run build');
  const cache = mkdtempSync(join(tmpdir(), 'okr-bench-review-cache-'));
  const env = { ...process.env, OKR_CACHE_DIR: cache };
  const run = (...args: string[]) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, [bundle, ...args], { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 28 });
    const took = performance.now() - t;
    if (r.status !== 0) throw new Error(`okr ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
    return { took, out: r.stdout };
  };
  const review = (...more: string[]) => run('review', '--format', 'json', '--as-of', '2026-12-24', ...more);
  try {
    const floor = median([0, 1, 2].map(() => run('--version').took));
    const noCache = review('--no-cache');
    const cold = review();
    const warms = [0, 1, 2].map(() => review());
    if (cold.out !== noCache.out || warms.some((w) => w.out !== cold.out)) throw new Error('okr review printed different JSON with and without the cache');
    const file = [...files.keys()].find((k) => /^ {8}current: \d+$/m.test(files.get(k)!))!;
    writeFileSync(join(dir, file), files.get(file)!.replace(/^( {8}current: )(\d+)/m, (_m, a: string, n: string) => `${a}${Number(n) + 100}`));
    execFileSync('git', ['commit', '-qam', 'one more check-in'], { cwd: dir, env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@x', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@x', GIT_AUTHOR_DATE: '2026-12-21T10:00:00Z', GIT_COMMITTER_DATE: '2026-12-21T10:00:00Z' } });
    const grown = review();
    const grownCold = review('--no-cache');
    if (grown.out !== grownCold.out) throw new Error('okr review after a new commit: the kept history gave another answer than a cold read');
    console.log(`  okr review --format json (dist/cli.js spawned, OKR_CACHE_DIR empty at first):`);
    console.log(`  ${'  first run, cold cache folder'.padEnd(66)} ${ms(cold.took)}  target < 3000 ms`);
    console.log(`  ${'  second run, repository unchanged (median of 3)'.padEnd(66)} ${ms(median(warms.map((w) => w.took)))}  target < 300 ms`);
    console.log(`  ${'  after one new commit (its history grown from the kept one)'.padEnd(66)} ${ms(grown.took)}`);
    console.log(`  ${'  --no-cache, before / after the commit'.padEnd(66)} ${ms(noCache.took)} / ${ms(grownCold.took)}`);
    console.log(`  ${'  okr --version (node starting the CLI, median of 3)'.padEnd(66)} ${ms(floor)}`);
    console.log(`  ${'  ratios warm / cold, after a commit / --no-cache'.padEnd(66)} ${(median(warms.map((w) => w.took)) / cold.took).toFixed(2)}, ${(grown.took / grownCold.took).toFixed(2)}`);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
