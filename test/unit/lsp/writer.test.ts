/** The stdio BatchWriter (lsp/writer.ts): messages of one turn in one write, in order; flushNow writes them at once. */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { BatchWriter } from '../../../server/src/lsp/writer';

function sink() {
  const writes: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      writes.push(chunk.toString('utf8'));
      done();
    },
  });
  return { out, writes };
}

const framed = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('lsp BatchWriter', () => {
  it('writes the messages of one turn in one write, in order, with their byte lengths (UTF-8)', async () => {
    const { out, writes } = sink();
    const w = new BatchWriter(out);
    const a = w.write({ jsonrpc: '2.0', method: 'a', params: { t: 'über' } } as never);
    const b = w.writeJson('{"jsonrpc":"2.0","method":"b"}');
    assert.equal(writes.length, 0, 'nothing written before the end of the turn');
    await Promise.all([a, b]);
    assert.deepEqual(writes, [framed('{"jsonrpc":"2.0","method":"a","params":{"t":"über"}}') + framed('{"jsonrpc":"2.0","method":"b"}')]);
  });

  it('a message given as UTF-8 parts (cached findings) goes out in order with the others, its length in bytes', async () => {
    const { out, writes } = sink();
    const w = new BatchWriter(out);
    const parts = [Buffer.from('{"m":"caf'), Buffer.from('é — 𝄞"}')];
    await Promise.all([w.writeJson('{"m":"a"}'), w.writeJson(parts), w.writeJson('{"m":"ü"}')]);
    assert.deepEqual(writes, [framed('{"m":"a"}') + framed('{"m":"café — 𝄞"}') + framed('{"m":"ü"}')]);
    assert.match(writes[0], /Content-Length: 22\r\n\r\n\{"m":"café — 𝄞"\}/);
  });

  it('flushNow writes what is queued at once; the end of the turn then writes only what came after, never an empty chunk', async () => {
    const { out, writes } = sink();
    const w = new BatchWriter(out);
    const a = w.writeJson('{"m":1}');
    const b = w.writeJson('{"m":2}');
    w.flushNow();
    assert.deepEqual(writes, [framed('{"m":1}') + framed('{"m":2}')], 'written in this turn');
    const c = w.writeJson('{"m":3}');
    await Promise.all([a, b, c]);
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.deepEqual(writes, [framed('{"m":1}') + framed('{"m":2}'), framed('{"m":3}')]);
    w.flushNow(); // nothing queued: nothing written
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(writes.length, 2);
  });
});
