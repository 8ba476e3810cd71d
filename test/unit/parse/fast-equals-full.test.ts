/**
 * The fast reader (core/yaml-fast.ts) answers exactly what the full reader
 * (yaml Document → readTree) answers, or declines: the same tree (values,
 * keys as written, every span) and the same UnitFile (model, problems,
 * spans), over the samples, every fixture, generated cascades (the benchmark
 * kit's, faults included, at several seeds and sizes; the test generators')
 * and thousands of random mutations of them; a file the quick check calls
 * certainly valid (zod skipped) is one the schema accepts, and zod on only
 * the objectives and items the quick check cannot vouch for finds what zod
 * on the whole file finds, in its order. And it is used: every generated
 * file takes it, so it cannot silently stop being used.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LIMITS } from '../../../server/src/core/config';
import { parseUnitFile, withoutBom } from '../../../server/src/core/parse';
import { partProblems, schemaProblems } from '../../../server/src/core/schema-problems';
import { fastRead } from '../../../server/src/core/yaml-fast';
import { certainlyValid, uncertainParts } from '../../../server/src/core/yaml-fast-valid';
import { readYaml } from '../../../server/src/core/yaml-read';
import { readTree, type YValue } from '../../../server/src/core/yaml-tree';
import { REPO } from '../../helpers/fixtures';
import { generateCascade } from '../../helpers/generate-cascade';
import { randomCascade, rng } from '../compare/random';

/** A tree without the library's nodes (the fast reader has none): kind, span, value, text, keys. */
function plain(v: YValue | null): unknown {
  if (!v) return v;
  if (v.kind === 'scalar') return { kind: v.kind, span: v.span, value: v.value, text: v.text, via: !!v.via };
  if (v.kind === 'seq') return { kind: v.kind, span: v.span, items: v.items.map(plain), via: !!v.via };
  return { kind: v.kind, span: v.span, via: !!v.via, entries: v.entries.map((e) => ({ key: e.key, keySpan: e.keySpan, merged: !!e.merged, value: plain(e.value) })) };
}

/** How many texts `same` checked zod per part on (objectives or items the quick check could not vouch for). */
let perPart = 0;

/** Compares both readers on one text; answers whether the fast reader took it. */
function same(name: string, source: string): boolean {
  const text = withoutBom(source);
  const fast = fastRead(text, DEFAULT_LIMITS);
  if (fast) {
    const read = readYaml(text, DEFAULT_LIMITS);
    assert.deepStrictEqual(read.errors, [], `${name}: the fast reader took a file with syntax errors`);
    assert.equal(fast.contentStart, read.doc?.contents?.range?.[0], `${name}: content start`);
    assert.deepStrictEqual(plain(fast.root), plain(readTree(read.doc!, text.length, DEFAULT_LIMITS.maxDepth).root), `${name}: tree`);
    // Zod is skipped for a certainly valid fast tree: it must indeed find nothing there.
    if (certainlyValid(fast.root)) assert.deepStrictEqual(schemaProblems(fast.root, name), [], `${name}: certainly valid, yet the schema finds problems`);
    // Zod on the uncertain objectives and items only: the same problems, in the same order, as zod on the whole file.
    const parts = uncertainParts(fast.root);
    if (parts) {
      if (!parts.objectives.length && !parts.items.length) assert.ok(certainlyValid(fast.root), `${name}: no uncertain part, yet not certainly valid`);
      else {
        assert.deepStrictEqual(partProblems(fast.root!, name, parts), schemaProblems(fast.root, name), `${name}: zod per part`);
        perPart++;
      }
    }
  }
  // The whole UnitFile, with the fast reader and without it (deepStrictEqual tells -0 from 0 and NaN from null).
  assert.deepStrictEqual(parseUnitFile(name, source), parseUnitFile(name, source, { fast: false }), `${name}: UnitFile`);
  return !!fast;
}

const walk = (d: string, re: RegExp): string[] =>
  readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name), re) : re.test(e.name) ? [join(d, e.name)] : []));

