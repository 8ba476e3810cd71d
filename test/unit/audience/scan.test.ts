import { strict as assert } from 'node:assert';
import { Matcher } from '../../../server/src/core/audience/matcher';
import { decode, findDates, words } from '../../../server/src/core/audience/scan';

describe('audience: the text scan', () => {
  it('words: letters and digits of any script, lowercased; - and _ and markup separate', () => {
    assert.deepEqual(words('ACME-Bank_pilot <b>Zürich</b> 2026 naïve ÉTÉ'), ['acme', 'bank', 'pilot', 'b', 'zürich', 'b', '2026', 'naïve', 'été']);
    assert.deepEqual(words(''), []);
    assert.deepEqual(words('𝔄bc def'), ['𝔄bc', 'def']);
  });

  it('whole words only: "ACME Bank" is found in acme-bank and ACME  BANK, never in ACMEBank or acme banking', () => {
    const n = new Matcher([words('ACME Bank'), words('Falcon')]);
    const find = (text: string) => [...n.find(text.toLowerCase())];
    assert.deepEqual(find('Talk to acme-bank'), [0]);
    assert.deepEqual(find('ACME  BANK rocks'), [0]);
    assert.deepEqual(find('ACMEBank and acme banking'), []);
    assert.deepEqual(find('Falconry is not Falcons'), []);
    assert.deepEqual(find('project_falcon'), [1]);
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
    // a date glued to a letter or digit before it is not one (xQ3, 12026-09-30, 𝔄Q3), after punctuation it is
    assert.deepEqual(findDates('xQ3 12026-09-30 𝔄Q3 (Q3) é2026-Q1 and -2026-Q2'), ['q3', 'q1', '2026-q2']);
    // the same dates as one expression with the boundary as a lookbehind (what the scan did before it was checked by hand)
    const lookbehind = /(?<![\p{L}\p{N}])(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?![\p{L}\p{N}])|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?![\p{L}\p{N}])|\d{4}[- ]?q[1-4]|q[1-4](?:\s*[-/']\s*|\s+)(?:\d{4}|\d{2})|q[1-4])(?![\p{L}\p{N}])/giu;
    const parts = ['2026-09-30', 'Q3', '2026', '-', ' ', 'x', 'é', '𝔄', '/', "'", '26', '1'];
    let seed = 11;
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: 12 }, () => parts[(seed = (seed * 1103515245 + 12345) & 0x7fffffff) % parts.length]).join('');
      assert.deepEqual(findDates(text), [...text.matchAll(lookbehind)].map((m) => m[0].toLowerCase().replace(/\s+/g, ' ')), text);
    }
  });

  it('the matcher: sequences sharing first words, one inside another, overlapping, after any script', () => {
    const list = [words('Falcon'), words('Falcon Bank'), words('Falcon Bank pilot'), words('bank pilot'), words('Zürich')];
    const n = new Matcher(list);
    const find = (text: string) => [...n.find(text.toLowerCase())].sort();
    assert.deepEqual(find('the FALCON-bank pilot'), [0, 1, 2, 3]);
    assert.deepEqual(find('falcon banking pilot'), [0]);
    assert.deepEqual(find('"falcon",\n  "bank"'), [0, 1]);
    assert.deepEqual(find('éfalcon 𝔄falcon ZÜRICH'), [4]);
    assert.deepEqual(find('bank pilotless, falcon bank'), [0, 1]);
    assert.deepEqual(new Matcher([]).find('falcon').size, 0);
  });

  it('the matcher finds exactly what a scan of the words finds (generated texts and sequences)', () => {
    const vocab = ['acme', 'Bank', 'falcon', 'ß', 'été', 'q3', '2026', 'x1', 'ÉTÉ', 'bank'];
    const seps = [' ', '-', '_', '  ', '\n', '", "', '<b>', '.'];
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let round = 0; round < 200; round++) {
      const seqs = Array.from({ length: 1 + rnd(6) }, () => Array.from({ length: 1 + rnd(3) }, () => vocab[rnd(vocab.length)]).join(' ')).map(words);
      const text = Array.from({ length: rnd(30) }, () => vocab[rnd(vocab.length)] + seps[rnd(seps.length)]).join('');
      const tokens = words(text);
      const expected = seqs.map((q, i) => (tokens.some((_, k) => q.every((w, j) => tokens[k + j] === w)) ? i : -1)).filter((i) => i >= 0);
      assert.deepEqual([...new Matcher(seqs).find(text.toLowerCase())].sort((a, b) => a - b), expected, `${JSON.stringify(text)} ${JSON.stringify(seqs)}`);
    }
  });
});
