/**
 * The what-if edits: `cutEdits` deletes an entity's entry, `setStatusEdits`
 * sets an item's status. Each case states the exact text after the edit;
 * refusals name what stops them.
 */
import { strict as assert } from 'node:assert';
import { cutEdits } from '../../../server/src/core/edits/cut';
import { setStatusEdits } from '../../../server/src/core/edits/set-status';
import { parseUnitFile } from '../../../server/src/core/parse';
import { applyEdits } from '../../../server/src/core/text-edit';

const FILE = `unit: shop
objectives:
  O1:
    title: Grow   # the main one
    key_results:
      KR1:
        title: Conversion
        target: 3
      KR2:
        title: Speed
        target: 2
  O2:
    title: Keep
roadmap:
  # the first bet
  a:
    title: A   # c
    supports: KR1
    hypothesis: |
      We believe it works
      because reasons
    status: idea

  b: { title: "x, y", supports: KR1, status: "active" }   # comment
  c: {title: C, status: planned}
  d:
    title: D
    status:   # todo
  e:
    title: E
`;

function edit(text: string, f: (file: ReturnType<typeof parseUnitFile>) => ReturnType<typeof cutEdits>): string {
  const r = f(parseUnitFile('f.okr.yaml', text));
  if ('error' in r) throw new Error(r.error);
  const out = applyEdits(text, r);
  assert.equal(parseUnitFile('f.okr.yaml', out).syntaxErrors, false, `valid YAML after the edit:\n${out}`);
  return out;
}

const cut = (text: string, id: string) => edit(text, (f) => cutEdits(f, id));
const status = (text: string, id: string, s: string) => edit(text, (f) => setStatusEdits(f, id, s));

describe('cut: deletes the entry of an entity', () => {
  it('a block item: its lines, through the block scalar, the comment above and the blank line after kept', () => {
    assert.equal(cut(FILE, 'a'), FILE.replace('  a:\n    title: A   # c\n    supports: KR1\n    hypothesis: |\n      We believe it works\n      because reasons\n    status: idea\n', ''));
  });
  it('a KR, and an objective with its KRs', () => {
    assert.equal(cut(FILE, 'KR1'), FILE.replace('      KR1:\n        title: Conversion\n        target: 3\n', ''));
    assert.equal(cut(FILE, 'O1'), FILE.replace(/ {2}O1:[\s\S]*?(?= {2}O2:)/, ''));
  });
  it('an entry of a flow map, with one comma', () => {
    const flow = 'unit: shop\nroadmap: { a: { title: A }, b: { title: B }, c: {} }\n';
    assert.equal(cut(flow, 'a'), 'unit: shop\nroadmap: { b: { title: B }, c: {} }\n');
    assert.equal(cut(flow, 'c'), 'unit: shop\nroadmap: { a: { title: A }, b: { title: B } }\n');
    assert.equal(cut('unit: shop\nroadmap: { a: 1 }\n', 'a'), 'unit: shop\nroadmap: {  }\n');
  });
  it('the last entry of a file without a final line break', () => {
    assert.equal(cut('unit: shop\nroadmap:\n  a:\n    title: A\n  b:\n    title: B', 'b'), 'unit: shop\nroadmap:\n  a:\n    title: A\n');
  });
  it('the only item: `roadmap:` is left empty (a valid, empty roadmap)', () => {
    assert.equal(cut('unit: shop\nroadmap:\n  a:\n    title: A\n', 'a'), 'unit: shop\nroadmap:\n');
  });
  it('refuses an entry whose anchor other entries use, an unknown id, a broken file', () => {
    const anchored = 'unit: shop\nroadmap:\n  a: &base\n    title: A\n  b: *base\n';
    assert.deepEqual(cutEdits(parseUnitFile('f', anchored), 'a'), { error: '`a` defines the anchor &base that other entries use; deleting it would break them, so edit the file by hand' });
    assert.equal(cut(anchored, 'b'), 'unit: shop\nroadmap:\n  a: &base\n    title: A\n');
    assert.deepEqual(cutEdits(parseUnitFile('f', FILE), 'zz'), { error: 'there is no objective, key result or roadmap item `zz` in this file' });
    assert.deepEqual(cutEdits(parseUnitFile('f', 'unit: [\n'), 'a'), { error: 'the file has YAML syntax errors; fix them first' });
  });
});

describe('set status: the value replaced on its span, or an entry added', () => {
  it('replaces a plain value and keeps quotes and comments', () => {
    assert.equal(status(FILE, 'a', 'dropped'), FILE.replace('    status: idea\n', '    status: dropped\n'));
    assert.equal(status(FILE, 'b', 'dropped'), FILE.replace('status: "active" }   # comment', 'status: "dropped" }   # comment'));
    assert.equal(status(FILE, 'c', 'dropped'), FILE.replace('{title: C, status: planned}', '{title: C, status: dropped}'));
  });
  it('fills `status:` written empty, adds a line when there is none', () => {
    assert.equal(status(FILE, 'd', 'dropped'), FILE.replace('    status:   # todo\n', '    status: dropped   # todo\n'));
    assert.equal(status(FILE, 'e', 'dropped'), FILE.replace('    title: E\n', '    title: E\n    status: dropped\n'));
  });
  it('the status it already has is no edit', () => {
    assert.deepEqual(setStatusEdits(parseUnitFile('f', FILE), 'a', 'idea'), []);
  });
  it('an alias is replaced by the value (only this item changes); an anchor others use is refused', () => {
    const text = 'unit: shop\nroadmap:\n  a:\n    status: &s active\n  b:\n    status: *s\n';
    assert.equal(status(text, 'b', 'dropped'), 'unit: shop\nroadmap:\n  a:\n    status: &s active\n  b:\n    status: dropped\n');
    assert.deepEqual(setStatusEdits(parseUnitFile('f', text), 'a', 'dropped'), { error: 'the `status` of `a` defines the anchor &s that other entries use; edit it by hand' });
    assert.equal(status('unit: shop\nroadmap:\n  a:\n    status: &s active\n', 'a', 'done'), 'unit: shop\nroadmap:\n  a:\n    status: &s done\n');
  });
  it('refuses a bad status, a KR, an item written as an alias', () => {
    const f = parseUnitFile('f', FILE);
    assert.deepEqual(setStatusEdits(f, 'a', 'killed'), { error: '"killed" is not a status (idea, planned, active, done, dropped)' });
    assert.deepEqual(setStatusEdits(f, 'KR1', 'dropped'), { error: 'there is no roadmap item `KR1` in this file' });
    assert.deepEqual(setStatusEdits(parseUnitFile('f', 'unit: shop\nroadmap:\n  a: &x { title: A }\n  b: *x\n'), 'b', 'dropped'), { error: '`b` is written as an alias of another entry; edit it by hand' });
  });
});
