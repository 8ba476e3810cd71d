// SVG / PNG snapshots of the preview (the `snapshot` messages), in headless Chromium: the
// SVG is the drawing of core/export/svg.ts (rect / text / line, no foreignObject) of what the
// preview shows — its view, filters, folded lanes and theme colours — with the model's strings
// as text; the PNG is that SVG rasterised at 2×. The images are written to
// test-output/screenshots/snapshot-* for a human to look at.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { RoadmapModel } from '../../server/src/core/roadmap/model';
import type { Opened } from './harness';
import { SHOTS, applyTheme, buildBundle, cspViolations, fixture, launch, openVsCode, posted, send } from './harness';

interface Snap { type: 'snapshot'; id: number; format: 'svg' | 'png'; data?: string; error?: string }

/** What the page's DOMParser makes of the SVG (parsed in the browser, as a viewer would). */
interface Parsed {
  error: string | null;
  root: string;
  width: number;
  height: number;
  /** Every text element's text, one per line. */
  text: string;
  /** Every tooltip (`<title>`), one per line. */
  tooltips: string;
  scripts: number;
  handlers: number;
  foreign: number;
  styles: number;
  background: string;
  cards: number;
}

const HOSTILE = '</foreignObject><script>alert(1)</script> & ]]> <!-- "quoted" \u0001 bell\u0007 end';

