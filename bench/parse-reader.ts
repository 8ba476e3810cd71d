/**
 * The two readers of a cascade file, in one process over every *.okr.yaml of
 * DIR read into memory first: the full one (yaml CST → Document → tree,
 * core/yaml-read.ts + yaml-tree.ts) and the fast one (core/yaml-fast.ts),
 * then parseUnitFile with and without the fast reader. Prints the first
 * (cold) pass and the median of REPS warm passes of each, and how many files
 * the fast reader took. Ratios within one run are what to compare.
 *   npx tsx bench/parse-reader.ts DIR [REPS]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_LIMITS } from '../server/src/core/config';
import { parseUnitFile } from '../server/src/core/parse';
import { fastRead } from '../server/src/core/yaml-fast';
import { readYaml } from '../server/src/core/yaml-read';
import { readTree } from '../server/src/core/yaml-tree';

const dir = process.argv[2];
const reps = Number(process.argv[3] ?? 5);
if (!dir) throw new Error('usage: npx tsx bench/parse-reader.ts DIR [REPS]');
const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : /\.okr\.ya?ml$/.test(e.name) ? [join(d, e.name)] : []));
const texts = walk(dir).map((f) => readFileSync(f, 'utf8'));

function time(label: string, run: () => void): number {
  let t = performance.now();
  run();
  const cold = performance.now() - t;
  const warm: number[] = [];
  for (let i = 0; i < reps; i++) {
    t = performance.now();
    run();
    warm.push(performance.now() - t);
  }
  const median = warm.sort((a, b) => a - b)[Math.floor(warm.length / 2)];
  console.log(`${label.padEnd(40)} first pass ${cold.toFixed(0).padStart(6)} ms   warm median ${median.toFixed(0).padStart(6)} ms`);
  return median;
}

const fastCount = texts.filter((t) => fastRead(t, DEFAULT_LIMITS)).length;
console.log(`${texts.length} files, ${(texts.reduce((n, t) => n + t.length, 0) / 1e6).toFixed(1)} M characters, ${fastCount} taken by the fast reader`);
const full = time('full reader (readYaml + readTree)', () => {
  for (const t of texts) {
    const r = readYaml(t, DEFAULT_LIMITS);
    if (r.doc) readTree(r.doc, t.length, DEFAULT_LIMITS.maxDepth);
  }
});
const fast = time('fast reader (fastRead)', () => {
  for (const t of texts) fastRead(t, DEFAULT_LIMITS);
});
const unitFull = time('parseUnitFile, fast reader off', () => {
  for (const t of texts) parseUnitFile('f.okr.yaml', t, { fast: false });
});
const unitFast = time('parseUnitFile', () => {
  for (const t of texts) parseUnitFile('f.okr.yaml', t);
});
console.log(`reader: full / fast = ${(full / fast).toFixed(1)}x; parseUnitFile: off / on = ${(unitFull / unitFast).toFixed(1)}x (warm medians)`);
