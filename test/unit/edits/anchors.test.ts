/**
 * Edits over anchors and aliases (a drag in the preview, quick fixes,
 * rename): only the entity asked for changes, every other byte stays, in LF
 * and CRLF files. Each case states the exact text after the edit and checks,
 * by reading both texts, that no other entity reads differently.
 */
import assert from 'node:assert/strict';
import { checkAll } from '../../../server/src/core/check';
import { setHorizonEdits } from '../../../server/src/core/edits/set-horizon';
import { fixesFor } from '../../../server/src/core/fixes/index';
import { CascadeIndex } from '../../../server/src/core/link';
import type { Code, Entity, UnitFile } from '../../../server/src/core/model';
import { parseUnitFile } from '../../../server/src/core/parse';
import { renameEdits } from '../../../server/src/core/rename';
import { applyEdits, type TextEdit } from '../../../server/src/core/text-edit';

const asOf = { y: 2026, m: 11, d: 24 };
const crlf = (t: string) => t.replace(/\n/g, '\r\n');

/** What each entity reads (no spans): `kind:id` → JSON. */
function readings(text: string): Map<string, string> {
  const f = parseUnitFile('co.okr.yaml', text);
  const strip = (k: string, v: unknown) => (['span', 'keySpan', 'source', 'supportsKey', 'file'].includes(k) ? undefined : v);
  return new Map([...f.objectives, ...f.krs, ...f.items].map((e: Entity) => [`${e.kind}:${e.id}`, JSON.stringify(e, strip)]));
}

/** Asserts that only `entity` reads differently after the edit (and that it does). */
function onlyChanged(before: string, after: string, entity: string): void {
  const a = readings(before);
  const b = readings(after);
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    if (key === entity) assert.notEqual(a.get(key), b.get(key), `${key} should change`);
    else assert.equal(b.get(key), a.get(key), `${key} must read the same`);
  }
}

const ITEMS = `unit: co
objectives:
  O1:
    title: Grow
    key_results:
      KR1: { title: Users, baseline: 1, target: 2 }
      KR2: { title: Teams, baseline: 1, target: 2 }
roadmap:
  a:
    title: A
    supports: KR1
    horizon: &h next # shared
  b:
    title: B
    supports: KR1
    horizon: *h
  c: &c { title: C, supports: KR1, horizon: now }
  d: *c
  e:
    <<: *c
    title: E
  f:
    title: F
    supports: KR1
    horizon: *h
`;

for (const [eol, conv] of [['LF', (t: string) => t], ['CRLF', crlf]] as const) {
  describe(`edits over anchors (${eol})`, () => {
    const text = conv(ITEMS);
    const file = () => parseUnitFile('co.okr.yaml', text);
    const move = (id: string, h: string) => {
      const r = setHorizonEdits(file(), id, h);
      assert.ok(Array.isArray(r), `setHorizon ${id}: ${JSON.stringify(r)}`);
      return applyEdits(text, r);
    };

    it('setHorizon on the anchored value: it becomes plain, and the first alias after it takes the anchor with the old value', () => {
      const after = move('a', 'now');
      assert.equal(after, text.replace('horizon: &h next # shared', 'horizon: now # shared').replace('horizon: *h', 'horizon: &h next'));
      onlyChanged(text, after, 'item:a');
    });

    it('setHorizon on an alias: the alias becomes the plain value; the anchor and the other aliases stay', () => {
      const after = move('f', 'later');
      assert.equal(after, text.slice(0, text.lastIndexOf('horizon: *h')) + 'horizon: later' + text.slice(text.lastIndexOf('horizon: *h') + 'horizon: *h'.length));
      onlyChanged(text, after, 'item:f');
    });

    it('setHorizon on an item written as an alias of another: it gets its own map merging that one', () => {
      const after = move('d', 'later');
      assert.equal(after, text.replace('  d: *c', '  d: { <<: *c, horizon: later }'));
      onlyChanged(text, after, 'item:d');
    });

    it('setHorizon on an item whose horizon comes through `<<`: an explicit horizon is added to its own map', () => {
      const after = move('e', 'next');
      assert.equal(after, text.replace(conv('    <<: *c\n    title: E\n'), conv('    <<: *c\n    title: E\n    horizon: next\n')));
      onlyChanged(text, after, 'item:e');
    });

    it('setHorizon on an item that others repeat through its anchor is refused, saying which one would move', () => {
      const r = setHorizonEdits(file(), 'c', 'later');
      assert.deepEqual(r, { error: 'moving `c` would also move roadmap item `d`, which repeats its entry through an anchor (`&`); edit the file by hand' });
    });

    it('setting the horizon an item already has through an alias is no edit', () => {
      assert.deepEqual(setHorizonEdits(file(), 'b', 'next'), []);
    });
  });
}

const REFS = `unit: co
objectives:
  O1:
    title: Grow
    key_results:
      KR1: { title: Users, baseline: 1, target: 2 }
      KR2: { title: Teams, baseline: 1, target: 2 }
roadmap:
  a:
    title: &t KR1
    supports: &gone KR9
    hypothesis: We believe A because reasons.
  b:
    title: B
    supports: *gone
    hypothesis: We believe B because reasons.
  c:
    title: C
    supports: &both [KR8, KR2]
    hypothesis: We believe C because reasons.
  g:
    title: G
    supports: *both
    hypothesis: We believe G because reasons.
  w:
    title: W
    supports: &wau KR1
    hypothesis: We believe W because reasons.
  x:
    title: X
    supports: *wau
    hypothesis: We believe X because reasons.
  y:
    title: Y
    supports: *t
    hypothesis: We believe Y because reasons.
  m: &m { title: M, hypothesis: We believe M because reasons. }
  n: *m
`;

