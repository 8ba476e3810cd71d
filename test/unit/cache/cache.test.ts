/**
 * The model cache: the codec gives back exactly the model it was given
 * (values, absent vs undefined keys, Maps and Sets, shared objects); a pack
 * answers only the file and text it was written for; a damaged pack is never
 * trusted; `okr check` gives the same output with and without the cache.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliCacheDir } from '../../../server/src/cache/cli-cache';
import { Decoder, DecodeError, Encoder } from '../../../server/src/cache/codec';
import { ModelCache } from '../../../server/src/cache/store';
import { Readable } from 'node:stream';
import { main as cli } from '../../../server/src/cli';
import type { UnitFile } from '../../../server/src/core/model';
import { parseUnitFile } from '../../../server/src/core/parse';
import { generateCascade } from '../../helpers/generate-cascade';

const ROOT = join(__dirname, '..', '..', '..');

function sampleFiles(): UnitFile[] {
  const out: UnitFile[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith('.okr.yaml')) out.push(parseUnitFile(join(d, e.name), readFileSync(join(d, e.name), 'utf8')));
    }
  };
  walk(join(ROOT, 'samples'));
  walk(join(ROOT, 'test', 'fixtures', 'check'));
  for (const [f, t] of generateCascade(40)) out.push(parseUnitFile(f, t));
  return out;
}

function roundTrip(values: unknown[]): unknown[] {
  const enc = new Encoder();
  const at = values.map((v) => enc.add(v));
  const dec = new Decoder(enc.finish(), enc.strings, enc.shapes, enc.floats);
  return at.map(({ offset, length }) => dec.read(offset, length));
}

describe('cache: the codec', () => {
  it('gives back every parsed model exactly, with shared KR objects still shared', () => {
    const files = sampleFiles();
    assert.ok(files.length > 80 && files.some((f) => f.syntaxErrors) && files.some((f) => f.ignores.size));
    const back = roundTrip(files) as UnitFile[];
    for (let i = 0; i < files.length; i++) {
      assert.deepStrictEqual(back[i], files[i], files[i].file);
      for (const o of back[i].objectives) for (const kr of o.krs) assert.ok(back[i].krs.includes(kr), 'the same object, not a copy');
    }
  });

  it('one shape per list of keys in its order: a prefix, another order and the empty object are shapes of their own', () => {
    const enc = new Encoder();
    const values = [{ a: 1, b: 2 }, { a: 3, b: 4 }, { a: 5 }, { b: 6, a: 7 }, {}, { a: { a: 1, b: 2 } }, {}];
    const at = values.map((v) => enc.add(v));
    assert.deepStrictEqual(enc.shapes, [['a', 'b'], ['a'], ['b', 'a'], []]);
    const dec = new Decoder(enc.finish(), enc.strings, enc.shapes, enc.floats);
    const back = at.map(({ offset, length }) => dec.read(offset, length));
    assert.deepStrictEqual(back, values);
    assert.deepStrictEqual(back.map((o) => Object.keys(o as object)), values.map((o) => Object.keys(o)));
  });

  it('a span (two small non-negative integers) takes three slots and comes back equal; other pairs are arrays', () => {
    const enc = new Encoder();
    const span = enc.add([3, 17]);
    assert.equal(span.length, 3);
    const values = [[3, 17], [0, 0], [-1, 2], [1.5, 2], [2 ** 31, 1], ['a', 1], [1, 2, 3], { keySpan: [4, 9], span: [4, 30] }];
    const back = roundTrip(values);
    assert.deepStrictEqual(back, values);
    for (const v of values.slice(2, 6)) assert.ok(new Encoder().add(v).length > 3, `${JSON.stringify(v)} is an array`);
  });

  it('numbers, strings and keys of every kind', () => {
    const tricky = {
      ints: [0, 1, 2 ** 31 - 17, 2 ** 31, -1, -0, 1.5, -2.25, 1e300, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity],
      strings: ['', 'é', '😀 emoji', 'line\nbreak', '\u0000'],
      absent: {}, undef: { a: undefined }, nul: null, flags: [true, false],
      map: new Map<unknown, unknown>([[1, new Set(['a'])], ['k', { x: 1 }]]),
    };
    const [back] = roundTrip([tricky]) as [typeof tricky];
    assert.deepStrictEqual(back, tricky);
    assert.ok('a' in back.undef && !('a' in back.absent));
    assert.ok(Object.is(back.ints[5], -0));
  });

  it('refuses what it cannot encode, and a damaged or truncated entry throws DecodeError', () => {
    assert.throws(() => new Encoder().add({ d: new Date() }), /cannot encode a Date/);
    assert.throws(() => new Encoder().add({ f: () => 1 }), /cannot encode a function/);
    const enc = new Encoder();
    const { offset, length } = enc.add(sampleFiles()[0]);
    const tape = enc.finish();
    const dec = new Decoder(tape, enc.strings, enc.shapes, enc.floats);
    assert.throws(() => dec.read(offset, length - 1), DecodeError);
    assert.throws(() => dec.read(offset, length + 5), DecodeError);
    assert.throws(() => new Decoder(tape, [], enc.shapes, enc.floats).read(offset, length), DecodeError);
    const bad = Int32Array.from(tape);
    bad[offset] = 14; // not a tag
    assert.throws(() => new Decoder(bad, enc.strings, enc.shapes, enc.floats).read(offset, length), DecodeError);
  });
});

describe('cache: the pack', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'okr-pack-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers a model only for the same file key and the same text', () => {
    const text = 'unit: a\nobjectives:\n  O1:\n    title: One\n';
    const path = join(dir, 'p.bin');
    const w = ModelCache.openSync(path, 'build-1');
    w.put(parseUnitFile('/x/a.okr.yaml', text));
    w.saveSync();
    const r = ModelCache.openSync(path, 'build-1');
    assert.equal(r.get('/x/b.okr.yaml', text), undefined, 'another file with the same text');
    assert.equal(r.get('/x/a.okr.yaml', `${text}\n`), undefined, 'another text');
    assert.deepStrictEqual(r.get('/x/a.okr.yaml', text), parseUnitFile('/x/a.okr.yaml', text));
    assert.deepEqual(r.stats, { hits: 1, misses: 0 });
    assert.equal(ModelCache.openSync(path, 'build-2').get('/x/a.okr.yaml', text), undefined, 'another build');
    assert.equal(ModelCache.openSync(path, 'build-2').stats.ignored, 'written by another version');
  });

  it('keeps numbers JSON cannot hold as such (-0), and fractions and negatives', () => {
    const text = 'unit: a\nobjectives:\n  O1:\n    key_results:\n      KR1: { baseline: -0.0, target: -2.5, current: 1e-7 }\n      KR2: { baseline: .nan, target: .inf }\n';
    const model = parseUnitFile('/x/a.okr.yaml', text);
    assert.ok(Object.is(model.krs[0].baseline!.value, -0) && model.krs[0].current!.value === 1e-7);
    const path = join(dir, 'p.bin');
    const w = ModelCache.openSync(path, 'b');
    w.put(model);
    w.saveSync();
    const back = ModelCache.openSync(path, 'b').get('/x/a.okr.yaml', text)!;
    assert.deepStrictEqual(back, model);
    assert.ok(Object.is(back.krs[0].baseline!.value, -0));
  });

  it('a pack cut short, or with any byte changed, is not used', () => {
    const path = join(dir, 'p.bin');
    const w = ModelCache.openSync(path, 'b');
    for (const f of sampleFiles().slice(0, 10)) w.put(f);
    w.saveSync();
    const good = readFileSync(path);
    for (const at of [0, 5, 9, 20, Math.floor(good.length / 2), good.length - 1]) {
      const bad = Buffer.from(good);
      bad[at] ^= 0x40;
      writeFileSync(path, bad);
      const r = ModelCache.openSync(path, 'b');
      assert.ok(r.stats.ignored, `byte ${at} changed: ignored`);
      assert.ok(r.needsSave, 'and written again');
    }
    writeFileSync(path, good.subarray(0, good.length - 8));
    assert.match(ModelCache.openSync(path, 'b').stats.ignored!, /damaged/);
  });
});

describe('cache: okr check', () => {
  let cacheDir: string;
  let saved: string | undefined;
  beforeEach(() => {
    cacheDir = mkdtempSync(join(tmpdir(), 'okr-cli-cache-'));
    saved = process.env.OKR_CACHE_DIR;
    process.env.OKR_CACHE_DIR = cacheDir;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.OKR_CACHE_DIR;
    else process.env.OKR_CACHE_DIR = saved;
    rmSync(cacheDir, { recursive: true, force: true });
  });

  /** `okr ARGS` in this process, from the repository's folder. */
  const main = (argv: string[]) =>
    cli(argv, {
      cwd: ROOT, vars: process.env, color: false, version: 'test', stdin: Readable.from([]),
      write: () => {}, writeError: () => {}, untilStopped: () => new Promise(() => {}),
    });

  it('prints the same with a cold cache, a warm cache and --no-cache; --no-cache writes nothing', async () => {
    const args = ['check', join(ROOT, 'samples'), '--format', 'json', '--as-of', '2026-11-24'];
    const none = await main([...args, '--no-cache']);
    assert.deepEqual(readdirSync(cacheDir), []);
    const cold = await main(args);
    const packs = readdirSync(cacheDir).sort();
    assert.equal(packs.length, 2);
    assert.match(packs[0], /^okr-findings-.*\.json$/);
    assert.match(packs[1], /^okr-models-.*\.bin$/);
    const warm = await main(args);
    assert.deepEqual(warm, cold);
    assert.deepEqual(cold, none);
    const roadmap = ['roadmap', join(ROOT, 'samples', 'okrs'), '--format', 'json', '--as-of', '2026-11-24'];
    assert.deepEqual(await main(roadmap), await main([...roadmap, '--no-cache']));
  });

  it('a warm `okr check` over unchanged files prints the findings of the last run without checking; one file edited, it checks again', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'okr-cli-findings-'));
    try {
      cpSync(join(ROOT, 'samples'), ws, { recursive: true });
      const args = ['check', ws, '--format', 'json', '--as-of', '2026-11-24'];
      const cold = await main(args);
      const file = join(cacheDir, readdirSync(cacheDir).find((f) => f.startsWith('okr-findings-'))!);
      // Proof that the warm run reads the stored findings: a message changed there is what it prints
      // (as long, in bytes: the file locates each file's findings by byte offsets).
      const stored = readFileSync(file, 'utf8');
      const message = (JSON.parse(cold.stdout!) as { diagnostics: { message: string }[] }).diagnostics[0].message;
      assert.ok(stored.includes(JSON.stringify(message)));
      const fake = 'read from the findings cache'.padEnd(Buffer.byteLength(JSON.stringify(message)) - 2, '.');
      writeFileSync(file, stored.replace(JSON.stringify(message), JSON.stringify(fake)));
      const warm = await main(args);
      assert.equal(warm.stdout, cold.stdout!.replace(JSON.stringify(message), JSON.stringify(fake)));
      // A change of length moves every later finding: the file is damaged, and the cascade checked again.
      writeFileSync(file, stored.replace(JSON.stringify(message), JSON.stringify('read from the findings cache')));
      assert.deepEqual(await main(args), cold);
      // Another day, or any file edited: checked again, and the right findings printed.
      assert.deepEqual(await main(['check', ws, '--format', 'json', '--as-of', '2026-11-25']), await main(['check', ws, '--format', 'json', '--as-of', '2026-11-25', '--no-cache']));
      const edited = join(ws, 'okrs', readdirSync(join(ws, 'okrs')).find((f) => f.endsWith('.okr.yaml'))!);
      writeFileSync(edited, `${readFileSync(edited, 'utf8')}\n# edited\n`);
      const after = await main(args);
      assert.deepEqual(after, await main([...args, '--no-cache']));
      assert.doesNotMatch(after.stdout!, /read from the findings cache/);
    } finally {
      rmSync(ws, { recursive: true, force: true });
    }
  });

  it('the cache folder: $OKR_CACHE_DIR, else node_modules/.cache/okr of the project, else the XDG cache', () => {
    assert.equal(cliCacheDir('/somewhere', { OKR_CACHE_DIR: '/c' }), '/c');
    assert.equal(cliCacheDir(join(ROOT, 'samples', 'okrs'), {}), join(ROOT, 'node_modules', '.cache', 'okr'));
    const bare = mkdtempSync(join(tmpdir(), 'okr-bare-'));
    try {
      // No project folder from a fresh temp folder up (unless the machine's root is one).
      const rootIsProject = existsSync('/node_modules') || existsSync('/package.json') || existsSync(join(tmpdir(), 'package.json'));
      if (!rootIsProject) assert.equal(cliCacheDir(bare, { XDG_CACHE_HOME: '/xdg' }), join('/xdg', 'okr-cascade'));
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
