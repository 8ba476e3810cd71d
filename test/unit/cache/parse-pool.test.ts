/**
 * How many parse workers a run starts (cache/parse-pool.ts): none unless
 * OKR_PARSE_WORKERS asks (the fast reader makes a worker cost more than it
 * saves), and for the CLI never more than the batches keep busy.
 */
import { strict as assert } from 'node:assert';
import { cliWorkersFor, workersFor } from '../../../server/src/cache/parse-pool';

describe('cache: parse workers', () => {
  it('none by default, for any size, in the server and the CLI', () => {
    assert.equal(workersFor({}), 0);
    assert.equal(cliWorkersFor(5000, {}), 0);
    assert.equal(cliWorkersFor(5000, { OKR_PARSE_WORKERS: 'many' }), 0);
  });

  it('OKR_PARSE_WORKERS sets the number (at most 8), the CLI never more than two batches of 24 files each keep busy', () => {
    assert.equal(workersFor({ OKR_PARSE_WORKERS: '2' }), 2);
    assert.equal(workersFor({ OKR_PARSE_WORKERS: '20' }), 8);
    assert.equal(cliWorkersFor(1000, { OKR_PARSE_WORKERS: '2' }), 2);
    assert.equal(cliWorkersFor(1000, { OKR_PARSE_WORKERS: '0' }), 0);
    assert.equal(cliWorkersFor(60, { OKR_PARSE_WORKERS: '2' }), 1);
    assert.equal(cliWorkersFor(20, { OKR_PARSE_WORKERS: '2' }), 0);
  });
});
