/**
 * setHorizonEdits: the edit a card dragged in the preview makes. Each case
 * states the exact text after the edit, then re-parses it: the item has the
 * new horizon and the rest of the document reads back the same.
 */
import { strict as assert } from 'node:assert';
import { setHorizonEdits, setHorizonOfRef } from '../../../server/src/core/edits/set-horizon';
import { parseUnitFile } from '../../../server/src/core/parse';
import { documentOf } from '../../../server/src/core/document';
import { applyEdits } from '../../../server/src/core/text-edit';

const FILE = `unit: shop
objectives:
  O1:
    title: Grow
    key_results:
      a:
        title: a KR whose id an item also uses
        target: 3
roadmap:
  a:
    title: A   # c
    supports: [KR1]
    hypothesis: >
      We believe this: works
      because reasons
    status: idea
  b: { title: "x, y", supports: KR1, horizon: "now" }   # comment
  c: {title: C}
  d: {}
  e: {
    title: E,
    supports: KR1
  }
  f:
    title: F
    horizon:   # todo
  "g h":
    horizon: 'later' # keep
  h:
    title: H
    rice: { reach: 1, effort: 2 }
    horizon: now
  i: just text
  j:
    status: idea
  k:
  l:
    title: L
    horizon: next # moved twice
  m:
    horizon: >
      now
    title: M
`;

/** The text after setting `id`'s horizon; checks it re-parses to the same document with only that horizon changed. */
function move(text: string, id: string, horizon: string): string {
  const before = parseUnitFile('f.okr.yaml', text);
  const r = setHorizonEdits(before, id, horizon);
  assert.ok(Array.isArray(r), JSON.stringify(r));
  const out = applyEdits(text, r);
  const after = parseUnitFile('f.okr.yaml', out);
  assert.equal(after.syntaxErrors, false, out);
  assert.equal(after.items.find((i) => i.id === id)?.horizon?.value, horizon);
  const expected = documentOf(before).toJS() as { roadmap: Record<string, unknown> };
  expected.roadmap[id] = { ...((expected.roadmap[id] as object | null) ?? {}), horizon };
  assert.deepEqual(documentOf(after).toJS(), expected, 'nothing else changed');
  return out;
}

const error = (text: string, id: string, horizon: string) => {
  const r = setHorizonEdits(parseUnitFile('f.okr.yaml', text), id, horizon);
  assert.ok(!Array.isArray(r), `an error for ${id} → ${horizon}`);
  return r.error;
};

