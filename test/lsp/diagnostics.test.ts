/**
 * Diagnostics over the real protocol: every file of the cascade is published,
 * open or not; they equal the engine's checkAll on the same texts; an edit
 * re-publishes exactly the files whose findings changed; open text wins over
 * disk and closing falls back to disk; watched files and settings.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { checkAll } from '../../server/src/core/check';
import { parseUnitFile } from '../../server/src/core/parse';
import { parseDay } from '../../server/src/core/period';
import { lineStarts, positionAt } from '../../server/src/core/text';
import { AS_OF, LspClient } from './helpers';

const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 } as const;

function cascadeFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/\.okr\.ya?ml$/.test(e.name)) out.push(join(d, e.name));
    }
  };
  walk(dir);
  return out.sort();
}

/** What `okr check` finds on these texts, as LSP diagnostics per URI. */
function expected(texts: Map<string, string>): Map<string, unknown[]> {
  const files = [...texts].map(([uri, text]) => parseUnitFile(uri, text));
  const out = new Map<string, unknown[]>();
  for (const [uri, problems] of checkAll(files, { asOf: parseDay(AS_OF) })) {
    const starts = lineStarts(texts.get(uri)!);
    out.set(uri, problems.map((p) => ({
      range: { start: positionAt(starts, p.span[0]), end: positionAt(starts, p.span[1]) },
      severity: SEVERITY[p.severity], code: p.code, source: 'okr', message: p.message, ...(p.data ? { data: p.data } : {}),
    })));
  }
  return out;
}

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code).sort();

