// Runs the extension-host mocha suite in real VS Code (code-server + chromium).
//
//   node test/e2e/run-vscode-tests.mjs [options]
//     --extension DIR     extension folder (default: repo root; build it first: node esbuild.mjs)
//     --workspace DIR     folder to open (default: samples)
//     --tests-src DIR     TypeScript tests to bundle (default: test/vscode)
//     --tests-out DIR     bundle output (default: dist-test/vscode)
//     --tests FILE        a ready CommonJS runner (index.js); skips bundling
//     --timeout MS        whole run (default 300000)
//     --screenshots DIR   failure screenshot folder (default: test-output/e2e)
//     --no-copy-workspace open the workspace in place (default: a temp copy, so tests may edit files)
// Exit code: the extension host's (0 = all passed, 124 = timeout).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT, runInCodeServer } from './code-server.mjs';
import { buildVscodeTests } from './build-vscode-tests.mjs';

// Ctrl-C / SIGTERM: exit through process.exit so code-server.mjs's 'exit' hook kills the process group.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

const argv = process.argv.slice(2);
const arg = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };

const extensionPath = resolve(arg('--extension', REPO_ROOT));
const workspace = resolve(arg('--workspace', join(REPO_ROOT, 'samples')));
const pkg = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8'));
if (pkg.main && !existsSync(join(extensionPath, pkg.main)) && !existsSync(join(extensionPath, `${pkg.main}.js`))) {
  console.error(`[e2e] ${pkg.main} is missing in ${extensionPath}: build the extension first (node esbuild.mjs)`);
  process.exit(2);
}

let testsPath = arg('--tests');
if (!testsPath) {
  let r;
  try {
    r = await buildVscodeTests({
      src: resolve(arg('--tests-src', join(REPO_ROOT, 'test/vscode'))),
      out: resolve(arg('--tests-out', join(REPO_ROOT, 'dist-test/vscode'))),
    });
  } catch (e) {
    console.error(`[e2e] cannot bundle the tests: ${e.message}`);
    process.exit(2);
  }
  console.log(`[e2e] bundled ${r.files.length} test file(s): ${r.files.join(', ')}`);
  testsPath = r.index;
}
const code = await runInCodeServer({
  extensionPath,
  workspace,
  testsPath: resolve(testsPath),
  timeoutMs: Number(arg('--timeout', 300000)),
  screenshotDir: resolve(arg('--screenshots', join(REPO_ROOT, 'test-output/e2e'))),
  copyWorkspace: !argv.includes('--no-copy-workspace'),
});
process.exit(code);
