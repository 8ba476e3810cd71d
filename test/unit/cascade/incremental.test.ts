/**
 * The incremental path (Cascade.update) must always agree with a full check
 * of the same texts, and must report exactly the files whose findings changed.
 */
import assert from 'node:assert/strict';
import { Cascade } from '../../../server/src/core/cascade';
import { checkAll } from '../../../server/src/core/check';
import { coverage } from '../../../server/src/core/coverage';
import { CascadeIndex } from '../../../server/src/core/link';
import type { Problem } from '../../../server/src/core/model';
import { parseUnitFile } from '../../../server/src/core/parse';
import { positionAt } from '../../../server/src/core/text';

const asOf = { y: 2026, m: 11, d: 24 };

const base: Record<string, string> = {
  '/c/acme.okr.yaml': `unit: acme
level: company
period: 2026
objectives:
  O1:
    title: Grow revenue
    key_results:
      KR1: { title: ARR, baseline: 10, target: 20 }
      KR2: { title: NRR, baseline: 100, target: 110 }
`,
  '/c/pay.okr.yaml': `unit: payments
level: product
parent: acme
period: 2026
objectives:
  O1:
    title: Checkout that converts
    key_results:
      KR1: { title: Conversion, baseline: 60, target: 70, supports: acme/KR1 }
      KR2: { title: Retries, baseline: 5, target: 2, supports: acme/KR2 }
roadmap:
  wizard: { title: Wizard, supports: KR1, hypothesis: it helps because users ask, horizon: now }
`,
  '/c/team.okr.yaml': `unit: checkout-team
level: team
parent: payments
period: 2026-Q4
objectives:
  O1:
    title: Faster checkout
    key_results:
      KR1: { title: Latency, baseline: 900, target: 400, supports: payments/KR1 }
roadmap:
  cache: { title: Cache, supports: [KR1, payments/KR2], hypothesis: faster because cached, horizon: now, depends_on: [payments/wizard] }
`,
};

/** Edits a user might make, each applied to one file. */
const edits: [file: string, from: string, to: string][] = [
  ['/c/pay.okr.yaml', 'KR1: { title: Conversion', 'KR7: { title: Conversion'], // rename a KR: team link breaks
  ['/c/pay.okr.yaml', 'KR7: { title: Conversion', 'KR1: { title: Conversion'], // and back
  ['/c/pay.okr.yaml', 'title: Wizard', 'title: Wizard!'], // cosmetic
  ['/c/acme.okr.yaml', 'KR2: { title: NRR, baseline: 100, target: 110 }', 'KR2: { title: NRR, baseline: 100, target: 110, supports: payments/KR2 }'], // a loop
  ['/c/team.okr.yaml', 'unit: checkout-team', 'unit: payments'], // duplicate unit
  ['/c/team.okr.yaml', 'unit: payments', 'unit: checkout-team'],
  ['/c/pay.okr.yaml', 'horizon: now', 'horizon: later'], // team item now depends on a later item
  ['/c/pay.okr.yaml', 'objectives:', 'objectives: ['], // syntax error
  ['/c/pay.okr.yaml', 'objectives: [', 'objectives:'],
  ['/c/acme.okr.yaml', 'supports: payments/KR2 }', '}'],
  // Numbers that add up the cascade: a roll-up two levels deep, then numbers, units and periods that feed it.
  ['/c/acme.okr.yaml', 'KR1: { title: ARR, baseline: 10, target: 20 }', 'KR1: { title: ARR, baseline: 10, target: 20, rollup: sum }'],
  ['/c/pay.okr.yaml', 'KR1: { title: Conversion, baseline: 60, target: 70, supports', 'KR1: { title: Conversion, baseline: 60, target: 70, rollup: min, supports'],
  ['/c/team.okr.yaml', 'KR1: { title: Latency, baseline: 900, target: 400,', 'KR1: { title: Latency, baseline: 60, target: 70, current: 61,'], // both roll-ups above go off track
  ['/c/team.okr.yaml', 'current: 61,', 'current: 69,'], // and back on track
  ['/c/team.okr.yaml', 'target: 70,', 'target: 90,'], // the min roll-up is now over-covered, the sum under-covered? (contribution)
  ['/c/team.okr.yaml', 'current: 69,', 'current: 69, unit: ms,'], // left out of the min: rollup-unit-mismatch, nothing computed above
  ['/c/pay.okr.yaml', 'rollup: min, supports', 'rollup: min, unit: ms, supports'], // the same unit again
  ['/c/team.okr.yaml', 'period: 2026-Q4\n', ''], // judged over payments' period
  ['/c/pay.okr.yaml', 'period: 2026\n', ''], // and now over acme's
  ['/c/acme.okr.yaml', 'period: 2026', 'period: 2025'], // an ended period, two levels up
  ['/c/acme.okr.yaml', 'target: 20, rollup: sum', 'target: 12, rollup: sum'], // over-promised
  ['/c/team.okr.yaml', 'current: 69, unit: ms,', 'unit: ms,'], // no current anywhere below
  ['/c/acme.okr.yaml', 'target: 12, rollup: sum', 'target: 12, unit: ms, rollup: sum'],
  ['/c/team.okr.yaml', 'unit: ms,', 'current: 61, unit: ms,'], // acme/KR1 computed through payments/KR1: off track
  ['/c/team.okr.yaml', 'supports: payments/KR1 }', 'supports: payments/KR2 }'], // a file acme's findings depend on, that does not name acme
  ['/c/team.okr.yaml', 'supports: payments/KR2 }', 'supports: payments/KR1 }'],
];

