/**
 * YAML read as YAML 1.2 means it, in the model itself: aliases, merge keys,
 * tags, keys and references as written, a byte-order mark, limits. The
 * fixture folders test/fixtures/check/yaml-* show the findings; these tests
 * show the values and where each one is located.
 */
import assert from 'node:assert/strict';
import { parseUnitFile } from '../../../server/src/core/parse';
import { positionAt } from '../../../server/src/core/text';
import { checkTexts, only, yaml } from '../../helpers/yaml';

const at = (text: string, span: readonly [number, number]) => text.slice(span[0], span[1]);

describe('YAML semantics: aliases', () => {
  const text = yaml`
    unit: co
    objectives:
      O1:
        key_results:
          KR1: { title: Users, baseline: 1, target: &goal 20 }
          KR2: { title: Teams, baseline: 1, target: *goal }
    roadmap:
      a:
        title: A
        supports: &wau KR1
        hypothesis: &why We believe it helps because users ask.
        horizon: &h next
      b:
        title: B
        supports: *wau
        hypothesis: *why
        horizon: *h
      c: &c { title: C, supports: [KR1, KR2], horizon: now }
      d: *c
  `;
  const u = parseUnitFile('co.okr.yaml', text);

  it('an aliased value means the anchored value, located on the alias', () => {
    const b = u.items.find((i) => i.id === 'b')!;
    assert.deepEqual([b.supports[0].raw, at(text, b.supports[0].span), at(text, b.supports[0].source!)], ['KR1', '*wau', 'KR1']);
    assert.deepEqual([b.hypothesis?.value, at(text, b.hypothesis!.span)], ['We believe it helps because users ask.', '*why']);
    assert.deepEqual([b.horizon?.value, at(text, b.horizon!.span)], ['next', '*h']);
    assert.deepEqual([u.krs[1].target?.value, at(text, u.krs[1].target!.span)], [20, '*goal']);
  });

  it('the anchor keeps its own text as its span (no `source`: it is written there)', () => {
    const a = u.items.find((i) => i.id === 'a')!;
    assert.deepEqual([at(text, a.supports[0].span), a.supports[0].source], ['KR1', undefined]);
  });

  it('a whole aliased item is that item under its own id, its values located on the alias', () => {
    const d = u.items.find((i) => i.id === 'd')!;
    assert.deepEqual([d.title?.value, d.supports.map((r) => r.raw), d.horizon?.value], ['C', ['KR1', 'KR2'], 'now']);
    assert.equal(at(text, d.keySpan), 'd');
    assert.deepEqual([...new Set([d.title!.span, d.horizon!.span, ...d.supports.map((r) => r.span)].map((s) => at(text, s)))], ['*c']);
  });

  it('the schema check and the model agree: no schema finding, no false orphan, untraceable, missing hypothesis or not-measurable', () => {
    const codes = checkTexts({ 'co.okr.yaml': text }).map((f) => f.code);
    assert.deepEqual(codes.filter((c) => c !== 'missing-hypothesis'), []);
    // Only `c` (and so `d`) lack a hypothesis: as written.
    assert.deepEqual(only(checkTexts({ 'co.okr.yaml': text }), 'missing-hypothesis').map((f) => f.range.start.line), [17, 18]);
  });
});

describe('YAML semantics: merge keys', () => {
  const text = yaml`
    unit: co
    roadmap:
      base: &base { title: Base, supports: KR1, horizon: next, confidence: medium }
      low: &low { horizon: later, confidence: low }
      one:
        <<: *base
        title: One
      two:
        title: Two
        <<: [*low, *base]
      three: { <<: *base, horizon: soon }
  `;
  const u = parseUnitFile('co.okr.yaml', text);
  const item = (id: string) => u.items.find((i) => i.id === id)!;

  it('merged entries fill what the map does not say; an explicit key wins wherever it stands', () => {
    assert.deepEqual([item('one').title?.value, item('one').horizon?.value, item('one').supports.map((r) => r.raw)], ['One', 'next', ['KR1']]);
    assert.equal(at(text, item('one').horizon!.span), '*base');
    assert.equal(at(text, item('one').title!.span), 'One');
  });

  it('with a list of sources, the earlier source wins', () => {
    assert.deepEqual([item('two').title?.value, item('two').horizon?.value, item('two').confidence?.value, item('two').supports.map((r) => r.raw)], ['Two', 'later', 'low', ['KR1']]);
    assert.equal(at(text, item('two').horizon!.span), '*low');
    assert.equal(at(text, item('two').supports[0].span), '*base');
  });

  it('an explicit bad value is reported on its own text, not on the merge; `<<` is never an unknown key', () => {
    const schema = u.problems.filter((p) => p.code === 'schema');
    assert.deepEqual(schema.map((p) => at(text, p.span)), ['soon']);
    assert.equal(item('three').horizon, undefined);
  });

  it('`<<` naming something that is not a map is a schema finding on it', () => {
    const t = 'unit: co\nroadmap:\n  x: &x just text\n  y: { <<: *x, title: Y }\n';
    const p = parseUnitFile('co.okr.yaml', t).problems.filter((q) => q.code === 'schema');
    assert.deepEqual(p.map((q) => [at(t, q.span), q.message]), [
      ['*x', '`<<` merges maps into this one: give it `*name` naming an anchored map, or a list of such aliases'],
      ['just text', 'roadmap item `x` must be a map of its fields (`x: { title: …, supports: … }`), not a single value or a list'],
    ]);
  });
});

