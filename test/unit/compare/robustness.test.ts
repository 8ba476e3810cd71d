/**
 * Bad input never crashes the comparison: each sample file is mutated the
 * way half-typed YAML looks (lines cut, duplicated, re-indented, brackets,
 * quotes, anchors and aliases left open, the file truncated), and the
 * samples compared with the mutation both ways must give a change set that
 * is plain JSON, renders as text and Markdown, and names only files and
 * refs that exist on the side it locates them in.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { compare, planOf, type ChangeSet } from '../../../server/src/core/compare/index';
import { formatChangeSetMarkdown } from '../../../server/src/core/compare/markdown';
import { formatChangeSetText } from '../../../server/src/core/compare/text';
import { parseDay } from '../../../server/src/core/period';
import { REPO } from '../../helpers/fixtures';
import { readTree } from './helper';
import { rng } from './random';

const asOf = parseDay('2026-11-24')!;

const MUTATIONS: ((l: string[], r: () => number) => void)[] = [
  (l, r) => void l.splice(Math.floor(r() * l.length), 1 + Math.floor(r() * 4)),
  (l, r) => { const i = Math.floor(r() * l.length); l.splice(i, 0, l[i] ?? ''); },
  (l, r) => { const i = Math.floor(r() * l.length); l[i] = '  ' + (l[i] ?? ''); },
  (l, r) => { const i = Math.floor(r() * l.length); l[i] = (l[i] ?? '').replace(/^ {2}/, ''); },
  (l, r) => { const i = Math.floor(r() * l.length); l[i] = (l[i] ?? '').slice(0, Math.floor(r() * (l[i]?.length ?? 0))); },
  (l, r) => { const i = Math.floor(r() * l.length); l[i] = (l[i] ?? '') + ['[', '{', '"', "'", ': [KR1,', ' &a', ' *a', '\t', ': |', ' !!str'][Math.floor(r() * 10)]; },
  (l, r) => { const i = Math.floor(r() * l.length); l[i] = (l[i] ?? '').replace(/KR(\d)/, 'KR9$1').replace(/: now/, ': sometime').replace(/^unit: \S+/, 'unit: other'); },
  (l, r) => void l.splice(Math.floor(r() * l.length)),
];

function assertSound(cs: ChangeSet, base: Map<string, string>, head: Map<string, string>, what: string): void {
  assert.deepEqual(JSON.parse(JSON.stringify(cs)), cs, `${what}: plain JSON`);
  assert.ok(formatChangeSetText(cs).endsWith('\n'));
  assert.ok(formatChangeSetMarkdown(cs).startsWith('<!-- okr-diff -->'));
  for (const c of cs.changes) {
    if (c.location) assert.ok(head.has(c.location.file), `${what}: ${c.ref} located in the newer side (${c.location.file})`);
    if (c.before) assert.ok(base.has(c.before.file), `${what}: ${c.ref} located in the older side (${c.before.file})`);
  }
  for (const f of cs.findings.introduced) assert.ok(head.has(f.file), `${what}: introduced ${f.code} in ${f.file}`);
  for (const f of cs.findings.resolved) assert.ok(base.has(f.file), `${what}: resolved ${f.code} in ${f.file}`);
}

describe('compare: half-typed YAML never crashes it', () => {
  it('survives 20 random mutations of each sample file, compared both ways', function () {
    this.timeout(600_000);
    const samples = readTree(join(REPO, 'samples/okrs'));
    const clean = planOf(samples, { asOf, label: {} });
    let changed = 0;
    for (const [fi, key] of [...samples.keys()].entries()) {
      for (let n = 0; n < 20; n++) {
        const r = rng(fi * 1000 + n + 1);
        const lines = samples.get(key)!.split('\n');
        for (let k = 0; k < 1 + Math.floor(r() * 3); k++) MUTATIONS[Math.floor(r() * MUTATIONS.length)](lines, r);
        const mutated = new Map(samples);
        mutated.set(key, lines.join('\n'));
        const bad = planOf(mutated, { asOf, label: {} });
        const what = `${key} seed ${fi * 1000 + n + 1}`;
        const forward = compare(clean, bad, { asOf });
        assertSound(forward, samples, mutated, what);
        assertSound(compare(bad, clean, { asOf }), mutated, samples, `${what} (reversed)`);
        if (forward.changes.length) changed++;
      }
    }
    assert.ok(changed > samples.size * 10, `most mutations change the plan (${changed})`);
  });
});
