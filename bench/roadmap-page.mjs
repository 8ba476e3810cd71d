#!/usr/bin/env node
// The roadmap page in Chromium at the size of a real organisation: the portfolio of the company
// of a generated cascade (../shared/lspbench/gen.mjs, about 22 distinct cards per unit: 14 / 137 /
// 912 units for 300 / 3,000 / 20,000 cards), drawn by the same renderer as the preview.
//
//   node bench/roadmap-page.mjs [--cards 300,3000,20000 | --sizes UNITS,...] [--runs 5] [--json FILE]
//
// Needs `npm run build` (dist/cli.js, dist/webview.js) and Debian chromium (CHROMIUM_PATH).
// Per size it prints, median of --runs, beside the target of issue 13:
//   first render  the exported page (`okr roadmap --view portfolio --format html`): navigation
//                 start → the board drawn and painted (timed in the page; the page read whole beside it). A large portfolio's page holds the model with
//                 every product summarised (core/roadmap/elide.ts) and each product's cards in a block
//                 of its own, parsed when it is opened; and its floor in the same run: the same page
//                 whose script only parses the model (what loading it costs, drawing nothing).
//   update        the page as a VS Code webview, with this script as its host sending what the
//                 language server sends (`okr/roadmap` with `open`: the products summarised, the one
//                 the reader opened whole): one card title of the open product changed, sent as the
//                 preview sends it (its changes from the model drawn, client/webview/delta.ts) → the
//                 webview says `rendered` → painted; and the same with the whole model posted.
//   diff          what the extension host spends making that delta (node, this process).
//   open section  the exported page: a click on a closed product → its lanes drawn and painted.
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
/** Distinct cards per unit of gen.mjs's cascades (21,944 at 1,000 units). */
const CARDS_PER_UNIT = 21.9;
const SIZES = arg('--sizes') ? arg('--sizes').split(',').map(Number)
  : arg('--cards', '300,3000,20000').split(',').map((c) => Math.max(2, Math.round(Number(c) / CARDS_PER_UNIT)));
const RUNS = Number(arg('--runs', 5));
const WORK = process.env.OKR_BENCH_DIR ?? '/tmp/okr-bench/roadmap-page';
const AS_OF = '2026-11-24';

for (const f of ['dist/cli.js', 'dist/webview.js']) {
  if (!existsSync(join(ROOT, f))) { console.error(`roadmap-page: ${f} is missing; run npm run build first`); process.exit(2); }
}
const GEN = [process.env.LSPBENCH, join(ROOT, '../shared/lspbench'), join(ROOT, '../../shared/lspbench')]
  .filter(Boolean).map((d) => join(d, 'gen.mjs')).find((f) => existsSync(f));

// The preview's own delta code and the server's eliding, bundled for this process.
mkdirSync(WORK, { recursive: true });
const bundled = async (entry, name) => {
  const out = join(WORK, name);
  await esbuild.build({ entryPoints: [join(ROOT, entry)], bundle: true, format: 'esm', platform: 'node', outfile: out, logLevel: 'warning' });
  return import(pathToFileURL(out).href);
};
const { diffModel, printModel } = await bundled('client/webview/delta.ts', 'delta.mjs');
const { elidePortfolio, distinctCardCount } = await bundled('server/src/core/roadmap/elide.ts', 'elide.mjs');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
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

/**
 * Navigation start → the board (`ready`) in the document and the frame after it painted, timed in the
 * page: the renderer draws while the browser still reads a large page (the blocks of the products'
 * cards follow it), when a poll from outside would wait for the reading. Also: the page read whole
 * (DOMContentLoaded).
 */
async function firstRender(browser, pageFile, ready = '#okr-root .app:not(.app--placeholder)') {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage();
  await page.addInitScript((sel) => {
    const obs = new MutationObserver(() => {
      if (window.__drawnAt !== undefined || !document.querySelector(sel)) return;
      window.__drawnAt = performance.now();
      obs.disconnect();
      requestAnimationFrame(() => setTimeout(() => { window.__paintedAt = performance.now(); }, 0));
    });
    obs.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
  }, ready);
  await page.goto(pathToFileURL(pageFile).href, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__paintedAt !== undefined, null, { timeout: 120000, polling: 20 });
  const r = await page.evaluate(async () => {
    if (document.readyState === 'loading') await new Promise((ok) => document.addEventListener('DOMContentLoaded', ok));
    return { painted: window.__paintedAt, read: performance.getEntriesByType('navigation')[0].domContentLoadedEventStart };
  });
  await ctx.close();
  return r;
}

