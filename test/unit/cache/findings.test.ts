/**
 * The findings cache: it answers findings only for exactly the state (every
 * file's content key) and options it was written for, gives them back exactly
 * (codes, severities, messages, spans, data), leaves audience leaks out, and
 * never trusts a file from another build or a damaged one.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FindingsCache, findingsPath, stateOf } from '../../../server/src/cache/findings';
import { contentKey } from '../../../server/src/cache/store';
import { Cascade } from '../../../server/src/core/cascade';
import type { Problem } from '../../../server/src/core/model';

const texts: Record<string, string> = {
  '/w/acme.okr.yaml': 'unit: acme\nlevel: company\nperiod: 2026\nobjectives:\n  O1:\n    title: Grow\n    key_results:\n      KR1: { title: ARR, baseline: 10, target: 20 }\n',
  '/w/pay.okr.yaml': 'unit: payments\nparent: acme\nperiod: 2026\nobjectives:\n  O1:\n    title: Convert\n    key_results:\n      KR1: { title: Conversion, baseline: 60, target: 70, supports: acme/KR9 }\n',
};

describe('the findings cache', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'okr-findings-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const checked = () => {
    const c = new Cascade({ asOf: { y: 2026, m: 11, d: 24 } });
    c.load(Object.entries(texts));
    return c;
  };
  const state = (t: Record<string, string>) => stateOf(Object.entries(t).map(([f, x]) => [f, contentKey(f, x)]));

  it('gives back exactly the findings and totals of the same texts and options, and nothing for any other', async () => {
    const c = checked();
    const path = findingsPath(join(dir, 'okr-models-abc.bin'));
    assert.equal(path, join(dir, 'okr-findings-abc.json'));
    const leak: Problem = { code: 'audience-leak', severity: 'error', message: 'leaks', file: '/w/pay.okr.yaml', span: [0, 4] };
    const all = [...c.allProblems()].map(([f, ps]) => [f, f === '/w/pay.okr.yaml' ? [...ps, leak] : ps] as [string, Problem[]]);
    assert.ok((await FindingsCache.open(path, 'b1')).loaded === false, 'nothing yet');
    assert.equal(await (await FindingsCache.open(path, 'b1')).save(state(texts), c.optionsKey(), all, c.totals()), true);
    const back = (await FindingsCache.open(path, 'b1')).take(state(texts), c.optionsKey());
    assert.ok(back);
    assert.deepEqual([...back.findings], [...c.allProblems()], 'the same findings, the leak left out');
    assert.ok(back.findings.get('/w/pay.okr.yaml')!.some((p) => p.code === 'broken-link' && p.data?.suggestions?.[0] === 'acme/KR1'));
    assert.deepEqual(back.totals, c.totals());

    const edited = { ...texts, '/w/pay.okr.yaml': texts['/w/pay.okr.yaml'].replace('KR9', 'KR1') };
    assert.equal((await FindingsCache.open(path, 'b1')).take(state(edited), c.optionsKey()), undefined, 'one file edited');
    const { ['/w/pay.okr.yaml']: _gone, ...fewer } = texts;
    assert.equal((await FindingsCache.open(path, 'b1')).take(state(fewer), c.optionsKey()), undefined, 'one file gone');
    const other = new Cascade({ asOf: { y: 2026, m: 11, d: 25 } }).optionsKey();
    assert.equal((await FindingsCache.open(path, 'b1')).take(state(texts), other), undefined, 'another day');
    assert.equal((await FindingsCache.open(path, 'b2')).loaded, false, 'another build');
    writeFileSync(path, '{"format":2,"build":"b1","state":');
    assert.equal((await FindingsCache.open(path, 'b1')).loaded, false, 'damaged');
  });

  it('keeps what was published for each file as written, and gives the findings back on demand', async () => {
    const c = checked();
    const path = join(dir, 'okr-findings-r.json');
    const render = (file: string, ps: readonly Problem[]) => JSON.stringify({ file, codes: ps.map((p) => p.code), note: 'caf\u00e9 — “quoted”' });
    assert.equal(FindingsCache.openSync(path, 'b1').saveSync(state(texts), c.optionsKey(), c.allProblems(), c.totals(), { render }), true);
    const back = FindingsCache.openSync(path, 'b1').takeRendered(c.optionsKey(), { state: state(texts) });
    assert.ok(back);
    assert.deepEqual(back.rendered.map(([f, json]) => [f, json?.toString('utf8')]), [...c.allProblems()].map(([f, ps]) => [f, render(f, ps)]));
    assert.deepEqual([...back.findings()], [...c.allProblems()]);
    assert.deepEqual(back.totals, c.totals());
    assert.equal(FindingsCache.openSync(path, 'b1').takeRendered('other options', { state: state(texts) }), undefined);
    // By the quick state saved with them; a quick miss keeps them for a try by state.
    const quick = join(dir, 'okr-findings-q.json');
    FindingsCache.openSync(quick, 'b1').saveSync(state(texts), c.optionsKey(), c.allProblems(), c.totals(), { render, quick: 'q1' });
    assert.ok(FindingsCache.openSync(quick, 'b1').takeRendered(c.optionsKey(), { quick: 'q1' }));
    const twice = FindingsCache.openSync(quick, 'b1');
    assert.equal(twice.takeRendered(c.optionsKey(), { quick: 'q2' }), undefined, 'a file touched since');
    assert.ok(twice.takeRendered(c.optionsKey(), { state: state(texts) }), 'its text unchanged');
    assert.equal(FindingsCache.openSync(quick, 'b1').takeRendered('other options', { quick: 'q1' }), undefined);
    // Saved without a renderer (the CLI): nothing rendered, the findings all the same.
    const plain = join(dir, 'okr-findings-p.json');
    FindingsCache.openSync(plain, 'b1').saveSync(state(texts), c.optionsKey(), c.allProblems(), c.totals());
    assert.ok(FindingsCache.openSync(plain, 'b1').takeRendered(c.optionsKey(), { state: state(texts) })!.rendered.every(([, json]) => json === undefined));
    // A body cut short is not used.
    writeFileSync(path, readFileSync(path).subarray(0, -3));
    assert.equal(FindingsCache.openSync(path, 'b1').loaded, false);
  });

  it('writes nothing when the same state and options are already written', async () => {
    const c = checked();
    const path = join(dir, 'okr-findings-x.json');
    const cache = FindingsCache.openSync(path, 'b1');
    assert.equal(cache.saveSync(state(texts), c.optionsKey(), c.allProblems(), c.totals()), true);
    assert.equal(cache.saveSync(state(texts), c.optionsKey(), c.allProblems(), c.totals()), false);
    assert.equal(FindingsCache.openSync(path, 'b1').saveSync(state(texts), c.optionsKey(), c.allProblems(), c.totals()), false);
  });
});
