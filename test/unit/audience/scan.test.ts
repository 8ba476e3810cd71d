import { strict as assert } from 'node:assert';
import { decode, findDates, Needles, words } from '../../../server/src/core/audience/scan';

describe('audience: the text scan', () => {
  it('words: letters and digits of any script, lowercased; - and _ and markup separate', () => {
    assert.deepEqual(words('ACME-Bank_pilot <b>Zürich</b> 2026 naïve ÉTÉ'), ['acme', 'bank', 'pilot', 'b', 'zürich', 'b', '2026', 'naïve', 'été']);
    assert.deepEqual(words(''), []);
    assert.deepEqual(words('𝔄bc def'), ['𝔄bc', 'def']);
  });

  it('whole words only: "ACME Bank" is found in acme-bank and ACME  BANK, never in ACMEBank or acme banking', () => {
    const n = new Needles([words('ACME Bank'), words('Falcon')]);
    assert.deepEqual([...n.find(words('Talk to acme-bank'))], [0]);
    assert.deepEqual([...n.find(words('ACME  BANK rocks'))], [0]);
    assert.deepEqual([...n.find(words('ACMEBank and acme banking'))], []);
    assert.deepEqual([...n.find(words('Falconry is not Falcons'))], []);
    assert.deepEqual([...n.find(words('project_falcon'))], [1]);
  });

  it('decode reads JSON, HTML, Markdown and Mermaid escapes before the scan', () => {
    assert.equal(decode('F\\u0061lcon'), 'Falcon');
    assert.equal(decode('Fal&#99;on &amp; F&#x61;lcon &quot;x&quot;'), 'Falcon & Falcon "x"');
    assert.equal(decode('ACME\\_Bank \\*x\\*'), 'ACME_Bank *x*');
    assert.equal(decode('ACME#32;Bank'), 'ACME Bank');
    assert.equal(decode('line\\nbreak'), 'line\nbreak');
  });

  it('findDates: ISO and written dates and quarters; a year, a half or a month alone is not one', () => {
    assert.deepEqual(findDates('ship 2026-09-30, then 2026-Q4 or Q1 2027 / Q2\'27, by Sep 2026 or 30 September 2026; also Q3'),
      ['2026-09-30', '2026-q4', 'q1 2027', "q2'27", 'sep 2026', '30 september 2026', 'q3']);
    assert.deepEqual(findDates('period 2026 and 2026-H2, in May we may ship; Q5 and 2026-13'), []);
  });
});