function full(texts: Record<string, string>): Map<string, Problem[]> {
  return checkAll(Object.entries(texts).map(([f, t]) => parseUnitFile(f, t)), { asOf });
}

/**
 * The totals (findings by severity, coverage counts) and every unit's children,
 * computed from scratch: what the cascade keeps up per file must equal them.
 */
function assertTotals(cascade: Cascade, texts: Record<string, string>, findings: Map<string, Problem[]>, what: string): void {
  const index = new CascadeIndex(Object.entries(texts).map(([f, t]) => parseUnitFile(f, t)).sort((a, b) => (a.file < b.file ? -1 : 1)));
  const problems = [...findings.values()].flat();
  const count = (sev: string) => problems.filter((p) => p.severity === sev).length;
  const c = coverage(index);
  assert.deepEqual(cascade.totals(), {
    files: Object.keys(texts).length, errors: count('error'), warnings: count('warning'), infos: count('info'), hints: count('hint'),
    krs: { total: c.krs.total, supported: c.krs.supported }, items: { total: c.items.total, linked: c.items.linked },
  }, `totals ${what}`);
  const children = (i: CascadeIndex) => [...i.units.values()].map((u) => `${u.id} < ${u.children.map((x) => x.id).join(',')}`).sort();
  assert.deepEqual(children(cascade.index), children(index), `children ${what}`);
}

const strip = (ps: Problem[]) => ps.map((p) => ({ code: p.code, span: p.span, message: p.message, severity: p.severity, data: p.data }));

/** After an edit: every file's findings equal a full re-check (`after`), exactly the files whose findings differ from `before` are reported changed, and the totals agree. */
function assertEqualsFull(cascade: Cascade, texts: Record<string, string>, before: Map<string, Problem[]>, after: Map<string, Problem[]>, changed: ReadonlySet<string>, to: string): void {
  for (const f of Object.keys(texts)) {
    assert.deepEqual(strip(cascade.problems(f)), strip(after.get(f)!), `${f} after "${to}"`);
    const differs = JSON.stringify(strip(before.get(f)!)) !== JSON.stringify(strip(after.get(f)!));
    assert.equal(changed.has(f), differs, `${f} reported as changed after "${to}"`);
  }
  assertTotals(cascade, texts, after, `after "${to}"`);
}

