// The SVG export (core/export/svg.ts) of the injection cascade, every view:
// well-formed XML of plain SVG elements (no foreignObject, style or script),
// every string as escaped text, long titles wrapped inside their card or cut
// with the whole title in a <title> tooltip; rendered by rsvg-convert (Debian
// librsvg2-bin, as outside any browser) and by Chromium as an image, with a
// pixel check that the text is drawn.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { drawSvg, toSvg } from '../../server/src/core/export/svg';
import { oneLine } from '../../server/src/core/export/text';
import type { RoadmapModel } from '../../server/src/core/roadmap/model';
import { launch, SHOTS } from '../webview/harness';
import { benign, cascade, HOSTILE, models } from './corpus';
import { decodePng, diffCount, type Pixels } from './png';

const HAS_RSVG = spawnSync('rsvg-convert', ['--version'], { encoding: 'utf8' }).status === 0;

/** What the browser finds in the SVG document (inline in a page, laid out with real fonts). */
interface Inspected {
  error: string | null;
  elements: string[];
  handlers: number;
  width: number;
  height: number;
  groups: { tooltip: string; lines: string[]; box: { x: number; y: number; w: number; h: number } | null; overflow: string[] }[];
  outside: string[];
  /** Lane titles and outcomes wider than the lane head column. */
  headOverflow: string[];
  headerText: string;
}

