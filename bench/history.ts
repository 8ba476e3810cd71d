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
 * Targets (issue 11): cold < 3 s, warm < 0.3 s at 200 units × 100 commits.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
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
  } finally {
    repo.dispose();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