describe('incremental checking', () => {
  it('after every edit, the findings of every file equal a full re-check, and the changed set is exact', () => {
    const cascade = new Cascade({ asOf });
    cascade.load(Object.entries(base));
    const texts = { ...base };
    let before = full(texts);
    for (const [file, from, to] of edits) {
      assert.ok(texts[file].includes(from), `edit precondition: ${from}`);
      texts[file] = texts[file].replace(from, to);
      const changed = cascade.update(file, texts[file]);
      const after = full(texts);
      assertEqualsFull(cascade, texts, before, after, changed, to);
      before = after;
    }
  });

  it('renaming a product KR makes broken-link appear in the team file, and renaming back clears it', () => {
    const cascade = new Cascade({ asOf });
    cascade.load(Object.entries(base));
    const team = '/c/team.okr.yaml';
    assert.equal(cascade.problems(team).filter((p) => p.code === 'broken-link').length, 0);
    const changed = cascade.update('/c/pay.okr.yaml', base['/c/pay.okr.yaml'].replace('KR1: { title: Conversion', 'KR7: { title: Conversion'));
    assert.ok(changed.has(team));
    const broken = cascade.problems(team).filter((p) => p.code === 'broken-link');
    assert.deepEqual(broken.map((p) => base[team].slice(p.span[0], p.span[1])), ['payments/KR1']);
    cascade.update('/c/pay.okr.yaml', base['/c/pay.okr.yaml']);
    assert.equal(cascade.problems(team).filter((p) => p.code === 'broken-link').length, 0);
  });

  it('removing a file re-checks those that named it', () => {
    const cascade = new Cascade({ asOf });
    cascade.load(Object.entries(base));
    const changed = cascade.remove('/c/acme.okr.yaml');
    assert.ok(changed.has('/c/acme.okr.yaml') && changed.has('/c/pay.okr.yaml'));
    assert.deepEqual(cascade.problems('/c/pay.okr.yaml').map((p) => p.code).filter((c) => c === 'unknown-unit').length, 3);
  });
});

describe('incremental checking on the samples', () => {
  for (const seed of [7, 99]) it(`400 structural edits with seed ${seed} (ids, references, horizons, units, parents, loops) always agree with a full check`, function () {
    this.timeout(240000); // two full checks per step, on a shared machine
    const { readdirSync, readFileSync } = require('node:fs') as typeof import('node:fs');
    const { join } = require('node:path') as typeof import('node:path');
    const root = join(__dirname, '..', '..', '..', 'samples', 'okrs');
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.okr.yaml') ? [join(d, e.name)] : []));
    const texts: Record<string, string> = {};
    for (const f of walk(root).sort()) texts[f] = readFileSync(f, 'utf8');
    const paths = Object.keys(texts);
    let s = seed;
    const r = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
    const edits: ((t: string) => string)[] = [
      (t) => t.replace(/KR(\d+):/, (_m, n) => `KR${Number(n) + 10}:`), // rename a KR: links to it break
      (t) => t.replace(/KR(\d+)(?=\s*$)/m, (_m, n) => `KR${Number(n) + 10}`), // point a reference elsewhere
      (t) => t.replace(/supports: ([a-z-]+)\/KR(\d)/, 'supports: acme/KR$2'), // skip a level
      (t) => t.replace(/horizon: now/, 'horizon: later'),
      (t) => t.replace(/horizon: (next|later)/, 'horizon: now'),
      (t) => t.replace(/^parent: .*$/m, `parent: ${pick(['acme', 'checkout', 'fraud', 'nowhere'])}`),
      (t) => t.replace(/^unit: .*$/m, `unit: ${pick(['acme', 'checkout', 'kyc', 'brand-new'])}`), // duplicates and new units
      (t) => t.replace(/depends_on: \[?([^\]\n]*)\]?/, 'depends_on: []'),
      (t) => t.replace(/^( {6}KR\d+:\n(?: {8}.*\n)*)/m, (block) => block.replace(/supports: .*/, 'supports: KR1')), // same-unit link, maybe a loop
      (t) => t.replace(/objectives:/, 'objectives: ['), // syntax error
      (t) => t.replace(/^( {6}KR\d+:\n)/m, `$1        rollup: ${pick(['sum', 'mean', 'min', 'max'])}\n`), // a roll-up over the KRs below
      (t) => t.replace(/^ {8}current: .*\n/m, ''), // a roll-up computes its current
      (t) => t.replace(/^( {8})current: .*$/m, `$1current: ${Math.round(r() * 100)}`), // a check-in moves pace and sums above
      (t) => t.replace(/^( {8})target: .*$/m, `$1target: ${Math.round(r() * 100)}`), // contribution above changes
      (t) => t.replace(/^( {8})unit: .*$/m, `$1unit: ${pick(['"%"', 'ms', 'bn USD'])}`), // in or out of the roll-up above
      (t) => t.replace(/^period: .*$/m, `period: ${pick(['2025', '2026', '2026-H2', '2026-Q1'])}`), // units below without a period follow
      (t) => t.replace(/^period: .*\n/m, ''), // inherits the parent's period
    ];
    const cascade = new Cascade({ asOf });
    cascade.load(Object.entries(texts));
    const current = { ...texts };
    let before = full(current);
    for (let step = 0; step < 400; step++) {
      const path = pick(paths);
      // Every fifth step restores a file, so the cascade keeps returning to sane states.
      current[path] = step % 5 === 4 ? texts[path] : pick(edits)(current[path]);
      const changed = cascade.update(path, current[path]);
      const after = full(current);
      for (const f of paths) {
        assert.deepEqual(strip(cascade.problems(f)), strip(after.get(f)!), `step ${step}: ${f}`);
        const differs = JSON.stringify(strip(before.get(f)!)) !== JSON.stringify(strip(after.get(f)!));
        assert.equal(changed.has(f), differs, `step ${step}: ${f} reported as changed`);
      }
      assertTotals(cascade, current, after, `at step ${step}`);
      before = after;
    }
  });
});