describe('webview: SVG and PNG snapshots', function () {
  this.timeout(60000);
  let browser: Browser;
  let script: string;
  let o: Opened | undefined;
  let page: Page;
  /** A blank page (no CSP) where the images are parsed and decoded, as a viewer would. */
  let viewer: Page;
  let nextId = 0;

  before(async () => {
    script = await buildBundle();
    browser = await launch();
    viewer = await browser.newPage();
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => { await browser?.close(); });
  afterEach(async () => {
    if (!o) return;
    assert.deepEqual(await cspViolations(o.page), [], 'no CSP violations');
    assert.deepEqual(o.rec.errors, [], 'no page errors');
    assert.deepEqual(o.rec.dialogs, [], 'no script from the model ran');
    await o.context.close();
    o = undefined;
  });

  async function open(model: RoadmapModel | undefined, viewport = { width: 1000, height: 600 }, theme: 'light' | 'dark' = 'light'): Promise<void> {
    o = await openVsCode(browser, script, undefined, viewport);
    page = o.page;
    await applyTheme(page, theme);
    await send(page, { type: 'config', exportFormats: ['svg', 'png'] });
    if (model) {
      await send(page, { type: 'model', version: 1, model, sourceUri: 'file:///ws/okrs/checkout.okr.yaml' });
      await page.waitForSelector('.board, .themes, .trace');
    }
  }

  async function snapshot(format: 'svg' | 'png'): Promise<Snap> {
    const id = ++nextId;
    await send(page, { type: 'snapshot', id, format });
    await page.waitForFunction((k) => (window as unknown as { __posted: Snap[] }).__posted.some((m) => m.type === 'snapshot' && m.id === k), id, { timeout: 20000 });
    return (await posted(page)).find((m) => m.type === 'snapshot' && m.id === id) as unknown as Snap;
  }

  const parse = (svg: string): Promise<Parsed> => viewer.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const err = doc.getElementsByTagName('parsererror')[0];
    const root = doc.documentElement;
    const all = [...doc.getElementsByTagName('*')];
    const ns = 'http://www.w3.org/2000/svg';
    return {
      error: err ? err.textContent : null,
      root: `${root.namespaceURI} ${root.localName}`,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      text: [...doc.getElementsByTagNameNS(ns, 'text')].map((t) => t.textContent).join('\n'),
      tooltips: [...doc.getElementsByTagNameNS(ns, 'title')].map((t) => t.textContent).join('\n'),
      scripts: doc.getElementsByTagName('script').length,
      handlers: all.filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
      foreign: doc.getElementsByTagNameNS(ns, 'foreignObject').length,
      styles: doc.getElementsByTagNameNS(ns, 'style').length,
      background: doc.getElementsByTagNameNS(ns, 'rect')[0]?.getAttribute('fill') ?? '',
      cards: doc.querySelectorAll('g.card').length,
    };
  }, svg);

  function pngInfo(dataUrl: string): { bytes: Buffer; width: number; height: number } {
    const m = /^data:image\/png;base64,([A-Za-z0-9+/]+=*)$/.exec(dataUrl);
    assert.ok(m, 'a PNG data URL');
    const bytes = Buffer.from(m[1], 'base64');
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG magic bytes');
    assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
    assert.equal(bytes.subarray(bytes.length - 8, bytes.length - 4).toString('latin1'), 'IEND');
    return { bytes, width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }

  it('SVG: a well-formed drawing of the whole board (no foreignObject, no style, no script) in the theme\'s colours', async () => {
    const model = fixture('quarters');
    await open(model, { width: 1000, height: 600 }, 'dark');
    const r = await snapshot('svg');
    assert.equal(r.error, undefined);
    assert.ok(r.data);
    writeFileSync(join(SHOTS, 'snapshot-quarters-dark.svg'), r.data);
    assert.match(r.data, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const p = await parse(r.data);
    assert.equal(p.error, null, 'no parsererror');
    assert.equal(p.root, 'http://www.w3.org/2000/svg svg');
    assert.equal(p.foreign, 0, 'drawn with SVG elements, not a foreignObject wrapper');
    assert.equal(p.styles, 0, 'no stylesheet: presentation attributes only');
    assert.equal(p.background, '#1f1f1f', 'the dark theme\'s editor background');
    const cards = [...model.lanes.flatMap((l) => l.cards), ...model.unlinked];
    assert.equal(p.cards, cards.length, 'every card of the board, not just the visible part');
    for (const c of cards) assert.ok(p.tooltips.includes(`${c.title.replace(/\s+/g, ' ').trim()} — ${c.ref}`), `the card "${c.title}"`);
    for (const t of ['Checkout', 'Cut checkout drop-off', 'Q3 2026', 'Unlinked']) assert.ok(p.text.includes(t), `the image holds "${t}"`);
    // The model's hostile title is text, not markup.
    assert.ok(p.tooltips.includes('<img src=x onerror=alert(1)> </script> load test'));
    assert.equal(p.scripts, 0);
    assert.equal(p.handlers, 0);
    // No controls in the image: view switcher, filters, export menu.
    assert.ok(!/Export|Filter/.test(p.text));
  });

  it('SVG: escapes a hostile title and drops characters XML cannot hold', async () => {
    const model = fixture('quarters');
    model.lanes[0].cards[0].title = HOSTILE;
    model.lanes[0].title = `Lane ${HOSTILE}`;
    await open(model);
    const r = await snapshot('svg');
    assert.ok(r.data, r.error);
    const p = await parse(r.data);
    assert.equal(p.error, null, 'no parsererror');
    assert.equal(p.scripts, 0, 'no <script> element');
    const expected = HOSTILE.replace(/[\u0001\u0007]/g, '\uFFFD');
    assert.ok(p.tooltips.includes(expected), 'the title, as text');
    assert.ok(!r.data.includes('<script>'));
    assert.ok(r.data.includes('&lt;/foreignObject&gt;&lt;script&gt;'));
  });

  it('SVG: draws what the preview shows — its filters, folded lanes and the themes view', async () => {
    const model = fixture('quarters');
    const saved = { view: 'themes', filters: { unit: '', confidence: 'high', status: '', type: '' }, collapsed: ['checkout/O2'], scroll: { top: 0, left: 0 } };
    o = await openVsCode(browser, script, saved, { width: 1000, height: 600 });
    page = o.page;
    await applyTheme(page, 'light');
    await send(page, { type: 'config', exportFormats: ['svg', 'png'] });
    await send(page, { type: 'model', version: 1, model, sourceUri: 'file:///ws/okrs/checkout.okr.yaml' });
    await page.waitForSelector('.themes');
    const themes = await parse((await snapshot('svg')).data!);
    assert.equal(themes.cards, 0, 'the themes view counts cards');
    assert.match(themes.text, /^Themes · as of /m);
    assert.match(themes.text, /^Filtered: confidence high$/m);
    await page.locator('[data-action="view"][data-view="quarters"]').click();
    await page.waitForSelector('.board');
    const board = await parse((await snapshot('svg')).data!);
    const high = [...model.lanes.filter((l) => l.id !== 'checkout/O2').flatMap((l) => l.cards), ...model.unlinked].filter((c) => c.confidence === 'high');
    assert.equal(board.cards, high.length, 'only the cards the filter keeps, none of the folded lane');
    assert.match(board.text, /^\d+ cards? folded$/m);
  });

  it('PNG: a valid PNG of the whole board at twice its size', async () => {
    await open(fixture('quarters'));
    const svg = await snapshot('svg');
    const dims = await parse(svg.data!);
    const r = await snapshot('png');
    assert.equal(r.error, undefined);
    const png = pngInfo(r.data!);
    writeFileSync(join(SHOTS, 'snapshot-quarters-light.png'), png.bytes);
    assert.equal(png.width, dims.width * 2);
    assert.equal(png.height, dims.height * 2);
    assert.ok(png.bytes.length > 50_000, `plausible size: ${png.bytes.length} bytes`);
    // It decodes, and is drawn (not blank): the page background at a corner, a card's border elsewhere.
    const colours = await viewer.evaluate(async (url) => {
      const img = new Image();
      img.src = url;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth; c.height = img.naturalHeight;
      const g = c.getContext('2d')!;
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<string>();
      for (let i = 0; i < d.length; i += 4 * 97) seen.add(`${d[i]},${d[i + 1]},${d[i + 2]},${d[i + 3]}`);
      return { corner: [...g.getImageData(2, 2, 1, 1).data], distinct: seen.size };
    }, r.data!);
    assert.deepEqual(colours.corner, [255, 255, 255, 255], 'the light theme background');
    assert.ok(colours.distinct > 50, `drawn content (${colours.distinct} colours)`);
  });

  it('other views and a narrow window: the drawing does not depend on the window', async () => {
    await open(fixture('trace'), { width: 700, height: 400 });
    const r = await snapshot('svg');
    const p = await parse(r.data!);
    assert.equal(p.error, null);
    assert.ok(p.tooltips.includes(fixture('trace').trace![0].title));
    writeFileSync(join(SHOTS, 'snapshot-trace-light.svg'), r.data!);

    await send(page, { type: 'model', version: 2, model: fixture('quarters'), sourceUri: 'file:///ws/okrs/checkout.okr.yaml' });
    await page.waitForSelector('.board');
    const narrow = (await snapshot('svg')).data!;
    const png = pngInfo((await snapshot('png')).data!);
    writeFileSync(join(SHOTS, 'snapshot-quarters-narrow.png'), png.bytes);
    await page.setViewportSize({ width: 1400, height: 900 });
    assert.equal((await snapshot('svg')).data, narrow, 'the same drawing in a wide window');
  });

  it('before any model, a snapshot answers with an error', async () => {
    await open(undefined);
    const r = await snapshot('png');
    assert.equal(r.data, undefined);
    assert.match(r.error ?? '', /could not draw the PNG image: the preview has not drawn a roadmap yet/);
  });

  it('ignores malformed snapshot requests', async () => {
    await open(fixture('quarters'));
    await send(page, { type: 'snapshot', id: 'x', format: 'svg' });
    await send(page, { type: 'snapshot', id: 1, format: 'gif' });
    const r = await snapshot('svg'); // answered after the malformed ones were dropped
    assert.ok(r.data);
    assert.equal((await posted(page)).filter((m) => m.type === 'snapshot').length, 1);
  });
});