describe('edits: set an item\'s horizon (a drag in the preview)', () => {
  it('replaces the value of an existing horizon and nothing else', () => {
    assert.equal(move(FILE, 'h', 'later'), FILE.replace('    horizon: now\n', '    horizon: later\n'));
  });

  it('inserts `horizon:` after title / supports / hypothesis (a block scalar) at the children\'s indentation', () => {
    assert.equal(move(FILE, 'a', '2026-Q3'), FILE.replace('      because reasons\n', '      because reasons\n    horizon: 2026-Q3\n'));
  });

  it('inserts first in the map when the item has none of those, and under an item written empty', () => {
    assert.equal(move(FILE, 'j', 'next'), FILE.replace('  j:\n    status: idea\n', '  j:\n    horizon: next\n    status: idea\n'));
    assert.equal(move(FILE, 'k', 'now'), FILE.replace('  k:\n', '  k:\n    horizon: now\n'));
  });

  it('keeps quotes and trailing comments', () => {
    assert.equal(move(FILE, 'g h', 'next'), FILE.replace("horizon: 'later' # keep", "horizon: 'next' # keep"));
    assert.equal(move(FILE, 'b', 'later'), FILE.replace('horizon: "now" }   # comment', 'horizon: "later" }   # comment'));
    assert.equal(move(FILE, 'l', '2027-Q1'), FILE.replace('horizon: next # moved twice', 'horizon: 2027-Q1 # moved twice'));
  });

  it('keeps the comment of the line it inserts after', () => {
    const text = 'unit: u\nroadmap:\n  x:\n    title: X   # the name\n    status: idea\n';
    assert.equal(move(text, 'x', 'later'), 'unit: u\nroadmap:\n  x:\n    title: X   # the name\n    horizon: later\n    status: idea\n');
  });

  it('fills an empty `horizon:` before its comment', () => {
    assert.equal(move(FILE, 'f', 'now'), FILE.replace('    horizon:   # todo', '    horizon: now   # todo'));
    const text = 'roadmap:\n  x:\n    horizon: ~\n    title: X\n';
    assert.equal(move(text, 'x', 'next'), 'roadmap:\n  x:\n    horizon: next\n    title: X\n');
  });

  it('replaces a horizon written as a block scalar, keeping its line break', () => {
    assert.equal(move(FILE, 'm', 'later'), FILE.replace('    horizon: >\n      now\n', '    horizon: later\n'));
  });

  it('edits flow maps on one line or several', () => {
    assert.equal(move(FILE, 'c', 'now'), FILE.replace('c: {title: C}', 'c: {title: C, horizon: now}'));
    assert.equal(move(FILE, 'd', 'now'), FILE.replace('d: {}', 'd: { horizon: now }'));
    assert.equal(move(FILE, 'e', 'later'), FILE.replace('    supports: KR1\n  }', '    supports: KR1, horizon: later\n  }'));
    const multi = 'roadmap:\n  x: {\n    title: X,\n    horizon: now\n  }\n';
    assert.equal(move(multi, 'x', '2026-Q4'), 'roadmap:\n  x: {\n    title: X,\n    horizon: 2026-Q4\n  }\n');
  });

  it('edits the roadmap item, not a KR with the same id', () => {
    const out = move(FILE, 'a', 'now');
    assert.equal(out.slice(0, out.indexOf('roadmap:')), FILE.slice(0, FILE.indexOf('roadmap:')));
  });

  it('follows the file\'s indentation', () => {
    const text = 'roadmap:\n    x:\n        title: X\n';
    assert.equal(move(text, 'x', 'now'), 'roadmap:\n    x:\n        title: X\n        horizon: now\n');
  });

  it('keeps CRLF line ends', () => {
    assert.equal(move('roadmap:\r\n  a:\r\n    title: A\r\n', 'a', 'now'), 'roadmap:\r\n  a:\r\n    title: A\r\n    horizon: now\r\n');
    assert.equal(move('roadmap:\r\n  a:\r\n    horizon: now\r\n    title: A\r\n', 'a', 'later'), 'roadmap:\r\n  a:\r\n    horizon: later\r\n    title: A\r\n');
  });

  it('works without a final line break', () => {
    assert.equal(move('roadmap:\n  a:\n    title: A', 'a', 'now'), 'roadmap:\n  a:\n    title: A\n    horizon: now');
    assert.equal(move('roadmap:\n  a:\n    title: A\n    horizon: next', 'a', '2026-Q1'), 'roadmap:\n  a:\n    title: A\n    horizon: 2026-Q1');
  });

  it('makes no edit when the item already has that horizon', () => {
    assert.deepEqual(setHorizonEdits(parseUnitFile('f', FILE), 'b', 'now'), []);
    assert.deepEqual(setHorizonEdits(parseUnitFile('f', FILE), 'h', 'now'), []);
  });

  it('refuses an unknown item, an invalid horizon, an item that is not a map, a broken file', () => {
    assert.match(error(FILE, 'zz', 'now'), /no roadmap item `zz`/);
    assert.match(error(FILE, 'O1', 'now'), /no roadmap item `O1`/, 'an objective is not an item');
    for (const h of ['soon', 'NOW', '2026-Q5', '26-Q1', '2026-Q1 ', '']) assert.match(error(FILE, 'a', h), /is not a horizon/);
    assert.match(error(FILE, 'i', 'now'), /`i` is not a map/);
    assert.match(error('roadmap:\n  x:\n    horizon: [now]\n', 'x', 'later'), /not a single value/);
    assert.match(error('roadmap:\n  x:\n    title: [oops\n', 'x', 'later'), /syntax errors/);
  });

  it('by ref: the unit must be the file\'s', () => {
    const file = parseUnitFile('f', FILE);
    assert.deepEqual(setHorizonOfRef(file, 'shop/h', 'later'), setHorizonEdits(file, 'h', 'later'));
    assert.deepEqual(setHorizonOfRef(file, 'h', 'later'), setHorizonEdits(file, 'h', 'later'));
    assert.match((setHorizonOfRef(file, 'other/h', 'later') as { error: string }).error, /not declared in this file/);
  });
});
