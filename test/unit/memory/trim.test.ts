import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { fullCollect, MemoryTrim } from '../../../server/src/lsp/memory';

describe('one full collection after the start (lsp/memory.ts)', () => {
  it('fullCollect runs a full mark-compact collection in process, without --expose-gc on the command line', async () => {
    assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'mocha runs without --expose-gc');
    const isMajor = (e: PerformanceEntry) => (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR;
    let obs!: PerformanceObserver;
    // Entries are delivered on a later turn; without a major collection, this never resolves and the test times out.
    const major = new Promise<PerformanceEntry>((resolve) => {
      obs = new PerformanceObserver((list) => {
        const found = list.getEntries().find(isMajor);
        if (found) resolve(found);
      });
      obs.observe({ entryTypes: ['gc'] });
    });
    await fullCollect();
    assert.ok((await major).duration >= 0);
    obs.disconnect();
    assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'gc is not exposed to the server\'s own context');
  });

  it('collects once after the last kick, and an edit meanwhile puts it off', async () => {
    const events: string[] = [];
    let done!: () => void;
    const collected = new Promise<void>((resolve) => (done = resolve));
    const trim = new MemoryTrim(async () => {
      events.push('collect');
      done();
    }, 5);
    trim.kick();
    trim.kick();
    trim.postpone();
    await collected;
    // A later edit with nothing pending schedules nothing.
    trim.postpone();
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.deepEqual(events, ['collect']);
    assert.equal(trim.collections, 1);
    trim.dispose();
  });

  describe('the heap it leaves (a child process each: V8 flags are process-wide)', function () {
    this.timeout(60_000);
    const child = (mode: string) => Number(execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'heap-child.ts'), mode], { encoding: 'utf8' }).split(' ')[0]);

    it('keepYoungGenerationSmall: a busy allocation leaves the young generation at its first size, not doubled up to 32 MB', () => {
      const grown = child('young');
      const small = child('young-small');
      assert.ok(grown >= 16 << 20, `without it V8 grows the young generation (${grown} bytes)`);
      assert.ok(small <= 8 << 20, `with it: ${small} bytes`);
    });

    it('the collection after the start compacts a small heap: half-empty old pages are given back', () => {
      const ordinary = child('ordinary');
      const compacted = child('compact');
      assert.ok(compacted < ordinary * 0.8, `old space committed: ${compacted} bytes compacted, ${ordinary} after an ordinary collection`);
    });
  });
});
