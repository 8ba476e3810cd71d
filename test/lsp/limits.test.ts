/**
 * The limits of okr.config.yaml in the editor, over the real protocol, as
 * `okr check` applies them: a file over `limits.max_file_size` is not read
 * from disk (said in the log), and open in an editor gets the one finding
 * that says so; raising the limit reads it. And at most 1,000 diagnostics per
 * file, the last saying how many more there are (capFindings).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { manyFindings } from '../helpers/hostile';
import { LspClient } from './helpers';

const CO = 'unit: co\nname: Co\nlevel: company\nperiod: 2026\n';
/** A valid team file of 3,000 bytes or so (comments make the size). */
const BIG = `unit: big\nname: Big\nlevel: team\nparent: co\n${'# a note that makes the file larger\n'.repeat(80)}`;

describe('lsp: the limits of okr.config.yaml, and at most 1,000 diagnostics per file', function () {
  this.timeout(120000);
  let c: LspClient | undefined;
  afterEach(async () => {
    await c?.stop();
    c = undefined;
  });

  it('a file over limits.max_file_size is not read from disk; open, it gets the finding that says so; a raised limit reads it', async () => {
    const size = Buffer.byteLength(BIG);
    assert.ok(size > 2048 && size < 4096, `${size} bytes`);
    c = await LspClient.start({ files: { 'okr.config.yaml': 'limits:\n  max_file_size: 2KB\n', 'co.okr.yaml': CO, 'big.okr.yaml': BIG } });
    await c.until(() => c!.logs.some((l) => l.includes('is not checked')), 'the log line');
    assert.deepEqual(c.logs.filter((l) => l.includes('is not checked')), [`2: okr: ${c.path('big.okr.yaml')} is not checked: it is ${(size / 1024).toFixed(0)} KB, over the 2 KB limit for one file`]);
    assert.ok(!c.latest.has(c.uri('big.okr.yaml')), 'nothing published for it');
    assert.equal((c.statuses.at(-1) as { files: number }).files, 1);

    await c.open('big.okr.yaml');
    const open = await c.diagnostics('big.okr.yaml');
    assert.deepEqual(open.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.message]), [
      ['yaml-syntax', 0, 0, 0, 0, `This file is ${(size / 1024).toFixed(1).replace(/\.0$/, '')} KB, more than the 2 KB a cascade file may have, so it is not read: split the unit into smaller files, or raise \`limits.max_file_size\` in okr.config.yaml`],
    ]);
    await c.close('big.okr.yaml');

    const mark = c.mark();
    writeFileSync(c.path('okr.config.yaml'), 'limits:\n  max_file_size: 8KB\n');
    await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: c.uri('okr.config.yaml'), type: 2 }] });
    const read = await c.diagnostics('big.okr.yaml', (d) => !d.some((x) => x.code === 'yaml-syntax'), mark);
    assert.deepEqual(read, [], 'read and checked: a valid file, no findings');
    await c.until(() => (c!.statuses.at(-1) as { files: number }).files === 2, 'two files in the totals');
  });

  it('a file with 1,500 findings shows 1,000: 999 of the most severe, then one saying how many more', async () => {
    c = await LspClient.start({ files: { 'many.okr.yaml': manyFindings(1500) } });
    const d = (await c.diagnostics('many.okr.yaml')).map((x) => ({ ...x, message: String(x.message) }));
    assert.equal(d.length, 1000);
    assert.equal(d.filter((x) => x.code === 'broken-link' && x.severity === 1 && /^`nope` names no/.test(x.message)).length, 999);
    const last = d.filter((x) => /more findings/.test(x.message));
    assert.equal(last.length, 1);
    assert.match(last[0].message, /^502 more findings in this file are not shown \(501 errors, 1 warning\): fix the ones shown first, or run `okr check` for the full list$/);
    const starts = d.map((x) => x.range.start.line * 1e6 + x.range.start.character);
    assert.deepEqual(starts, starts.slice().sort((a, b) => a - b), 'in position order');
  });
});