describe('exports: SVG drawing of the roadmap, outside a browser too', function () {
  this.timeout(120000);
  let browser: Browser;
  let page: Page;
  let dir: string;
  const hostile = models(cascade(HOSTILE));

  before(async () => {
    browser = await launch();
    page = await browser.newPage();
    await page.addScriptTag({ content: TEXT_PIXELS });
    dir = mkdtempSync(join(tmpdir(), 'okr-svg-'));
    mkdirSync(SHOTS, { recursive: true });
    if (!HAS_RSVG) console.log('    (rsvg-convert is not installed: apt-get install -y librsvg2-bin, or run .ci/setup-editors.sh; rendering in Chromium only)');
  });
  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const inspect = (svg: string): Promise<Inspected> => page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const err = doc.getElementsByTagName('parsererror')[0];
    if (err) return { error: err.textContent, elements: [], handlers: 0, width: 0, height: 0, groups: [], outside: [], headOverflow: [], headerText: '' };
    document.body.innerHTML = '';
    const root = document.importNode(doc.documentElement, true) as unknown as SVGSVGElement;
    document.body.appendChild(root);
    const all = [...root.querySelectorAll('*')];
    const width = Number(root.getAttribute('width'));
    const height = Number(root.getAttribute('height'));
    const groups = [...root.querySelectorAll('g.card, g.node')].map((g) => {
      const rect = g.querySelector('rect') as SVGRectElement | null;
      const box = rect ? { x: rect.x.baseVal.value, y: rect.y.baseVal.value, w: rect.width.baseVal.value, h: rect.height.baseVal.value } : null;
      const texts = [...g.querySelectorAll('text')] as SVGTextElement[];
      const overflow = box ? texts.filter((t) => {
        const b = t.getBBox();
        return b.x < box.x - 0.5 || b.x + b.width > box.x + box.w + 0.5 || b.y < box.y - 0.5 || b.y + b.height > box.y + box.h + 0.5;
      }).map((t) => t.textContent ?? '') : [];
      return { tooltip: g.querySelector('title')?.textContent ?? '', lines: texts.map((t) => t.textContent ?? ''), box, overflow };
    });
    const outside = ([...root.querySelectorAll('text')] as SVGTextElement[]).filter((t) => {
      const b = t.getBBox();
      return b.x < 0 || b.x + b.width > width + 0.5 || b.y < 0 || b.y + b.height > height + 0.5;
    }).map((t) => t.textContent ?? '');
    const headRight = 24 + 272;
    const headOverflow = ([...root.querySelectorAll('g.outcome text, g.lane > g:not(.card):not(.outcome) > text')] as SVGTextElement[])
      .filter((t) => { const b = t.getBBox(); return b.x + b.width > headRight + 0.5; }).map((t) => t.textContent ?? '');
    return {
      error: null,
      headOverflow,
      elements: [...new Set(all.map((e) => e.localName))].sort(),
      handlers: all.filter((e) => [...e.attributes].some((a) => a.name.toLowerCase().startsWith('on'))).length,
      width, height, groups, outside,
      headerText: root.querySelector('text')?.textContent ?? '',
    };
  }, svg);

  /** rsvg-convert's rendering (it refuses anything that is not well-formed XML). */
  function rsvg(svg: string, name: string): Pixels {
    const file = join(dir, `${name}.svg`);
    writeFileSync(file, svg);
    const r = spawnSync('rsvg-convert', ['--format', 'png', '--output', join(dir, `${name}.png`), file], { encoding: 'utf8' });
    assert.equal(r.status, 0, `rsvg-convert: ${r.stderr}`);
    return decodePng(readFileSync(join(dir, `${name}.png`)));
  }

  /** Chromium's rendering of the SVG as an image (as an <img> on GitHub would draw it): its size and how many pixels text adds in `box` and overall. */
  const chromium = (svg: string, bare: string, box: { x: number; y: number; w: number; h: number }) =>
    page.evaluate(([a, b, r]) => (window as unknown as { textPixels: TextPixels }).textPixels(a, b, r), [svg, bare, box] as const);

  /** The top of a drawing (at most `max` px high), for rendering it quickly. */
  const top = (svg: string, max: number): string => svg.replace(/height="(\d+)" viewBox="0 0 (\d+) (\d+)"/, (_, h, w) => `height="${Math.min(Number(h), max)}" viewBox="0 0 ${w} ${Math.min(Number(h), max)}"`);

  const withoutText = (svg: string) => svg.replace(/<text[^>]*>[^<]*<\/text>/g, '');

  for (const { view, model } of hostile) {
    it(`${view}: plain SVG elements, every title as escaped text inside its card (or cut, with a tooltip)`, async () => {
      const svg = toSvg(model);
      const r = await inspect(svg);
      assert.equal(r.error, null, 'well-formed XML');
      assert.deepEqual(r.elements.filter((e) => !['g', 'line', 'rect', 'text', 'title'].includes(e)), [], 'only g, line, rect, text, title');
      assert.equal(r.handlers, 0);
      assert.ok(!svg.includes('<script') && !svg.includes('foreignObject>') && !/<(?!\/?(svg|g|line|rect|text|title)\b|\?xml)/.test(svg), 'no markup from a title');
      assert.deepEqual(r.outside, [], 'no text outside the drawing');
      assert.deepEqual(r.headOverflow, [], 'lane titles and outcomes inside the lane head');
      const expected = shownCards(model);
      assert.equal(r.groups.length, expected.length, 'one group per card or trace node');
      for (const [i, g] of r.groups.entries()) {
        const { title, ref } = expected[i];
        assert.equal(g.tooltip, `${oneLine(title)} — ${ref}`, 'the whole title in the tooltip');
        assert.deepEqual(g.overflow, [], `text inside the card of ${ref}`);
        const shown = g.lines.filter((l) => !isMeta(l, ref)).join('').replace(/\s/g, '');
        const full = oneLine(title).replace(/\s/g, '');
        if (shown.endsWith('…')) assert.ok(full.startsWith(shown.slice(0, -1)) && shown.length - 1 < full.length, `${ref}: cut, a prefix of the title`);
        else assert.equal(shown, full, `${ref}: the title, wrapped`);
      }
    });
  }

  it('a long title is wrapped to three lines and cut with …, the whole title in the tooltip', async () => {
    const model = hostile.find((m) => m.view === 'quarters')!.model;
    const long = model.lanes.flatMap((l) => l.cards).find((c) => c.title.startsWith('AAAA'))!;
    const r = await inspect(toSvg(model));
    const g = r.groups.find((x) => x.tooltip.endsWith(`— ${long.ref}`))!;
    assert.equal(g.tooltip, `${long.title} — ${long.ref}`);
    const titleLines = g.lines.slice(0, 3);
    assert.ok(titleLines[2].endsWith('…'), titleLines.join(' | '));
    assert.ok(titleLines.every((l) => /^A+…?$/.test(l)), 'a word longer than the card is broken where it must');
  });

  for (const { view, model } of hostile.filter((m) => ['quarters', 'trace', 'portfolio'].includes(m.view))) {
    it(`${view}: rsvg-convert and Chromium both draw it, text included`, async () => {
      const d = drawSvg(model);
      writeFileSync(join(SHOTS, `export-injection-${view}.svg`), d.svg);
      // The first 1,200 px: every kind of element, at a size that renders in a moment.
      const svg = top(d.svg, 1200);
      const bare = withoutText(svg);
      const height = Math.min(d.height, 1200);
      const texts = [...svg.matchAll(/<text x="[\d.]+" y="([\d.]+)"/g)].filter((m) => Number(m[1]) < height).length;
      const header = { x: 24, y: 24, w: 400, h: 28 };
      const c = await chromium(svg, bare, header);
      assert.deepEqual([c.width, c.height], [d.width, height], 'chromium: the size of the drawing');
      assert.ok(c.box > 300, `chromium: the heading is drawn (${c.box} pixels)`);
      assert.ok(c.all > texts * 15, `chromium: ${c.all} pixels of text for ${texts} text elements`);
      if (!HAS_RSVG) return;
      const full = rsvg(svg, view);
      const none = rsvg(bare, `${view}-bare`);
      assert.deepEqual([full.width, full.height], [d.width, height], 'rsvg: the size of the drawing');
      assert.ok(diffCount(full, none, header) > 300, 'rsvg: the heading is drawn');
      const all = diffCount(full, none);
      assert.ok(all > texts * 15, `rsvg: ${all} pixels of text for ${texts} text elements`);
    });
  }

  it('the light and dark drawings differ only in colour, and an unsafe colour is not taken', () => {
    const model = models(cascade(benign(HOSTILE.length)))[1].model;
    const light = toSvg(model);
    const dark = toSvg(model, { dark: true });
    assert.equal(light.replace(/(fill|stroke)="[^"]*"/g, ''), dark.replace(/(fill|stroke)="[^"]*"/g, ''));
    assert.match(dark, /<rect x="0" y="0" width="\d+" height="\d+" fill="#1f1f1f"\/>/);
    const evil = toSvg(model, { theme: { background: 'url(http://evil.example/x)', foreground: 'red" onload="alert(1)', card: 'rgb(1, 2, 3)' } });
    assert.ok(!evil.includes('evil.example') && !evil.includes('onload'), 'neither the URL nor the attribute');
    assert.match(evil, /<rect x="0" y="0" width="\d+" height="\d+" fill="#ffffff"\/>/);
    assert.ok(evil.includes('fill="rgb(1, 2, 3)"'));
  });
});

