/**
 * Which build of the product wrote a cache: its version and a hash of the
 * running bundle (dist/server.js or dist/cli-main.js), so any change to the parser
 * or the model — even without a version bump — starts from an empty cache.
 *
 * The bundle's hash is written into it when it is built (esbuild.mjs stamps
 * the placeholder below with the hash of the bundle as written with the
 * placeholder), so a run does not read and hash its own megabyte of code:
 * that was 25–70 ms of every `okr` command that uses the cache. Unbundled
 * (tests under tsx), the running file is hashed as before.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { version } from '../../../package.json';
import { CACHE_FORMAT } from './store';

/** 16 characters replaced by the bundle's hash at build time (esbuild.mjs `stampBuild`). */
const STAMP = '@okr-build-hash@';

let memo: string | undefined;

export function buildId(): string {
  return (memo ??= `${CACHE_FORMAT}/${version}/${/^[0-9a-f]{16}$/.test(STAMP) ? STAMP : hashOfThisFile()}`);
}

function hashOfThisFile(): string {
  let code = '';
  try {
    code = readFileSync(__filename, 'utf8');
  } catch {
    code = String(Date.now()); // unreadable: a build id no later run can match
  }
  return createHash('sha1').update(code).digest('hex').slice(0, 16);
}
