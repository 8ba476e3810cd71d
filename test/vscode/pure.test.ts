// The extension's pure helpers (no vscode API): the status text, the snapshot check and the
// scaffold. They run anywhere; bundled with the extension-host suite so they also run in real
// VS Code. (The horizon edit of a drag and the entity under the cursor are the server's now:
// test/unit/edits/, test/lsp/preview.test.ts.)
import * as assert from 'node:assert/strict';
import { snapshotBytes } from '../../client/src/preview/snapshot';
import { isSnapshotMessage, isWebviewMessage } from '../../client/webview/messages';
import { scaffoldCascade, slugify } from '../../server/src/core/scaffold';
import { describeStatus } from '../../client/src/status-text';

describe('pure: status text, snapshots, scaffold', () => {
  it('describes the status for the status bar', () => {
    const s = describeStatus({ files: 3, errors: 1, warnings: 2, infos: 0, hints: 0, coverage: { items: 87.5, krs: 100 } });
    assert.equal(s.text, 'OKR $(error) 1 $(warning) 2 · 87.5% linked');
    assert.match(s.tooltip, /3 files/);
    assert.equal(describeStatus({ files: 1, errors: 0, warnings: 0, infos: 4, hints: 0, coverage: { items: null, krs: null } }).text, '$(check) OKR');
  });
  it('accepts only well-formed snapshots', () => {
    assert.equal(isSnapshotMessage({ type: 'snapshot', id: 1, format: 'gif' }), false);
    assert.equal(isSnapshotMessage({ type: 'snapshot', id: 1.5, format: 'svg' }), false);
    assert.equal(isSnapshotMessage({ type: 'snapshot', id: 1, format: 'svg', data: 42 }), false);
    assert.equal(isSnapshotMessage({ type: 'snapshot', id: 1, format: 'png', error: 'no canvas' }), true);
    assert.equal(isWebviewMessage({ type: 'snapshot', id: 2, format: 'svg', data: '<svg/>' }), true);
    assert.equal(typeof snapshotBytes({ type: 'snapshot', id: 1, format: 'svg', data: '<script>' }), 'string');
    assert.equal(typeof snapshotBytes({ type: 'snapshot', id: 1, format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg">' }), 'string', 'not closed');
    assert.equal(snapshotBytes({ type: 'snapshot', id: 1, format: 'png', error: 'no canvas' }), 'no canvas');
    assert.equal(typeof snapshotBytes({ type: 'snapshot', id: 1, format: 'png', data: 'data:image/png;base64,AAAA' }), 'string');
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(24)]).toString('base64');
    assert.ok(snapshotBytes({ type: 'snapshot', id: 1, format: 'png', data: `data:image/png;base64,${png}` }) instanceof Uint8Array);
    const svg = snapshotBytes({ type: 'snapshot', id: 1, format: 'svg', data: '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><text>é</text></svg>\n' });
    assert.ok(svg instanceof Uint8Array && new TextDecoder().decode(svg).includes('<text>é</text>'), 'UTF-8 text');
  });
  it('scaffolds ids that avoid the units already taken', () => {
    assert.equal(slugify('Zürich & Co'), 'zurich-co');
    const files = scaffoldCascade({ company: 'Acme', today: '2026-08-01', taken: new Set(['acme', 'acme-app']) });
    assert.deepEqual(files.map((f) => f.unit), ['acme-2', 'acme-2-app', 'acme-2-growth']);
    assert.match(files[2].text, /period: 2026-Q3/);
    assert.match(files[1].text, /supports: acme-2\/KR1/);
  });
});
