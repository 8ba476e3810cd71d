// Commands in real VS Code: the status bar, Export Roadmap, New Cascade, Restart Language Server.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activated, assertWellFormedXml, closeAll, codeOf, hoverText, openEditor, pinDate, waitFor, waitForDiagnostics, wsUri } from './helpers';

interface StatusSnapshot { text: string; tooltip: string; visible: boolean; command?: string }
const status = () => vscode.commands.executeCommand<StatusSnapshot>('okr._test.status');
const onDiagnostics = vscode.languages.onDidChangeDiagnostics as vscode.Event<unknown>;

describe('commands', () => {
  const out = mkdtempSync(join(tmpdir(), 'okr-export-'));
  const checkout = () => wsUri('okrs/checkout.okr.yaml').toString();

  before(async () => {
    await pinDate();
    await activated();
    await openEditor('okrs/checkout.okr.yaml');
  });
  after(closeAll);

  it('the status bar shows the cascade errors, warnings and coverage (the same totals as the Problems panel)', async () => {
    // The totals the diagnostics add up to, over every cascade file (open or not).
    const totals = () => {
      const all = vscode.languages.getDiagnostics().filter(([u]) => /\.okr\.ya?ml$/.test(u.path)).flatMap(([, ds]) => ds);
      const n = (sev: vscode.DiagnosticSeverity) => all.filter((d) => d.severity === sev).length;
      return { errors: n(vscode.DiagnosticSeverity.Error), warnings: n(vscode.DiagnosticSeverity.Warning) };
    };
    const s = await waitFor('the status bar item to match the diagnostics', async () => {
      const x = await status();
      const t = totals();
      return x.visible && t.errors > 0 && x.text.startsWith(`OKR $(error) ${t.errors} $(warning) ${t.warnings} · `) ? x : undefined;
    }, [onDiagnostics], 20000).catch(async (e) => {
      throw new Error(`${(e as Error).message}; the item shows ${JSON.stringify(await status())}, the diagnostics ${JSON.stringify(totals())}`);
    });
    // samples/mistakes holds 12 errors (as `okr check samples` reports).
    assert.match(s.text, /^OKR \$\(error\) 12 \$\(warning\) \d+ · \d+(\.\d)?% linked$/);
    assert.match(s.tooltip, /OKR cascade: \d+ files/);
    assert.match(s.tooltip, /Roadmap items linked to a KR: \d/);
    assert.match(s.tooltip, /KRs supported from below: \d/);
    assert.match(s.tooltip, /Click to open the Problems panel/);
    assert.equal(s.command, 'workbench.actions.view.problems');
    assert.ok((await vscode.commands.getCommands(true)).includes('workbench.actions.view.problems'));
  });

  it('exports the roadmap as Markdown, CSV, Mermaid and HTML without dialogs', async () => {
    const run = (format: string, ext: string) => vscode.commands.executeCommand<string>('okr.exportRoadmap', { format, uri: checkout(), target: join(out, `checkout.${ext}`) });
    const md = await run('md', 'md');
    assert.ok(md, 'the command returns what it wrote');
    const mdText = readFileSync(join(out, 'checkout.md'), 'utf8');
    assert.match(mdText, /^# Roadmap — Checkout \(quarters\)/);
    assert.match(mdText, /## Make paying effortless on every device/);
    assert.match(mdText, /```mermaid\nflowchart LR/);

    await run('csv', 'csv');
    const csv = readFileSync(join(out, 'checkout.csv'), 'utf8').split('\r\n');
    assert.equal(csv[0], 'lane,ref,kind,title,column,supports,confidence,status,type,unit,owner,hypothesis,file,line');
    const row = csv.find((r) => r.includes('checkout/one-page-checkout'))!;
    assert.match(row, /okrs\/checkout\.okr\.yaml,63$/, 'workspace-relative paths, as the CLI prints them');

    await run('mermaid', 'mmd');
    assert.match(readFileSync(join(out, 'checkout.mmd'), 'utf8'), /^flowchart LR\n/);

    await run('html', 'html');
    const html = readFileSync(join(out, 'checkout.html'), 'utf8');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;|default-src 'none'/);
    assert.match(html, /<div id="okr-root"><\/div>/);
    assert.match(html, /<script type="application\/json" id="okr-model">\{"unit":"checkout"/);
    assert.ok(html.includes('acquireVsCodeApi'), 'the renderer bundle is embedded');
    assert.ok(!html.includes('file:///'), 'no local URIs in the page');
  });

  it('exports SVG and PNG images drawn by the real preview', async () => {
    const ext = await activated();
    const shots = join(ext.extensionPath, 'test-output', 'e2e');
    mkdirSync(shots, { recursive: true });
    const run = (format: string) => vscode.commands.executeCommand<string | undefined>('okr.exportRoadmap', { format, uri: checkout(), target: join(out, `checkout.${format}`) });

    // The preview opens beside the source (if it is not open) and draws the image itself.
    assert.ok(await run('svg'));
    const svg = readFileSync(join(out, 'checkout.svg'), 'utf8');
    copyFileSync(join(out, 'checkout.svg'), join(shots, 'export-checkout.svg'));
    assert.match(svg, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="(\d+)" height="(\d+)"/);
    assertWellFormedXml(svg);
    assert.ok(!svg.includes('foreignObject'), 'a drawing of rect / text / line elements, as okr roadmap --format svg writes');
    assert.match(svg, /<rect x="0" y="0" width="\d+" height="\d+" fill="(#[0-9a-fA-F]{3,8}|rgba?\([^)]*\))"\/>/, 'the theme\'s background travels with the image');
    for (const title of ['Make paying effortless on every device', 'One-page checkout', 'Pix for Brazilian buyers']) {
      assert.ok(svg.includes(`<title>${title} — `), `the card or lane "${title}", its whole title in the tooltip`);
    }
    const [, w, h] = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
    assert.ok(w >= 1000 && h >= 600, `the whole board: ${w}×${h}`);

    assert.ok(await run('png'));
    const png = readFileSync(join(out, 'checkout.png'));
    copyFileSync(join(out, 'checkout.png'), join(shots, 'export-checkout.png'));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG magic bytes');
    assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
    assert.equal(png.subarray(png.length - 8, png.length - 4).toString('latin1'), 'IEND');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [w * 2, h * 2], 'the SVG drawn at 2×');
    assert.ok(png.length > 50_000, `plausible size: ${png.length} bytes`);
  });

  it('New Cascade scaffolds a linked company / product / team trio with no findings', async () => {
    const before = Number(/(\d+) files/.exec((await status()).tooltip)?.[1] ?? 0);
    const folder = wsUri('scaffolded');
    const created = await vscode.commands.executeCommand<string[]>('okr.newCascade', { folder: folder.toString(), company: 'Nimbus Labs' });
    assert.deepEqual(created.map((u) => u.slice(folder.toString().length + 1)), ['nimbus-labs.okr.yaml', 'nimbus-labs-app.okr.yaml', 'teams/nimbus-labs-growth.okr.yaml']);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), created[1], 'the product file is opened');
    // The server picks the three files up (watcher / didOpen), then re-publishes the status.
    await waitFor('the three new files in the cascade', async () => {
      const n = Number(/(\d+) files/.exec((await status()).tooltip)?.[1] ?? 0);
      return n >= before + 3 || undefined;
    }, [onDiagnostics], 20000);
    for (const u of created) {
      const ds = vscode.languages.getDiagnostics(vscode.Uri.parse(u));
      assert.deepEqual(ds.map((d) => `${codeOf(d)}: ${d.message}`), [], vscode.workspace.asRelativePath(vscode.Uri.parse(u)));
    }
    const text = readFileSync(vscode.Uri.parse(created[2]).fsPath, 'utf8');
    assert.match(text, /parent: nimbus-labs-app/);
    assert.match(text, /supports: nimbus-labs-app\/KR1/);
  });

  it('restarts the language server, which then answers again', async () => {
    await vscode.commands.executeCommand('okr.restartServer');
    const editor = await openEditor('okrs/checkout.okr.yaml');
    const pos = new vscode.Position(22, editor.document.lineAt(22).text.indexOf('acme/KR1') + 6);
    const text = await waitFor('a hover after the restart', async () => {
      const h = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, pos));
      return h || undefined;
    }, [onDiagnostics], 20000);
    assert.match(text, /Raise checkout conversion/);
    await waitForDiagnostics(wsUri('mistakes/broken-link/bl-co.okr.yaml'), (d) => d.some((x) => codeOf(x) === 'broken-link'), 'findings again after the restart');
  });
});
