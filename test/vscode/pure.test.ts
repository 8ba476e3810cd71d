// The extension's pure helpers (no vscode API): the horizon edit of a drag, the entity under
// the cursor, the status text, the snapshot check and the scaffold. They run anywhere;
// bundled with the extension-host suite so they also run in real VS Code.
import * as assert from 'node:assert/strict';
import { entityAt } from '../../client/src/preview/entity-at';
import { applyLineEdit, horizonEdit } from '../../client/src/preview/horizon-edit';
import { snapshotBytes } from '../../client/src/preview/snapshot';
import { isSnapshotMessage, isWebviewMessage } from '../../client/webview/messages';
import { scaffoldCascade, slugify } from '../../client/src/scaffold/templates';
import { describeStatus } from '../../client/src/status-text';

const FILE = `unit: shop
roadmap:
  a:
    title: A   # c
    supports: [KR1]
    hypothesis: >
      We believe this: works
      because reasons
    status: idea
  b: { title: "x, y", supports: KR1, horizon: "now" }   # comment
  c: {title: C}
  d: {}
  e: {
    title: E,
    supports: KR1
  }
  f:
    title: F
    horizon:   # todo
  "g h":
    horizon: 'later' # keep
  h:
    title: H
    rice: { reach: 1, effort: 2 }
    horizon: now
`;

function move(id: string, to: string, hint?: number): string {
  const r = horizonEdit(FILE, id, to, hint);
  assert.equal(r.kind, 'edit', JSON.stringify(r));
  return applyLineEdit(FILE, (r as { edit: Parameters<typeof applyLineEdit>[1] }).edit);
}

describe('pure: the horizon edit of a drag', () => {
  it('replaces the value of an existing horizon and nothing else', () => {
    const out = move('h', 'later');
    assert.equal(out, FILE.replace('    horizon: now\n', '    horizon: later\n'));
  });
  it('inserts `horizon:` after title / supports / hypothesis when there is none', () => {
    const out = move('a', '2026-Q3');
    assert.equal(out, FILE.replace('      because reasons\n', '      because reasons\n    horizon: 2026-Q3\n'));
  });
  it('keeps quotes and trailing comments', () => {
    assert.equal(move('g h', 'next'), FILE.replace("horizon: 'later' # keep", "horizon: 'next' # keep"));
    assert.equal(move('b', 'later'), FILE.replace('horizon: "now" }', 'horizon: "later" }'));
  });
  it('fills an empty `horizon:` before its comment', () => {
    assert.equal(move('f', 'now'), FILE.replace('    horizon:   # todo', '    horizon: now    # todo'));
  });
  it('edits flow maps on one line or several', () => {
    assert.equal(move('c', 'now'), FILE.replace('c: {title: C}', 'c: {title: C, horizon: now}'));
    assert.equal(move('d', 'now'), FILE.replace('d: {}', 'd: { horizon: now }'));
    assert.equal(move('e', 'later'), FILE.replace('    supports: KR1\n  }', '    supports: KR1, horizon: later\n  }'));
  });
  it('finds the item when the model line is stale, and refuses what it cannot do', () => {
    assert.equal(move('h', 'later', 3), move('h', 'later'));
    assert.deepEqual(horizonEdit(FILE, 'b', 'now'), { kind: 'unchanged' });
    assert.equal(horizonEdit(FILE, 'zz', 'now').kind, 'error');
    assert.equal(horizonEdit(FILE, 'a', 'soon').kind, 'error');
  });
  it('keeps CRLF line ends', () => {
    const crlf = 'roadmap:\r\n  a:\r\n    title: A\r\n';
    const r = horizonEdit(crlf, 'a', 'now');
    assert.equal(r.kind, 'edit');
    if (r.kind === 'edit') assert.equal(applyLineEdit(crlf, r.edit), 'roadmap:\r\n  a:\r\n    title: A\r\n    horizon: now\r\n');
  });
});

describe('pure: the entity under the cursor', () => {
  const text = `unit: shop
objectives:
  O1:
    title: T
    key_results:
      KR1:
        title: K
        # a comment
        target: 3

roadmap:
  a:
    hypothesis: >
      We believe: this
`;
  it('names the KR, objective or item whose block holds the line', () => {
    assert.equal(entityAt(text, 8)?.ref, 'shop/KR1');
    assert.equal(entityAt(text, 7)?.ref, 'shop/KR1');
    assert.equal(entityAt(text, 5)?.ref, 'shop/KR1');
    assert.equal(entityAt(text, 3)?.ref, 'shop/O1');
    assert.equal(entityAt(text, 4)?.ref, 'shop/O1');
    assert.equal(entityAt(text, 13)?.ref, 'shop/a', 'a block scalar line that looks like a key');
    assert.equal(entityAt(text, 0), undefined);
    assert.equal(entityAt(text, 10), undefined);
  });
});

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
