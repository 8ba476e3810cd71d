/**
 * entityAt (core/navigate/locate.ts): the entity under the cursor, whose card
 * the preview highlights. Lives beside the preview's other edit (set-horizon)
 * as the second thing the preview asks of the source.
 */
import { strict as assert } from 'node:assert';
import { entityAt, refName } from '../../../server/src/core/navigate';
import { parseUnitFile } from '../../../server/src/core/parse';

const TEXT = `unit: shop
objectives:
  O1:
    title: T
    key_results:
      KR1:
        title: K
        # a comment
        target: 3

roadmap:
  a:
    hypothesis: >
      We believe: this
  b: { title: B }   # trailing
`;

const file = parseUnitFile('f.okr.yaml', TEXT);
/** The ref at `line`, `character` (0-based). */
const at = (line: number, character = 0) => {
  const e = entityAt(file, file.lineStarts[line] + character);
  return e ? refName(e) : undefined;
};

describe('navigate: the entity under the cursor', () => {
  it('names the KR, objective or item whose entry holds the line (from any column)', () => {
    assert.equal(at(8), 'shop/KR1');
    assert.equal(at(8, 15), 'shop/KR1', 'the end of the line');
    assert.equal(at(7, 4), 'shop/KR1', 'a comment inside the KR');
    assert.equal(at(5), 'shop/KR1', 'the indentation before its key');
    assert.equal(at(5, 7), 'shop/KR1', 'its key');
    assert.equal(at(3), 'shop/O1', 'the objective\'s own lines');
    assert.equal(at(4, 6), 'shop/O1');
    assert.equal(at(2, 3), 'shop/O1');
    assert.equal(at(13, 10), 'shop/a', 'a block scalar line that looks like a key');
    assert.equal(at(11, 3), 'shop/a');
  });

  it('the trailing comment of a one-line item, and items side by side on one line', () => {
    assert.equal(at(14, 5), 'shop/b');
    assert.equal(at(14, 22), 'shop/b');
    const flow = parseUnitFile('g', 'unit: u\nroadmap: { c: { title: C }, d: { title: D } }\n');
    const id = (needle: string, delta = 0) => entityAt(flow, flow.text.indexOf(needle) + delta)?.id;
    assert.equal(id('C }'), 'c');
    assert.equal(id('d:'), 'd');
    assert.equal(id('D }', 3), 'd');
  });

  it('nothing on unit:, objectives:, roadmap: or a blank line between entries', () => {
    assert.equal(at(0), undefined);
    assert.equal(at(1, 3), undefined);
    assert.equal(at(9), undefined);
    assert.equal(at(10), undefined);
    assert.equal(entityAt(file, TEXT.length), undefined, 'the end of the file');
  });

  it('CRLF files and a file without a unit', () => {
    const crlf = parseUnitFile('g', 'roadmap:\r\n  x:\r\n    title: X   # c\r\n\r\n  y: {}\r\n');
    const ref = (offset: number) => entityAt(crlf, offset)?.id;
    const t = crlf.text;
    assert.equal(ref(t.indexOf('# c') + 3), 'x');
    assert.equal(ref(t.indexOf('\r\n\r\n') + 2), undefined);
    assert.equal(ref(t.indexOf('y:') - 2), 'y');
    assert.equal(refName(entityAt(crlf, t.indexOf('x:'))!), '/x');
  });
});
