/**
 * What-if lists exactly the findings a real edit followed by `okr check`
 * would add or remove. The oracle is independent of the comparison code:
 * the edited texts are checked from scratch and their findings set against
 * the original ones by file, code and message (line numbers taken out).
 * Checked for every single edit of the samples and for random sequences of
 * edits on seeded random cascades; the editor's path (the live incremental
 * cascade, edited and restored) must give the same change set.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Cascade } from '../../../server/src/core/cascade';
import { checkAll } from '../../../server/src/core/check';
import { compare, planOf, type ChangeSet, type PlanFinding } from '../../../server/src/core/compare/index';
import { LiveBase, whatIfLive } from '../../../server/src/core/compare/live';
import { applyWhatIf, editedFiles, type WhatIfEdit } from '../../../server/src/core/compare/what-if';
import { parseUnitFile } from '../../../server/src/core/parse';
import { parseDay } from '../../../server/src/core/period';
import { positionAt } from '../../../server/src/core/text';
import { REPO } from '../../helpers/fixtures';
import { readTree } from './helper';
import { randomCascade, rng } from './random';

const asOf = parseDay('2026-11-24')!;

/** The findings of these texts, checked from scratch, as `okr check --format json` lists them. */
function check(files: Map<string, string>): PlanFinding[] {
  const parsed = [...files].map(([k, t]) => parseUnitFile(k, t));
  const results = checkAll(parsed, { asOf });
  return parsed.flatMap((f) => (results.get(f.file) ?? []).map((p) => ({
    file: f.file, range: { start: positionAt(f.lineStarts, p.span[0]), end: positionAt(f.lineStarts, p.span[1]) }, severity: p.severity, code: p.code, message: p.message,
  })));
}

const key = (f: PlanFinding) => `${f.file}\n${f.code}\n${f.message.replace(/\blines? \d+/g, 'line')}`;
const show = (f: PlanFinding) => `${f.file}:${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.code} ${f.message}`;

/** Findings in `b` that `a` does not have (as a multiset by key), in `b`'s own places. */
function minus(b: PlanFinding[], a: PlanFinding[]): string[] {
  const left = new Map<string, number>();
  for (const f of a) left.set(key(f), (left.get(key(f)) ?? 0) + 1);
  const out: string[] = [];
  for (const f of b) {
    const n = left.get(key(f)) ?? 0;
    if (n) left.set(key(f), n - 1);
    else out.push(show(f));
  }
  return out.sort();
}

/** The findings and the plan of a cascade before any edit, computed once per cascade. */
const original = new WeakMap<Map<string, string>, { findings: PlanFinding[]; plan: ReturnType<typeof planOf> }>();
function originalOf(files: Map<string, string>) {
  let o = original.get(files);
  if (!o) original.set(files, (o = { findings: check(files), plan: planOf(files, { asOf, label: { rev: 'working tree' } }) }));
  return o;
}

/** The real edit: the texts the edits produce, written over the originals, then checked. */
function oracle(files: Map<string, string>, texts: Map<string, string | null>): { introduced: string[]; resolved: string[] } {
  const after = new Map(files);
  for (const [k, t] of texts) {
    if (t === null) after.delete(k);
    else after.set(k, t);
  }
  const { findings: old } = originalOf(files);
  const now = check(after);
  return { introduced: minus(now, old), resolved: minus(old, now) };
}

function whatIf(files: Map<string, string>, edits: WhatIfEdit[]): { cs: ChangeSet; texts: Map<string, string | null> } | { error: string } {
  const base = originalOf(files).plan;
  const made = applyWhatIf(base.index, edits);
  if ('error' in made) return made;
  const head = planOf(editedFiles(base.files, made.texts), { asOf, label: { rev: 'what-if', edits: made.labels } });
  return { cs: compare(base, head, { asOf }), texts: made.texts };
}

function assertExact(files: Map<string, string>, edits: WhatIfEdit[]): ChangeSet | undefined {
  const r = whatIf(files, edits);
  if ('error' in r) return undefined;
  const want = oracle(files, r.texts);
  const what = JSON.stringify(edits);
  assert.deepEqual(r.cs.findings.introduced.map(show).sort(), want.introduced, `introduced by ${what}`);
  assert.deepEqual(r.cs.findings.resolved.map(show).sort(), want.resolved, `resolved by ${what}`);
  return r.cs;
}

