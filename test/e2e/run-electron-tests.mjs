// Runs the same extension-host suite (test/vscode) in desktop VS Code through
// @vscode/test-electron, for machines that can download VS Code. (Here, and in CI,
// the suite runs in code-server instead: node test/e2e/run-vscode-tests.mjs.)
//
//   npm run test:electron            (builds the extension first)
//   node test/e2e/run-electron-tests.mjs [--version 1.100.3] [--workspace DIR] [--vscode PATH]
//     --version    VS Code to download (default: the lowest engines.vscode, 1.100.3 here); `stable` works too
//     --vscode     an installed VS Code executable to use instead of downloading one
//     --workspace  folder to open (default: a temp copy of samples/)
// Downloads are cached in .vscode-test/ (add it to .gitignore where you run this).
// Exit code: VS Code's (0 = all tests passed); 3 when VS Code cannot be downloaded or started.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { buildVscodeTests } from './build-vscode-tests.mjs';
import { REPO_ROOT } from './code-server.mjs';

const argv = process.argv.slice(2);
const arg = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
const engine = /(\d+\.\d+\.\d+)/.exec(pkg.engines?.vscode ?? '')?.[1];
const version = arg('--version', engine ? (engine === '1.100.0' ? '1.100.3' : engine) : 'stable');
const log = (m) => process.stdout.write(`[electron] ${m}\n`);

let testElectron;
try {
  testElectron = await import('@vscode/test-electron');
} catch (e) {
  console.error(`[electron] @vscode/test-electron is not installed (${e.message}); run npm install.`);
  process.exit(3);
}

const r = await buildVscodeTests({ src: join(REPO_ROOT, 'test/vscode'), out: join(REPO_ROOT, 'dist-test/vscode') });
log(`bundled ${r.files.length} test file(s)`);

const runDir = mkdtempSync(join(tmpdir(), 'okr-electron-'));
const source = resolve(arg('--workspace', join(REPO_ROOT, 'samples')));
const workspace = join(runDir, basename(source));
cpSync(source, workspace, { recursive: true });

let vscodeExecutablePath = arg('--vscode');
if (!vscodeExecutablePath) {
  try {
    log(`downloading VS Code ${version} (cached in .vscode-test/)…`);
    vscodeExecutablePath = await testElectron.downloadAndUnzipVSCode({ version, cachePath: join(REPO_ROOT, '.vscode-test'), timeout: 60000 });
  } catch (e) {
    console.error([
      `[electron] cannot download VS Code ${version}: ${e.message}`,
      '[electron] This runner needs access to update.code.visualstudio.com (or pass --vscode PATH to an installed VS Code).',
      '[electron] Without internet, run the same suite in code-server instead: npm run test:vscode',
    ].join('\n'));
    rmSync(runDir, { recursive: true, force: true });
    process.exit(3);
  }
}

let code;
try {
  code = await testElectron.runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: r.index,
    extensionTestsEnv: { OKR_E2E_WORKSPACE: workspace },
    launchArgs: [
      workspace,
      '--disable-extensions',            // only the extension under test (built-ins stay)
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir', join(runDir, 'user-data'),
    ],
  });
} catch (e) {
  // runTests rejects with TestRunFailedError when the tests fail, or another error when VS Code does not start.
  if (e instanceof testElectron.TestRunFailedError) code = e.code ?? 1;
  else {
    console.error(`[electron] VS Code did not run the tests: ${e.message}`);
    code = 3;
  }
}
rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
log(code === 0 ? 'all tests passed' : `failed with exit code ${code}`);
process.exit(code);