/** The cards (or trace nodes) the drawing shows, in drawing order. */
function shownCards(m: RoadmapModel): { title: string; ref: string }[] {
  if (m.view === 'trace') {
    const out: { title: string; ref: string }[] = [];
    const walk = (ns: RoadmapModel['trace']): void => ns?.forEach((n) => { out.push(n); walk(n.children); });
    walk(m.trace);
    return [...out, ...m.unlinked];
  }
  if (m.view === 'themes') return [];
  const lanes = (ls: RoadmapModel['lanes'], unlinked: RoadmapModel['unlinked']) => [
    ...ls.flatMap((l) => m.columns.flatMap((c) => l.cards.filter((k) => k.column === c.id))),
    ...m.columns.flatMap((c) => unlinked.filter((k) => k.column === c.id)),
  ];
  return [...lanes(m.lanes, m.unlinked), ...(m.sections ?? []).flatMap((s) => lanes(s.lanes, s.unlinked))];
}

/** A card's meta line (status, confidence, the KR it serves), as opposed to its title. */
function isMeta(line: string, ref: string): boolean {
  return /^(active|planned|idea|done|dropped|KR)( ·|$)/.test(line) || /^(→ |supports )/.test(line) || line.startsWith(`KR ${ref}`) || line.startsWith(ref);
}

type TextPixels = (svg: string, bare: string, box: { x: number; y: number; w: number; h: number }) => Promise<{ width: number; height: number; box: number; all: number }>;

/** In the page: draws both SVGs as images into canvases and counts the pixels that differ. */
const TEXT_PIXELS = `
window.textPixels = async function (svg, bare, box) {
  async function pixels(text) {
    const img = new Image();
    img.src = 'data:image/svg+xml;base64,' + btoa(unescape(encodeURIComponent(text)));
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    return { width: c.width, height: c.height, data: g.getImageData(0, 0, c.width, c.height).data };
  }
  const full = await pixels(svg);
  const none = await pixels(bare);
  function diff(x0, y0, w, h) {
    let n = 0;
    for (let y = y0; y < Math.min(full.height, y0 + h); y++) {
      for (let x = x0; x < Math.min(full.width, x0 + w); x++) {
        const o = (y * full.width + x) * 4;
        if (Math.abs(full.data[o] - none.data[o]) > 16 || Math.abs(full.data[o + 1] - none.data[o + 1]) > 16 || Math.abs(full.data[o + 2] - none.data[o + 2]) > 16) n++;
      }
    }
    return n;
  }
  return { width: full.width, height: full.height, box: diff(box.x, box.y, box.w, box.h), all: diff(0, 0, full.width, full.height) };
};
`;
