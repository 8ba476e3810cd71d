/**
 * `npm run bench`: the engine's speed on synthetic cascades. Prints figures;
 * never fails on a number (targets live in BENCHMARKS.md, not in tests).
 */
import { performance } from 'node:perf_hooks';
import { Cascade } from '../server/src/core/cascade';
import { buildRoadmap } from '../server/src/core/roadmap/index';
import { generateCascade } from '../test/helpers/generate-cascade';
import { benchLsp } from './lsp';

const asOf = { y: 2026, m: 11, d: 24 };

function stats(samples: number[]): string {
  const s = samples.slice().sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `p50 ${q(0.5).toFixed(2)} ms  p95 ${q(0.95).toFixed(2)} ms  max ${s[s.length - 1].toFixed(2)} ms`;
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

for (const size of [200, 1000]) {
  const files = generateCascade(size);
  const cascade = new Cascade({ asOf });
  const [, load] = time(() => cascade.load(files));
  const chars = [...files.values()].reduce((n, t) => n + t.length, 0);
  console.log(`\n${files.size} units (${(chars / 1024).toFixed(0)} KiB of YAML)`);
  console.log(`  ${'initial load (parse + link + check all)'.padEnd(44)} ${load.toFixed(1)} ms`);

  const team = [...files.keys()].find((f) => f.includes('/teams/'))!;
  const product = [...files.keys()].find((f) => f.includes('product-'))!;
  const cases = [
    ['typing in a team title (no link changes)', team, (b: string, i: number) => b.replace('Bet 1 of', `Bet 1${'x'.repeat(i + 1)} of`)],
    ['breaking/mending a team reference', team, (b: string, i: number) => (i % 2 ? b : b.replace('supports: KR1', 'supports: KR9'))],
    ['renaming/restoring a product KR', product, (b: string, i: number) => (i % 2 ? b : b.replace('KR1:', 'KR1x:'))],
  ] as const;
  for (const [label, file, edit] of cases) {
    const base = files.get(file)!;
    const samples: number[] = [];
    let changed = 0;
    for (let i = 0; i < 60; i++) {
      const [set, ms] = time(() => cascade.update(file, edit(base, i)));
      changed += set.size;
      samples.push(ms);
    }
    cascade.update(file, base);
    console.log(`  ${label.padEnd(44)} ${stats(samples)}  (${(changed / 60).toFixed(1)} files re-published per edit)`);
  }
  const unit = 'product-0';
  const roadmap: number[] = [];
  for (let i = 0; i < 20; i++) roadmap.push(time(() => buildRoadmap(cascade.index, { unit, view: 'quarters', asOf }))[1]);
  console.log(`  ${`roadmap model (quarters, ${unit})`.padEnd(44)} ${stats(roadmap)}`);
}

benchLsp(200).catch((e) => {
  console.error(`language-server bench failed: ${(e as Error).message}`);
  process.exitCode = 1;
});
