/**
 * Property tests over the engine (fast-check, seeded): random sequences of
 * edits of the samples and of generated cascades, including edits that only
 * move line breaks. After every edit:
 *   - nothing throws, and every finding lies inside its file's text;
 *   - what an editor would show equals a full check of the same texts,
 *     ranges included: the findings of the files `Cascade.update` reports as
 *     changed are re-published, the others keep what was published before,
 *     and together they must equal a fresh `checkAll`.
 * A failure prints the seed and the shrunk edit sequence; `FC_SEED=<seed>`
 * replays it.
 */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { Cascade } from '../../../server/src/core/cascade';
import { checkAll } from '../../../server/src/core/check';
import type { Problem, UnitFile } from '../../../server/src/core/model';
import { parseUnitFile } from '../../../server/src/core/parse';
import { positionAt } from '../../../server/src/core/text';
import { applyEdit, editArb, generated, samples, seedOf, type Edit } from '../../helpers/mutate';

const ROOT = resolve(__dirname, '../../..');
const asOf = { y: 2026, m: 11, d: 24 };

/** Findings as an editor shows them: code, severity, message, data and line/character range. */
function shown(f: UnitFile, problems: Problem[]): string[] {
  return problems.map((p) => {
    const s = positionAt(f.lineStarts, p.span[0]);
    const e = positionAt(f.lineStarts, p.span[1]);
    return `${s.line}:${s.character}-${e.line}:${e.character} ${p.severity} ${p.code} ${p.message} ${JSON.stringify(p.data ?? null)}`;
  });
}

function fullCheck(texts: Map<string, string>): Map<string, string[]> {
  const files = [...texts].map(([f, t]) => parseUnitFile(f, t));
  const results = checkAll(files, { asOf });
  return new Map(files.map((f) => [f.file, shown(f, results.get(f.file) ?? [])]));
}

function run(start: [string, string][], edits: Edit[]): void {
  const texts = new Map(start);
  const cascade = new Cascade({ asOf });
  cascade.load(texts);
  const published = new Map<string, string[]>();
  for (const f of cascade.all()) published.set(f.file, shown(f, cascade.problems(f.file)));
  const files = [...texts.keys()];
  edits.forEach((e, step) => {
    const [file, text] = applyEdit([...texts], e);
    texts.set(file, text);
    const changed = cascade.update(file, text);
    for (const f of changed) published.set(f, shown(cascade.file(f)!, cascade.problems(f)));
    const full = fullCheck(texts);
    for (const f of files) {
      const unit = cascade.file(f)!;
      for (const p of cascade.problems(f)) {
        assert.ok(p.span[0] >= 0 && p.span[0] <= p.span[1] && p.span[1] <= unit.text.length, `step ${step}: ${f}: ${p.code} span ${p.span} outside the text (${unit.text.length})`);
      }
      assert.deepEqual(published.get(f), full.get(f), `step ${step} (${JSON.stringify(e)}): ${f}: what an editor shows differs from a full check`);
    }
  });
}

describe('property: the engine under random edits (fast-check)', function () {
  this.timeout(600_000);
  const seed = seedOf(20261124);
  before(() => console.log(`      property seed ${seed} (replay with FC_SEED=${seed})`));

  it('samples/okrs: never throws, findings inside the text, published findings = a full check with ranges, after every edit', () => {
    const base = samples(ROOT);
    fc.assert(fc.property(fc.array(editArb, { minLength: 1, maxLength: 12 }), (edits) => run(base, edits)), { seed, numRuns: 25, endOnFailure: true });
  });

  it('a generated cascade with comments, anchors and aliases: the same, with line-break-only edits weighted up', () => {
    const base = generated(8);
    const lineBreaks = fc.oneof(editArb, fc.record({ kind: fc.constantFrom('join-comment' as const, 'split-comment' as const, 'blank-line' as const), file: fc.nat(), nth: fc.nat() }));
    fc.assert(fc.property(fc.array(lineBreaks, { minLength: 1, maxLength: 15 }), (edits) => run(base, edits)), { seed: seed + 1, numRuns: 25, endOnFailure: true });
  });

  it('any text at all parses without throwing and keeps every span inside it', () => {
    const alphabet = fc.constantFrom(...'unit: a\nroadmap:\n  x: { supports: [KR1, *a], <<: &a {} }\n"\'#-?[]{}&*!|>%@`\t\r\uFEFF\u0000é潮'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 300 }).map((cs) => cs.join('')), (text) => {
        const f = parseUnitFile('/any.okr.yaml', text);
        for (const p of checkAll([f], { asOf }).get(f.file)!) assert.ok(p.span[0] >= 0 && p.span[0] <= p.span[1] && p.span[1] <= f.text.length, `${p.code} ${p.span} in ${JSON.stringify(text)}`);
      }),
      { seed: seed + 2, numRuns: 400, endOnFailure: true },
    );
  });
});