function fixes(text: string, code: Code, at: string, n = 0): { title: string; edits: TextEdit[] }[] {
  const f = parseUnitFile('co.okr.yaml', text);
  const index = new CascadeIndex([f]);
  let start = -1;
  for (let i = 0; i <= n; i++) start = text.indexOf(at, start + 1);
  const problem = checkAll(index, { asOf }).get(f.file)!.find((p) => p.code === code && p.span[0] === start);
  assert.ok(problem, `no ${code} at ${at}`);
  return fixesFor({ file: f, index, problem });
}

for (const [eol, conv] of [['LF', (t: string) => t], ['CRLF', crlf]] as const) {
  describe(`quick fixes over anchors (${eol})`, () => {
    const text = conv(REFS);

    it('broken-link on an alias: the alias becomes the suggested reference; the anchor is untouched', () => {
      const [fix] = fixes(text, 'broken-link', '*gone');
      const after = applyEdits(text, fix.edits);
      assert.equal(after, text.replace('supports: *gone', 'supports: KR1'));
      onlyChanged(text, after, 'item:b');
    });

    it('broken-link on the anchored reference: fixed there, and the alias that repeated it keeps the old value', () => {
      const [fix] = fixes(text, 'broken-link', 'KR9');
      const after = applyEdits(text, fix.edits);
      assert.equal(after, text.replace('supports: &gone KR9', 'supports: KR1').replace('supports: *gone', 'supports: &gone KR9'));
      onlyChanged(text, after, 'item:a');
    });

    it('broken-link inside an aliased list: this item gets the list written out with that element fixed', () => {
      const [fix] = fixes(text, 'broken-link', '*both');
      const after = applyEdits(text, fix.edits);
      assert.equal(after, text.replace('supports: *both', 'supports: [KR1, KR2]'));
      onlyChanged(text, after, 'item:g');
    });

    it('untraceable-item on an item written as an alias: it gets its own map merging the other', () => {
      const fix = fixes(text, 'untraceable-item', 'n:').find((x) => x.title.includes('KR1'))!;
      const after = applyEdits(text, fix.edits);
      assert.equal(after, text.replace('  n: *m', '  n: { <<: *m, supports: KR1 }'));
      onlyChanged(text, after, 'item:n');
    });

    it('untraceable-item on an item that another repeats is not offered: it would link that one too', () => {
      assert.deepEqual(fixes(text, 'untraceable-item', 'm:'), []);
    });
  });

  describe(`rename over anchors (${eol})`, () => {
    const text = conv(REFS);
    const rename = (id: string, to: string) => {
      const f = parseUnitFile('co.okr.yaml', text);
      const index = new CascadeIndex([f]);
      const r = renameEdits(index, { kind: 'entity', entity: index.units.get('co')!.entities.get(id)! }, to);
      assert.ok(r.ok, JSON.stringify(r));
      return applyEdits(text, r.edits.get('co.okr.yaml')!);
    };

    it('renaming a KR: the anchored reference is renamed once and the alias that repeats it follows; an alias of other text (a title) is written out', () => {
      const after = rename('KR1', 'KR7');
      const expected = text
        .replace('KR1: { title: Users', 'KR7: { title: Users')
        .replace('supports: &wau KR1', 'supports: &wau KR7')
        .replace('supports: *t', 'supports: KR7');
      assert.equal(after, expected);
      const f = parseUnitFile('co.okr.yaml', after);
      assert.deepEqual(f.items.filter((i) => ['w', 'x', 'y'].includes(i.id)).map((i) => i.supports.map((r) => r.raw)), [['KR7'], ['KR7'], ['KR7']]);
      assert.equal(f.items.find((i) => i.id === 'a')!.title?.value, 'KR1');
    });

    it('renaming a KR named inside an aliased list renames the list once', () => {
      const after = rename('KR2', 'KR5');
      assert.equal(after, text.replace('KR2: { title: Teams', 'KR5: { title: Teams').replace('&both [KR8, KR2]', '&both [KR8, KR5]'));
    });
  });
}

describe('edits over anchors: the model is the judge', () => {
  it('every fix offered on a file full of anchors changes only its own entity', () => {
    const text = REFS;
    const f: UnitFile = parseUnitFile('co.okr.yaml', text);
    const index = new CascadeIndex([f]);
    let checked = 0;
    for (const problem of checkAll(index, { asOf }).get(f.file)!) {
      const owner = [...f.items, ...f.krs].find((e) => e.span[0] <= problem.span[0] && problem.span[1] <= e.span[1]);
      for (const fix of fixesFor({ file: f, index, problem })) {
        const after = applyEdits(text, fix.edits);
        const a = readings(text);
        const b = readings(after);
        for (const key of a.keys()) if (key !== `${owner?.kind}:${owner?.id}`) assert.equal(b.get(key), a.get(key), `${fix.title}: ${key}`);
        checked++;
      }
    }
    assert.ok(checked >= 5, `only ${checked} fixes checked`);
  });
});
