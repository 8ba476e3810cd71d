/**
 * Starting like a real language server, over the real protocol: the files
 * open in the editor get their diagnostics before the rest of a large
 * workspace is indexed; requests are answered while it indexes; `$/progress`
 * counts the files; once indexed, every file's diagnostics equal a full
 * `checkAll`. Orders are asserted by the sequence of messages received,
 * never by time.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol/node';
import { generatedFiles } from '../helpers/generate-cascade';
import { expectedDiagnostics } from './expected';
import { LspClient, positionOf, type ReceivedEvent } from './helpers';

/** A cascade of `units` generated files; one team file has a missing hypothesis (a finding of its own) and a broken link to its product. */
function writeWorkspace(units: number): { dir: string; team: string } {
  const dir = mkdtempSync(join(tmpdir(), 'okr-index-'));
  const files = generatedFiles(units);
  const team = Object.keys(files).find((f) => f.startsWith('teams/'))!;
  files[team] = files[team].replace(/supports: (product-\d+)\/KR1\n/, 'supports: $1/KR404\n').replace(/ {4}hypothesis: .*\n/, '');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return { dir, team };
}

const progress = (events: ReceivedEvent[]) =>
  events.filter((e) => e.method === '$/progress').map((e) => ({ seq: e.seq, ...(e.params as { value: { kind: string; title?: string; message?: string; percentage?: number } }).value }));

describe('lsp: indexing a large workspace', function () {
  this.timeout(180000);
  const UNITS = 360;
  let ws: { dir: string; team: string };
  let c: LspClient;

  before(() => (ws = writeWorkspace(UNITS)));
  after(() => rmSync(ws.dir, { recursive: true, force: true }));
  afterEach(async () => {
    assert.deepEqual(c.errors(), [], 'the server logged no failures');
    await c.stop();
  });

  it('publishes the open file first, answers a hover while indexing, counts the files in $/progress, then equals a full check', async () => {
    c = await LspClient.start({ workspace: ws.dir, waitIndexed: false });
    const text = readFileSync(join(ws.dir, ws.team), 'utf8');
    await c.open(ws.team, text);
    let hoverSeq = 0;
    const hover = c.request<Hover | null>('textDocument/hover', { textDocument: { uri: c.uri(ws.team) }, position: positionOf(text, 'KR1:', 1) })
      .then((h) => ((hoverSeq = c.mark()), h));
    await c.indexed(120000);
    await c.until(() => progress(c.events).some((p) => p.kind === 'end'), 'the end of the progress');
    const h = await hover;

    const steps = progress(c.events);
    const [begin, ...rest] = steps;
    const end = rest[rest.length - 1];
    assert.deepEqual([begin.kind, begin.title, begin.percentage], ['begin', `Indexing ${UNITS} cascade files`, 0]);
    assert.deepEqual([end.kind, end.message], ['end', `${UNITS} cascade files indexed`]);
    const reports = rest.slice(0, -1);
    assert.ok(reports.length >= 2, 'the count is reported as the files are read');
    assert.ok(reports.every((r, i) => r.kind === 'report' && (i === 0 || r.percentage! > reports[i - 1].percentage!)), 'percentages only go up');
    assert.equal(reports[reports.length - 1].message, `${UNITS}/${UNITS}`);
    assert.ok(reports.every((r) => new RegExp(`^\\d+/${UNITS}$`).test(r.message!)));
    assert.ok(c.events.some((e) => e.method === 'window/workDoneProgress/create' && e.seq < begin.seq), 'the token is created first');

    const publishes = c.events.filter((e) => e.method === 'textDocument/publishDiagnostics');
    const first = publishes[0].params as { uri: string; diagnostics: Diagnostic[] };
    assert.equal(first.uri, c.uri(ws.team), 'the open file is the first published');
    assert.ok(publishes[0].seq < end.seq && publishes[0].seq < reports[reports.length - 1].seq, 'before indexing is done');
    assert.deepEqual(first.diagnostics.map((d) => d.code), ['missing-hypothesis'], 'its own findings at once; the link to a product not read yet is judged later');
    const final = c.latest.get(c.uri(ws.team))!;
    assert.ok(final.some((d) => d.code === 'broken-link'), 're-published with the broken link once the product is known');

    assert.ok(hoverSeq > 0 && hoverSeq < end.seq, `the hover was answered while indexing (at message ${hoverSeq}, indexing ended at ${end.seq})`);
    assert.match(JSON.stringify(h?.contents), /KR1/);

    const want = expectedDiagnostics(ws.dir);
    assert.equal(want.size, UNITS);
    for (const [uri, diagnostics] of want) assert.deepEqual(c.latest.get(uri), diagnostics, uri);
    const statusSeq = c.events.find((e) => e.method === 'okr/status')!.seq;
    assert.ok(publishes.filter((p) => p.seq > statusSeq).length === 0, 'the status comes after the last publish of indexing');
  });

  it('with parse workers (OKR_PARSE_WORKERS=2), the same diagnostics as a full check', async () => {
    process.env.OKR_PARSE_WORKERS = '2';
    try {
      c = await LspClient.start({ workspace: ws.dir, waitIndexed: false });
    } finally {
      delete process.env.OKR_PARSE_WORKERS;
    }
    await c.indexed(120000);
    await c.until(() => c.logs.some((l) => l.includes('okr: indexed')), 'the indexing log line');
    const line = c.logs.find((l) => l.includes('okr: indexed'))!;
    const parsed = Number(/2 parse workers parsed (\d+)/.exec(line)?.[1]);
    assert.ok(parsed > 0 && parsed < UNITS, `the workers parsed part of the files: ${line}`);
    const want = expectedDiagnostics(ws.dir);
    for (const [uri, diagnostics] of want) assert.deepEqual(c.latest.get(uri), diagnostics, uri);
  });

  it('a client without workDoneProgress gets no progress, and the same diagnostics', async () => {
    // Configuration stays on: the settings carry the as-of date the expected findings are computed with.
    c = await LspClient.start({ workspace: ws.dir, capabilities: { textDocument: { publishDiagnostics: {} }, workspace: { configuration: true } }, waitIndexed: false });
    await c.indexed(120000);
    assert.deepEqual(c.events.filter((e) => e.method === '$/progress' || e.method === 'window/workDoneProgress/create'), []);
    const want = expectedDiagnostics(ws.dir);
    for (const [uri, diagnostics] of want) assert.deepEqual(c.latest.get(uri), diagnostics, uri);
  });
});
