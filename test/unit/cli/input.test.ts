/**
 * What okr reads: `-` (standard input, placed in the cascade with
 * --stdin-filename), symlinked files and folders (followed, each real file
 * once, loops ended), and only regular files, bounded in size: a FIFO or
 * /dev/zero never blocks or fills memory, a file over the limit gets one
 * finding. The language server reads the same way.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../helpers/fixtures';
import { LspClient } from '../../lsp/helpers';
import { AS_OF, REPO, assertUsageError, ensureBuilt, json, okr, removeScratches, scratch } from './helpers';
import { NESTED } from './nested';

type Out = { diagnostics: Finding[]; summary: { files: number } };
const CO = 'unit: co\nlevel: company\nperiod: 2026\nreviewed: 2026-10-01\nobjectives:\n  O1:\n    title: Grow\n    key_results:\n      KR1: { title: Revenue, baseline: 1, target: 2 }\n';
const mkfifo = (path: string) => execFileSync('mkfifo', [path]);

describe('what okr reads (the built CLI)', function () {
  this.timeout(60_000);
  before(ensureBuilt);
  after(removeScratches);

  describe('- : one file from standard input', () => {
    const checkout = readFileSync(join(REPO, 'samples/okrs/checkout.okr.yaml'), 'utf8');

    it('with --stdin-filename, the text replaces that file\'s in its cascade: only its findings, links to the rest resolve, the disk is untouched', () => {
      const edited = checkout.replace('supports: acme/KR1', 'supports: acme/KR9');
      const r = okr(['check', '-', '--stdin-filename', 'samples/okrs/checkout.okr.yaml', '--format', 'json', ...AS_OF], { input: edited });
      assert.equal(r.code, 1, r.stderr);
      const out = json<Out>(r);
      assert.equal(out.summary.files, 1);
      assert.deepStrictEqual(out.diagnostics.map((d) => [d.file, d.code, d.range.start.line]), [['samples/okrs/checkout.okr.yaml', 'broken-link', checkout.split('\n').findIndex((l) => l.includes('supports: acme/KR1'))]]);
      assert.equal(readFileSync(join(REPO, 'samples/okrs/checkout.okr.yaml'), 'utf8'), checkout);
      const same = okr(['check', '-', '--stdin-filename', 'samples/okrs/checkout.okr.yaml', ...AS_OF], { input: checkout });
      assert.equal(same.code, 0, 'the unchanged text is clean: no duplicate of the file on disk');
      assert.match(same.stdout, /^✔ 0 errors, 0 warnings, 0 infos in 1 file\n/);
    });

    it('a --stdin-filename that is not on disk yet (a new team under checkout) is placed in the cascade too', () => {
      const team = 'unit: new-team\nlevel: team\nparent: checkout\nperiod: 2026-Q4\nreviewed: 2026-10-01\nobjectives:\n  O1:\n    title: T\n    key_results:\n      KR1: { title: K, baseline: 1, target: 2, supports: checkout/KR9 }\n';
      const out = json<Out>(okr(['check', '-', '--stdin-filename', 'samples/okrs/teams/new-team.okr.yaml', '--format', 'json', ...AS_OF], { input: team }));
      assert.deepStrictEqual(out.diagnostics.map((d) => [d.file, d.code]).filter(([, c]) => c !== 'kr-without-roadmap'), [['samples/okrs/teams/new-team.okr.yaml', 'broken-link']]);
      assert.match(out.diagnostics.find((d) => d.code === 'broken-link')!.message, /checkout\/KR9/);
    });

    it('without --stdin-filename the text is checked on its own, named <stdin>', () => {
      const r = okr(['check', '-', '--format', 'json', ...AS_OF], { input: checkout });
      const out = json<Out>(r);
      assert.equal(out.summary.files, 1);
      assert.ok(out.diagnostics.length > 0 && out.diagnostics.every((d) => d.file === '<stdin>'));
      assert.ok(out.diagnostics.some((d) => d.code === 'unknown-unit' && d.range.start.line === 5), 'its parent is not there');
    });

    it('- with another PATH, --stdin-filename without -, and input over the limit are refused', () => {
      assertUsageError(okr(['check', '-', 'samples/okrs']), /^okr: - reads one file from standard input: give no other PATH with it\n$/);
      assertUsageError(okr(['check', '--stdin-filename', 'x.okr.yaml']), /^okr: --stdin-filename goes with - /);
      assertUsageError(okr(['check', '-', '--max-file-size', '0.001'], { input: 'x'.repeat(2000) }), /^okr: cannot read standard input: it is 2 KB, over the 1 KB limit for one file\n$/);
    });
  });

  describe('symlinks', () => {
    it('a folder holding only a symlink to a cascade file is checked (it used to be "no cascade files")', () => {
      const dir = scratch({ 'real/co.okr.yaml': CO });
      mkdirSync(join(dir, 'linked'));
      symlinkSync('../real/co.okr.yaml', join(dir, 'linked/co.okr.yaml'));
      const r = okr(['check', 'linked', '--format', 'json', ...AS_OF], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(json<Out>(r).summary.files, 1);
    });

    it('a symlinked folder is followed; a loop ends; a file reached twice is read once (no duplicate unit)', () => {
      const dir = scratch({ 'okrs/co.okr.yaml': CO, 'shared/team.okr.yaml': CO.replace('unit: co', 'unit: team\nparent: co').replace('level: company', 'level: team').replace('KR1: { title: Revenue, baseline: 1, target: 2 }', 'KR1: { title: Revenue, baseline: 1, target: 2, supports: co/KR1 }') });
      symlinkSync('../shared', join(dir, 'okrs/shared'));
      symlinkSync('..', join(dir, 'okrs/loop'));
      symlinkSync('co.okr.yaml', join(dir, 'okrs/co-again.okr.yaml'));
      const r = okr(['check', 'okrs', '--format', 'json', ...AS_OF], { cwd: dir });
      const out = json<Out>(r);
      assert.equal(out.summary.files, 2, JSON.stringify(out));
      assert.ok(!out.diagnostics.some((d) => d.code === 'duplicate-id' || d.code === 'unknown-unit'), JSON.stringify(out.diagnostics));
    });
  });

  describe('only regular files, bounded', () => {
    it('a FIFO or a device named as a path: exit 2 at once, nothing read', () => {
      const dir = scratch();
      mkfifo(join(dir, 'pipe.okr.yaml'));
      symlinkSync('/dev/zero', join(dir, 'zero.okr.yaml'));
      assertUsageError(okr(['check', 'pipe.okr.yaml'], { cwd: dir }), /^okr: cannot read pipe\.okr\.yaml: it is not a regular file; only regular files are read\n$/);
      assertUsageError(okr(['check', 'zero.okr.yaml'], { cwd: dir }), /^okr: cannot read zero\.okr\.yaml: it is not a regular file/);
      assertUsageError(okr(['check', '/dev/zero']), /^okr: not a cascade file/);
      assertUsageError(okr(['check', '--config', join(dir, 'pipe.okr.yaml')], { cwd: REPO }), /^okr: cannot read .*pipe\.okr\.yaml: it is a named pipe \(FIFO\), not a regular file/);
    });

    it('a FIFO, a link to /dev/zero and a dangling link inside a folder are passed over; the rest is checked', () => {
      const dir = scratch({ 'co.okr.yaml': CO });
      mkfifo(join(dir, 'pipe.okr.yaml'));
      symlinkSync('/dev/zero', join(dir, 'zero.okr.yaml'));
      symlinkSync('nowhere.okr.yaml', join(dir, 'dangling.okr.yaml'));
      const r = okr(['check', '--format', 'json', ...AS_OF], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(json<Out>(r).summary.files, 1);
    });

    it('a file over the limit (default 5 MB) is not read: one finding at its start; --max-file-size raises or lowers the limit', () => {
      const big = `${CO}${'# padding\n'.repeat(530_000)}`; // 5.06 MB
      const dir = scratch({ 'co.okr.yaml': big, 'team.okr.yaml': 'unit: team\nparent: co\n' });
      const r = okr(['check', '--format', 'json', ...AS_OF], { cwd: dir });
      assert.equal(r.code, 1);
      const out = json<Out>(r);
      assert.equal(out.summary.files, 2);
      assert.deepStrictEqual(out.diagnostics.filter((d) => d.file === 'co.okr.yaml'), [{
        file: 'co.okr.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'error', code: 'yaml-syntax',
        message: 'This file was not read: it is 5.1 MB, over the 5 MB limit for one file. Split it into one file per unit, or raise the limit with --max-file-size.',
      }]);
      const raised = json<Out>(okr(['check', '--max-file-size', '6', '--format', 'json', ...AS_OF], { cwd: dir }));
      assert.ok(!raised.diagnostics.some((d) => d.file === 'co.okr.yaml' && d.code === 'yaml-syntax'));
      const lowered = json<Out>(okr(['check', 'team.okr.yaml', '--max-file-size', '0.00001', '--format', 'json', ...AS_OF], { cwd: dir }));
      assert.deepStrictEqual(lowered.diagnostics.map((d) => [d.file, d.code]), [['team.okr.yaml', 'yaml-syntax']]);
      assertUsageError(okr(['check', '--max-file-size', '0'], { cwd: dir }), /--max-file-size must be more than 0/);
    });
  });

  it('the language server reads the same way: symlinked files indexed; a FIFO and /dev/zero passed over; a file over 5 MB not read, said in its log', async () => {
    const c = await LspClient.start({
      files: { 'real/co.okr.yaml': CO, 'team.okr.yaml': 'unit: team\nparent: co\nlevel: team\n' },
      setup: (dir) => {
        mkdirSync(join(dir, 'okrs'));
        symlinkSync('../real/co.okr.yaml', join(dir, 'okrs/co.okr.yaml'));
        symlinkSync('..', join(dir, 'okrs/loop'));
        mkfifo(join(dir, 'pipe.okr.yaml'));
        symlinkSync('/dev/zero', join(dir, 'zero.okr.yaml'));
        writeFileSync(join(dir, 'big.okr.yaml'), `${CO.replace('unit: co', 'unit: big')}${'# padding\n'.repeat(530_000)}`);
      },
    });
    try {
      const team = await c.diagnostics('team.okr.yaml');
      assert.ok(!team.some((d) => d.code === 'unknown-unit'), 'co is found through the symlink');
      assert.ok(!c.latest.has(c.uri('zero.okr.yaml')) && !c.latest.has(c.uri('pipe.okr.yaml')) && !c.latest.has(c.uri('big.okr.yaml')));
      assert.deepStrictEqual(c.logs.filter((l) => l.includes('is not checked')), [`2: okr: ${c.path('big.okr.yaml')} is not checked: it is 5.1 MB, over the 5 MB limit for one file`]);
      assert.equal((c.statuses.at(-1) as { files: number }).files, 2, 'co (once, through okrs/ or real/) and team');
    } finally {
      await c.stop();
    }
  });

  it('run in place of a YAML language server (the Zed set-up in README), the server leaves other YAML files alone', async () => {
    const c = await LspClient.start({ files: { 'co.okr.yaml': CO, 'docker-compose.yaml': 'services:\n  web:\n    image: nginx\n' } });
    try {
      const uri = c.uri('docker-compose.yaml');
      await c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: 'services:\n  web:\n    image: nginx\n' } });
      const at = { textDocument: { uri }, position: { line: 1, character: 3 } };
      assert.equal(await c.request('textDocument/hover', at), null);
      assert.equal(await c.request('textDocument/definition', at), null);
      const completion = await c.request<unknown[] | { items: unknown[] } | null>('textDocument/completion', at);
      assert.ok(completion === null || (Array.isArray(completion) ? completion : completion.items).length === 0);
      assert.deepStrictEqual(await c.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
      await c.diagnostics('co.okr.yaml');
      assert.ok(!c.latest.has(uri), 'no diagnostics for a YAML file that is not a cascade file');
      assert.deepStrictEqual(c.errors(), []);
    } finally {
      await c.stop();
    }
  });

  it('roadmap reads the cascade around a named file too: the team file alone gets its own roadmap with its parent\'s KRs resolved', () => {
    const repo = scratch(NESTED);
    const r = okr(['roadmap', 'products/teams/web.okr.yaml', '--view', 'trace', '--format', 'json', ...AS_OF], { cwd: repo });
    assert.equal(r.code, 0, r.stderr);
    const model = JSON.parse(r.stdout) as { unit: string };
    assert.equal(model.unit, 'web', 'the named file\'s unit, not the first product of the cascade');
    assert.equal(r.stderr, 'okr: note: the cascade has 1 error; items whose links do not resolve are in Unlinked (run okr check for details)\n');
  });
});
