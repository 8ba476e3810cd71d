/**
 * CascadeIndex.clone: a copy that updates on its own. A diff builds the base
 * side's index once, walks a copy of it to the head side (compare/reach.ts)
 * and checks the base side on the original: after any walk the original must
 * still be exactly a build of the base side's files, and the copy exactly a
 * build of the head side's (units, entities, parents and children, who
 * supports and depends on what, who refers to whom, loops).
 */
import { strict as assert } from 'node:assert';
import { CascadeIndex } from '../../../server/src/core/link';
import type { Entity, UnitFile } from '../../../server/src/core/model';
import { diffSides, historyStep } from '../compare/history-edits';
import { randomCascade, rng } from '../compare/random';

const name = (e: Entity) => `${e.unit}/${e.id}@${e.file}:${e.keySpan[0]}`;
const byKey = (a: UnitFile, b: UnitFile) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/** Everything an index answers, in a form two indexes can be compared by (order of sets and maps aside). */
function shape(index: CascadeIndex) {
  const inner = index as unknown as {
    supporters: Map<string, Map<string, Entity[]>>;
    contributions: Map<string, unknown>;
    byParent: Map<string, { id: string }[]>;
  };
  const sorted = <T>(xs: Iterable<T>, key: (x: T) => string = String) => [...xs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const loops = new Map<number, string[]>();
  for (const [key, id] of index.loopMembers()) (loops.get(id) ?? loops.set(id, []).get(id)!).push(key);
  return {
    files: index.files.map((f) => f.file),
    units: sorted(index.units.values(), (u) => u.id).map((u) => ({
      id: u.id,
      files: u.files.map((f) => f.file),
      primary: u.primary.file,
      parent: u.parent,
      entities: [...u.entities].map(([id, e]) => [id, name(e)]),
      children: u.children.map((c) => c.id),
      sameChildren: u.children === inner.byParent.get(u.id),
    })),
    byParent: sorted(inner.byParent, ([p]) => p).filter(([, l]) => l.length).map(([p, l]) => [p, l.map((u) => u.id)]),
    dependents: sorted(index.dependents, ([k]) => k).map(([k, l]) => [k, l.map(name)]),
    referrers: sorted(index.referrers, ([k]) => k).map(([k, s]) => [k, sorted(s)]),
    supporters: sorted(inner.supporters, ([u]) => u).map(([u, ids]) => [u, sorted(ids, ([id]) => id).map(([id, l]) => [id, l.map(name)])]),
    contributions: sorted(inner.contributions.keys()),
    loops: sorted([...loops.values()].map((m) => sorted(m).join(' '))),
  };
}

describe('CascadeIndex.clone: a copy walked to another side leaves the original as built', () => {
  it('on 30 random histories of three steps, the original equals a build of the base side and the walked copy a build of the head side', function () {
    this.timeout(300_000);
    let steps = 0;
    for (let seed = 500; seed < 530; seed++) {
      const g = randomCascade(seed, 5 + (seed % 4));
      const r = rng(seed * 13 + 5);
      let before = g.files;
      for (let s = 0; s < 3; s++) {
        const { files: after, did } = historyStep(before, r);
        const what = `seed ${seed} step ${s}: ${did.join(', ')}`;
        const { base, head } = diffSides(before, after);
        const byFile = new Map(base.map((f) => [f.file, f]));
        const original = new CascadeIndex(base.slice().sort(byKey));
        // Loops known or not before the copy: both ways must hold.
        if (s % 2) original.loopMembers();
        const copy = original.clone();
        const headByFile = new Map(head.map((f) => [f.file, f]));
        for (const f of base) if (headByFile.get(f.file) !== f) copy.update(f, headByFile.get(f.file));
        for (const f of head) if (!byFile.has(f.file)) copy.update(undefined, f);
        assert.deepStrictEqual(shape(original), shape(new CascadeIndex(base.slice().sort(byKey))), `${what}: the original is unchanged`);
        assert.deepStrictEqual(shape(copy), shape(new CascadeIndex(head.slice().sort(byKey))), `${what}: the copy is the head side's`);
        steps++;
        before = after;
      }
    }
    assert.equal(steps, 90);
  });
});
