// The Trace view's gaps tell the same truth as `okr check`: every finding that breaks
// traceability (broken links, items that support nothing, orphan KRs, KRs nothing
// supports) is listed, at the same place, and nothing else is, except the items whose
// links resolve but lead to no objective of the unit.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { checkAll } from '../../../server/src/core/check';
import { CascadeIndex } from '../../../server/src/core/link';
import { parseUnitFile } from '../../../server/src/core/parse';
import { positionAt } from '../../../server/src/core/text';
import { buildRoadmap } from '../../../server/src/core/roadmap/index';
import type { TraceGap } from '../../../server/src/core/roadmap/model';

const ROOT = join(__dirname, '..', '..', '..');
const asOf = { y: 2026, m: 11, d: 24 };
const TRACE_CODES = new Set(['broken-link', 'unknown-unit', 'link-wrong-kind', 'untraceable-item', 'orphan-kr', 'kr-without-roadmap']);

function okrFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? okrFiles(p) : /\.okr\.ya?ml$/.test(f) ? [p] : [];
  }).sort();
}

function load(dir: string): CascadeIndex {
  return new CascadeIndex(okrFiles(dir).map((f) => parseUnitFile(f, readFileSync(f, 'utf8'))));
}

/** `code file:line:col` of every traceability finding of `okr check` in the units under `unit`. */
function checkFindings(index: CascadeIndex, dir: string, unit: string): string[] {
  const files = new Set(index.descendants(unit).flatMap((u) => u.files.map((f) => f.file)));
  const out: string[] = [];
  for (const [file, problems] of checkAll(index, { asOf })) {
    if (!files.has(file)) continue;
    const f = index.files.find((x) => x.file === file)!;
    for (const p of problems) {
      if (!TRACE_CODES.has(p.code)) continue;
      // `parent: ghost` is a unit link, not a link of the work to a KR.
      if (f.parent && p.span[0] === f.parent.span[0]) continue;
      const pos = positionAt(f.lineStarts, p.span[0]);
      out.push(`${p.code} ${relative(dir, file).split(sep).join('/')}:${pos.line}:${pos.character}`);
    }
  }
  return out.sort();
}

function traceGaps(index: CascadeIndex, dir: string, unit: string): TraceGap[] {
  const m = buildRoadmap(index, { unit, view: 'trace', asOf, path: (f) => relative(dir, f).split(sep).join('/') });
  assert.ok(m.gaps, 'the trace view carries gaps');
  return m.gaps;
}

const asFindings = (gaps: TraceGap[]): string[] =>
  gaps.filter((g) => g.code).map((g) => `${g.code} ${g.location.file}:${g.location.line}:${g.location.character}`).sort();

describe('trace gaps = okr check', () => {
  const cases: [string, string][] = [
    ['test/fixtures/board', 'northwind'],
    ['test/fixtures/board', 'booking'],
    ['test/fixtures/roadmap/trace', 'acme'],
    ['test/fixtures/roadmap/broken-link', 'shop'],
    ['samples/okrs', 'acme'],
    ...readdirSync(join(ROOT, 'samples/mistakes'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d): [string, string] => [`samples/mistakes/${d.name}`, '']),
  ];
  for (const [rel, unitArg] of cases) {
    const dir = join(ROOT, rel);
    const index = load(dir);
    const roots = unitArg ? [unitArg] : [...index.units.values()].filter((u) => !index.parentOf(u.id)).map((u) => u.id);
    for (const unit of roots) {
      it(`${rel} (${unit})`, () => {
        assert.deepEqual(asFindings(traceGaps(index, dir, unit)), checkFindings(index, dir, unit));
      });
    }
  }

  it('the board fixture: every kind of gap, with what to do, as okr check lists them', () => {
    const dir = join(ROOT, 'test/fixtures/board');
    const gaps = traceGaps(load(dir), dir, 'booking');
    assert.deepEqual(gaps.map((g) => `${g.kind} ${g.ref}${g.link ? ` ${g.field}: ${g.link}` : ''}`), [
      'unsupported-kr booking/KR4',
      'untraceable-item booking/waitlist',
      'broken-link booking/waitlist supports: KR9',
      'unlinked-item booking/invoice-export',
      'untraceable-item booking/dark-mode',
      'untraceable-item booking/legacy-cleanup',
      'orphan-kr scheduling/KR2',
      'unsupported-kr scheduling/KR2',
      'broken-link scheduling/edge-cache depends_on: booking/missing-item',
      'untraceable-item scheduling/conflict-check',
      'broken-link scheduling/conflict-check supports: booking/KR77',
    ]);
    const unlinked = gaps.find((g) => g.kind === 'unlinked-item')!;
    assert.equal(unlinked.message, 'supports billing/KR1, which leads to no objective of booking: link it to a KR that does');
    assert.equal(unlinked.code, undefined);
    const broken = gaps.find((g) => g.ref === 'booking/waitlist' && g.kind === 'broken-link')!;
    assert.deepEqual(broken.location, { file: 'booking.okr.yaml', line: 68, character: 14 }, 'at the broken reference');
    assert.match(broken.message, /`supports: KR9` names nothing: there is no KR9 in this unit; point it at a key result that exists/);
  });
});

describe('trace gaps: `# okr-ignore` silences a gap as it silences the finding', () => {
  it('an ignored untraceable item is not a gap; another one still is', () => {
    const text = [
      'unit: solo', 'period: 2026', 'objectives:', '  O1:', '    title: Grow', '    key_results:', '      KR1: { title: Grow, baseline: 1, target: 2 }',
      'roadmap:', '  spike:   # okr-ignore: untraceable-item', '    title: A spike', '  other:', '    title: Another', '    supports: KR1', '  stray:', '    title: Stray',
    ].join('\n');
    const index = new CascadeIndex([parseUnitFile('solo.okr.yaml', text)]);
    const gaps = buildRoadmap(index, { unit: 'solo', view: 'trace', asOf }).gaps!;
    assert.deepEqual(gaps.map((g) => `${g.kind} ${g.ref}`), ['untraceable-item solo/stray']);
    assert.deepEqual(asFindings(gaps), [...checkAll(index, { asOf }).get('solo.okr.yaml')!]
      .filter((p) => TRACE_CODES.has(p.code)).map((p) => `${p.code} solo.okr.yaml:${positionAt(index.files[0].lineStarts, p.span[0]).line}:${positionAt(index.files[0].lineStarts, p.span[0]).character}`));
  });
});
