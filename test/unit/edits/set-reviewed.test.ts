/**
 * setReviewedEdits: the edit behind OKR: Mark Reviewed. Each case states the
 * exact text after the edit; the result parses with the new `reviewed` and
 * nothing else of the file changed.
 */
import { strict as assert } from 'node:assert';
import { setReviewedEdits } from '../../../server/src/core/edits/set-reviewed';
import { parseUnitFile } from '../../../server/src/core/parse';
import { applyEdits } from '../../../server/src/core/text-edit';

const DAY = '2026-11-24';

function edited(text: string, date = DAY): string {
  const r = setReviewedEdits(parseUnitFile('/x.okr.yaml', text), date);
  if (!Array.isArray(r)) throw new Error(r.error);
  const out = applyEdits(text, r);
  const f = parseUnitFile('/x.okr.yaml', out);
  assert.equal(f.syntaxErrors, false, out);
  assert.equal(f.reviewed?.value, date, out);
  return out;
}

describe('setReviewedEdits (OKR: Mark Reviewed)', () => {
  const cases: [what: string, before: string, after: string][] = [
    ['replaces the date on its exact span, keeping a comment', 'unit: a\nperiod: 2026\nreviewed: 2026-01-15   # last QBR\nobjectives: {}\n', 'unit: a\nperiod: 2026\nreviewed: 2026-11-24   # last QBR\nobjectives: {}\n'],
    ['keeps the quotes it was written with', "unit: a\nreviewed: '2026-01-15'\n", "unit: a\nreviewed: '2026-11-24'\n"],
    ['keeps double quotes too', 'unit: a\nreviewed: "2026-01-15"\n', 'unit: a\nreviewed: "2026-11-24"\n'],
    ['fills `reviewed:` written without a value', 'unit: a\nreviewed:\nperiod: 2026\n', 'unit: a\nreviewed: 2026-11-24\nperiod: 2026\n'],
    ['fills an empty value before a comment', 'unit: a\nreviewed:   # when?\n', 'unit: a\nreviewed: 2026-11-24   # when?\n'],
    ['adds a line after `period:` when absent, the period\'s comment staying where it is', 'unit: a\nname: A\nperiod: 2026-H2   # the half\ncapacity: 3\nobjectives:\n  O1:\n    title: x\n', 'unit: a\nname: A\nperiod: 2026-H2   # the half\nreviewed: 2026-11-24\ncapacity: 3\nobjectives:\n  O1:\n    title: x\n'],
    ['without a period: after parent / level / name / unit', 'unit: a\nlevel: team\nparent: b\nobjectives: {}\n', 'unit: a\nlevel: team\nparent: b\nreviewed: 2026-11-24\nobjectives: {}\n'],
    ['period written last, without a final line break', 'unit: a\nperiod: 2026', 'unit: a\nperiod: 2026\nreviewed: 2026-11-24'],
    ['CRLF line breaks stay CRLF', 'unit: a\r\nperiod: 2026\r\nowner: Dana\r\n', 'unit: a\r\nperiod: 2026\r\nreviewed: 2026-11-24\r\nowner: Dana\r\n'],
    ['comments and a document start before the keys', '# Payments\n---\nunit: a\nperiod: 2026\n', '# Payments\n---\nunit: a\nperiod: 2026\nreviewed: 2026-11-24\n'],
    ['a flow-map file gets `, reviewed: DATE`', '{ unit: a, period: 2026 }\n', '{ unit: a, period: 2026, reviewed: 2026-11-24 }\n'],
    ['a file with only other keys: first line', 'objectives: {}\nunit: a\n', 'objectives: {}\nunit: a\nreviewed: 2026-11-24\n'],
  ];
  for (const [what, before, after] of cases) it(what, () => assert.equal(edited(before), after));

  it('the date it already has is no edit', () => {
    assert.deepEqual(setReviewedEdits(parseUnitFile('/x.okr.yaml', 'unit: a\nreviewed: 2026-11-24\n'), DAY), []);
  });

  it('refuses what it cannot do safely, saying why', () => {
    const err = (text: string, date = DAY) => {
      const r = setReviewedEdits(parseUnitFile('/x.okr.yaml', text), date);
      return Array.isArray(r) ? 'no error' : r.error;
    };
    assert.match(err('unit: a\n', '2026-02-30'), /not a date/);
    assert.match(err('unit: a\nobjectives: [\n'), /syntax errors/);
    assert.match(err('- just\n- a list\n'), /not a unit/);
    assert.match(err('unit: a\nreviewed: [2026-01-01]\n'), /not a single value/);
  });
});
