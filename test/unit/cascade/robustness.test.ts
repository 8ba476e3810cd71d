/**
 * Bad input never crashes or hangs the engine: every sample file is mutated
 * the way half-typed YAML looks (lines cut, duplicated, re-indented, brackets
 * and quotes left open), and after each mutation the cascade, every roadmap
 * view, the review, navigation, hints, rename, quick fixes and Mark Reviewed must still answer.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Cascade } from '../../../server/src/core/cascade';
import { fixesFor } from '../../../server/src/core/fixes/index';
import { codeLenses, inlayHints } from '../../../server/src/core/hints';
import { completions } from '../../../server/src/core/navigate/completion';
import { hover } from '../../../server/src/core/navigate/hover';
import { definition, references } from '../../../server/src/core/navigate/references';
import { documentSymbols, workspaceSymbols } from '../../../server/src/core/navigate/symbols';
import { prepareRename } from '../../../server/src/core/rename';
import { buildRoadmap, RoadmapError } from '../../../server/src/core/roadmap/index';
import { ROADMAP_VIEWS } from '../../../server/src/core/roadmap/model';
import { setReviewedEdits } from '../../../server/src/core/edits/set-reviewed';
import { buildReview, ReviewError, reviewMarkdown } from '../../../server/src/core/review';

const ROOT = join(__dirname, '..', '..', '..', 'samples', 'okrs');
const asOf = { y: 2026, m: 11, d: 24 };

function cascadeFiles(dir: string, out: [string, string][] = []): [string, string][] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) cascadeFiles(p, out);
    else if (e.name.endsWith('.okr.yaml')) out.push([p, readFileSync(p, 'utf8')]);
  }
  return out.sort();
}

/** A tiny deterministic PRNG, so a failure names a reproducible seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const MUTATIONS: ((lines: string[], r: () => number) => void)[] = [
  (l, r) => void l.splice(Math.floor(r() * l.length), 1 + Math.floor(r() * 4)), // delete lines
  (l, r) => { const i = Math.floor(r() * l.length); l.splice(i, 0, l[i] ?? ''); }, // duplicate a line (repeated keys)
  (l, r) => { const i = Math.floor(r() * l.length); l[i] = '  ' + (l[i] ?? ''); }, // indent
  (l, r) => { const i = Math.floor(r() * l.length); l[i] = (l[i] ?? '').replace(/^ {2}/, ''); }, // dedent
  (l, r) => { const i = Math.floor(r() * l.length); l[i] = (l[i] ?? '').slice(0, Math.floor(r() * (l[i]?.length ?? 0))); }, // cut mid-line
  (l, r) => { const i = Math.floor(r() * l.length); l[i] = (l[i] ?? '') + ['[', '{', '"', "'", ': [KR1,', ' &a', ' *a', '\t', ': |'][Math.floor(r() * 9)]; },
  (l, r) => { const i = Math.floor(r() * l.length); l[i] = (l[i] ?? '').replace(/KR(\d)/, 'KR9$1').replace(/: now/, ': sometime'); },
  (l, r) => void l.splice(Math.floor(r() * l.length)), // truncate the file
];

describe('robustness: half-typed YAML never crashes the engine', () => {
  const files = cascadeFiles(ROOT);

  it(`survives ${files.length * 60} random edits of the samples with every feature answering`, function () {
    this.timeout(120000);
    const cascade = new Cascade({ asOf });
    cascade.load(files);
    for (const [fi, [path, text]] of files.entries()) {
      for (let n = 0; n < 60; n++) {
        const seed = fi * 1000 + n;
        const r = rng(seed);
        const lines = text.split('\n');
        for (let k = 0; k < 1 + Math.floor(r() * 3); k++) MUTATIONS[Math.floor(r() * MUTATIONS.length)](lines, r);
        const mutated = lines.join('\n');
        try {
          cascade.update(path, mutated);
          const file = cascade.file(path)!;
          const index = cascade.index;
          for (const p of cascade.problems(path)) {
            assert.ok(p.span[0] >= 0 && p.span[0] <= p.span[1] && p.span[1] <= mutated.length, `span of ${p.code} inside the text`);
            assert.ok(p.message.length > 0);
            for (const fix of fixesFor({ file, index, problem: p })) assert.ok(fix.title);
          }
          for (const view of ROADMAP_VIEWS) {
            try {
              buildRoadmap(index, { view, asOf, unit: 'checkout' });
            } catch (e) {
              if (!(e instanceof RoadmapError)) throw e;
            }
          }
          try {
            reviewMarkdown(buildReview(index, { unit: file.unitId?.value ?? 'checkout', asOf }));
          } catch (e) {
            if (!(e instanceof ReviewError)) throw e;
          }
          const reviewed = setReviewedEdits(file, '2026-11-24');
          assert.ok(Array.isArray(reviewed) || reviewed.error.length > 0);
          for (let probe = 0; probe < 6; probe++) {
            const offset = Math.floor(r() * (mutated.length + 1));
            hover(index, file, offset);
            definition(index, file, offset);
            references(index, file, offset, true);
            completions(index, file, mutated, offset);
            prepareRename(index, file, offset);
          }
          documentSymbols(file);
          inlayHints(index, file);
          codeLenses(index, file);
          workspaceSymbols(index, 'KR');
        } catch (e) {
          throw new Error(`seed ${seed} on ${path}: ${(e as Error).stack}\n--- text ---\n${mutated}`);
        }
      }
      cascade.update(path, text);
    }
    for (const [path] of files) assert.deepEqual(cascade.problems(path), [], `${path} clean again after restoring`);
  });
});
