/**
 * `okr`, the bin (dist/cli.js): runs the CLI (dist/cli-main.js, bundled from
 * cli.ts) through V8's code cache, as Node 22's module.enableCompileCache
 * does for the programs that ask for it.
 *
 * A command's first run compiles the megabyte of JavaScript it runs, function
 * by function as each is first called; at exit the bytecode of everything it
 * compiled is written beside the bundle (dist/.v8-cache/, one file per
 * command, for this build, this Node and these V8 flags), and the next run of
 * that command starts from it (about 40 ms of a cold `okr diff` at 200 units,
 * BENCHMARKS.md). The folder is as trusted as the bundle beside it (whoever
 * can write it can replace the bundle), so no cache is read from or written
 * to anywhere else; where dist/ is read-only (a global install run by another
 * user) nothing is kept. V8 checks a cache against the source and its own
 * version and flags and rejects it when they differ; the file name also
 * carries the bundle's build hash, as the source's length is all V8 compares
 * of the source, and a checksum of its own, as V8 does not check the code it
 * reads. `OKR_COMPILE_CACHE=off` (or Node's own
 * NODE_DISABLE_COMPILE_CACHE) runs without it; `OKR_STATS=1` says on stderr
 * what happened. Any failure of the cache runs the bundle as plainly as
 * `require` would.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { crc32 } from './cache/crc32';

const MAIN = join(__dirname, 'cli-main.js');
const DIR = join(__dirname, '.v8-cache');
/** The commands a cache is kept for (cli.ts COMMAND_TABLE; a test keeps them equal): anything else shares one. */
const COMMANDS = ['check', 'roadmap', 'review', 'diff', 'what-if', 'init'];
/** The bundle's first line: `// okr-build <hash>` (esbuild.mjs writes it, the build stamp fills it in). */
const BUILD = /^\/\/ okr-build ([0-9a-f]{16})\n/;

interface Bundle {
  start(): void;
}

/** A cache file: `OKRV`, the CRC-32 of the rest, then V8's data. */
const MAGIC = 'OKRV';

/**
 * V8's data from a cache file, or undefined when the file is not whole. V8
 * itself checks only the data's header (its version, flags and length), not
 * the code in it: a damaged byte would run as code, so the file carries its
 * own checksum, as Node's compile cache does.
 */
function verified(file: Buffer): Buffer | undefined {
  if (file.length < 8 || file.toString('latin1', 0, 4) !== MAGIC) return undefined;
  const data = file.subarray(8);
  return file.readUInt32LE(4) === crc32(data) ? data : undefined;
}

/** FNV-1a of a short string, as hex: a cache file per set of V8 flags. */
function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

function stat(line: string): void {
  if (process.env.OKR_STATS === '1') process.stderr.write(`okr: compile cache ${line}\n`);
}

function run(): void {
  const env = process.env;
  if (env.OKR_COMPILE_CACHE === 'off' || env.NODE_DISABLE_COMPILE_CACHE) {
    stat('off');
    return (require(MAIN) as Bundle).start();
  }
  const source = readFileSync(MAIN, 'utf8');
  const build = BUILD.exec(source)?.[1];
  if (!build) throw new Error(`${MAIN} carries no build hash on its first line: build it with esbuild.mjs`);
  const command = COMMANDS.includes(process.argv[2]) ? process.argv[2] : 'other';
  const prefix = `cli-main-${build}-${process.version}-${process.arch}-`;
  const file = join(DIR, `${prefix}${fnv(`${process.execArgv.join(' ')}\u0000${env.NODE_OPTIONS ?? ''}`)}-${command}.bin`);
  let stored: Buffer | undefined;
  try {
    stored = readFileSync(file);
  } catch {
    stored = undefined;
  }
  const cachedData = stored && verified(stored);
  // The wrapper on a line of its own, and lineOffset -1: the bundle's lines keep their numbers in stack traces.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {\n${source}\n})`, { filename: MAIN, lineOffset: -1, cachedData });
  const used = !!cachedData && !script.cachedDataRejected;
  stat(used ? `hit (${file})` : stored ? `rejected (${file})` : `miss (${file})`);
  if (!used) {
    process.once('exit', () => {
      try {
        mkdirSync(DIR, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        const data = script.createCachedData();
        const head = Buffer.alloc(8);
        head.write(MAGIC, 0, 'latin1');
        head.writeUInt32LE(crc32(data), 4);
        writeFileSync(tmp, Buffer.concat([head, data]));
        renameSync(tmp, file); // whole or not at all, whatever other runs do at the same time
        // Caches of other builds, Nodes and flags are of no more use.
        for (const name of readdirSync(DIR)) if (!name.startsWith(prefix)) unlinkSync(join(DIR, name));
        stat(`written (${file})`);
      } catch (e) {
        stat(`not written: ${(e as Error).message}`);
      }
    });
  }
  const module = { exports: {} as Bundle };
  (script.runInThisContext() as (...a: unknown[]) => void)(module.exports, createRequire(MAIN), module, MAIN, __dirname);
  module.exports.start();
}

run();
