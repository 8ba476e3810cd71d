/**
 * Which build of the product wrote a cache: its version and a hash of the
 * running bundle (dist/server.js or dist/cli.js), so any change to the parser
 * or the model — even without a version bump — starts from an empty cache.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { version } from '../../../package.json';
import { CACHE_FORMAT } from './store';

let memo: string | undefined;

export function buildId(): string {
  if (memo) return memo;
  let code = '';
  try {
    code = readFileSync(__filename, 'utf8');
  } catch {
    code = String(Date.now()); // unreadable: a build id no later run can match
  }
  return (memo = `${CACHE_FORMAT}/${version}/${createHash('sha1').update(code).digest('hex').slice(0, 16)}`);
}
