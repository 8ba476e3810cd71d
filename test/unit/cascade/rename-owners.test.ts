/**
 * A file re-checked only because ids of another unit changed (a company KR
 * or item renamed, an item's horizon moved) re-runs the reference rules for
 * the KRs and items that can see the change and keeps every other finding:
 * after each edit, back and forth, every file's findings (order, ranges,
 * messages, data) equal a full check, exactly the files whose findings
 * changed are reported, and the totals equal a fresh load's.
 */
import assert from 'node:assert/strict';
import { Cascade } from '../../../server/src/core/cascade';
import { checkAll } from '../../../server/src/core/check';
import type { Problem } from '../../../server/src/core/model';
import { parseUnitFile } from '../../../server/src/core/parse';

const asOf = { y: 2026, m: 11, d: 24 };

const files: Record<string, string> = {
  '/r/acme.okr.yaml': `unit: acme
level: company
period: 2026
objectives:
  O1:
    title: Grow
    key_results:
      KR1: { title: ARR, baseline: 10, target: 20 }
      KR2: { title: NRR, baseline: 100, target: 110, unit: "%", rollup: sum }
roadmap:
  launch: { title: Launch, supports: KR1, hypothesis: it sells because people ask, horizon: now }
  ramp: { title: Ramp, supports: KR2, hypothesis: it grows because it ramps, horizon: later }
`,
  // Many KRs and items, some naming what the edits change, some with findings of their own that must stay.
  '/r/p.okr.yaml': `unit: p
level: product
parent: acme
period: 2026
objectives:
  O1:
    title: P
    key_results:
      KR1: { title: P1, baseline: 1, target: 2, supports: acme/KR1 }
      KR2: { title: P2, baseline: 1, target: 2, unit: ms, supports: acme/KR2 }
      KR3: { title: P3, baseline: 1, target: 2, supports: KR1 }
      KR4: { title: P4, baseline: 1, target: 2, supports: acme/KR9 }
      KR5: { title: P5, baseline: 1, target: 2, supports: [] }
      KR6: { title: P6, baseline: 1, target: 2, supports: acme/KR1 } # okr-ignore: broken-link
      KR7: { title: P7, baseline: 1, target: 2, supports: [acme/KR2, acme/KR1] }
      KR8: { title: P8, baseline: 1, target: 2, supports: acme/O1 }
      KR9: { title: P9, baseline: 1, target: 2, supports: nowhere/KR1 }
roadmap:
  i1: { title: I1, supports: KR1, hypothesis: it helps because it is needed, horizon: now, depends_on: [acme/launch] }
  i2: { title: I2, hypothesis: it helps because it is needed, horizon: now }
  i3: { title: I3, supports: KR2, hypothesis: it helps because it is needed, horizon: now, depends_on: [acme/ramp, i1] }
  i4: { title: I4, supports: acme/KR1, hypothesis: it helps because it is needed, horizon: next, depends_on: acme/lunch }
  i5: { title: I5, supports: KR40, hypothesis: it helps because it is needed, horizon: later }
`,
  // Below p: its KRs' same-unit references offer p's KRs; one names p's KR1.
  '/r/t.okr.yaml': `unit: t
parent: p
period: 2026
objectives:
  O1:
    title: T
    key_results:
      KR1: { title: T1, baseline: 1, target: 2, supports: p/KR1 }
      KR2: { title: T2, baseline: 1, target: 2, supports: KR7 }
      KR3: { title: T3, baseline: 1, target: 2, supports: [] }
      KR4: { title: T4, baseline: 1, target: 2, supports: p/KR2 }
roadmap:
  t1: { title: T1, supports: [KR1, p/KR3], hypothesis: it helps because it is needed, horizon: now, depends_on: p/i1 }
`,
  // Names the company but nothing an edit changes.
  '/r/q.okr.yaml': `unit: q
parent: acme
period: 2026
objectives:
  O1:
    title: Q
    key_results:
      KR1: { title: Q1, baseline: 1, target: 2, unit: ms, supports: acme/KR2 }
`,
};
const acme = '/r/acme.okr.yaml';
const p = '/r/p.okr.yaml';

const full = (texts: Record<string, string>): Map<string, Problem[]> => checkAll(Object.entries(texts).map(([f, t]) => parseUnitFile(f, t)), { asOf });
const strip = (ps: Problem[]) => ps.map((x) => ({ code: x.code, span: x.span, message: x.message, severity: x.severity, data: x.data }));

// [file, from, to]: each applied, then undone, then applied and undone again.
const edits: [string, string, string][] = [
  [acme, 'KR1: { title: ARR', 'KR51: { title: ARR'], // a company KR renamed
  [acme, 'KR2: { title: NRR', 'KR9: { title: NRR'], // renamed to what a broken reference names
  [acme, '  launch: {', '  lunch: {'], // a company item renamed to what a dependency misspells
  [acme, 'horizon: now }', 'horizon: later }'], // a company item planned later: depends-on-later below
  [acme, 'unit: "%", rollup: sum', 'unit: ms, rollup: sum'], // a roll-up's unit: rollup-unit-mismatch on its supporters
  [acme, '      KR2: { title: NRR', '      KR40: { title: X, baseline: 1, target: 2 }\n      KR2: { title: NRR'], // a KR added
  [p, 'KR1: { title: P1', 'KR11: { title: P1'], // a product KR renamed: the team below
  [p, '  i1: {', '  i9: {'], // a product item renamed: same file and the team depending on it
];