describe('YAML semantics: values and keys as written', () => {
  it('`!!float 20` and `!!int "9"` are numbers; `!!str 2026` is text', () => {
    const u = parseUnitFile('t.okr.yaml', 'unit: t\nobjectives:\n  O1:\n    title: !!str 2026\n    key_results:\n      KR1: { baseline: !!int "9", target: !!float 20 }\n');
    assert.deepEqual([u.krs[0].target?.value, u.krs[0].baseline?.value, u.objectives[0].title?.value], [20, 9, '2026']);
    assert.deepEqual(u.problems, []);
  });

  it('`1.1:` and `1.10:` are two ids, `007:` stays `007`, and references resolve as written', () => {
    const text = 'unit: n\nobjectives:\n  O1:\n    key_results:\n      1.1: { target: 1 }\n      1.10: { target: 1 }\n      007: { target: 1 }\nroadmap:\n  a: { supports: [1.1, 1.10, 007] }\n';
    const findings = checkTexts({ 'n.okr.yaml': text });
    const u = parseUnitFile('n.okr.yaml', text);
    assert.deepEqual(u.krs.map((k) => k.id), ['1.1', '1.10', '007']);
    assert.deepEqual(u.items[0].supports.map((r) => r.raw), ['1.1', '1.10', '007']);
    assert.deepEqual(findings.filter((f) => ['broken-link', 'duplicate-id', 'schema'].includes(f.code)), []);
  });

  it('a byte-order mark is not a character: `unit:` is at 0:0 and its value at 0:6', () => {
    const u = parseUnitFile('b.okr.yaml', '\uFEFFunit: Bad\n');
    assert.equal(u.text, 'unit: Bad\n');
    assert.deepEqual(u.problems.map((p) => [p.code, positionAt(u.lineStarts, p.span[0]), positionAt(u.lineStarts, p.span[1])]), [['schema', { line: 0, character: 6 }, { line: 0, character: 9 }]]);
  });

  it('a complex key is one schema finding on that key; no warning is printed by the YAML library', () => {
    const warnings: unknown[] = [];
    const listener = (w: unknown) => warnings.push(w);
    process.on('warning', listener);
    try {
      const text = 'unit: c\nroadmap:\n  ? [a, b]\n  : { title: X }\n  y: { title: Y }\n';
      const u = parseUnitFile('c.okr.yaml', text);
      assert.deepEqual(u.problems.map((p) => [p.code, at(text, p.span)]), [['schema', '[a, b]']]);
      assert.deepEqual(u.items.map((i) => i.id), ['y']);
    } finally {
      process.off('warning', listener);
    }
    assert.deepEqual(warnings, []);
  });
});

describe('YAML semantics: limits', () => {
  it('a file over max_file_size gives one finding at 0:0 and is not read', () => {
    const text = `unit: big\nroadmap:\n${'  x: { title: X }\n'.repeat(100)}`;
    const u = parseUnitFile('b.okr.yaml', text, { limits: { maxFileSize: 1000, maxDepth: 64 } });
    assert.deepEqual(u.problems.map((p) => [p.code, p.span]), [['yaml-syntax', [0, 0]]]);
    assert.match(u.problems[0].message, /^This file is 1\.\d KB, more than the 1000 bytes a cascade file may have, so it is not read/);
    assert.equal(u.unitId, undefined);
    assert.ok(u.syntaxErrors);
  });

  it('nesting deeper than max_depth (flow or block) gives one finding at 0:0, never a stack overflow', () => {
    const flow = `unit: d\nroadmap: ${'['.repeat(100_000)}\n`;
    let block = 'unit: d\nroadmap:\n';
    for (let i = 1; i <= 80; i++) block += `${' '.repeat(i)}k:\n`;
    for (const text of [flow, block, `unit: d\nroadmap:\n${'- '.repeat(70)}x\n`]) {
      const u = parseUnitFile('d.okr.yaml', text);
      assert.deepEqual(u.problems.map((p) => [p.code, p.span]), [['yaml-syntax', [0, 0]]]);
      assert.match(u.problems[0].message, /^This file nests values more than 64 levels deep, so it is not read/);
      assert.doesNotMatch(u.problems[0].message, /call stack/);
    }
  });

  it('the limits come from the options: 10 levels allowed, 11 refused', () => {
    const nest = (n: number) => `unit: d\nroadmap: ${'['.repeat(n - 1)}${']'.repeat(n - 1)}\n`;
    assert.deepEqual(parseUnitFile('d.okr.yaml', nest(10), { limits: { maxFileSize: 1e6, maxDepth: 10 } }).problems.filter((p) => p.code === 'yaml-syntax'), []);
    assert.equal(parseUnitFile('d.okr.yaml', nest(12), { limits: { maxFileSize: 1e6, maxDepth: 10 } }).problems[0]?.span[1], 0);
  });
});
