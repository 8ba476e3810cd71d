// `okr roadmap` with the export formats (the built CLI, spawned):
// --format svg and --out *.svg, Markdown links that resolve from where the file
// is written, and a Mermaid diagram too large for Mermaid refused with exit 2.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { bigCompanyFiles } from './corpus';

const AS_OF = ['--as-of', '2026-08-20'];
const CLI = resolve(__dirname, '../../dist/cli.js');

function okr(args: string[], cwd = process.cwd()): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 << 20, env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('exports: okr roadmap --format svg / md / mermaid', function () {
  this.timeout(60000);
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'okr-cli-export-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--format svg prints the SVG drawing; --out *.svg writes it (the format from the extension)', () => {
    const r = okr(['roadmap', 'samples/okrs', '--unit', 'checkout', '--format', 'svg', ...AS_OF]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+"/);
    assert.ok(r.stdout.includes('<title>One-page checkout — checkout/one-page-checkout</title>'));
    assert.ok(!r.stdout.includes('foreignObject'));
    const out = join(dir, 'board.svg');
    const w = okr(['roadmap', 'samples/okrs', '--unit', 'checkout', '--out', out, ...AS_OF]);
    assert.equal(w.code, 0, w.stderr);
    assert.equal(readFileSync(out, 'utf8'), r.stdout);
    const rsvg = spawnSync('rsvg-convert', ['--format', 'png', '--output', join(dir, 'board.png'), out], { encoding: 'utf8' });
    if (rsvg.error) return; // rsvg-convert missing: svg.test.ts says so and renders in Chromium
    assert.equal(rsvg.status, 0, rsvg.stderr);
    assert.equal(readFileSync(join(dir, 'board.png')).subarray(1, 4).toString('latin1'), 'PNG');
  });

  it('--format md links each title to its source line, relative to where the file is written', () => {
    const stdout = okr(['roadmap', 'samples/okrs', '--unit', 'checkout', '--format', 'md', ...AS_OF]).stdout;
    const here = [...stdout.matchAll(/\]\((\.\/[^)#]+)#L(\d+)\)/g)];
    assert.ok(here.length > 10);
    assert.ok(here.every(([, p]) => p.startsWith('./samples/okrs/')), here[0][1]);
    const out = join(dir, 'docs', 'roadmap.md');
    mkdirSync(dirname(out), { recursive: true });
    assert.equal(okr(['roadmap', 'samples/okrs', '--unit', 'checkout', '--out', out, ...AS_OF]).code, 0);
    const links = [...readFileSync(out, 'utf8').matchAll(/\]\(([^)#]+)#L(\d+)\)/g)];
    assert.equal(links.length, here.length);
    for (const [, target, line] of links) {
      const file = resolve(dirname(out), decodeURIComponent(target));
      assert.ok(existsSync(file), `${target} resolves from docs/ to ${file}`);
      assert.ok(Number(line) <= readFileSync(file, 'utf8').split('\n').length);
    }
  });

  it('--format mermaid of a portfolio too large for Mermaid exits 2 with a clear message; --format md splits it', () => {
    const cascade = join(dir, 'big');
    mkdirSync(cascade);
    for (const [name, text] of Object.entries(bigCompanyFiles(30, 20))) writeFileSync(join(cascade, name), text);
    const r = okr(['roadmap', cascade, '--unit', 'corp', '--view', 'portfolio', '--format', 'mermaid', ...AS_OF]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr ?? "", /^okr: The portfolio diagram of Corp is too large for Mermaid: [\d,]+ characters where Mermaid draws at most 50,000 and [\d,]+ links where Mermaid draws at most 500, so it would not be drawn\. Export Markdown instead \(one diagram per product\), or the roadmap of one unit\.\n$/);
    const md = okr(['roadmap', cascade, '--unit', 'corp', '--view', 'portfolio', '--format', 'md', ...AS_OF]);
    assert.equal(md.code, 0, md.stderr);
    assert.equal((md.stdout.match(/^```mermaid$/gm) ?? []).length, 30);
  });
});