/** The benchmark kit's cascade (../shared/lspbench, with its injected faults) where it is; else none. */
function kitCascade(units: number, seed: number): [string, string][] {
  const kit = '/work/shared/lspbench/gen.mjs';
  if (!existsSync(kit)) return [];
  const dir = mkdtempSync(join(tmpdir(), 'okr-fast-'));
  try {
    execFileSync(process.execPath, [kit, '--units', String(units), '--out', dir, '--seed', String(seed)], { stdio: 'ignore' });
    return walk(dir, /\.okr\.yaml$/).sort().map((f) => [`kit${seed}/${f.slice(dir.length + 1)}`, readFileSync(f, 'utf8')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Generated cascades: the kit's (two seeds, two sizes) where present, and the test generators' (always). */
function generated(): [string, string][] {
  const out: [string, string][] = [...kitCascade(30, 1), ...kitCascade(30, 7), ...kitCascade(120, 3)];
  for (const [f, t] of generateCascade(40)) out.push([`gen${f}`, t]);
  for (let seed = 1; seed <= 6; seed++) for (const [f, t] of randomCascade(seed).files) out.push([`random${seed}/${f}`, t]);
  return out;
}

const FRAGMENTS = [':', ': ', '#', ' #', "'", '"', '&', '*', '!', '-', '- ', '\t', '{', '}', '[', ']', ',', ' ', '  ', '?', '|', '>', '%', '@', '\\', '~', '0', '.5', '\r', '---', 'x: 1', '\n'];

/** One random edit of a text: delete, duplicate, indent or outdent a line, insert characters, swap lines, truncate. */
function mutate(text: string, r: () => number): string {
  const lines = text.split('\n');
  const n = Math.floor(r() * lines.length);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)];
  switch (Math.floor(r() * 8)) {
    case 0: lines.splice(n, 1); break;
    case 1: lines.splice(n, 0, lines[n]); break;
    case 2: lines[n] = ' '.repeat(1 + Math.floor(r() * 2)) + lines[n]; break;
    case 3: lines[n] = lines[n].replace(/^ {1,2}/, ''); break;
    case 4: {
      const at = Math.floor(r() * (lines[n].length + 1));
      lines[n] = lines[n].slice(0, at) + pick(FRAGMENTS) + lines[n].slice(at);
      break;
    }
    case 5: lines.splice(n, 0, `${' '.repeat(Math.floor(r() * 8))}# a comment`); break;
    case 6: {
      const m = Math.floor(r() * lines.length);
      [lines[n], lines[m]] = [lines[m], lines[n]];
      break;
    }
    default: return text.slice(0, Math.floor(r() * text.length));
  }
  return lines.join('\n');
}

describe('parse: the fast reader answers what the full reader answers, or declines', () => {
  let cascades: [string, string][] = [];
  before(function () {
    this.timeout(60_000);
    cascades = generated();
  });

  it('every sample and fixture file', function () {
    this.timeout(30_000);
    const files = [...walk(join(REPO, 'samples'), /\.ya?ml$/), ...walk(join(REPO, 'test', 'fixtures'), /\.ya?ml$/)];
    assert.ok(files.length > 200, `${files.length} files`);
    let fast = 0;
    for (const f of files) if (same(f, readFileSync(f, 'utf8'))) fast++;
    // Fixtures are written to exercise YAML (aliases, tags, block scalars, errors): still, most plain ones are fast.
    assert.ok(fast > files.length / 2, `${fast} of ${files.length} took the fast reader`);
  });

  it('generated cascades: every file, and every one takes the fast reader', function () {
    this.timeout(60_000);
    const files = cascades;
    assert.ok(files.length > 80, `${files.length} generated files`);
    let fast = 0;
    for (const [f, t] of files) if (same(f, t)) fast++;
    assert.equal(fast, files.length, `${fast} of ${files.length} generated files took the fast reader`);
    // And zod is skipped for every one the schema accepts (the kit's faulty ones excepted), so that cannot silently stop either.
    for (const [f, t] of files) {
      const root = fastRead(t, DEFAULT_LIMITS)!.root;
      assert.equal(certainlyValid(root), schemaProblems(root, f).length === 0, `${f}: certainly valid exactly when the schema accepts it`);
    }
  });

  it('thousands of random mutations (seeded)', function () {
    this.timeout(120_000);
    const pool = [...cascades.filter((_, i) => i % 4 === 0), ...walk(join(REPO, 'samples', 'okrs'), /\.okr\.yaml$/).map((f) => [f, readFileSync(f, 'utf8')] as [string, string])];
    const r = rng(20261201);
    let fast = 0;
    const N = 2000;
    const before = perPart;
    for (let k = 0; k < N; k++) {
      const [f, t] = pool[Math.floor(r() * pool.length)];
      let text = mutate(t, r);
      if (r() < 0.3) text = mutate(text, r);
      if (same(`${f} (mutation ${k})`, text)) fast++;
    }
    // Both sides of the line are exercised: many mutants stay in the subset, many leave it.
    assert.ok(fast > N * 0.3 && fast < N * 0.95, `${fast} of ${N} mutants took the fast reader`);
    // And zod per part is compared on many of them (a mutation inside an item or objective).
    assert.ok(perPart - before > N * 0.1, `${perPart - before} of ${N} mutants checked per part`);
  });

  it('values written every tricky way, in a map, a list and a flow collection', () => {
    const values = [
      'plain words', 'Tomás — by half', "it's", 'say "hi"', 'a#b', 'a # comment', 'x: y', 'ends:', 'a :b', 'a:b', '"quoted"', '"with # hash"', '"esc\\"aped"', '"back\\\\"', "'single'", "'it''s'", "''", '""',
      '12', '-3', '0', '-0', '007', '1.5', '1.50', '1.10', '1.', '.5', '+5', '1e3', '-1E-3', '0x1F', '0o17', '0o18', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '12_000', '9007199254740993', '123456789012345678901234',
      'true', 'True', 'TRUE', 'tRue', 'false', 'yes', 'no', 'on', 'null', 'Null', 'NULL', 'nULL', '~', '', '   ', '2026-11-24', '2026-Q3', '50%', '%', '"%"', '-', '--', '-x', '.', '...', '---', '?x', ':x',
      '[a, b]', '[]', '[ ]', '[ a ,b ]', '[a, [b]]', '[a, "b"]', '[1, 2.5, true, null, -3, .5]', '[a,]', '[a: b]', '[a] # c', '[a] x', '[a]#c', '{a: 1}', '{ a: 1, b: x }', '{}', '{a:1}', '{ a: 1, }', '{ a: }', '{ a: b c }',
      '|', '|\n      block', '>', '- a', '-a', '?', '&a x', '*a', '!tag x', '!!str 1', '@x', '`x`', "'open", '"open', 'x # c\n      more', 'x\n      continued', "'two\n      lines'",
    ];
    let fast = 0;
    for (const v of values) {
      const texts = [
        `unit: t\nroadmap:\n  x:\n    title: ${v}\n    effort: ${v}\n  y:\n    note: ${v}\n`,
        `unit: t\nroadmap:\n  x:\n    supports:\n      - ${v}\n      - KR1\n    depends_on:\n    - ${v}\n`,
        `unit: t\nroadmap:\n  x:\n    supports: [${v}]\n    rice: { reach: ${v}, impact: 1 }\n`,
        `unit: t\nroadmap:\n  x:\n    title: ${v}   # a comment\n  ${v}:\n    title: y\n`,
      ];
      for (const t of texts) if (same(JSON.stringify(t), t)) fast++;
    }
    assert.ok(fast > values.length, `${fast} took the fast reader`);
  });

  it('comments and blank lines where collections end, empty values and lists at their key\'s column', () => {
    const cases = [
      'a: 1\nb:\nc: x  # c\n\n# z\nd:\n  e: f\n\n  g: h   \n# tail\n',
      'r:\n  x:\n    y: a\n    # c\n\n', 'r:\n  x:\n    y: a\n  # c\n\n', 'r:\n  x:\n    y: a\n# c\n\n', 'r:\n  x:\n    y:\n    # c\nz: 1', 'r:\n  x:\n    y:\n  # c\nz: 1',
      'r:\n  x:\n    y:\n\nz: 1', 'r:\n  x:\n    - a\n    # c\n', 'r:\n  x:\n  - a\n  # c\n', 'r:\n- a: 1\n  # c\n  b: 2\n  # d\n', 'r:\n- a:\n  b: 2\n', 'r:\n  - a: 1\n    b:\n  - 3',
      'x:\n  y: # c\nz: 1', 'x:\n  y:  # c\n  # d\nz: 1', 'l:\n  - a\n  - \nz: 1', 'l:\n  -\nz: 1', 'l:\n  - # c\nz: 1', 'a:   # c\n  b: 1\nz: 2', 'a: # c\n  - b\nz: 2', 'a: #c\n  b: 1\n',
      'a: b # c\n  # d\ne: f', 'a: 1\n    # deeper\nb: 2', 'a:\n  b: 1\n      # deeper\n  c: 2\n', 'a:\n  - x\n    # deeper\n  - y\n', 'a: 1\n\n\n', 'a:', 'a: x', '# only\n', '', 'a:\n  b: 1\n c: 2\n', 'a:\n    b: 1\n  c: 2\n',
      'a:\n  - b: 1\n    c: 2\n  - d\n', 'a:\n  -   b: 1\n      c: 2\n', 'a:\n  - - x\n', '- a\n', '  a: 1\n', 'a: 1\n---\nb: 2\n', '%YAML 1.2\n---\na: 1\n', 'a: 1\n...\n', 'a: 1\nb: 2\na: 3\n', 'a: 1\n  b: 2\n', 'a: x\n  y\n',
    ];
    let fast = 0;
    for (const t of cases) if (same(JSON.stringify(t), t)) fast++;
    assert.ok(fast >= 15, `${fast} of ${cases.length} took the fast reader`);
  });
  it('every field given every kind of value: certainly valid only where the schema accepts it', function () {
    this.timeout(60_000);
    const values = [
      'x', 'payments', 'KR1', 'acme/KR1', '2026', '2026-H2', '2026-Q3', '2026-Q5', '2026-11-24', '2026-02-30', '26-1-1', 'now', 'next', 'later', 'soon', 'high', 'low', 'idea', 'done',
      'sum', 'mean', 'validated', '12', '-3', '0', '1.5', '999', '10000', '.inf', '.nan', '1e3', 'true', 'false', '~', '', '"12"', "'true'", '[]', '[KR1, acme/KR2]', '[KR1, 12]', '[KR1, true]',
      '{}', '{ reach: 5 }', '{ reach: 5, impact: x }', '{ reach: 5, bogus: 1 }', 'Ünïcode', 'A B',
    ];
    const at = {
      unit: (v: string) => `unit: ${v}\n`,
      top: (k: string, v: string) => `unit: t\n${k}: ${v}\n`,
      kr: (k: string, v: string) => `unit: t\nobjectives:\n  O1:\n    title: o\n    key_results:\n      KR1:\n        ${k}: ${v}\n`,
      item: (k: string, v: string) => `unit: t\nroadmap:\n  x:\n    ${k}: ${v}\n`,
    };
    const texts: string[] = [];
    for (const v of values) {
      texts.push(at.unit(v), `unit: t\nobjectives:\n  ${v || 'O1'}:\n    title: o\n`, `unit: t\nroadmap:\n  ${v || 'x'}:\n    title: o\n`);
      for (const k of ['name', 'level', 'parent', 'period', 'owner', 'capacity', 'reviewed', 'private', 'private_fields', 'objectives', 'roadmap', 'bogus']) texts.push(at.top(k, v));
      for (const k of ['title', 'baseline', 'target', 'current', 'unit', 'supports', 'owner', 'rollup', 'checkins', 'private', 'private_fields', 'bogus']) texts.push(at.kr(k, v));
      for (const k of ['title', 'supports', 'hypothesis', 'horizon', 'confidence', 'status', 'type', 'depends_on', 'due', 'effort', 'rice', 'owner', 'result', 'evidence', 'private', 'bogus']) texts.push(at.item(k, v));
    }
    texts.push('unit: t\nunit: u\n', 'name: n\n', 'unit: t\nroadmap:\n  x:\n    title: a\n    title: b\n', 'unit: t\nobjectives:\n  O1:\n');
    let valid = 0;
    for (const t of texts) {
      same(JSON.stringify(t), t);
      const fast = fastRead(t, DEFAULT_LIMITS);
      if (fast && certainlyValid(fast.root)) valid++;
    }
    assert.ok(valid > texts.length / 4 && valid < texts.length * 0.9, `${valid} of ${texts.length} certainly valid`);
  });

  it('zod per part: faults in several objectives, key results and items at once, ids that are numbers or field names', () => {
    const objective = (id: string, body: string) => `  ${id}:\n    title: o\n${body}`;
    const kr = (id: string, body: string) => `    key_results:\n      ${id}:\n        title: k\n${body}`;
    const item = (id: string, body: string) => `  ${id}:\n    title: i\n${body}`;
    const faults = {
      objective: ['    bogus: 1\n', '    owner: [a]\n', '    private_fields: [title, nope]\n', kr('KR1', '        target: [1]\n'), kr('KR2', '        checkins:\n          - { date: 2026-02-30, value: x }\n'), kr('KR3', '        supports: [a, true]\n        unit: 5\n')],
      item: ['    confidance: high\n', '    horizon: soon\n    status: maybe\n', '    supports: [KR1, null]\n', '    rice: { reach: x, bogus: 1 }\n', '    due: 2026-13-01\n    effort: -1\n', '    title: a\n    title: b\n', '    depends_on: 12\n    private_fields: nope\n'],
    };
    const ids = ['x', 'y2', 'unit', 'supports', 'depends_on', 'a.b', '12', '0'];
    const texts: string[] = [];
    for (let i = 0; i < 40; i++) {
      const pick = <T>(list: readonly T[], k: number) => list[(i * 7 + k * 3) % list.length];
      const objectives = [0, 1, 2].map((k) => objective(k === 1 ? pick(ids, k) : `O${k}`, k === 2 && i % 3 ? '' : pick(faults.objective, i + k))).join('');
      const items = [0, 1, 2, 3].map((k) => item(k === 2 ? pick(ids, i + k) : `it${k}`, k === 3 && i % 2 ? '' : pick(faults.item, i + k))).join('');
      texts.push(i % 4 === 3 ? `unit: t\nroadmap:\n${items}objectives:\n${objectives}` : `unit: t\nobjectives:\n${objectives}roadmap:\n${items}`);
    }
    const before = perPart;
    for (const t of texts) assert.ok(same(JSON.stringify(t), t), `${JSON.stringify(t)}: the fast reader took it`);
    // All but those with an id JavaScript orders first ('12', '0': about 4 in 10; zod on the whole file) are checked per part.
    assert.ok(perPart - before >= 20, `${perPart - before} of ${texts.length} checked per part`);
  });
});
