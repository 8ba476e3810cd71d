/**
 * Over the real protocol, an edit's round trip (didChange → its diagnostics)
 * must not grow with the cascade: two servers, on 150 and 600 generated
 * units, get the same edits in turn (so a busy machine slows both alike),
 * and the larger one's median must stay within twice the smaller one's.
 * Whole-cascade work per keystroke (totals, coverage, re-checking a growing
 * set of files, a refresh computed over everything) grows 4× and fails this
 * on any machine; the bound is loose so that noise does not.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generatedFiles } from '../helpers/generate-cascade';
import { LspClient } from './helpers';

const TEAM = 'teams/team-0-0.okr.yaml';

function workspace(units: number): string {
  const dir = mkdtempSync(join(tmpdir(), `okr-growth-${units}-`));
  for (const [rel, text] of Object.entries(generatedFiles(units))) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('lsp: an edit costs the same at 150 and 600 units', function () {
  this.timeout(300000);
  const dirs: string[] = [];
  const clients: LspClient[] = [];

  before(async () => {
    for (const units of [150, 600]) {
      const dir = workspace(units);
      dirs.push(dir);
      const c = await LspClient.start({ workspace: dir, waitIndexed: false });
      clients.push(c);
      await c.indexed(240000);
    }
  });
  after(async () => {
    for (const c of clients) await c.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('the median round trip of a reference edit at 600 units is within 2× the one at 150', async () => {
    const base = clients[0].read(TEAM);
    assert.equal(clients[1].read(TEAM), base, 'the same team file in both cascades');
    const broken = base.replace(/supports: (product-0)\/KR1\n/, 'supports: $1/KR99\n');
    assert.notEqual(broken, base);
    for (const c of clients) await c.open(TEAM, base);
    const times: number[][] = [[], []];
    const others: number[] = [0, 0];
    for (let i = 0; i < 44; i++) {
      const breaking = i % 2 === 0;
      for (const [k, c] of clients.entries()) {
        const since = c.mark();
        const t = performance.now();
        await c.change(TEAM, breaking ? broken : base);
        await c.diagnostics(TEAM, (d) => d.some((x) => x.code === 'broken-link') === breaking, since);
        if (i >= 4) times[k].push(performance.now() - t); // the first edits warm the JIT up
        others[k] += c.events.filter((e) => e.seq > since && e.method === 'textDocument/publishDiagnostics' && (e.params as { uri: string }).uri !== c.uri(TEAM)).length;
      }
    }
    assert.deepEqual(others, [0, 0], 'no other file is re-published for this edit, at either size');
    const [small, large] = times.map(median);
    assert.ok(large <= 2 * small, `median round trip ${large.toFixed(1)} ms at 600 units vs ${small.toFixed(1)} ms at 150: more than 2×, so an edit does work that grows with the cascade`);
    for (const c of clients) assert.deepEqual(c.errors(), []);
  });
});