describe('what-if: exactly the findings a real edit would add or remove', () => {
  const samples = readTree(join(REPO, 'samples/okrs'));
  const base = planOf(samples, { asOf, label: {} });
  const entities = [...base.index.units.values()].flatMap((u) => [...u.entities.values()]);

  it('every cut of the samples (each objective, KR, item and unit)', function () {
    this.timeout(900_000);
    let made = 0;
    for (const e of entities) if (assertExact(samples, [{ op: 'cut', ref: `${e.unit}/${e.id}` }])) made++;
    for (const u of base.index.units.keys()) if (assertExact(samples, [{ op: 'cut', ref: u }])) made++;
    assert.equal(made, entities.length + base.index.units.size);
  });

  it('every drop and every move (now, next, later, a quarter) of the samples', function () {
    this.timeout(900_000);
    let changed = 0;
    for (const e of entities.filter((x) => x.kind === 'item')) {
      const ref = `${e.unit}/${e.id}`;
      for (const edit of [{ op: 'drop', ref }, ...['now', 'next', 'later', '2027-Q2'].map((horizon) => ({ op: 'move', ref, horizon }))] as WhatIfEdit[]) {
        const cs = assertExact(samples, [edit]);
        assert.ok(cs, `${JSON.stringify(edit)} can be made`);
        if (cs.findings.introduced.length + cs.findings.resolved.length) changed++;
      }
    }
    assert.ok(changed > 10, `some edits change findings (${changed})`);
  });

  it('every cut, drop and move on each folder of samples/mistakes (cascades with findings to shift and resolve)', function () {
    this.timeout(900_000);
    let resolved = 0;
    for (const name of readdirSync(join(REPO, 'samples/mistakes')).filter((n) => statSync(join(REPO, 'samples/mistakes', n)).isDirectory()).sort()) {
      const files = readTree(join(REPO, 'samples/mistakes', name));
      const plan = planOf(files, { asOf, label: {} });
      for (const u of plan.index.units.values()) {
        for (const e of u.entities.values()) {
          const ref = `${e.unit}/${e.id}`;
          const edits: WhatIfEdit[] = [{ op: 'cut', ref }];
          if (e.kind === 'item') edits.push({ op: 'drop', ref }, { op: 'move', ref, horizon: 'now' }, { op: 'move', ref, horizon: 'later' });
          for (const edit of edits) resolved += assertExact(files, [edit])?.findings.resolved.length ?? 0;
        }
      }
    }
    assert.ok(resolved > 20, `edits resolve findings too (${resolved})`);
  });

  it('random sequences of cuts, drops and moves on 30 seeded random cascades', function () {
    this.timeout(900_000);
    let checked = 0;
    let withFindings = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const g = randomCascade(seed, 4 + (seed % 5));
      const r = rng(seed * 7919);
      const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
      for (let n = 0; n < 8; n++) {
        const edits: WhatIfEdit[] = [];
        for (let k = 0; k < 1 + Math.floor(r() * 3); k++) {
          const roll = r();
          if (roll < 0.3) edits.push({ op: 'cut', ref: pick(g.krs) });
          else if (roll < 0.45) edits.push({ op: 'cut', ref: pick(g.items) });
          else if (roll < 0.5) edits.push({ op: 'cut', ref: pick([...g.objectives, ...g.units]) });
          else if (roll < 0.7) edits.push({ op: 'drop', ref: pick(g.items) });
          else edits.push({ op: 'move', ref: pick(g.items), horizon: pick(['now', 'next', 'later', '2026-Q4', '2027-Q1']) });
        }
        const cs = assertExact(g.files, edits);
        if (!cs) continue;
        checked++;
        if (cs.findings.introduced.length + cs.findings.resolved.length) withFindings++;
      }
    }
    assert.ok(checked >= 200, `enough edits could be made (${checked})`);
    assert.ok(withFindings >= 100, `and most change findings (${withFindings})`);
  });
});

describe('what-if in the editor: the live cascade, edited and restored', () => {
  it('gives the change set of a full rebuild, and leaves the cascade as it was (random cascades)', function () {
    this.timeout(900_000);
    for (let seed = 40; seed < 52; seed++) {
      const g = randomCascade(seed, 6);
      const cascade = new Cascade({ asOf });
      cascade.load(g.files);
      const before = new Map(cascade.all().map((f) => [f.file, { text: f.text, problems: JSON.stringify(cascade.problems(f.file)) }]));
      const live = new LiveBase();
      const r = rng(seed);
      for (let n = 0; n < 6; n++) {
        const edits: WhatIfEdit[] = [
          r() < 0.5 ? { op: 'cut', ref: g.krs[Math.floor(r() * g.krs.length)] } : { op: 'drop', ref: g.items[Math.floor(r() * g.items.length)] },
          { op: 'move', ref: g.items[Math.floor(r() * g.items.length)], horizon: ['now', 'next', 'later'][n % 3] },
        ];
        const full = whatIf(g.files, edits);
        const got = whatIfLive(cascade, live.plan(cascade, (f) => f, { rev: 'working tree' }), edits, { asOf, display: (f) => f });
        if ('error' in full) {
          assert.ok('error' in got, `both refuse ${JSON.stringify(edits)}`);
          continue;
        }
        assert.ok(!('error' in got), `live what-if ${JSON.stringify(edits)}: ${'error' in got ? got.error : ''}`);
        full.cs.base = got.changeSet.base;
        assert.deepEqual(got.changeSet, full.cs, `seed ${seed}: ${JSON.stringify(edits)}`);
        for (const f of cascade.all()) {
          assert.equal(f.text, before.get(f.file)?.text, `${f.file} restored`);
          assert.equal(JSON.stringify(cascade.problems(f.file)), before.get(f.file)?.problems, `${f.file}: findings restored`);
        }
        assert.equal(cascade.all().length, before.size);
      }
    }
  });

  it('refuses an edit that cannot be made, with one line naming it', () => {
    const samples = readTree(join(REPO, 'samples/okrs'));
    const base = planOf(samples, { asOf, label: {} });
    const cases: [WhatIfEdit, RegExp][] = [
      [{ op: 'cut', ref: 'checkout/KR9' }, /^--cut checkout\/KR9: there is no `checkout\/KR9` in the cascade; did you mean `checkout\/KR\d`\?$/],
      [{ op: 'drop', ref: 'checkout/KR1' }, /^--drop takes a roadmap item; `checkout\/KR1` is a key result \(use --cut\)$/],
      [{ op: 'move', ref: 'checkout/pix-brazil', horizon: 'soon' }, /^--move checkout\/pix-brazil=soon: "soon" is not a horizon/],
      [{ op: 'cut', ref: 'KR1' }, /^--cut KR1: `KR1` is ambiguous \(.*\); write it as unit\/ID$/],
    ];
    for (const [edit, message] of cases) {
      const r = applyWhatIf(base.index, [edit]);
      assert.ok('error' in r, JSON.stringify(edit));
      assert.match(r.error, message);
    }
  });
});
