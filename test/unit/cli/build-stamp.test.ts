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

  for (const bundle of ['dist/cli-main.js', 'dist/server.js']) {
    it(`${bundle} carries the hash of its own code`, () => {
      const code = readFileSync(join(REPO, bundle), 'utf8');
      assert.ok(!code.includes(PLACEHOLDER), 'the placeholder was replaced');
      // Whatever the minifier made of the constant: exactly one 16-hex literal is the hash of the code around it.
      const literals = new Set([...code.matchAll(/["'`]([0-9a-f]{16})["'`]/g)].map((m) => m[1]));
      const stamps = [...literals].filter((l) => createHash('sha1').update(code.split(l).join(PLACEHOLDER)).digest('hex').startsWith(l));
      assert.equal(stamps.length, 1, `one stamp (16-hex literals: ${literals.size})`);
    });
  }
});
