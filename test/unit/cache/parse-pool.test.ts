/**
 * How many parse workers a CLI run starts (cache/parse-pool.ts cliWorkersFor):
 * none for a small cascade, none on a machine whose cores were busy while the
 * run started, one per idle core beside the main thread otherwise; the
 * environment variable forces a number, within what the batches keep busy.
 */
import { strict as assert } from 'node:assert';
import { availableParallelism } from 'node:os';
import { cliWorkersFor, cpuSample, idleCoresSince, type CpuSample } from '../../../server/src/cache/parse-pool';

/** A sample `ms` before now in which the cores were idle for `idleShare` of the time. */
const before = (ms: number, idleShare: number): CpuSample => cpuSample().map((c) => ({ idle: c.idle - ms * idleShare, total: c.total - ms }));

describe('cache: parse workers for a CLI run', () => {
  const cores = availableParallelism();

  it('every core idle since the start: one worker per core beside this thread (at most 3); busy cores: none', () => {
    const idle = before(2000, 1);
    assert.ok(Math.abs(idleCoresSince(idle)! - cores) < 0.2, `${idleCoresSince(idle)} idle of ${cores}`);
    assert.equal(cliWorkersFor(1000, {}, idle), Math.min(3, cores - 1));
    assert.equal(cliWorkersFor(1000, {}, before(2000, 0)), 0);
    // Half of each core taken by others: on 2 cores, one idle core in all, which is this thread's.
    if (cores === 2) assert.equal(cliWorkersFor(1000, {}, before(2000, 0.5)), 1);
  });

  it('a small cascade parses on one thread; too short a window to tell falls back to the load average', () => {
    assert.equal(cliWorkersFor(59, {}, before(2000, 1)), 0);
    assert.equal(idleCoresSince(before(5, 1)), undefined);
    assert.ok(cliWorkersFor(1000, {}, before(5, 1)) <= Math.min(3, cores - 1));
  });

  it('OKR_PARSE_WORKERS forces the number, but never more than the batches keep busy (two batches of 24 files each)', () => {
    const busy = before(2000, 0);
    assert.equal(cliWorkersFor(1000, { OKR_PARSE_WORKERS: '2' }, busy), 2);
    assert.equal(cliWorkersFor(1000, { OKR_PARSE_WORKERS: '0' }, before(2000, 1)), 0);
    assert.equal(cliWorkersFor(60, { OKR_PARSE_WORKERS: '2' }, busy), 1);
    assert.equal(cliWorkersFor(20, { OKR_PARSE_WORKERS: '2' }, busy), 0);
  });
});
