/**
 * The build id the caches are kept for (server/src/cache/build.ts) is written
 * into each bundle when it is built (esbuild.mjs): the hash of the bundle as
 * written with the placeholder. So a cache written by one build is never read
 * by another, and no run reads and hashes its own megabyte to know which
 * build it is.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, ensureBuilt } from './helpers';

const PLACEHOLDER = '@okr-build-hash@';

describe('the build id stamped into the bundles', function () {
  before(ensureBuilt);

  for (const bundle of ['dist/cli.js', 'dist/server.js']) {
    it(`${bundle} carries the hash of its own code`, () => {
      const code = readFileSync(join(REPO, bundle), 'utf8');
      assert.ok(!code.includes(PLACEHOLDER), 'the placeholder was replaced');
      const stamps = [...code.matchAll(/STAMP = "([0-9a-f]{16})"/g)].map((m) => m[1]);
      assert.equal(stamps.length, 1, 'one stamp, in cache/build.ts');
      const hash = createHash('sha1').update(code.split(stamps[0]).join(PLACEHOLDER)).digest('hex').slice(0, 16);
      assert.equal(stamps[0], hash);
    });
  }
});
