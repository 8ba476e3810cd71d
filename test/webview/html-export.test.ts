// renderHtmlPage and the message guards, in Node (no browser).
import * as assert from 'node:assert/strict';
import { isHostMessage, isRoadmapModel, isWebviewMessage } from '../../client/webview/messages';
import { jsonForScript, renderHtmlPage } from '../../server/src/core/export/html';
import { elidePortfolio } from '../../server/src/core/roadmap/elide';
import { bigPortfolio } from './big-model';
import { fixture } from './harness';

describe('webview: renderHtmlPage', () => {
  const model = fixture('quarters');
  const page = renderHtmlPage(model, { script: 'console.log("</script><!--")', css: 'body{}</style>', nonce: 'abc123' });

  it('has a strict CSP with the nonce', () => {
    assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;nonce-abc123&#39;; script-src &#39;nonce-abc123&#39;; img-src data:;/);
    assert.match(page, /<style nonce="abc123">/);
    assert.match(page, /<script nonce="abc123">/);
    assert.match(page, /<div id="okr-root"><\/div>/);
  });

  it('embeds the model so nothing in it can end the script element', () => {
    const m = /<script type="application\/json" id="okr-model">([\s\S]*?)<\/script>/.exec(page);
    assert.ok(m);
    assert.doesNotMatch(m[1], /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(m[1]), model);
    // two script elements close (model, bundle): the bundle's own "</script" is escaped
    assert.equal(page.match(/<\/script>/g)?.length, 2);
    assert.equal(page.match(/<\/style>/g)?.length, 1);
  });

  it('escapes <, >, &, U+2028/2029 in JSON and round-trips', () => {
    const v = { t: '</script><!-- & \u2028\u2029 >' };
    const j = jsonForScript(v);
    assert.doesNotMatch(j, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(j), v);
  });

  it('derives a stable nonce when none is given, and rejects a bad one', () => {
    const a = renderHtmlPage(model, { script: 'x', css: 'y' });
    const b = renderHtmlPage(model, { script: 'x', css: 'y' });
    assert.equal(a, b);
    assert.match(a, /script-src &#39;nonce-okr[0-9a-f]{16}&#39;/);
    assert.throws(() => renderHtmlPage(model, { script: '', css: '', nonce: '"><script>' }));
  });

  it('a large portfolio: the bundle right after the model, before the blocks of the sections\' cards (drawn while they are read)', () => {
    const big = renderHtmlPage(bigPortfolio(10, 20), { script: 'void 0', css: '', nonce: 'abc123' });
    const at = (s: string) => big.indexOf(s);
    assert.ok(at('id="okr-model"') > 0 && at('id="okr-model"') < at('<script nonce="abc123">'));
    assert.ok(at('<script nonce="abc123">') < at('id="okr-cards-0"') && at('id="okr-cards-9"') > 0);
  });

  it('escapes the title', () => {
    const p = renderHtmlPage({ ...model, title: '<b>&"' }, { script: '', css: '', nonce: 'n' });
    assert.match(p, /<title>&lt;b&gt;&amp;&quot; — roadmap<\/title>/);
  });
});

describe('webview: message guards', () => {
  const loc = { file: 'okrs/a.okr.yaml', line: 3, character: 2 };
  it('accepts every well-formed webview message', () => {
    for (const m of [
      { type: 'ready' }, { type: 'ready', view: 'trace', unit: 'acme' },
      { type: 'reveal', ref: 'a/x', location: loc }, { type: 'move', ref: 'a/x', column: '2026-Q3' },
      { type: 'setView', view: 'themes' }, { type: 'setUnit', unit: 'acme' }, { type: 'export', format: 'html' },
    ]) assert.ok(isWebviewMessage(m), JSON.stringify(m));
  });
  it('rejects malformed ones', () => {
    for (const m of [
      null, 'ready', { type: 'nope' }, { type: 'ready', view: 'gantt' }, { type: 'reveal', ref: 'a/x' },
      { type: 'reveal', ref: 'a/x', location: { file: 'f', line: -1 } }, { type: 'move', ref: 'a/x' },
      { type: 'move', ref: '', column: 'later' }, { type: 'setView', view: 'kanban' }, { type: 'setUnit', unit: 3 },
      { type: 'export' },
    ]) assert.ok(!isWebviewMessage(m), JSON.stringify(m));
  });
  it('validates host messages and models', () => {
    assert.ok(isHostMessage({ type: 'model', version: 1, model: fixture('quarters') }));
    assert.ok(isHostMessage({ type: 'model', version: 1, model: fixture('trace') }));
    assert.ok(isHostMessage({ type: 'model', version: 1, model: fixture('portfolio') }));
    assert.ok(isHostMessage({ type: 'highlight', ref: null }));
    assert.ok(isHostMessage({ type: 'error', message: 'bad' }));
    assert.ok(isHostMessage({ type: 'config', readOnly: true, exportFormats: ['html'] }));
    assert.ok(!isHostMessage({ type: 'model', model: fixture('quarters') }));
    assert.ok(!isHostMessage({ type: 'model', version: 2, model: { unit: 'x', view: 'quarters', columns: [], lanes: [{}], unlinked: [] } }));
    assert.ok(!isRoadmapModel({ ...fixture('quarters'), unlinked: undefined }));
  });

  it("checks an elided section's tally: every card's kind within the list, a list per lane", () => {
    const big = bigPortfolio(10, 20);
    const elided = elidePortfolio(big, ['product-2']);
    assert.ok(isRoadmapModel(elided));
    const s = elided.sections![0];
    const broken = (tally: unknown) => ({ ...elided, sections: [{ ...s, tally }, ...elided.sections!.slice(1)] });
    assert.ok(!isRoadmapModel(broken({ ...s.tally, lanes: s.tally!.lanes.slice(1) })), 'a lane without its list');
    assert.ok(!isRoadmapModel(broken({ ...s.tally, unlinked: [s.tally!.kinds.length] })), 'an index past the kinds');
    assert.ok(!isRoadmapModel(broken({ ...s.tally, kinds: [['epic', 'q', 'u', '', '', '']] })), 'a kind that is no card kind');
    assert.ok(!isRoadmapModel({ ...elided, sections: [{ ...elided.sections![1], tally: s.tally }] }), 'a tally on a section that is not elided');
  });
});