describe('lsp: diagnostics', function () {
  let c: LspClient;
  afterEach(async () => {
    assert.deepEqual(c.errors(), [], 'the server logged no failures');
    await c.stop();
  });

  it('publishes every file of the cascade, equal to checkAll, before anything is opened', async () => {
    c = await LspClient.start({ fixture: 'cascade' });
    const texts = new Map(cascadeFiles(c.dir).map((p) => [pathToFileURL(p).href, readFileSync(p, 'utf8')]));
    for (const [uri, want] of expected(texts)) {
      assert.deepEqual(await c.diagnostics(uri), want, `diagnostics of ${relative(c.dir, new URL(uri).pathname)}`);
    }
    assert.deepEqual(codes(c.latest.get(c.uri('teams/web.okr.yaml'))!), ['kr-without-roadmap']);
    assert.deepEqual(c.statuses[0], { files: 3, errors: 0, warnings: 0, infos: 1, hints: 0, coverage: { items: 100, krs: 83.3 } });
  });

  it('renaming a KR in the product makes broken-link appear in the team file, and renaming back clears it', async () => {
    c = await LspClient.start({ fixture: 'cascade' });
    await c.diagnostics('teams/web.okr.yaml');
    const shop = c.read('shop.okr.yaml');
    await c.open('shop.okr.yaml');
    let since = c.mark();
    const renamed = shop.replace('      KR2:\n        title: Cut time to pay', '      KR9:\n        title: Cut time to pay');
    await c.change('shop.okr.yaml', renamed);
    const team = await c.diagnostics('teams/web.okr.yaml', (d) => d.some((x) => x.code === 'broken-link'), since);
    const web = c.read('teams/web.okr.yaml');
    const broken = team.filter((d) => d.code === 'broken-link');
    assert.equal(broken.length, 2, 'KR1 supports shop/KR2, and item cdn lists shop/KR2');
    assert.deepEqual(broken[0].range, { start: { line: 17, character: 18 }, end: { line: 17, character: 26 } });
    assert.equal(web.split('\n')[17].slice(18, 26), 'shop/KR2');
    assert.ok((broken[0].data as { suggestions: string[] }).suggestions.includes('shop/KR9'));
    // The product's own item also pointed at KR2 (same unit).
    const product = await c.diagnostics('shop.okr.yaml', (d) => d.some((x) => x.code === 'broken-link'), since);
    assert.equal(product.filter((d) => d.code === 'broken-link').length, 1);
    // Everything still equals checkAll on the edited texts.
    const texts = new Map(cascadeFiles(c.dir).map((p) => [pathToFileURL(p).href, readFileSync(p, 'utf8')]));
    texts.set(c.uri('shop.okr.yaml'), renamed);
    for (const [uri, want] of expected(texts)) assert.deepEqual(c.latest.get(uri), want);

    since = c.mark();
    await c.change('shop.okr.yaml', shop);
    const cleared = await c.diagnostics('teams/web.okr.yaml', (d) => !d.some((x) => x.code === 'broken-link'), since);
    assert.deepEqual(codes(cleared), ['kr-without-roadmap']);
    assert.deepEqual(await c.diagnostics('shop.okr.yaml', (d) => d.length === 0, since), []);
  });

  it('a file re-published after a rename elsewhere, then given a line above its findings, shows every range where checkAll puts it', async () => {
    c = await LspClient.start({ fixture: 'cascade' });
    await c.diagnostics('teams/web.okr.yaml');
    const shop = c.read('shop.okr.yaml');
    const web = c.read('teams/web.okr.yaml');
    await c.open('shop.okr.yaml');
    await c.open('teams/web.okr.yaml');
    const texts = new Map(cascadeFiles(c.dir).map((p) => [pathToFileURL(p).href, readFileSync(p, 'utf8')]));
    const step = async (file: string, text: string, ready: (d: Diagnostic[]) => boolean) => {
      const since = c.mark();
      await c.change(file, text);
      texts.set(c.uri(file), text);
      await c.diagnostics('teams/web.okr.yaml', ready, since);
      for (const [uri, want] of expected(texts)) assert.deepEqual(c.latest.get(uri), want, `${relative(c.dir, new URL(uri).pathname)} after editing ${file}`);
    };
    // The team file's kr-without-roadmap stays as it was: it is sent again with the new broken links.
    await step('shop.okr.yaml', shop.replace('      KR2:\n        title: Cut time to pay', '      KR9:\n        title: Cut time to pay'), (d) => d.some((x) => x.code === 'broken-link'));
    // Two lines above everything: the same findings, two lines down.
    await step('teams/web.okr.yaml', `# moved\n# down\n${web}`, (d) => d.every((x) => x.range.start.line >= 2) && d.some((x) => x.code === 'broken-link'));
    await step('shop.okr.yaml', shop, (d) => !d.some((x) => x.code === 'broken-link'));
  });

  it('re-publishes only the files whose findings changed', async () => {
    c = await LspClient.start({ fixture: 'cascade' });
    await c.diagnostics('teams/web.okr.yaml');
    await c.open('acme.okr.yaml');
    const since = c.mark();
    const statuses = c.statuses.length;
    // A comment changes no finding anywhere: nothing is published.
    await c.change('acme.okr.yaml', c.read('acme.okr.yaml') + '# a comment\n');
    // A title change neither: then a real change in the team file is the next publish.
    await c.open('teams/web.okr.yaml');
    await c.change('teams/web.okr.yaml', c.read('teams/web.okr.yaml').replace('    horizon: next\n', '    horizon: next\n    due: 2026-12-01\n'));
    await c.diagnostics('teams/web.okr.yaml', (d) => d.some((x) => x.code === 'dated-later'), since);
    await c.until(() => c.statuses.length > statuses, 'status');
    const after = (c as unknown as { published: { seq: number; uri: string }[] }).published.filter((p) => p.seq > since);
    assert.deepEqual(after.map((p) => p.uri), [c.uri('teams/web.okr.yaml')]);
  });

  it('open text wins over disk; closing falls back to the file on disk', async () => {
    c = await LspClient.start({ fixture: 'cascade' });
    await c.diagnostics('teams/web.okr.yaml');
    await c.open('teams/web.okr.yaml');
    let since = c.mark();
    await c.change('teams/web.okr.yaml', c.read('teams/web.okr.yaml').replace('supports: shop/KR2\n', 'supports: shop/KR7\n'));
    await c.diagnostics('teams/web.okr.yaml', (d) => d.some((x) => x.code === 'broken-link'), since);
    // The disk changes meanwhile (a git checkout): the open text still wins.
    writeFileSync(c.path('teams/web.okr.yaml'), readFileSync(c.path('teams/web.okr.yaml'), 'utf8').replace('title: Faster pages', 'title: Fast pages'));
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('teams/web.okr.yaml'), type: 2 }] });
    since = c.mark();
    await c.close('teams/web.okr.yaml');
    const back = await c.diagnostics('teams/web.okr.yaml', (d) => !d.some((x) => x.code === 'broken-link'), since);
    assert.deepEqual(codes(back), ['kr-without-roadmap']);
  });

  it('follows created and deleted files (didChangeWatchedFiles), registered dynamically', async () => {
    c = await LspClient.start({ fixture: 'cascade' });
    await c.diagnostics('teams/web.okr.yaml');
    await c.until(() => c.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'watchers registered');
    const app = 'unit: app\nlevel: team\nparent: shop\nobjectives:\n  O1:\n    title: Ship the app\n    key_results:\n      KR1:\n        title: App conversion\n        baseline: 1\n        target: 2\n        supports: shop/KR1\n';
    let since = c.mark();
    writeFileSync(c.path('teams/app.okr.yaml'), app);
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('teams/app.okr.yaml'), type: 1 }] });
    assert.deepEqual(codes(await c.diagnostics('teams/app.okr.yaml', () => true, since)), ['kr-without-roadmap']);
    // A file referring to the new unit resolves now; deleting the unit breaks it.
    since = c.mark();
    rmSync(c.path('shop.okr.yaml'));
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('shop.okr.yaml'), type: 3 }] });
    assert.deepEqual(await c.diagnostics('shop.okr.yaml', () => true, since), [], 'a deleted file is cleared');
    const web = await c.diagnostics('teams/web.okr.yaml', (d) => d.some((x) => x.code === 'unknown-unit'), since);
    assert.ok(web.filter((d) => d.code === 'unknown-unit').length >= 3, 'parent and both shop/ references');
  });

  it('follows folders created and deleted, reported as the folder alone (a folder moved in, rm -r): its cascade files read, then forgotten', async () => {
    c = await LspClient.start({ fixture: 'cascade' });
    await c.diagnostics('teams/web.okr.yaml');
    await c.until(() => c.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'watchers registered');
    const watchers = (c.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!.registerOptions as { watchers: { globPattern: string; kind?: number }[] }).watchers;
    assert.deepEqual(watchers.find((w) => w.globPattern === '**/*'), { globPattern: '**/*', kind: 1 | 4 }, 'every path created or deleted');
    const app = 'unit: app\nlevel: team\nparent: shop\nobjectives:\n  O1:\n    title: Ship the app\n    key_results:\n      KR1:\n        title: App conversion\n        baseline: 1\n        target: 2\n        supports: shop/KR1\n';
    mkdirSync(c.path('mobile/ios'), { recursive: true });
    writeFileSync(c.path('mobile/ios/app.okr.yaml'), app);
    let since = c.mark();
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('mobile'), type: 1 }] });
    assert.deepEqual(codes(await c.diagnostics('mobile/ios/app.okr.yaml', () => true, since)), ['kr-without-roadmap']);
    since = c.mark();
    rmSync(c.path('mobile'), { recursive: true });
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('mobile'), type: 3 }] });
    assert.deepEqual(await c.diagnostics('mobile/ios/app.okr.yaml', () => true, since), [], 'a file of a deleted folder is cleared');
    // A folder created inside node_modules is not walked, like indexing: the folder after it in the same
    // notification is read (in order), and nothing of node_modules was published before it.
    mkdirSync(c.path('node_modules/pkg'), { recursive: true });
    writeFileSync(c.path('node_modules/pkg/x.okr.yaml'), app);
    mkdirSync(c.path('later'), { recursive: true });
    writeFileSync(c.path('later/app.okr.yaml'), app);
    since = c.mark();
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('node_modules/pkg'), type: 1 }, { uri: c.uri('later'), type: 1 }] });
    await c.diagnostics('later/app.okr.yaml', () => true, since);
    const published = (c as unknown as { published: { seq: number; uri: string }[] }).published.filter((p) => p.seq > since).map((p) => p.uri);
    assert.ok(!published.includes(c.uri('node_modules/pkg/x.okr.yaml')), published.join(', '));
  });

  it('follows workspace folders removed and added (didChangeWorkspaceFolders): closed files forgotten, then read again', async () => {
    c = await LspClient.start({ fixture: 'cascade' });
    const before = codes(await c.diagnostics('teams/web.okr.yaml'));
    assert.ok(before.length > 0, 'the fixture has findings in teams/web.okr.yaml');
    const folder = { uri: c.uri(''), name: 'ws' };
    let since = c.mark();
    await c.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder] } });
    assert.deepEqual(await c.diagnostics('teams/web.okr.yaml', (d) => d.length === 0, since), [], 'a file of a removed folder is cleared');
    since = c.mark();
    await c.conn.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [folder], removed: [] } });
    assert.deepEqual(codes(await c.diagnostics('teams/web.okr.yaml', (d) => d.length > 0, since)), before, 'the folder added again is read and checked');
  });

  it('okr.config.yaml wins over the editor settings for the codes it sets, as in `okr check`', async () => {
    const settings = { asOf: AS_OF, rules: { 'kr-without-roadmap': 'info', 'broken-link': 'error' } }; // VS Code sends defaults
    c = await LspClient.start({ fixture: 'cascade', settings, files: { 'okr.config.yaml': 'rules:\n  kr-without-roadmap: warning\n  no-such-rule: off\n' } });
    const web = await c.diagnostics('teams/web.okr.yaml');
    assert.equal(web[0].severity, 2, 'okr.config.yaml made it a warning');
    const config = await c.diagnostics('okr.config.yaml');
    assert.deepEqual(config.map((d) => [d.code, d.range.start.line]), [['schema', 2]], 'the config file is checked too');
  });

  it('okr.rules applies and is re-read on didChangeConfiguration; a new okr.config.yaml is followed', async () => {
    c = await LspClient.start({ fixture: 'cascade' });
    await c.diagnostics('teams/web.okr.yaml', (d) => d.length === 1);
    let since = c.mark();
    c.settings = { asOf: AS_OF, rules: { 'kr-without-roadmap': 'off' } };
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(await c.diagnostics('teams/web.okr.yaml', (d) => d.length === 0, since), []);
    since = c.mark();
    writeFileSync(c.path('okr.config.yaml'), 'rules:\n  kr-without-roadmap: hint\n');
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('okr.config.yaml'), type: 1 }] });
    const web = await c.diagnostics('teams/web.okr.yaml', (d) => d.length === 1, since);
    assert.equal(web[0].severity, 4);
  });

  it('an untitled or outside file is checked while open and forgotten on close', async () => {
    c = await LspClient.start({ fixture: 'cascade' });
    await c.diagnostics('teams/web.okr.yaml');
    const rel = 'draft.okr.yaml'; // not on disk
    let since = c.mark();
    await c.open(rel, 'unit: draft\nparent: shopp\n');
    const d = await c.diagnostics(rel, (x) => x.length > 0, since);
    assert.deepEqual(codes(d), ['unknown-unit']);
    since = c.mark();
    await c.close(rel);
    assert.deepEqual(await c.diagnostics(rel, () => true, since), []);
  });

  it('an empty workspace: a status with no files, and a file opened later is checked', async () => {
    c = await LspClient.start({});
    assert.deepEqual(c.statuses[0], { files: 0, errors: 0, warnings: 0, infos: 0, hints: 0, coverage: { items: null, krs: null } });
    await c.open('solo.okr.yaml', 'unit: solo\nobjectives:\n  O1:\n    title: One\n    key_results:\n      KR1:\n        title: Thing\n');
    assert.deepEqual(codes(await c.diagnostics('solo.okr.yaml')), ['kr-not-measurable', 'kr-without-roadmap']);
  });
});
