import { strict as assert } from 'node:assert';
import { getHeapSpaceStatistics } from 'node:v8';
import { lowMemoryCollect, MemoryTrim } from '../../../server/src/lsp/memory';

const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_size;

describe('giving memory back after the start (lsp/memory.ts)', () => {
  it('a memory-reducing collection shrinks a young generation grown by a burst of allocation', async () => {
    const before = newSpace();
    // Objects that survive scavenges make V8 grow the young generation, as indexing does.
    let keep: { i: number; s: string }[] = [];
    for (let i = 0; i < 2_000_000 && newSpace() <= before; i++) {
      keep.push({ i, s: `item ${i}` });
      if (keep.length > 300_000) keep = keep.slice(150_000);
    }
    const grown = newSpace();
    assert.ok(grown > before, `the young generation grew (${before} -> ${grown} bytes)`);
    keep = [];
    await lowMemoryCollect();
    assert.ok(newSpace() < grown, `shrunk after the collection (${grown} -> ${newSpace()} bytes)`);
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
});
