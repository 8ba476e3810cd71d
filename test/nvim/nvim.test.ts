/**
 * Headless Neovim 0.7 (a real, older LSP client nobody here wrote) against
 * `node dist/server.js --stdio` on a cascade: its diagnostics equal checkAll
 * code for code and line for line, hover names the KR's title and metric,
 * definition crosses files. Uses test/e2e/neovim.mjs (runNeovimLsp).
 * Without `nvim`: fails under CI=true (no suite is skipped in CI); elsewhere
 * skipped with a loud line.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkAll } from '../../server/src/core/check';
import { parseUnitFile } from '../../server/src/core/parse';
import { parseDay } from '../../server/src/core/period';
import { positionAt } from '../../server/src/core/text';
import { AS_OF, ensureBuilt, FIXTURES, positionOf, ROOT, SERVER } from '../lsp/helpers';

interface NvimResult {
  ok: boolean;
  error?: string;
  diagnostics_received: boolean;
  diagnostics: { lnum: number; col: number; end_lnum: number; end_col: number; code?: string; source?: string; user_data?: { lsp?: { code?: string } } }[];
  lsp_diagnostics: { code: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
  hover: { result?: { contents: { kind?: string; value: string } | string } }[];
  definition: { result?: { uri?: string; targetUri?: string; range?: { start: { line: number; character: number } }; targetSelectionRange?: { start: { line: number; character: number } } }[] }[];
  requests: { method: string; result?: unknown; error?: unknown }[];
  messages: { type: number; message: string }[];
  lspLog?: string;
}

type RunNeovimLsp = (o: Record<string, unknown>) => Promise<NvimResult>;

const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

/** A team file with several findings on purpose. */
function withMistakes(web: string): string {
  return web
    .replace('    supports: KR1\n    hypothesis: We believe lazy images', '    supports: KR7\n    hypothesis: We believe lazy images')
    .replace(/    hypothesis: We believe a CDN.*\n/, '')
    .replace('      KR2:\n        title: Lift mobile conversion', '      KR2:\n        title: Lift mobile conversion\n        owner: Ana');
}

describe('neovim 0.7 (headless) as the LSP client', function () {
  this.timeout(60000);
  let dir: string;
  let run: RunNeovimLsp;

  before(async function () {
    if (!hasNvim) {
      const how = '`nvim` is not installed: apt-get install -y neovim, or run `bash .ci/setup-editors.sh`';
      if (process.env.CI && !/^(false|0)$/i.test(process.env.CI)) throw new Error(`${how} (CI=true: no suite may be skipped)`);
      console.log(`    !!! SKIPPED: ${how}`);
      this.skip();
    }
    await ensureBuilt();
    ({ runNeovimLsp: run } = (await import(pathToFileURL(join(ROOT, 'test/e2e/neovim.mjs')).href)) as { runNeovimLsp: RunNeovimLsp });
    dir = mkdtempSync(join(tmpdir(), 'okr-nvim-ws-'));
    cpSync(join(FIXTURES, 'cascade'), dir, { recursive: true });
    writeFileSync(join(dir, 'teams/web.okr.yaml'), withMistakes(readFileSync(join(dir, 'teams/web.okr.yaml'), 'utf8')));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('diagnostics equal checkAll; hover names the KR and its metric; definition lands on the KR key in another file', async () => {
    const web = readFileSync(join(dir, 'teams/web.okr.yaml'), 'utf8');
    const shop = readFileSync(join(dir, 'shop.okr.yaml'), 'utf8');
    const files = ['acme.okr.yaml', 'shop.okr.yaml', 'teams/web.okr.yaml'].map((rel) => parseUnitFile(rel, readFileSync(join(dir, rel), 'utf8')));
    const want = checkAll(files, { asOf: parseDay(AS_OF) }).get('teams/web.okr.yaml')!;
    const pos = (o: number) => positionAt(files[2].lineStarts, o);
    const wantRows = want.map((p) => [p.code, pos(p.span[0]).line, pos(p.span[0]).character, pos(p.span[1]).line, pos(p.span[1]).character]).sort();
    assert.ok(wantRows.length >= 3, `the fixture has findings: ${JSON.stringify(wantRows)}`);

    const crossRef = positionOf(web, 'shop/KR2', 6);
    const r = await run({
      serverCmd: [process.execPath, SERVER, '--stdio'],
      workspace: dir,
      file: 'teams/web.okr.yaml',
      filetype: 'yaml',
      minDiagnostics: want.length,
      settings: { okr: { asOf: AS_OF } },
      hover: [crossRef],
      definition: [crossRef],
      requests: [{ method: 'textDocument/documentSymbol' }],
    });
    assert.ok(r.ok, `nvim run failed: ${r.error}\n${r.lspLog ?? ''}`);
    assert.ok(r.diagnostics_received, 'publishDiagnostics reached Neovim');

    const got = r.lsp_diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]).sort();
    assert.deepEqual(got, wantRows, 'the raw LSP diagnostics Neovim received');
    // The lines here are ASCII, so Neovim's byte columns equal the UTF-16 characters.
    const shown = r.diagnostics.map((d) => [d.user_data?.lsp?.code ?? d.code, d.lnum, d.col, d.end_lnum, d.end_col]).sort();
    assert.deepEqual(shown, wantRows, "Neovim's own vim.diagnostic list");

    const contents = r.hover[0].result!.contents;
    const text = typeof contents === 'string' ? contents : contents.value;
    assert.match(text, /Cut time to pay/);
    assert.match(text, /40 → 20 s/);

    const def = r.definition[0].result!;
    assert.equal(def.length, 1);
    assert.equal(def[0].uri, pathToFileURL(join(dir, 'shop.okr.yaml')).href);
    assert.deepEqual(def[0].range!.start, positionOf(shop, 'KR2'));

    const symbols = r.requests[0].result as { name: string }[];
    assert.deepEqual(symbols.map((s) => s.name), ['web']);
    assert.deepEqual(r.messages.filter((m) => m.type === 1), [], 'no errors logged by the server');
  });
});

