#!/usr/bin/env node
// The roadmap page in Chromium at the size of a real organisation: the portfolio of the company
// of a generated cascade (../shared/lspbench/gen.mjs at 20 / 200 / 1,000 units: about 300,
// 3,000 and 20,000 cards), drawn by the same renderer as the preview.
//
//   node bench/roadmap-page.mjs [--sizes 20,200,1000] [--runs 7] [--json FILE]
//
// Needs `npm run build` (dist/cli.js, dist/webview.js) and Debian chromium (CHROMIUM_PATH).
// Per size it prints, median of --runs:
//   first render  the exported page (`okr roadmap --view portfolio --format html`): navigation
//                 start → the board drawn and painted (the page reads its embedded model, draws);
//                 and its floor in the same run: the same page whose script only parses the model
//                 (what loading that much data costs this browser on this machine, drawing nothing).
//   update        the page as a VS Code webview, with this script as its host: one card title changed,
//                 sent as the preview sends it (its changes from the model drawn, client/webview/delta.ts)
//                 → the webview says `rendered` → painted; and the same with the whole model posted.
//   diff          what the extension host spends making that delta (node, this process).
//   open section  a click on the first closed product section → painted (lanes summarised).
// Targets (issue 13): first render ≤ 1 s at 3,000 cards, ≤ 2 s at 20,000; update ≤ 50 ms.
// Without gen.mjs (LSPBENCH=<folder> to point at it) the models are synthetic, same sizes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const arg = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };
const SIZES = arg('--sizes', '20,200,1000').split(',').map(Number);
const RUNS = Number(arg('--runs', 7));
const WORK = process.env.OKR_BENCH_DIR ?? '/tmp/okr-bench/roadmap-page';
const AS_OF = '2026-11-24';

for (const f of ['dist/cli.js', 'dist/webview.js']) {
  if (!existsSync(join(ROOT, f))) { console.error(`roadmap-page: ${f} is missing; run npm run build first`); process.exit(2); }
}
const GEN = [process.env.LSPBENCH, join(ROOT, '../shared/lspbench'), join(ROOT, '../../shared/lspbench')]
  .filter(Boolean).map((d) => join(d, 'gen.mjs')).find((f) => existsSync(f));

// The preview's own delta code, bundled for this process.
const deltaFile = join(WORK, 'delta.mjs');
mkdirSync(WORK, { recursive: true });
await esbuild.build({ entryPoints: [join(ROOT, 'client/webview/delta.ts')], bundle: true, format: 'esm', platform: 'node', outfile: deltaFile, logLevel: 'warning' });
const { diffModel, printModel } = await import(pathToFileURL(deltaFile).href);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cli = (...args) => execFileSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });

