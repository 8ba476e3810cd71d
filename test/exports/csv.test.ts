// The CSV export of the injection cascade, parsed back by an RFC 4180 reader:
// every row has the header's 14 fields, every string comes back as written
// (one line breaks and all), and no field starts like a spreadsheet formula.
import { strict as assert } from 'node:assert';
import { CSV_HEADER, toCsv } from '../../server/src/core/export/csv';
import type { Card, RoadmapModel } from '../../server/src/core/roadmap/model';
import { cascade, HOSTILE, models } from './corpus';

/** RFC 4180: fields separated by `,`, records by CRLF, `"…"` quoting with `""` for a quote. Throws on anything else. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let value = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') { value += '"'; i += 2; continue; }
          i++;
          break;
        }
        value += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`a quote inside an unquoted field at ${i}`);
        value += text[i++];
      }
    }
    row.push(value);
    if (text[i] === ',') { i++; continue; }
    if (text.startsWith('\r\n', i)) { rows.push(row); row = []; i += 2; continue; }
    if (i >= text.length) break;
    throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
  if (row.length) rows.push(row);
  return rows;
}

/** The value a spreadsheet user sees: the guard apostrophe is Excel's and LibreOffice's "this is text". */
const unguard = (v: string) => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);

function cards(m: RoadmapModel): Card[] {
  return [...m.lanes.flatMap((l) => l.cards), ...m.unlinked, ...(m.sections ?? []).flatMap((s) => [...s.lanes.flatMap((l) => l.cards), ...s.unlinked])];
}

describe('exports: CSV of the injection cascade, parsed back (RFC 4180)', () => {
  for (const { view, model } of models(cascade(HOSTILE)).filter((m) => m.view !== 'trace')) {
    it(`${view}: one record per card with 14 fields, every value back as written, no formula`, () => {
      const text = toCsv(model);
      assert.ok(text.endsWith('\r\n'));
      const rows = parseCsv(text);
      assert.deepEqual(rows[0], [...CSV_HEADER]);
      const expected = cards(model);
      assert.equal(rows.length - 1, expected.length);
      for (const [i, c] of expected.entries()) {
        const r = rows[i + 1];
        assert.equal(r.length, 14, `row ${i + 1}`);
        const at = (k: (typeof CSV_HEADER)[number]) => unguard(r[CSV_HEADER.indexOf(k)]);
        assert.equal(at('ref'), c.ref);
        assert.equal(at('title'), c.title, `title of ${c.ref}`);
        assert.equal(at('owner'), c.owner ?? '');
        assert.equal(at('hypothesis'), c.hypothesis ?? '');
        assert.equal(at('type'), c.type ?? '');
        assert.equal(at('line'), String(c.location.line));
        for (const v of r) assert.doesNotMatch(v, /^[=+\-@\t\r]/, `no field starts a formula: ${JSON.stringify(v)}`);
      }
    });
  }

  it('the formula guards and the quoting of each kind of dangerous start', () => {
    const rows = parseCsv(toCsv(models(cascade(HOSTILE))[1].model));
    const titles = rows.slice(1).map((r) => r[3]);
    for (const s of ['=HYPERLINK("http://evil.example","x")', '+1', '-1', '@SUM(A1)', '\tTab first', '\rCR first']) {
      assert.ok(titles.includes(`'${s}`), `guarded: ${JSON.stringify(s)}`);
    }
    assert.ok(titles.includes('comma, "quote", end'));
    assert.ok(titles.includes('line one\nline two\n\n# new block\n- list'), 'line breaks kept inside a quoted field');
  });
});
