/**
 * core/history/facts.ts: the facts of a text derived from its file's previous
 * text (no parse) are exactly the facts a parse gives, on every kind of edit
 * a history holds: values moved, values made invalid, quoted, given a
 * comment, lines added, anchors, two values on one line; and only the narrow
 * value edits skip the parse.
 */
import { strict as assert } from 'node:assert';
import { FactsCache, type Facts } from '../../../server/src/core/history/facts';
import { rng } from '../compare/random';

const BASE = `# Payments: team OKRs
unit: pay
level: team
period: 2026-Q4
objectives:
  O1:
    title: Make onboarding effortless
    key_results:
      KR1:
        title: Cut onboarding drop-off
        baseline: 45
        target: 30
        current: 41 # from the dashboard
        unit: "%"
      KR2:
        title: Grow activation
        baseline: 10
        target: 20
        current: 12
      KR3: { title: Lower churn, baseline: 5, target: 3, current: 4 }
roadmap:
  wizard:
    title: Setup wizard
    supports: KR1
    horizon: now
    status: active
    confidence: high
  import:
    title: Import from spreadsheets
    supports: KR2
    horizon: 2026-Q4
    status: planned
  flow: { title: One-page flow, supports: KR2, horizon: next, status: idea }
`;

const facts = (f: Facts) => ({ krs: f.krs, items: f.items, refs: f.refs });

/** Replaces the value on the first line matching `line` (`$1` keeps its key). */
const set = (text: string, line: RegExp, value: string) => text.replace(line, (_m, key: string) => `${key}${value}`);

const EDITS: [string, (t: string) => string, boolean][] = [
  ['a check-in', (t) => set(t, /^( {8}current: )12$/m, '13.5'), true],
  ['a check-in beside a comment', (t) => set(t, /^( {8}current: )41(?= #)/m, '39'), true],
  ['two check-ins and a slip', (t) => set(set(set(t, /^( {8}current: )12$/m, '15'), /^( {8}current: )41(?= #)/m, '40'), /^( {4}horizon: )now$/m, 'next'), true],
  ['a drop, a confidence, a quarter', (t) => set(set(set(t, /^( {4}status: )active$/m, 'dropped'), /^( {4}confidence: )high$/m, 'low'), /^( {4}horizon: )2026-Q4$/m, '2027-Q1'), true],
  ['a target reset (a value history does not hold)', (t) => set(t, /^( {8}target: )20$/m, '25'), true],
  ['a negative value', (t) => set(t, /^( {8}current: )12$/m, '-3'), true],
  ['a value not a number', (t) => set(t, /^( {8}current: )12$/m, 'twelve'), false],
  ['a quoted value', (t) => set(t, /^( {8}current: )12$/m, '"13"'), false],
  ['a value in exponent form', (t) => set(t, /^( {8}current: )12$/m, '1e2'), false],
  ['a status the format does not know', (t) => set(t, /^( {4}status: )active$/m, 'paused'), false],
  ['a horizon made null', (t) => set(t, /^( {4}horizon: )now$/m, 'null'), false],
  ['a comment after a value', (t) => set(t, /^( {8}current: )12$/m, '12 # later'), false],
  ['a value in a flow map', (t) => t.replace('current: 4 }', 'current: 5 }'), false],
  ['an item in a flow map slips', (t) => t.replace('horizon: next, status: idea', 'horizon: later, status: idea'), false],
  ['a line added', (t) => set(t, /^( {8}current: )12$/m, '12\n        owner: Mei'), false],
  ['a current removed', (t) => t.replace(/^ {8}current: 12\n/m, ''), false],
  ['a KR renamed', (t) => t.replace('      KR2:', '      KR7:'), false],
  ['an anchor written', (t) => set(t, /^( {8}baseline: )10$/m, '&b 10'), false],
  ['a multi-line value made', (t) => set(t, /^( {4}status: )active$/m, 'active\n      still'), false],
];

describe('history facts: derived from the text before, or parsed', () => {
  for (const [name, edit, derived] of EDITS) {
    it(`${name}: ${derived ? 'derived, not parsed' : 'parsed'}, the same facts as a parse`, () => {
      const cache = new FactsCache();
      const before = cache.of('pay.okr.yaml', BASE);
      const text = edit(BASE);
      assert.notEqual(text, BASE, 'the edit changed the text');
      const after = cache.of('pay.okr.yaml', text, before);
      assert.deepEqual(facts(after), facts(new FactsCache().of('pay.okr.yaml', text)));
      assert.equal(cache.size, derived ? 1 : 2, derived ? 'only the first text parsed' : 'the new text parsed');
      assert.equal(after.root.text, derived ? BASE : text);
      assert.equal(cache.model(after).text, text, 'the model of the text itself, when asked');
    });
  }

  it('a file with an anchor anywhere is always parsed', () => {
    const text = BASE.replace('title: Grow activation', 'title: Grow R&D activation');
    const cache = new FactsCache();
    const before = cache.of('pay.okr.yaml', text);
    cache.of('pay.okr.yaml', set(text, /^( {8}current: )12$/m, '13'), before);
    assert.equal(cache.size, 2);
  });

  it('chains of random value edits, each derived from the one before: the facts a parse gives', function () {
    this.timeout(60_000);
    const r = rng(11);
    const cache = new FactsCache();
    let text = BASE;
    let f = cache.of('pay.okr.yaml', text);
    const values = ['7', '12', '13.25', '-1', '0', '100', 'x', '"9"'];
    const words = ['now', 'next', 'later', '2027-Q2', 'active', 'done', 'dropped', 'planned', 'high', 'low', 'medium', 'soon'];
    for (let i = 0; i < 120; i++) {
      const lines = text.split('\n');
      const at = lines.map((l, n) => [l, n] as const).filter(([l]) => /^ +(current|baseline|target|horizon|status|confidence): /.test(l));
      const [line, n] = at[Math.floor(r() * at.length)];
      const word = /(horizon|status|confidence)/.test(line);
      const pool = word ? words : values;
      lines[n] = line.replace(/^( +\w+: )\S+/, `$1${pool[Math.floor(r() * pool.length)]}`);
      const next = lines.join('\n');
      const g = cache.of('pay.okr.yaml', next, f);
      assert.deepEqual(facts(g), facts(new FactsCache().of('pay.okr.yaml', next)), `edit ${i}: ${lines[n]}`);
      [text, f] = [next, g];
    }
  });
});