/** The portfolio model and exported page of the company of a cascade of `units` units. */
function prepare(units) {
  const dir = join(WORK, String(units));
  mkdirSync(dir, { recursive: true });
  const modelFile = join(dir, 'portfolio.json');
  const pageFile = join(dir, 'portfolio.html');
  if (GEN) {
    const ws = join(dir, 'cascade');
    if (!existsSync(join(ws, 'gen-manifest.json'))) execFileSync(process.execPath, [GEN, '--units', String(units), '--out', ws], { stdio: 'ignore' });
    const company = JSON.parse(readFileSync(join(ws, 'gen-manifest.json'), 'utf8')).company_file?.replace(/\.okr\.ya?ml$/, '').replace(/^.*\//, '');
    const unit = company ?? JSON.parse(cli('roadmap', ws, '--format', 'json', '--as-of', AS_OF)).units.find((u) => u.level === 'company').id;
    writeFileSync(modelFile, cli('roadmap', ws, '--unit', unit, '--view', 'portfolio', '--format', 'json', '--as-of', AS_OF));
    cli('roadmap', ws, '--unit', unit, '--view', 'portfolio', '--format', 'html', '--as-of', AS_OF, '--out', pageFile);
    return { source: `gen.mjs --units ${units}`, model: JSON.parse(readFileSync(modelFile, 'utf8')), pageFile };
  }
  const model = synthetic(units);
  writeFileSync(modelFile, JSON.stringify(model));
  // The exported page of a synthetic model: the same renderer and stylesheet, the model embedded.
  const small = join(dir, 'shell.html');
  const sample = join(ROOT, 'samples/okrs');
  cli('roadmap', sample, '--unit', 'acme', '--view', 'portfolio', '--format', 'html', '--as-of', AS_OF, '--out', small);
  const html = readFileSync(small, 'utf8').replace(/(<script type="application\/json" id="okr-model">)[\s\S]*?(<\/script>)/,
    (_, a, b) => `${a}${JSON.stringify(model).replace(/</g, '\\u003c')}${b}`);
  writeFileSync(pageFile, html);
  return { source: `synthetic, ${units} units`, model, pageFile };
}

/** A portfolio like gen.mjs's: one product per 10 units, teams under them, 4 objectives, ~20 cards per unit. */
function synthetic(units) {
  const loc = (file, line) => ({ file, line, character: 2 });
  const products = Math.max(1, Math.round(units / 10));
  const cols = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', 'later'];
  const lane = (u, o, cards) => ({ id: `${u}/O${o}`, title: `Objective ${o} of ${u}`, outcomes: [1, 2, 3].map((k) => ({ ref: `${u}/KR${o}${k}`, title: `Key result ${k}`, baseline: 10, current: 14, target: 20, progress: 0.4, supportedBy: 3, location: loc(`${u}.okr.yaml`, 10 + k) })), cards, location: loc(`${u}.okr.yaml`, 8) });
  let n = 0;
  const card = (u, o) => ({ ref: `${u}/item-${++n}`, kind: 'item', title: `Roadmap item ${n} with a realistic title`, column: cols[n % 5], supports: [`${u}/KR${o}1`], supportsTitles: ['Key result 1'], serves: [`${u}/KR${o}1`], confidence: ['high', 'medium', 'low'][n % 3], status: ['active', 'planned', 'idea', 'done'][n % 4], type: 'feature', hypothesis: 'We believe this will move the number because users asked for it.', unit: u, location: loc(`${u}.okr.yaml`, 40 + (n % 200)) });
  const perProduct = Math.round((units - 1) / products);
  const sections = Array.from({ length: products }, (_, p) => {
    const u = `product-${p + 1}`;
    return { unit: u, title: `Product ${p + 1}`, level: 'product', unlinked: [], lanes: [1, 2, 3, 4].map((o) => lane(u, o, Array.from({ length: perProduct * 5 }, () => card(u, o)))) };
  });
  return { unit: 'company', title: 'Company', level: 'company', view: 'portfolio', asOf: AS_OF, period: '2026', columns: cols.map((id) => ({ id, title: id, current: id === '2026-Q4' })), lanes: [1, 2, 3].map((o) => lane('company', o, [])), unlinked: [], sections };
}

const countCards = (m) => [...m.lanes, ...(m.sections ?? []).flatMap((s) => s.lanes)].reduce((k, l) => k + l.cards.length, 0)
  + m.unlinked.length + (m.sections ?? []).reduce((k, s) => k + s.unlinked.length, 0);

/** Resolves after the next frame has been painted. */
const PAINTED = 'new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))';

/** The exported page with the renderer replaced by a script that only parses the embedded model (same nonce, same CSP). */
function floorPage(pageFile) {
  const out = pageFile.replace(/\.html$/, '.floor.html');
  const html = readFileSync(pageFile, 'utf8');
  const at = html.lastIndexOf('<script nonce="');
  const open = html.indexOf('>', at) + 1;
  const close = html.indexOf('</script>', open);
  const floor = "JSON.parse(document.getElementById('okr-model').textContent); document.getElementById('okr-root').className = 'floor-done';";
  writeFileSync(out, html.slice(0, open) + floor + html.slice(close));
  return out;
}

async function firstRender(browser, pageFile, ready = '#okr-root .app:not(.app--placeholder)') {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(pathToFileURL(pageFile).href, { waitUntil: 'commit' });
  await page.waitForSelector(ready, { timeout: 120000, state: 'attached' });
  const ms = await page.evaluate(`${PAINTED}.then(() => performance.now())`);
  await ctx.close();
  return ms;
}

async function updates(browser, pageFile, model) {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage();
  // As in VS Code: the page finds acquireVsCodeApi, posts `ready` and draws the models it is sent.
  await page.addInitScript(() => {
    window.__rendered = [];
    window.acquireVsCodeApi = () => ({ postMessage: (m) => { if (m?.type === 'rendered') window.__rendered.push(m.version); }, getState: () => undefined, setState: () => undefined });
  });
  await page.goto(pathToFileURL(pageFile).href);
  // Posts a message into the page; resolves with the milliseconds until the webview drew it and the frame painted.
  const timed = (msg) => page.evaluate(async (m) => {
    const t0 = performance.now();
    window.postMessage(m, '*');
    while (!window.__rendered.includes(m.version)) await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - t0;
  }, msg);
  const first = model.sections?.flatMap((s) => s.lanes).flatMap((l) => l.cards)[0] ?? model.lanes.flatMap((l) => l.cards)[0];
  let version = 1;
  await timed({ type: 'model', version, model });
  let print = printModel(model);
  const delta = [];
  const whole = [];
  const diff = [];
  for (let i = 0; i < RUNS; i++) {
    if (first) first.title = `edited ${i}`;
    const d0 = performance.now();
    const r = diffModel(print, model);
    diff.push(performance.now() - d0);
    print = r.print;
    version++;
    delta.push(await timed({ type: 'delta', version, base: version - 1, delta: r.delta }));
  }
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    if (first) first.title = `whole ${i}`;
    whole.push(await timed({ type: 'model', version: ++version, model }));
  }
  const open = await page.evaluate(async () => {
    const b = document.querySelector('.portfolio__section.is-closed button[data-action="toggle-section"]');
    if (!b) return null;
    const t0 = performance.now();
    b.click();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return performance.now() - t0;
  });
  await ctx.close();
  return { update: median(delta), whole: median(whole), diff: median(diff), open };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const rows = [];
try {
  for (const units of SIZES) {
    const { source, model, pageFile } = prepare(units);
    const cards = countCards(model);
    const first = [];
    const floor = [];
    const floorFile = floorPage(pageFile);
    for (let i = 0; i < RUNS; i++) {
      first.push(await firstRender(browser, pageFile));
      floor.push(await firstRender(browser, floorFile, '#okr-root.floor-done'));
    }
    const u = await updates(browser, pageFile, model);
    const r1 = (x) => Math.round(x * 10) / 10;
    const row = { units, source, cards, sections: model.sections?.length ?? 0, page_kib: Math.round(statSync(pageFile).size / 1024), first_render_ms: Math.round(median(first)), floor_ms: Math.round(median(floor)), update_ms: r1(u.update), update_whole_model_ms: r1(u.whole), host_diff_ms: r1(u.diff), open_section_ms: u.open === null ? null : Math.round(u.open) };
    rows.push(row);
    console.log(`${String(cards).padStart(6)} cards (${source}, ${row.sections} sections, page ${row.page_kib} KiB): first render ${row.first_render_ms} ms (floor ${row.floor_ms} ms: ×${(row.first_render_ms / row.floor_ms).toFixed(2)}) · update ${row.update_ms} ms (whole model ${row.update_whole_model_ms} ms; host diff ${row.host_diff_ms} ms) · open a section ${row.open_section_ms ?? '–'} ms`);
  }
} finally {
  await browser.close();
}
const json = arg('--json');
if (json) writeFileSync(json, JSON.stringify({ date: new Date().toISOString(), runs: RUNS, load: (await import('node:os')).loadavg(), rows }, null, 2));
