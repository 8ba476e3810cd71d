// Bundles the entry points. `--watch` rebuilds on change; `--production` minifies, drops
// source maps and prints each bundle's size (as `--sizes` does).
// Type checking is separate (`tsc --noEmit`), as esbuild only strips types.
// Everything the bundles import is bundled (yaml, zod, the LSP libraries), so the
// published package has no runtime dependencies.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';

/** The placeholder server/src/cache/build.ts holds (16 characters, the length of the hash). */
const STAMP = '@okr-build-hash@';

/**
 * Writes the bundle's hash into it (server/src/cache/build.ts): the id of the
 * build its caches are kept for, without each run reading and hashing its own
 * megabyte. The hash is of the bundle as written with the placeholder, and
 * has its length, so the source map stays exact.
 */
const stampBuild = {
  name: 'stamp-build',
  setup(build) {
    build.onEnd((result) => {
      const out = build.initialOptions.outfile;
      if (result.errors.length || !out) return;
      const code = readFileSync(out, 'utf8');
      if (!code.includes(STAMP)) return;
      const hash = createHash('sha1').update(code).digest('hex').slice(0, STAMP.length);
      writeFileSync(out, code.split(STAMP).join(hash));
    });
  },
};

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', plugins: [stampBuild] };

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', platform: 'node', format: 'cjs', target: 'node20' },
  // The audience leak scan's thread, started by dist/server.js (server/src/lsp/audience.ts).
  // The CLI starts on every command: whitespace and syntax minified (names kept, and the source map)
  // make the 1 MB bundle cheaper to read and compile.
  // Its first line carries the build hash (the stamp fills it in), which dist/cli.js names its code caches by.
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli-main.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: `// okr-build ${STAMP}` }, minifyWhitespace: true, minifySyntax: true },
  // The `okr` bin: dist/cli-main.js through V8's code cache (server/src/cli-bin.ts).
  { ...common, entryPoints: ['server/src/cli-bin.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
  // The `okr-language-server` bin: stdio by default, then dist/server.js (not bundled twice).
  { ...common, entryPoints: ['server/src/language-server.ts'], outfile: 'dist/okr-language-server.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' }, external: ['./server.js'] },
  { ...common, entryPoints: ['server/src/gen-schema.ts'], outfile: 'dist/gen-schema.js', platform: 'node', format: 'cjs', target: 'node20' },
  { ...common, entryPoints: ['client/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2020' },
];

const existing = targets.filter((t) => { try { return statSync(t.entryPoints[0]).isFile(); } catch { return false; } });

if (watch) {
  for (const t of existing) (await esbuild.context(t)).watch();
  console.log(`watching ${existing.length} bundles`);
} else {
  await Promise.all(existing.map((t) => esbuild.build(t)));
  if (production || process.argv.includes('--sizes')) {
    for (const t of existing) console.log(`${t.outfile.padEnd(30)} ${(statSync(t.outfile).size / 1024).toFixed(1).padStart(6)} KiB`);
  }
}
