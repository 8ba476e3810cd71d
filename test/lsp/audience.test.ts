/**
 * Audiences over the real protocol: `audience-leak` published on the text
 * that leaks (and re-published when another file or okr.config.yaml changes
 * what leaks), the "mark private" quick fix, and `okr/roadmap` with an
 * audience answering the redacted model.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol/node';
import type { RoadmapModel } from '../../server/src/core/roadmap/model';
import { applyTextEdits, editsByUri, LspClient, rangeOf, ROOT } from './helpers';

const FIXTURE = join(ROOT, 'test/fixtures/check/audience-leak');
const leaksOf = (d: Diagnostic[]) => d.filter((x) => x.code === 'audience-leak');

describe('lsp: audiences', function () {
  this.timeout(30_000);
  let c: LspClient;
  before(async () => {
    c = await LspClient.start({ fixture: FIXTURE, settings: { asOf: '2026-08-15', rules: {} } });
  });
  after(async () => {
    assert.deepEqual(c.errors(), [], 'the server logged no failures');
    await c.stop();
  });

  it('publishes each leak as `okr check` reports it: same ranges, same messages, errors', async () => {
    const diags = await c.diagnostics('app.okr.yaml', (d) => leaksOf(d).length === 3);
    const expected = (JSON.parse(readFileSync(join(FIXTURE, 'expected.json'), 'utf8')) as { code: string; range: unknown; message: string }[]).filter((f) => f.code === 'audience-leak');
    assert.deepEqual(leaksOf(diags).map((d) => ({ range: d.range, message: d.message, severity: d.severity, source: d.source })),
      expected.map((f) => ({ range: f.range, message: f.message, severity: 1, source: 'okr' })));
    const text = c.read('app.okr.yaml');
    assert.deepEqual(leaksOf(diags).map((d) => d.range), [rangeOf(text, 'Faster rails (falcon-2)'), rangeOf(text, 'Launch wallets in Q4 2026'), rangeOf(text, 'Follow-up to project falcon BANK integration')]);
  });

  it('an edit in another file makes a leak there, and undoing it clears it', async () => {
    const co = c.read('co.okr.yaml');
    let since = c.mark();
    await c.open('co.okr.yaml', co);
    const leaky = co.replace('title: Grow paying merchants', 'title: Grow Falcon merchants');
    since = c.mark();
    await c.change('co.okr.yaml', leaky);
    const diags = await c.diagnostics('co.okr.yaml', (d) => leaksOf(d).length === 1, since);
    assert.deepEqual(leaksOf(diags)[0].range, rangeOf(leaky, 'Grow Falcon merchants'));
    assert.equal(leaksOf(diags)[0].message, 'The "customers" audience must never see "Falcon", but this title would show it in its roadmap of co (themes, horizons views; html, md, csv, json): reword it, or mark it private');
    since = c.mark();
    await c.change('co.okr.yaml', co);
    await c.diagnostics('co.okr.yaml', (d) => leaksOf(d).length === 0, since);
    await c.close('co.okr.yaml');
  });

  it('renaming the private item\'s title ends the repeat: the leak in the public item goes', async () => {
    const app = c.read('app.okr.yaml');
    const since = c.mark();
    await c.open('app.okr.yaml', app);
    await c.change('app.okr.yaml', app.replace('title: Project Falcon bank integration', 'title: Bank rails, phase one'));
    const diags = await c.diagnostics('app.okr.yaml', (d) => leaksOf(d).length === 2, since);
    assert.ok(!leaksOf(diags).some((d) => String(d.message).includes('private item')));
    await c.change('app.okr.yaml', app);
    await c.diagnostics('app.okr.yaml', (d) => leaksOf(d).length === 3, c.mark());
    await c.close('app.okr.yaml');
  });

  it('quick fix: "Mark item `rails` private" adds one line, and its leak is gone', async () => {
    const app = c.read('app.okr.yaml');
    await c.open('app.okr.yaml', app);
    const diags = await c.diagnostics('app.okr.yaml', (d) => leaksOf(d).length === 3);
    const diagnostic = leaksOf(diags)[0];
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: c.uri('app.okr.yaml') }, range: diagnostic.range, context: { diagnostics: [diagnostic], triggerKind: 1 },
    });
    const fix = actions.find((a) => a.title.startsWith('Mark item'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.title, 'Mark item `rails` private (audiences that hide private entries will not see it)');
    const next = applyTextEdits(app, editsByUri(fix.edit!).get(c.uri('app.okr.yaml')) as TextEdit[]);
    assert.equal(next, app.replace('    title: Faster rails (falcon-2)\n', '    title: Faster rails (falcon-2)\n    private: true\n'));
    const since = c.mark();
    await c.change('app.okr.yaml', next);
    const after = await c.diagnostics('app.okr.yaml', (d) => leaksOf(d).length === 2, since);
    assert.ok(!leaksOf(after).some((d) => d.range.start.line === diagnostic.range.start.line));
    await c.change('app.okr.yaml', app);
    await c.close('app.okr.yaml');
  });

  it('okr/roadmap with an audience answers the redacted model; a view it may not see is an error', async () => {
    const m = await c.request<RoadmapModel>('okr/roadmap', { uri: c.uri('app.okr.yaml'), view: 'horizons', audience: 'customers' });
    assert.equal(m.audience, 'customers');
    assert.equal(m.unit, 'k1');
    assert.deepEqual(m.columns.map((x) => x.id), ['now', 'next', 'later']);
    const cards = m.lanes.flatMap((l) => l.cards);
    assert.deepEqual(cards.map((x) => x.title).sort(), ['Faster rails (falcon-2)', 'Launch wallets in Q4 2026']);
    assert.ok(cards.every((x) => x.location === undefined && x.hypothesis === undefined && /^k\d+$/.test(x.ref)));
    assert.ok(!JSON.stringify(m).includes('app.okr.yaml'));
    for (const secret of ['Project Falcon bank integration', 'Secret partnership objective', 'Sign the strategic banking partner', 'partner customers abandon']) {
      assert.ok(!JSON.stringify(m).includes(secret), `no private text in the model: ${secret}`);
    }
    const themes = await c.request<RoadmapModel>('okr/roadmap', { uri: c.uri('app.okr.yaml'), audience: 'customers' } as never);
    assert.equal(themes.view, 'themes', 'without a view: the audience\'s first');
    await assert.rejects(c.request('okr/roadmap', { uri: c.uri('app.okr.yaml'), view: 'quarters', audience: 'customers' }), /The "customers" audience may not see the quarters view; its views are themes, horizons/);
    await assert.rejects(c.request('okr/roadmap', { uri: c.uri('app.okr.yaml'), view: 'themes', audience: 'board' }), /No audience "board" in okr.config.yaml; the audiences are customers, executives, engineering/);
    const audiences = await c.request<{ audiences: { name: string; views: string[] }[] }>('okr/audiences', {});
    assert.deepEqual(audiences.audiences.map((a) => [a.name, a.views]), [['customers', ['themes', 'horizons']], ['executives', ['themes', 'trace']], ['engineering', ['quarters']]]);
  });

  it('a new forbidden word in okr.config.yaml is followed: the text that carries it is marked', async () => {
    const cfg = c.read('okr.config.yaml');
    writeFileSync(c.path('okr.config.yaml'), cfg.replace('forbidden: [Falcon, "ACME Bank"]', 'forbidden: [Falcon, "ACME Bank", checkout]'));
    const since = c.mark();
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('okr.config.yaml'), type: 2 }] });
    const diags = await c.diagnostics('app.okr.yaml', (d) => leaksOf(d).length === 4, since);
    const text = c.read('app.okr.yaml');
    assert.ok(leaksOf(diags).some((d) => JSON.stringify(d.range) === JSON.stringify(rangeOf(text, 'Raise checkout conversion')) && String(d.message).includes('"checkout"')));
  });
});