describe('loading a cascade in slices', () => {
  it('an open file is checked against what is loaded, holding back what an unread file could retract; the end equals a full check', () => {
    const cascade = new Cascade({ asOf });
    cascade.beginLoad();
    const team = '/c/team.okr.yaml';
    // The editor's file comes first, before anything is read from disk.
    const early = cascade.update(team, base[team]);
    assert.deepEqual([...early], [team]);
    const earlyProblems = cascade.problems(team);
    const codes = earlyProblems.map((p) => p.code);
    assert.ok(!codes.includes('unknown-unit'), 'its parent is not read yet: no unknown-unit meanwhile');
    assert.ok(!codes.includes('kr-without-roadmap'));
    cascade.add([parseUnitFile('/c/acme.okr.yaml', base['/c/acme.okr.yaml'])]);
    cascade.add([parseUnitFile('/c/pay.okr.yaml', base['/c/pay.okr.yaml']), parseUnitFile(team, 'unit: stale-disk-copy\n')]);
    assert.equal(cascade.file(team)!.text, base[team], 'the editor text wins over the disk copy');
    assert.ok(cascade.isLoading);
    const changed = cascade.finishLoad();
    const want = full(base);
    for (const f of Object.keys(base)) assert.deepEqual(strip(cascade.problems(f)), strip(want.get(f)!), f);
    assert.ok(changed.has('/c/acme.okr.yaml') && changed.has('/c/pay.okr.yaml'), 'files never checked are reported');
    assert.equal(changed.has(team), JSON.stringify(strip(want.get(team)!)) !== JSON.stringify(strip(earlyProblems)), 'the open file only if its findings changed');
    assertTotals(cascade, base, want, 'after loading');
  });

  it('the same options again re-check nothing', () => {
    const cascade = new Cascade({ asOf });
    cascade.load(Object.entries(base));
    cascade.takeWork();
    assert.equal(cascade.configure({ asOf: { ...asOf }, severities: {} }).size, 0);
    assert.equal(cascade.takeWork(), 0);
    cascade.configure({ asOf, severities: { 'kr-without-roadmap': 'off' } });
    assert.equal(cascade.takeWork(), 3, 'other options re-check every file');
  });
});


describe('incremental checking: ranges, not only offsets', () => {
  const text = [
    'unit: solo',
    '# first comment line',
    '# second comment line',
    'roadmap:',
    '  bet: { title: Bet, hypothesis: it helps because users ask }',
    '',
  ].join('\n');
  const at = (c: Cascade, file: string, code: string) => {
    const f = c.file(file)!;
    const p = c.problems(file).find((x) => x.code === code)!;
    const { line, character } = positionAt(f.lineStarts, p.span[0]);
    return `${line}:${character}`;
  };
  it('joining two comment lines (same offsets, one line less) reports the file as changed, and the finding one line up', () => {
    const c = new Cascade({ asOf });
    c.load([['/s.okr.yaml', text]]);
    assert.equal(at(c, '/s.okr.yaml', 'untraceable-item'), '4:2');
    const joined = text.replace('line\n# second', 'line # second');
    assert.equal(joined.length, text.length);
    assert.deepEqual([...c.update('/s.okr.yaml', joined)], ['/s.okr.yaml']);
    assert.equal(at(c, '/s.okr.yaml', 'untraceable-item'), '3:2');
    // Splitting it again moves it back down, and is reported again.
    assert.deepEqual([...c.update('/s.okr.yaml', text)], ['/s.okr.yaml']);
    assert.equal(at(c, '/s.okr.yaml', 'untraceable-item'), '4:2');
  });
  it('an edit that moves no finding (a character changed in a comment) changes nothing', () => {
    const c = new Cascade({ asOf });
    c.load([['/s.okr.yaml', text]]);
    assert.deepEqual([...c.update('/s.okr.yaml', text.replace('first', 'firsT'))], []);
  });
});

