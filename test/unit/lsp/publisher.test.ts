/**
 * The Publisher over stdio sends each file's diagnostics from their cached
 * JSON (lsp/diagnostics.ts): the bytes must be exactly what the stock path
 * (sendDiagnostics, JSON.stringify of the whole message) would write, through
 * renames, line moves and edits that keep findings as they were.
 */
import assert from 'node:assert/strict';
import { Cascade } from '../../../server/src/core/cascade';
import { EARLY_BATCH, Publisher } from '../../../server/src/lsp/diagnostics';

/** What a RawWriter was handed, as text. */
const text = (json: string | Buffer[]) => (typeof json === 'string' ? json : Buffer.concat(json).toString('utf8'));

const asOf = { y: 2026, m: 11, d: 24 };
const files: Record<string, string> = {
  'file:///w/acme.okr.yaml': `unit: acme
level: company
period: 2026
objectives:
  O1:
    title: Grow "fast" — über
    key_results:
      KR1: { title: ARR, baseline: 10, target: 20, current: 11 }
      KR2: { title: NRR, baseline: 100, target: 110 }
`,
  'file:///w/a.okr.yaml': `unit: a
parent: acme
period: 2026
objectives:
  O1:
    title: A
    key_results:
      KR1: { title: A1, baseline: 1, target: 2, current: 1, supports: acme/KR1 }
      KR2: { title: A2, baseline: 1, target: 2, supports: acme/KR9 }
roadmap:
  tidy: { title: Tidy, hypothesis: it helps, horizon: later }
`,
};

/** Both paths over the same cascade: what each writes for a set of files. */
function pair(cascade: Cascade, versions: Map<string, number>) {
  const ws = { cascade, uriOf: (k: string) => k, document: (k: string) => (versions.has(k) ? { version: versions.get(k) } : undefined) };
  const sent: { raw: string[]; stock: string[]; flushedAt: number[] } = { raw: [], stock: [], flushedAt: [] };
  const conn = (out: string[]) => ({
    sendDiagnostics: (params: unknown) => (out.push(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params })), Promise.resolve()),
    sendNotification: () => Promise.resolve(),
  });
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const raw = new Publisher(conn([]) as any, () => ws as any, {} as any, { writeJson: (json) => (sent.raw.push(text(json)), Promise.resolve()), flushNow: () => void sent.flushedAt.push(sent.raw.length) });
  const stock = new Publisher(conn(sent.stock) as any, () => ws as any, {} as any);
  /* eslint-enable @typescript-eslint/no-explicit-any */
  return {
    publish(keys: string[]) {
      sent.raw.length = 0;
      sent.stock.length = 0;
      sent.flushedAt.length = 0;
      raw.publish(keys);
      // Written at once, after every file's diagnostics were queued.
      assert.deepEqual(sent.flushedAt, [keys.length]);
      stock.publish(keys);
      return { raw: sent.raw.slice(), stock: sent.stock.slice() };
    },
  };
}