describe('incremental checking: a file re-checked for another unit\'s renamed ids', () => {
  it('equals a full check after every rename and its undo (company and product KRs and items, horizons, roll-up units), reporting exactly the files that changed', () => {
    const cascade = new Cascade({ asOf });
    cascade.load(Object.entries(files));
    const texts = { ...files };
    let before = full(texts);
    for (const [file, from, to] of edits) {
      for (const [a, b] of [[from, to], [to, from], [from, to], [to, from]]) {
        assert.ok(texts[file].includes(a), `edit precondition: ${a}`);
        texts[file] = texts[file].replace(a, b);
        const changed = cascade.update(file, texts[file]);
        const after = full(texts);
        for (const f of Object.keys(texts)) {
          assert.deepEqual(strip(cascade.problems(f)), strip(after.get(f)!), `${f} after "${b}" in ${file}`);
          const differs = JSON.stringify(strip(before.get(f)!)) !== JSON.stringify(strip(after.get(f)!));
          assert.equal(changed.has(f), differs, `${f} reported as changed after "${b}" in ${file}`);
        }
        const fresh = new Cascade({ asOf });
        fresh.load(Object.entries(texts));
        assert.deepEqual(cascade.totals(), fresh.totals(), `totals after "${b}" in ${file}`);
        before = after;
      }
    }
  });

  it('stays equal to a full check when the files naming the renamed KR change between renames (a reference moved, a file deleted and added back, a KR added): what each file names is read from its text as it is now', () => {
    const cascade = new Cascade({ asOf });
    cascade.load(Object.entries(files));
    const texts: Record<string, string | null> = { ...files };
    const t = '/r/t.okr.yaml';
    const q = '/r/q.okr.yaml';
    const edit = (file: string, from: string, to: string) => {
      const text = texts[file] ?? '';
      assert.ok(text.includes(from), `edit precondition: ${from} in ${file}`);
      return [file, text.replace(from, to)] as const;
    };
    const steps: (() => readonly [string, string | null])[] = [
      () => edit(acme, 'KR1: { title: ARR', 'KR51: { title: ARR'), // renamed: p's references to acme/KR1 break
      () => edit(p, 'KR3: { title: P3, baseline: 1, target: 2, supports: KR1 }', 'KR3: { title: P3, baseline: 1, target: 2, supports: acme/KR51 }'), // a reference moved onto the new name
      () => edit(q, 'supports: acme/KR2', 'supports: acme/KR1'), // another file now names the old one
      () => edit(acme, 'KR51: { title: ARR', 'KR1: { title: ARR'), // undone: p's KR3 breaks, q's resolves
      () => [t, null], // a file below p deleted
      () => edit(p, 'KR1: { title: P1', 'KR11: { title: P1'), // p's KR renamed with t gone
      () => [t, files[t]], // t back: it names p/KR1, now missing
      () => edit(p, 'KR11: { title: P1', 'KR1: { title: P1'),
      () => edit(acme, '      KR2: { title: NRR', '      KR9: { title: X, baseline: 1, target: 2 }\n      KR2: { title: NRR'), // a KR added that p's KR4 names
      () => edit(p, 'supports: acme/KR9 }', 'supports: [acme/KR9, acme/KR2] }'), // a reference added beside it
      () => edit(acme, '      KR9: { title: X', '      KR19: { title: X'), // renamed away again
      () => edit(acme, 'KR1: { title: ARR', 'KR51: { title: ARR'),
    ];
    const present = () => Object.fromEntries(Object.entries(texts).filter((e): e is [string, string] => e[1] !== null));
    let before = full(present());
    for (const step of steps) {
      const [file, text] = step();
      texts[file] = text;
      const changed = text === null ? cascade.remove(file) : cascade.update(file, text);
      const now = present();
      const after = full(now);
      const what = `after ${text === null ? 'deleting' : 'editing'} ${file} (step ${steps.indexOf(step) + 1})`;
      for (const f of Object.keys(now)) {
        assert.deepEqual(strip(cascade.problems(f)), strip(after.get(f)!), `${f} ${what}`);
        const differs = JSON.stringify(strip(before.get(f) ?? [])) !== JSON.stringify(strip(after.get(f)!));
        assert.equal(changed.has(f), differs || !before.has(f), `${f} reported as changed ${what}`);
      }
      const fresh = new Cascade({ asOf });
      fresh.load(Object.entries(now));
      assert.deepEqual(cascade.totals(), fresh.totals(), `totals ${what}`);
      before = after;
    }
  });

  it('the renamed company KR breaks exactly the references naming it in p, keeps p\'s other findings as they were, and honours the ignore comment', () => {
    const cascade = new Cascade({ asOf });
    cascade.load(Object.entries(files));
    const kept = cascade.problems(p).filter((x) => !x.message.includes('acme/KR1'));
    cascade.update(acme, files[acme].replace('KR1: { title: ARR', 'KR51: { title: ARR'));
    const broken = cascade.problems(p).filter((x) => x.code === 'broken-link' && x.message.startsWith('`acme/KR1`'));
    const text = files[p];
    // KR1, KR7 and i4 name acme/KR1; KR6's line silences broken-link.
    assert.deepEqual(broken.map((x) => text.slice(0, x.span[0]).split('\n').length), [9, 15, 22]);
    for (const x of kept) assert.ok(cascade.problems(p).includes(x), `kept: ${x.code} ${x.message}`);
  });
});
