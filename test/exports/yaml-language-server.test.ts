// schemas/okr.schema.json and okr-config.schema.json as an editor without OKR
// Cascade uses them: the real yaml-language-server (the server of the Red Hat
// YAML extension, Helix, Zed and Neovim's yamlls), spoken to over stdio, shows
// our messages on bad files, completes enum values with their descriptions and
// hovers with the field's Markdown description.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  type CompletionItem, type CompletionList, type Diagnostic, type Hover, type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { REPO } from '../helpers/fixtures';

const HORIZON = 'horizon must be now, next, later or a quarter like 2026-Q3';
const PERIOD = 'period must be a year (2026), a half (2026-H2) or a quarter (2026-Q3)';

describe('exports: the schemas in yaml-language-server (stdio)', function () {
  this.timeout(60000);
  let child: ChildProcess;
  let conn: ProtocolConnection;
  let dir: string;
  const published = new Map<string, Diagnostic[]>();
  const waiters: (() => void)[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'okr-yamlls-'));
    child = spawn(process.execPath, [require.resolve('yaml-language-server/bin/yaml-language-server'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      published.set(p.uri, p.diagnostics);
      waiters.splice(0).forEach((w) => w());
    });
    conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((i) => (i.section === 'yaml' ? settings() : null)));
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
      capabilities: {
        workspace: { configuration: false, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: { publishDiagnostics: {}, completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } }, hover: { contentFormat: ['markdown', 'plaintext'] } },
      },
    });
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: settings() } });
  });

  after(async () => {
    try { await conn?.sendRequest('shutdown'); await conn?.sendNotification('exit'); } catch { /* already gone */ }
    conn?.dispose();
    child?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  function settings() {
    return {
      validate: true, completion: true, hover: true, format: { enable: false },
      schemas: {
        [pathToFileURL(join(REPO, 'schemas/okr.schema.json')).href]: ['*.okr.yaml'],
        [pathToFileURL(join(REPO, 'schemas/okr-config.schema.json')).href]: ['okr.config.yaml'],
      },
    };
  }

  /** Opens a document and waits for its first non-empty diagnostics. */
  async function open(name: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const file = join(dir, name);
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    while (!published.get(uri)?.length) await new Promise<void>((r) => waiters.push(r));
    return { uri, diagnostics: published.get(uri)! };
  }

  const message = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
  const on = (ds: Diagnostic[], line: number) => ds.filter((d) => d.range.start.line === line).map(message);

  it('a bad .okr.yaml gets the schema\'s own words: what period and horizon allow, the enum, the unknown key', async () => {
    const text = [
      'unit: shop',          // 0
      'period: 2026-Q5',     // 1
      'capacity: three',     // 2
      'roadmap:',            // 3
      '  wizard:',           // 4
      '    title: Wizard',   // 5
      '    horizon: soon',   // 6
      '    confidence: sure', // 7
      '    hypotesis: x',    // 8
      '    due: 30/09/2026', // 9
      '',
    ].join('\n');
    const { diagnostics } = await open('bad.okr.yaml', text);
    assert.deepEqual(on(diagnostics, 1), [PERIOD]);
    assert.deepEqual(on(diagnostics, 2), ['capacity must be a whole number of items, 0 or more']);
    assert.deepEqual(on(diagnostics, 6), [HORIZON]);
    assert.deepEqual(on(diagnostics, 7), ['confidence must be high, medium or low']);
    assert.deepEqual(on(diagnostics, 8), ['Property hypotesis is not allowed.']);
    assert.deepEqual(on(diagnostics, 9), ['due must be a date written YYYY-MM-DD, e.g. 2026-09-30']);
    assert.ok(diagnostics.every((d) => !/Expected|integer \| null/.test(message(d))), diagnostics.map(message).join('\n'));
  });

  it('a bad okr.config.yaml is checked against okr-config.schema.json', async () => {
    const { diagnostics } = await open('okr.config.yaml', 'rules:\n  stale-review: loud\n');
    assert.equal(on(diagnostics, 1).length, 1);
    assert.match(on(diagnostics, 1)[0], /a severity is one of error, warning, info, hint, off/);
  });

  it('completes horizon with now / next / later, each described, and hovers period with its description', async () => {
    const body = 'unit: shop\nperiod: 2026\nroadmap:\n  wizard:\n    horizon: \n';
    const file = join(dir, 'complete.okr.yaml');
    writeFileSync(file, body);
    const uri = pathToFileURL(file).href;
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: body } });
    const r = await conn.sendRequest<CompletionList | CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 13 } });
    const items = Array.isArray(r) ? r : r.items;
    const labels = items.map((i) => i.label);
    for (const v of ['now', 'next', 'later']) assert.ok(labels.includes(v), `${v} in ${labels.join(', ')}`);
    const now = items.find((i) => i.label === 'now')!;
    assert.match(JSON.stringify(now.documentation ?? ''), /counts against the unit's `capacity`/);
    const hover = await conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } });
    assert.match(JSON.stringify(hover?.contents ?? ''), /a half \(`2026-H2`\)/);
  });
});