describe('incremental checking: a company KR renamed re-checks only the files that can tell', () => {
  const company: Record<string, string> = {
    '/k/acme.okr.yaml': `unit: acme
level: company
period: 2026
objectives:
  O1:
    title: Grow
    key_results:
      KR1: { title: ARR, baseline: 10, target: 20 }
      KR2: { title: NRR, baseline: 100, target: 110 }
roadmap:
  launch: { title: Launch, supports: KR1, hypothesis: it sells because people ask, horizon: now }
`,
    // Names the KR that is renamed.
    '/k/a.okr.yaml': `unit: a
parent: acme
period: 2026
objectives:
  O1:
    title: A
    key_results:
      KR1: { title: A1, baseline: 1, target: 2, supports: acme/KR1 }
roadmap:
  tidy: { title: Tidy, hypothesis: it helps because it is tidy, horizon: later }
`,
    // Names only a KR that stays: nothing of it can change.
    '/k/b.okr.yaml': `unit: b
parent: acme
period: 2026
objectives:
  O1:
    title: B
    key_results:
      KR1: { title: B1, baseline: 1, target: 2, unit: ms, supports: acme/KR2 }
`,
    // A KR whose `supports` names nothing: its advice names the company's first KR.
    '/k/c.okr.yaml': `unit: c
parent: acme
period: 2026
objectives:
  O1:
    title: C
    key_results:
      KR1: { title: C1, baseline: 1, target: 2, supports: [] }
`,
    // A KR without \`supports\`: its advice names no KR of the company.
    '/k/g.okr.yaml': `unit: g
parent: acme
period: 2026
objectives:
  O1:
    title: G
    key_results:
      KR1: { title: G1, baseline: 1, target: 2 }
`,
    // A broken reference into the company: its suggestions are the company's KRs.
    '/k/d.okr.yaml': `unit: d
parent: acme
period: 2026
objectives:
  O1:
    title: D
    key_results:
      KR1: { title: D1, baseline: 1, target: 2, supports: acme/KR5 }
`,
    // A KR's broken same-unit reference: its suggestions include the parent's KRs.
    '/k/e.okr.yaml': `unit: e
parent: acme
period: 2026
objectives:
  O1:
    title: E
    key_results:
      KR1: { title: E1, baseline: 1, target: 2, supports: KR50 }
`,
    // Depends on a company item, names an objective: horizons and kinds.
    '/k/f.okr.yaml': `unit: f
parent: acme
period: 2026
objectives:
  O1:
    title: F
    key_results:
      KR1: { title: F1, baseline: 1, target: 2, supports: acme/KR2 }
roadmap:
  ship: { title: Ship, supports: [KR1, acme/O1], hypothesis: it ships because it is ready, horizon: now, depends_on: [acme/launch] }
`,
  };
  const acme = '/k/acme.okr.yaml';
  const [a, b, c, d, e, f] = ['a', 'b', 'c', 'd', 'e', 'f'].map((u) => `/k/${u}.okr.yaml`);
  // Never g, below acme with a KR that supports nothing but says nothing of acme's KRs; b only when the KR it names changes.
  const steps: [from: string, to: string, rechecked: string[]][] = [
    ['KR1: { title: ARR', 'KR51: { title: ARR', [acme, a, c, d, e]],
    ['KR51: { title: ARR', 'KR1: { title: ARR', [acme, a, c, d, e]],
    // Ids unchanged: the KR's own file, the files supporting it (b, f) and the units above (none) and its file's other supporters.
    ['KR2: { title: NRR, baseline: 100, target: 110 }', 'KR2: { title: NRR, baseline: 100, target: 110, rollup: sum }', [acme, b, f, a]],
    ['horizon: now', 'horizon: later', [acme, c, d, e, f]],
    ['  O1:\n    title: Grow', '  O2:\n    title: Grow', [acme, c, d, e, f]],
    ['      KR2: { title: NRR', '      KR3: { title: Churn, baseline: 5, target: 3 }\n      KR2: { title: NRR', [acme, c, d, e, f]],
  ];
  it('each edit equals a full check, reports exactly the files whose findings changed, and re-checks the files naming what changed, those with a broken reference into it and those below it with a KR that supports nothing', () => {
    const cascade = new Cascade({ asOf });
    cascade.load(Object.entries(company));
    const texts = { ...company };
    let before = full(texts);
    cascade.takeWork();
    for (const [from, to, rechecked] of steps) {
      assert.ok(texts[acme].includes(from), `edit precondition: ${from}`);
      texts[acme] = texts[acme].replace(from, to);
      const changed = cascade.update(acme, texts[acme]);
      const after = full(texts);
      assertEqualsFull(cascade, texts, before, after, changed, to);
      assert.equal(cascade.takeWork(), rechecked.length, `files re-checked after "${to}"`);
      before = after;
    }
  });
  it('the rename breaks the product naming the KR and changes the advice below, and b (naming another KR) is not re-checked', () => {
    const cascade = new Cascade({ asOf });
    cascade.load(Object.entries(company));
    cascade.takeWork();
    const changed = cascade.update(acme, company[acme].replace('KR1: { title: ARR', 'KR51: { title: ARR'));
    assert.equal(cascade.takeWork(), 5, 'acme, a, c, d, e');
    assert.deepEqual([...changed].sort(), [acme, a, c, d, e].sort());
    assert.deepEqual(cascade.problems(a).filter((p) => p.code === 'broken-link').map((p) => p.message), ['`acme/KR1` names no key result: there is no `KR1` in unit `acme`; did you mean `acme/KR2`?']);
    assert.match(cascade.problems(c).find((p) => p.code === 'orphan-kr')!.message, /e\.g\. `supports: acme\/KR51`/);
  });
  it('announces each file whose findings changed as soon as its check is done, the edited file first, then in key order: exactly the files answered, their findings final', () => {
    const cascade = new Cascade({ asOf });
    cascade.load(Object.entries(company));
    const texts = { ...company };
    for (const [from, to] of steps) {
      texts[acme] = texts[acme].replace(from, to);
      const announced: string[] = [];
      const final = new Map<string, unknown>();
      const changed = cascade.update(acme, texts[acme], undefined, (key) => {
        announced.push(key);
        final.set(key, cascade.problems(key));
      });
      assert.deepEqual(announced, [...changed].sort((x, y) => Number(y === acme) - Number(x === acme) || (x < y ? -1 : 1)), `after "${to}"`);
      for (const key of changed) assert.equal(final.get(key), cascade.problems(key), `${key}: announced with the findings the edit ends with`);
    }
    assert.ok(acme > a, 'the edited file sorts after a file it changes: it is announced first all the same');
  });

  it('announces nothing while loading, nor without an announce (a what-if applied and undone)', () => {
    const cascade = new Cascade({ asOf });
    cascade.beginLoad();
    const announced: string[] = [];
    cascade.add(Object.entries(company).filter(([k]) => k !== acme).map(([k, t]) => parseUnitFile(k, t)));
    cascade.update(acme, company[acme], undefined, (key) => announced.push(key));
    cascade.finishLoad();
    assert.deepEqual(announced, []);
    assert.ok(cascade.update(acme, company[acme].replace('KR1: { title: ARR', 'KR51: { title: ARR')).size > 1);
  });

  it('a finding found again by the re-check is the same object as before (what the editor already encoded is reused), one that changed is new', () => {
    const cascade = new Cascade({ asOf });
    cascade.load(Object.entries(company));
    const before = new Map([...cascade.allProblems()].map(([k, v]) => [k, v.slice()]));
    const changed = cascade.update(acme, company[acme].replace('KR1: { title: ARR', 'KR51: { title: ARR'));
    let kept = 0;
    let renewed = 0;
    for (const key of changed) {
      for (const p of cascade.problems(key)) {
        const twin = before.get(key)!.find((q) => q.span[0] === p.span[0] && q.span[1] === p.span[1] && q.code === p.code);
        const equal = !!twin && JSON.stringify(twin) === JSON.stringify(p);
        if (equal) assert.equal(p, twin, `${key}: ${p.code} at ${p.span} found again is the same object`);
        else assert.ok(!before.get(key)!.includes(p));
        if (equal) kept++;
        else renewed++;
      }
    }
    // Kept: the kr-without-roadmap infos of a, c, d, e and a's untraceable item (a reference finding found again). New: a's broken link, d's and e's suggestions, c's advice, acme's own three.
    assert.deepEqual({ kept, renewed }, { kept: 5, renewed: 7 });
  });
});
