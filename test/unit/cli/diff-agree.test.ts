/**
 * `okr diff` checks only the files a change can reach, builds only where
 * roadmaps place their cards, and keeps what it worked out in the cache
 * folder. None of that may show: on random git histories (check-ins,
 * renames with and without references following, slips, drops, revivals,
 * parents and periods changed, files moved, units added and removed, syntax
 * errors), the cold diff (--no-cache), the warm one (the same diff run again
 * with its cache folder) and a diff that checks every file of both sides
 * and builds every roadmap whole must print the same bytes, in every format.
 * So must `okr what-if`, which checks only what its edits reach too.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffArgs, runDiff, type DiffFormat } from '../../../server/src/cli/diff';
import { displayPath, loadCascade } from '../../../server/src/cli/files';
import { runWhatIf, whatIfArgs } from '../../../server/src/cli/what-if';
import { compare, planOf } from '../../../server/src/core/compare/index';
import { applyWhatIf, editedFiles } from '../../../server/src/core/compare/what-if';
import { formatChangeSetMarkdown } from '../../../server/src/core/compare/markdown';
import { formatChangeSetText } from '../../../server/src/core/compare/text';
import { parseDay } from '../../../server/src/core/period';
import { GitRepo } from '../../../server/src/git/repo';
import { parseSides, readRevisions } from '../../../server/src/git/revision';
import { TestRepo } from '../../helpers/git';
import { historyStep } from '../compare/history-edits';
import { randomCascade, rng } from '../compare/random';

const AS_OF = '2026-11-24';
const asOf = parseDay(AS_OF)!;
const FORMATS: DiffFormat[] = ['json', 'md', 'text'];

/** The change set with every file of both sides checked and every roadmap built whole, printed as okr diff prints it. */
function everything(dir: string, a: string, b: string, format: DiffFormat): string {
  const git = GitRepo.open(dir);
  const [baseFiles, headFiles] = readRevisions(git, [{ kind: 'commit', name: a, sha: a }, { kind: 'commit', name: b, sha: b }], []);
  const sides = parseSides(baseFiles, headFiles);
  const display = (f: string) => displayPath(join(git.root, f), dir);
  const base = planOf(sides.base, { asOf, label: { rev: a.slice(0, 7) }, display });
  const head = planOf(sides.head, { asOf, label: { rev: b.slice(0, 7) }, display });
  const cs = compare(base, head, { asOf });
  return format === 'json' ? JSON.stringify(cs, null, 2) + '\n' : format === 'md' ? formatChangeSetMarkdown(cs, { link: (_s, l) => `${l.file}#L${l.line + 1}` }) : formatChangeSetText(cs, { color: false });
}

describe('okr diff: cold, warm and checking everything print the same bytes', function () {
  this.timeout(900_000);

  it('on 6 random histories of 4 commits: first → last, a middle step and last → first, in json (md and text once per history)', async () => {
    let compared = 0;
    let introduced = 0;
    for (let seed = 40; seed < 46; seed++) {
      const repo = TestRepo.init();
      const cacheDir = mkdtempSync(join(tmpdir(), 'okr-diff-agree-'));
      try {
        const r = rng(seed * 13 + 5);
        let files = randomCascade(seed, 6 + (seed % 4)).files;
        repo.write(Object.fromEntries(files));
        const commits = [repo.commit('start')];
        const did: string[][] = [];
        for (let s = 0; s < 3; s++) {
          const step = historyStep(files, r);
          for (const k of files.keys()) if (!step.files.has(k)) repo.remove(k);
          repo.write(Object.fromEntries(step.files));
          files = step.files;
          commits.push(repo.commit(`step ${s}`));
          did.push(step.did);
        }
        const pairs: [number, number][] = [[0, 3], [1, 2], [3, 0]];
        for (const [i, j] of pairs) {
          const [a, b] = [commits[i], commits[j]];
          // Markdown and text print the same change set: once per history is enough.
          for (const format of i === 0 ? FORMATS : (['json'] as DiffFormat[])) {
            const what = `seed ${seed}, commits ${i}→${j} (${did.slice(Math.min(i, j), Math.max(i, j)).map((d) => d.join('+')).join('; ')}), ${format}`;
            const run = async (...extra: string[]) => (await runDiff(diffArgs([a, b, '--as-of', AS_OF, '--format', format, ...extra]), { cwd: repo.dir, color: false, vars: { OKR_CACHE_DIR: cacheDir } })).stdout;
            const expected = everything(repo.dir, a, b, format);
            assert.equal(await run('--no-cache'), expected, `${what}: cold`);
            assert.equal(await run(), expected, `${what}: first run with the cache folder`);
            assert.equal(await run(), expected, `${what}: warm`);
            if (format === 'json') introduced += (JSON.parse(expected) as { summary: { introduced: number } }).summary.introduced;
            compared++;
          }
        }
      } finally {
        repo.dispose();
        rmSync(cacheDir, { recursive: true, force: true });
      }
    }
    assert.equal(compared, 6 * (3 + 1 + 1));
    assert.ok(introduced >= 10, `the histories introduce findings (${introduced})`);
  });

  it('okr what-if: the same bytes as checking every file of both sides, on 12 random cascades (cut a KR, drop an item, move one)', async () => {
    let introduced = 0;
    for (let seed = 60; seed < 72; seed++) {
      const dir = mkdtempSync(join(tmpdir(), 'okr-whatif-agree-'));
      try {
        const g = randomCascade(seed, 6 + (seed % 4));
        const repo = TestRepo.init(dir);
        repo.write(Object.fromEntries(g.files));
        const r = rng(seed);
        const pick = (xs: string[]) => xs[Math.floor(r() * xs.length)];
        const argv = [['--cut', pick(g.krs)], ['--drop', pick(g.items)], ['--move', `${pick(g.items)}=${pick(['now', 'next', 'later', '2027-Q1'])}`], ['--cut', g.items[0], '--move', `${g.items[g.items.length - 1]}=later`]][seed % 4];
        const out = (await runWhatIf(whatIfArgs([...argv, '--as-of', AS_OF, '--format', 'json']), { cwd: dir, color: false, vars: {} })).stdout;
        // Everything checked, every roadmap whole.
        const loaded = loadCascade([], { cwd: dir });
        const display = (f: string) => displayPath(f, dir);
        const base = planOf(loaded.texts, { asOf, label: { rev: 'working tree' }, display });
        const edits = argv[0] === '--cut' && argv.length === 2 ? [{ op: 'cut' as const, ref: argv[1] }]
          : argv[0] === '--drop' ? [{ op: 'drop' as const, ref: argv[1] }]
          : argv[0] === '--move' ? [{ op: 'move' as const, ref: argv[1].split('=')[0], horizon: argv[1].split('=')[1] }]
          : [{ op: 'cut' as const, ref: argv[1] }, { op: 'move' as const, ref: argv[3].split('=')[0], horizon: 'later' }];
        const made = applyWhatIf(base.index, edits);
        if ('error' in made) {
          assert.fail(`seed ${seed}: ${made.error}`);
        }
        const head = planOf(editedFiles(base.files, made.texts), { asOf, label: { rev: 'what-if', edits: made.labels }, display });
        const expected = JSON.stringify(compare(base, head, { asOf }), null, 2) + '\n';
        assert.equal(out, expected, `seed ${seed}: ${argv.join(' ')}`);
        introduced += (JSON.parse(expected) as { summary: { introduced: number } }).summary.introduced;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    assert.ok(introduced >= 5, `the what-ifs introduce findings (${introduced})`);
  });
});
