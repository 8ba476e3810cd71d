/**
 * Growth, not speed: each test scales one hostile dimension of the input
 * (broken links, id length, file size, findings) and compares the engine's
 * time at N with its time at a multiple of N, measured in the same run (the
 * fastest of a few tries). Linear work grows by about that multiple;
 * quadratic work by its square, which fails here on any machine. No test
 * asserts an absolute time.
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { capFindings, checkAll } from '../../../server/src/core/check';
import type { Problem } from '../../../server/src/core/model';
import { parseUnitFile } from '../../../server/src/core/parse';
import { collectFindings } from '../../../server/src/cli/findings';
import { bigValidUnit, brokenLinks, longIds, manyFindings } from '../../helpers/hostile';

const asOf = { y: 2026, m: 11, d: 24 };
const BIG = { maxFileSize: 64 * 1024 * 1024, maxDepth: 64 };

/** Parses and checks one file: the work `okr check` and the server do for it. */
function checkText(text: string): Problem[] {
  const f = parseUnitFile('/hostile.okr.yaml', text, { limits: BIG });
  return checkAll([f], { asOf }).get(f.file)!;
}

/** The fastest of `runs` tries, in ms. */
function fastest(fn: () => void, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/**
 * Times `work(n)` for each size (inputs made beforehand) and asserts that
 * from one size to the next the time grows by at most `bound` times.
 */
function assertGrowth(label: string, sizes: number[], make: (n: number) => string, bound: number, runs = [3, 2, 1]): string[] {
  const inputs = sizes.map(make);
  checkText(inputs[0]); // warm up
  const times = inputs.map((text, i) => fastest(() => checkText(text), runs[Math.min(i, runs.length - 1)]));
  const report = sizes.map((n, i) => `${n}: ${times[i].toFixed(0)} ms`);
  for (let i = 1; i < sizes.length; i++) {
    const ratio = times[i] / Math.max(times[i - 1], 1);
    assert.ok(ratio < bound, `${label}: from ${sizes[i - 1]} to ${sizes[i]} (×${sizes[i] / sizes[i - 1]}) the time grew ×${ratio.toFixed(1)}, more than ×${bound} (${report.join(', ')})`);
  }
  return report;
}

describe('growth with input size (near-linear, measured as ratios)', function () {
  this.timeout(600_000);

  it('N KRs and N items each naming a different missing KR: N = 250, 1,000, 4,000 (×4 each) grows at most ×12 per step, with suggestions', () => {
    const findings = checkText(brokenLinks(250)).filter((p) => p.code === 'broken-link');
    assert.equal(findings.length, 250);
    assert.ok(findings.every((p) => (p.data?.suggestions ?? []).length > 0), 'every broken link still gets suggestions');
    assertGrowth('broken links', [250, 1000, 4000], brokenLinks, 12);
  });

  it('a unit id and KR ids of 1 KB, 10 KB, 100 KB with a broken reference (×10 each) grow at most ×40 per step', () => {
    const report = assertGrowth('long ids', [1000, 10_000, 100_000], (n) => longIds(n), 40);
    const f = checkText(longIds(100_000)).filter((p) => p.code === 'broken-link');
    assert.equal(f.length, 1, report.join(', '));
  });

  it('a valid file of 128 KB, 512 KB, 2 MB (×4 each) grows at most ×12 per step, and reports nothing but its many objectives', () => {
    assert.deepEqual(checkText(bigValidUnit(128 * 1024)).map((p) => p.code), ['too-many-objectives']);
    assertGrowth('big file', [128 * 1024, 512 * 1024, 2048 * 1024], bigValidUnit, 12);
  });

  it('25,000 and 100,000 findings in one file (×4) grow at most ×12; 150,000 pass through the CLI collection without a stack overflow', () => {
    assertGrowth('findings', [25_000, 100_000], manyFindings, 12, [2, 1]);
    const texts = new Map([['/many.okr.yaml', manyFindings(150_000)]]);
    const loaded = { root: '/', texts, refused: [], reported: new Set(texts.keys()), folders: [], nested: [] };
    const { findings } = collectFindings(loaded, { asOf, display: (x) => x });
    assert.equal(findings.filter((x) => x.code === 'broken-link').length, 150_000);
  });
});

describe('capFindings: at most N findings of a file, the last one saying how many more', () => {
  it('keeps the most severe first, in position order, and counts the rest', () => {
    const f = parseUnitFile('/many.okr.yaml', manyFindings(150_000));
    const all = checkAll([f], { asOf }).get(f.file)!;
    const capped = capFindings(all, 1000);
    assert.equal(capped.length, 1000);
    assert.equal(capped.filter((p) => p.code === 'broken-link' && /^`nope` names no/.test(p.message)).length, 999);
    const last = capped.find((p) => /more findings/.test(p.message))!;
    assert.match(last.message, /^149,002 more findings in this file are not shown \(149,001 errors, 1 warning\): fix the ones shown first, or run `okr check` for the full list$/);
    assert.deepEqual(capped.map((p) => p.span[0]), capped.map((p) => p.span[0]).slice().sort((a, b) => a - b));
    assert.equal(capFindings(all.slice(0, 10), 1000).length, 10);
  });
});
