/**
 * The fast reader of simple entries (core/compare/quick-read.ts) answers
 * exactly what the YAML parser answers, or nothing: over every entry and
 * unit header of the samples, the fixtures, the benchmark kit's generated
 * cascade and random cascades, and over values written every tricky way
 * YAML allows (comments, quotes, numbers YAML reads otherwise, lists,
 * nested values, repeated keys).
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataReader } from '../../../server/src/core/compare/data';
import { quickEntry, quickMap } from '../../../server/src/core/compare/quick-read';
import type { UnitFile } from '../../../server/src/core/model';
import { parseUnitFile } from '../../../server/src/core/parse';
import { REPO } from '../../helpers/fixtures';
import { randomCascade } from './random';

/** DataReader with the fast reader, and without it (the reference: every entry read by the YAML parser). */
function check(file: UnitFile): { quick: number; total: number } {
  const reader = new DataReader();
  const parser = new DataReader({ quick: false });
  let quick = 0;
  let total = 0;
  const plain = !/[&*!]|^%/m.test(file.text) && !file.syntaxErrors;
  for (const e of [...file.objectives, ...file.krs, ...file.items]) {
    total++;
    const got = reader.entity(file, e);
    assert.deepEqual(got, parser.entity(file, e), `${file.file}: ${e.unit}/${e.id}`);
    if (plain) {
      const start = file.text.lastIndexOf('\n', e.keySpan[0]) + 1;
      if (quickEntry(file.text.slice(start, e.span[1]), e.kind === 'objective' ? ['key_results'] : [])) quick++;
    }
  }
  assert.deepEqual(reader.unit(file), parser.unit(file), `${file.file}: the unit's own keys`);
  return { quick, total };
}

function walk(dir: string, out: [string, string][] = []): [string, string][] {
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.okr\.ya?ml$/.test(n)) out.push([p, readFileSync(p, 'utf8')]);
  }
  return out;
}

describe('compare: the fast reader of simple entries', function () {
  this.timeout(120_000);

  it('reads every entry of the samples, the fixtures and random cascades as the YAML parser does', () => {
    const files = [...walk(join(REPO, 'samples')), ...walk(join(REPO, 'test/fixtures'))];
    for (let seed = 1; seed <= 20; seed++) for (const [k, t] of randomCascade(seed).files) files.push([`${seed}:${k}`, t]);
    let quick = 0;
    let total = 0;
    for (const [path, text] of files) {
      const r = check(parseUnitFile(path, text));
      quick += r.quick;
      total += r.total;
    }
    // Most entries are simple: the fast reader must take them (else it buys nothing).
    assert.ok(quick > total / 2, `the fast reader read ${quick} of ${total} entries`);
  });

  it('reads the benchmark kit\'s generated cascade as the YAML parser does', () => {
    // The kit of ../shared/lspbench; where it is not, a large random cascade.
    const kit = '/work/shared/lspbench/gen.mjs';
    const dir = mkdtempSync(join(tmpdir(), 'okr-quick-'));
    try {
      const files: [string, string][] = existsSync(kit)
        ? (execFileSync(process.execPath, [kit, '--units', '60', '--out', dir], { stdio: 'ignore' }), walk(dir))
        : [...randomCascade(99, 60).files];
      let quick = 0;
      let total = 0;
      for (const [path, text] of files) {
        const r = check(parseUnitFile(path, text));
        quick += r.quick;
        total += r.total;
      }
      assert.ok(quick > total * 0.8, `the fast reader read ${quick} of ${total} entries`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers what YAML answers for values written every way, or nothing', () => {
    const values = [
      'plain words', 'Cut churn — by half', 'it\'s fine', 'say "hi"', 'a#b', 'a # comment', 'x: y', 'ends:', '"quoted"', '"with # hash"', '"esc\\"aped"', "'single'", "'it''s'",
      '12', '-3', '0', '-0', '007', '1.5', '1.50', '1.', '.5', '+5', '1e3', '0x1F', '0o17', '.inf', '-.inf', '.nan', '12_000', '9007199254740993', '3.14159265358979323846',
      'true', 'True', 'TRUE', 'false', 'yes', 'no', 'on', 'null', 'Null', '~', '', '2026-11-24', '2026-Q3', '50%', '%', '"%"',
      '[a, b]', '[]', '[ a ,b ]', '[a, [b]]', '[a, "b"]', '[1, 2.5, true]', '[a,]', '[a: b]', '[a] # c', '[a] x', '{a: 1}', '|', '>', '- a', '-a', '?', '&a x', '*a', '!tag x', '@x', '`x`',
    ];
    for (const v of values) {
      for (const text of [`      KR1:\n        title: ${v}\n        target: 5\n`, `  x:\n    horizon: now\n    note: ${v}\n    note: again\n`]) {
        const file = parseUnitFile('t.okr.yaml', `unit: t\nobjectives:\n  O1:\n    title: o\n    key_results:\n${text.startsWith('      ') ? text : ''}roadmap:\n${text.startsWith('  x') ? text : '  y:\n    horizon: now\n'}`);
        if (file.syntaxErrors) continue;
        const reader = new DataReader();
        const parser = new DataReader({ quick: false });
        for (const e of [...file.krs, ...file.items]) assert.deepEqual(reader.entity(file, e), parser.entity(file, e), `value ${JSON.stringify(v)}`);
      }
    }
  });

  it('leaves to the parser what it does not read: nested values, tabs, a comment after a value, a continued line', () => {
    assert.equal(quickEntry('  x:\n    checkins:\n      - 2026-10-01: 5\n', []), undefined);
    assert.equal(quickEntry('  x:\n\ttitle: a\n', []), undefined);
    assert.equal(quickEntry('  x:\n    title: a # why\n', []), undefined);
    assert.equal(quickEntry('  x:\n    title: a\n      continued\n', []), undefined);
    assert.equal(quickEntry('  x: {title: a}\n', []), undefined);
    assert.equal(quickEntry('  2026:\n    title: a\n', []), undefined);
    assert.deepEqual(quickEntry('  x:\n    # a comment\n    title: a\n\n    supports: [KR1, p/KR2]\n', []), { id: 'x', data: { title: 'a', supports: ['KR1', 'p/KR2'] } });
    assert.deepEqual(quickEntry('  O1:\n    title: a\n    key_results:\n      KR1:\n        title: b\n', ['key_results']), { id: 'O1', data: { title: 'a' } });
    assert.deepEqual(quickMap(['unit: a', 'capacity: 5', 'capacity: 6', 'period: 2026-H2'], 0, []), { unit: 'a', capacity: 5, period: '2026-H2' });
  });
});