describe('lsp Publisher: diagnostics sent from their cached JSON', () => {
  it('writes byte for byte what JSON.stringify of the message writes, through a rename and back, a line moved and a file gone', () => {
    const cascade = new Cascade({ asOf });
    cascade.load(Object.entries(files));
    const versions = new Map([['file:///w/acme.okr.yaml', 3]]);
    const p = pair(cascade, versions);
    const all = Object.keys(files);
    const first = p.publish(all);
    assert.equal(first.raw.length, 2);
    assert.deepEqual(first.raw, first.stock);
    const a = JSON.parse(first.raw[1]).params;
    assert.equal(a.version, undefined);
    assert.deepEqual(a.diagnostics.map((d: { code: string }) => d.code), ['behind-pace', 'kr-without-roadmap', 'kr-without-roadmap', 'broken-link', 'untraceable-item', 'weak-hypothesis']);
    assert.equal(JSON.parse(first.raw[0]).params.version, 3);
    const acme = 'file:///w/acme.okr.yaml';
    const edits = [
      files[acme].replace('KR1: { title: ARR', 'KR51: { title: ARR'),
      files[acme],
      `# a comment line moves every finding one line down\n${files[acme]}`,
      files[acme],
    ];
    for (const [i, text] of edits.entries()) {
      versions.set(acme, 4 + i);
      const changed = cascade.update(acme, text);
      assert.ok(changed.size >= 1, `edit ${i} changes findings`);
      const out = p.publish([...changed]);
      assert.deepEqual(out.raw, out.stock, `edit ${i}`);
      // Everything published is the cascade's findings at this moment.
      for (const json of out.raw) assert.equal(JSON.parse(json).params.diagnostics.length, cascade.problems(JSON.parse(json).params.uri).length);
    }
    // Published early while the edit is checked (the edited file written at once), then the edit's publish: the same messages, each once.
    versions.set(acme, 20);
    const early: string[] = [];
    const flushed: number[] = [];
    const ws = { cascade, uriOf: (k: string) => k, document: (k: string) => (versions.has(k) ? { version: versions.get(k) } : undefined) };
    const conn = { sendDiagnostics: () => Promise.resolve(), sendNotification: () => Promise.resolve() };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const streaming = new Publisher(conn as any, () => ws as any, {} as any, { writeJson: (json) => (early.push(text(json)), Promise.resolve()), flushNow: () => void flushed.push(early.length) });
    const changed = cascade.update(acme, edits[0], undefined, (key) => streaming.publishEarly(key));
    assert.deepEqual(flushed, [1], 'the edited file is written as soon as it is checked, before the file it breaks');
    assert.equal(JSON.parse(early[0]).params.uri, acme);
    streaming.publish([...changed]);
    assert.deepEqual(flushed, [1, changed.size], 'the rest written with the publish, nothing sent twice');
    assert.deepEqual(early, p.publish([...changed]).stock, 'the messages and their order are those of publishing at the end');

    // Many dependants: written EARLY_BATCH at a time while the rest are checked, the rest with the publish; the same messages in the same order.
    const many = new Cascade({ asOf });
    const products = Array.from({ length: 20 }, (_, i) => [`file:///w/p${String(i).padStart(2, '0')}.okr.yaml`, files['file:///w/a.okr.yaml'].replace('unit: a', `unit: p${i}`)] as [string, string]);
    many.load([[acme, files[acme]], ...products]);
    const sentMany: string[] = [];
    const flushedMany: number[] = [];
    const manyWs = { cascade: many, uriOf: (k: string) => k, document: () => undefined };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const batched = new Publisher(conn as any, () => manyWs as any, {} as any, { writeJson: (json) => (sentMany.push(text(json)), Promise.resolve()), flushNow: () => void flushedMany.push(sentMany.length) });
    const renamed = many.update(acme, edits[0], undefined, (key) => batched.publishEarly(key));
    assert.equal(renamed.size, 21, 'the company file and the 20 naming its KR');
    assert.equal(EARLY_BATCH, 8);
    assert.deepEqual(flushedMany, [1, 9, 17], 'the edited file alone, then 8 at a time while checking');
    batched.publish([...renamed]);
    assert.deepEqual(flushedMany, [1, 9, 17, 21], 'the last 4 with the publish');
    const stockMany = pair(many, new Map()).publish([...renamed]).stock;
    assert.deepEqual(sentMany, stockMany, 'each file once, in the order of publishing at the end');

    cascade.remove('file:///w/a.okr.yaml');
    const gone = p.publish(['file:///w/a.okr.yaml']);
    assert.deepEqual(gone.raw, gone.stock);
    assert.deepEqual(JSON.parse(gone.raw[0]).params, { uri: 'file:///w/a.okr.yaml', diagnostics: [] });
  });
  it('a file published again with the same findings at the same ranges as one of its last two messages is written from those bytes: a rename and back, twice', () => {
    const cascade = new Cascade({ asOf });
    cascade.load(Object.entries(files));
    const acme = 'file:///w/acme.okr.yaml';
    const a = 'file:///w/a.okr.yaml';
    const handed: { uri: string; bytes: Buffer }[] = [];
    const ws = { cascade, uriOf: (k: string) => k, document: () => undefined };
    const conn = { sendDiagnostics: () => Promise.resolve(), sendNotification: () => Promise.resolve() };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const p = new Publisher(conn as any, () => ws as any, {} as any, {
      writeJson: (json) => {
        assert.ok(Array.isArray(json) && json.length === 1);
        handed.push({ uri: JSON.parse(json[0].toString('utf8')).params.uri, bytes: json[0] });
        return Promise.resolve();
      },
      flushNow: () => undefined,
    });
    const stock = pair(cascade, new Map());
    const of = (uri: string) => handed.filter((h) => h.uri === uri).at(-1)!.bytes;
    const states = [files[acme].replace('KR1: { title: ARR', 'KR51: { title: ARR'), files[acme]];
    const seen: Buffer[] = [];
    p.publish([acme, a]);
    for (let round = 0; round < 3; round++) {
      for (const text of states) {
        const changed = cascade.update(acme, text);
        assert.ok(changed.has(a), 'the rename and its undo change a');
        p.publish([...changed]);
        // Byte for byte what the stock path writes.
        const expected = stock.publish([...changed]).stock;
        assert.deepEqual([...changed].map((k) => of(k).toString('utf8')), expected);
        seen.push(of(a));
      }
    }
    // a's first publish after the load is not kept (see Publisher.published); from the rename on, each state's bytes are reused.
    assert.notEqual(seen[0], seen[1], 'two states, two messages');
    assert.equal(seen[2], seen[0], 'the rename again: the same bytes, not encoded again');
    assert.equal(seen[3], seen[1], 'its undo again: the same bytes');
    assert.equal(seen[4], seen[0]);
    assert.equal(seen[5], seen[1]);
    // A line moved: the same findings at other ranges, a new message.
    cascade.update(acme, states[0]);
    cascade.update(a, `# one line more\n${files[a]}`);
    p.publish([a]);
    assert.notEqual(of(a), seen[0]);
    assert.equal(of(a).toString('utf8'), stock.publish([a]).stock[0]);
  });
});
