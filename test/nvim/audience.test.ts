/**
 * Headless Neovim 0.7 on a cascade with audiences: the audience-leak errors it
 * shows are those of `okr check` (code, line and columns), and `okr/roadmap`
 * with an audience answers the redacted model. Skipped when `nvim` is missing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, ROOT, SERVER } from '../lsp/helpers';

const FIXTURE = join(ROOT, 'test/fixtures/check/audience-leak');
const hasNvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

interface Run {
  ok: boolean;
  error?: string;
  lspLog?: string;
  diagnostics: { lnum: number; col: number; end_lnum: number; end_col: number; code?: string; severity: number; message: string; user_data?: { lsp?: { code?: string } } }[];
  requests: { method: string; result?: { audience?: string; lanes: { cards: { title: string; location?: unknown }[] }[] }; error?: unknown }[];
}

describe('neovim 0.7 (headless): audience leaks', function () {
  this.timeout(60000);
  let dir: string;
  let run: (o: Record<string, unknown>) => Promise<Run>;

  before(async function () {
    if (!hasNvim) {
      console.log('    (skipped: `nvim` is not installed; apt-get install -y neovim, or run .ci/setup-editors.sh)');
      this.skip();
    }
    await ensureBuilt();
    ({ runNeovimLsp: run } = (await import(pathToFileURL(join(ROOT, 'test/e2e/neovim.mjs')).href)) as { runNeovimLsp: typeof run });
    dir = mkdtempSync(join(tmpdir(), 'okr-nvim-aud-'));
    cpSync(FIXTURE, dir, { recursive: true });
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows each leak as an error on the leaking text, where okr check puts it', async () => {
    const expected = (JSON.parse(readFileSync(join(FIXTURE, 'expected.json'), 'utf8')) as { file: string; code: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[]).filter((f) => f.file === 'app.okr.yaml' && f.code === 'audience-leak');
    const r = await run({
      serverCmd: [process.execPath, SERVER, '--stdio'],
      workspace: dir,
      file: 'app.okr.yaml',
      filetype: 'yaml',
      minDiagnostics: expected.length,
      settings: { okr: { asOf: '2026-08-15' } },
      requests: [{ method: 'okr/roadmap', params: { view: 'horizons', audience: 'customers' } }],
    });
    assert.ok(r.ok, `nvim run failed: ${r.error}\n${r.lspLog ?? ''}`);
    const shown = r.diagnostics.filter((d) => (d.user_data?.lsp?.code ?? d.code) === 'audience-leak').map((d) => [d.user_data?.lsp?.code ?? d.code, d.lnum, d.col, d.end_lnum, d.end_col, d.message]).sort();
    assert.deepEqual(shown, expected.map((f) => [f.code, f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character, f.message]).sort());
    assert.deepEqual(r.diagnostics.filter((d) => (d.user_data?.lsp?.code ?? d.code) === 'audience-leak').map((d) => d.severity), [1, 1, 1], 'errors');
    assert.equal(shown.length, 3);
    const model = r.requests[0].result!;
    assert.equal(model.audience, 'customers');
    assert.deepEqual(model.lanes.flatMap((l) => l.cards.map((c) => c.title)).sort(), ['Faster rails (falcon-2)', 'Launch wallets in Q4 2026']);
    assert.ok(model.lanes.every((l) => l.cards.every((c) => c.location === undefined)));
  });
});