async function updates(browser, pageFile, full) {
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
  // What the server sends: the products summarised; then, the reader having opened the first, that one whole.
  const opened = full.sections?.[0]?.unit;
  let version = 1;
  await timed({ type: 'model', version, model: elidePortfolio(full, []) });
  // (A small portfolio goes whole, its products open.)
  if (opened && await page.$(`.portfolio__section.is-closed[data-unit="${opened}"]`)) {
    await page.click(`.portfolio__section[data-unit="${opened}"] button[data-action="toggle-section"]`);
    await page.waitForSelector(`.portfolio__section[data-unit="${opened}"] :is(.portfolio__loading, .board)`);
  }
  const model = elidePortfolio(full, opened ? [opened] : []);
  await timed({ type: 'model', version: ++version, model });
  if (opened && !(await page.$(`.portfolio__section[data-unit="${opened}"] .board`))) throw new Error(`the opened product ${opened} shows no board`);
  const first = model.sections?.[0]?.lanes.flatMap((l) => l.cards)[0] ?? model.lanes.flatMap((l) => l.cards)[0];
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
  await ctx.close();
  return { update: median(delta), update95: p95(delta), whole: median(whole), diff: median(diff), wireKib: Math.round(JSON.stringify(model).length / 1024) };
}

/** The exported page: a click on the second product (closed) → its lanes drawn and painted. */
async function openSection(browser, pageFile, model) {
  const unit = model.sections?.[1]?.unit;
  if (!unit) return null;
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(pathToFileURL(pageFile).href);
  await page.waitForSelector('#okr-root .app:not(.app--placeholder)');
  const ms = await page.evaluate(async (u) => {
    const b = document.querySelector(`.portfolio__section.is-closed[data-unit="${u}"] button[data-action="toggle-section"]`);
    if (!b) return null;
    const t0 = performance.now();
    b.click();
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return document.querySelector(`.portfolio__section[data-unit="${u}"] .board`) ? performance.now() - t0 : -1;
  }, unit);
  await ctx.close();
  if (ms === -1) throw new Error(`opening ${unit} on the exported page drew no board`);
  return ms;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const rows = [];
const target = (cards) => (cards <= 5000 ? 1000 : 2000);
try {
  for (const units of SIZES) {
    const { source, model, pageFile } = prepare(units);
    const cards = distinctCardCount(model);
    const first = [];
    const floor = [];
    const floorFile = floorPage(pageFile);
    const read = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await firstRender(browser, pageFile);
      first.push(r.painted);
      read.push(r.read);
      floor.push((await firstRender(browser, floorFile, '#okr-root.floor-done')).painted);
    }
    const u = await updates(browser, pageFile, model);
    const open = [];
    for (let i = 0; i < Math.min(RUNS, 3); i++) open.push(await openSection(browser, pageFile, model));
    const r1 = (x) => Math.round(x * 10) / 10;
    const row = {
      units, source, cards, sections: model.sections?.length ?? 0, page_kib: Math.round(statSync(pageFile).size / 1024),
      model_kib: Math.round(JSON.stringify(model).length / 1024), first_model_kib: Math.round(JSON.stringify(elidePortfolio(model, [])).length / 1024),
      first_render_ms: Math.round(median(first)), first_render_target_ms: target(cards), floor_ms: Math.round(median(floor)), page_read_ms: Math.round(median(read)),
      update_ms: r1(u.update), update_p95_ms: r1(u.update95), update_target_ms: 50, update_whole_model_ms: r1(u.whole), host_diff_ms: r1(u.diff), update_model_kib: u.wireKib,
      open_section_ms: open[0] === null ? null : Math.round(median(open)),
    };
    rows.push(row);
    const ok = (v, t) => (v <= t ? 'met' : 'MISSED');
    console.log(`${String(cards).padStart(6)} cards (${source}, ${row.sections} products; page ${row.page_kib} KiB, model parsed first ${row.first_model_kib} KiB of ${row.model_kib} KiB)`);
    console.log(`         first render ${row.first_render_ms} ms, target ≤ ${row.first_render_target_ms} ms: ${ok(row.first_render_ms, row.first_render_target_ms)} (floor: parsing the page's model ${row.floor_ms} ms; the page read whole ${row.page_read_ms} ms)`);
    console.log(`         update p50 ${row.update_ms} ms, target ≤ 50 ms: ${ok(row.update_ms, 50)}; p95 ${row.update_p95_ms} ms (of ${RUNS}; whole model posted ${row.update_whole_model_ms} ms; host diff ${row.host_diff_ms} ms; model ${row.update_model_kib} KiB) · open a product ${row.open_section_ms ?? '–'} ms`);
  }
} finally {
  await browser.close();
}
const json = arg('--json');
if (json) writeFileSync(json, JSON.stringify({ date: new Date().toISOString(), runs: RUNS, load: (await import('node:os')).loadavg(), rows }, null, 2));
