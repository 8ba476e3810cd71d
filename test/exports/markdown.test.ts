// The Markdown export of the injection cascade, rendered by `marked` (GFM): the
// cascade's strings come out as literal text, never as markup. Each rendering is
// compared tag for tag with that of the same cascade written in plain words.
import { strict as assert } from 'node:assert';
import { marked } from 'marked';
import { toMarkdown } from '../../server/src/core/export/markdown';
import { mdCode, mdText, sourceHref } from '../../server/src/core/export/md-text';
import { oneLine } from '../../server/src/core/export/text';
import type { RoadmapModel } from '../../server/src/core/roadmap/model';
import { benign, cascade, HOSTILE, models } from './corpus';

const render = (md: string): string => marked.parse(md, { async: false, gfm: true });

/** The HTML's tags in order, with attribute names (and hrefs reduced to their file). */
function tags(html: string): string[] {
  return [...html.matchAll(/<(\/?[a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)].map(([, tag, attrs]) => {
    const names = [...attrs.matchAll(/([a-zA-Z-]+)=/g)].map((m) => m[1]);
    const href = /href="([^"]*)"/.exec(attrs)?.[1];
    return `${tag}${names.length ? `[${names.join(',')}]` : ''}${href ? `→${href.replace(/#L\d+$/, '')}` : ''}`;
  });
}

/** The text a reader sees (tags dropped, entities decoded). */
function text(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Every string of the model that the Markdown shows. */
function shownStrings(m: RoadmapModel): string[] {
  const out = [m.title ?? m.unit];
  const lanes = [...m.lanes, ...(m.sections ?? []).flatMap((s) => s.lanes)];
  for (const l of lanes) out.push(l.title, ...l.outcomes.map((o) => o.title));
  if (m.view !== 'themes') for (const l of lanes) out.push(...l.cards.map((c) => c.title));
  for (const c of [...m.unlinked, ...(m.sections ?? []).flatMap((s) => s.unlinked)]) out.push(c.title, ...(c.unresolved ?? []));
  for (const s of m.sections ?? []) out.push(s.title);
  const walk = (ns: RoadmapModel['trace']): void => ns?.forEach((n) => { out.push(n.title); walk(n.children); });
  walk(m.trace);
  return out;
}

describe('exports: Markdown of the injection cascade, rendered with marked', () => {
  const hostile = models(cascade(HOSTILE));
  const plain = models(cascade(benign(HOSTILE.length)));

  for (const [i, { view, model }] of hostile.entries()) {
    it(`${view}: the same HTML structure as plain words, every string shown as literal text, links only to the sources`, () => {
      const md = toMarkdown(model, { linkBase: '' });
      const html = render(md);
      const twin = render(toMarkdown(plain[i].model, { linkBase: '' }));
      assert.deepEqual(tags(html), tags(twin), 'no tag, heading, list, quote, emphasis or link comes from the cascade text');
      assert.ok(!/<(script|img|b|i|iframe|input|blockquote|hr)\b/i.test(html), 'no raw HTML, image, quote or rule');
      const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
      assert.ok(hrefs.length > 0, 'the titles link to their source');
      for (const h of hrefs) assert.match(h, /^\.\/(acme|shop|squad)\.okr\.yaml#L\d+$/, 'every link is the export\'s own, to a source line');
      const seen = text(html);
      const strings = shownStrings(model);
      assert.ok(strings.length >= 8, `${strings.length} strings`);
      for (const s of strings) assert.ok(seen.includes(oneLine(s)), `shown literally: ${JSON.stringify(s)}`);
      assert.equal((html.match(/<h[1-6]>/g) ?? []).length, (twin.match(/<h[1-6]>/g) ?? []).length, 'no heading from a title');
    });
  }

  it('without linkBase there are no links at all', () => {
    const html = render(toMarkdown(hostile[1].model));
    assert.ok(!html.includes('<a '), 'no <a>');
  });

  it('the Mermaid blocks stay code blocks: their labels cannot close the fence', () => {
    const md = toMarkdown(hostile[1].model);
    const html = render(md);
    assert.equal((html.match(/<pre><code class="language-mermaid">/g) ?? []).length, 1);
    assert.equal((md.match(/^```/gm) ?? []).length, 2, 'one opening and one closing fence');
  });
});

describe('exports: Markdown text helpers', () => {
  it('mdText escapes inline markup and what would start a block, on one line', () => {
    assert.equal(mdText('**x** <b>y</b>'), '\\*\\*x\\*\\* \\<b\\>y\\</b\\>');
    assert.equal(mdText('# title'), '\\# title');
    assert.equal(mdText('- a'), '\\- a');
    assert.equal(mdText('+ a'), '\\+ a');
    assert.equal(mdText('12. a'), '12\\. a');
    assert.equal(mdText('3) a'), '3\\) a');
    assert.equal(mdText('a\n\n# b\r\nc'), 'a \\# b c');
    assert.equal(mdText('see www.x.org or http://x.org'), 'see www\\.x.org or http\\://x.org');
    assert.equal(mdText('a|b \\'), 'a\\|b \\\\');
    assert.equal(mdText('bell\u0007'), 'bell\uFFFD');
  });

  it('mdCode fences with more backticks than the text holds and escapes | only in a table', () => {
    assert.equal(mdCode('a'), '`a`');
    assert.equal(mdCode('a`b'), '``a`b``');
    assert.equal(mdCode('`x`'), '`` `x` ``');
    assert.equal(mdCode('a|b'), '`a|b`');
    assert.equal(mdCode('a|b', true), '`a\\|b`');
    for (const s of ['a`b', '``x', 'x ``` y', '`']) {
      const html = marked.parse(`x ${mdCode(s)} y`, { async: false });
      assert.ok(html.includes(`<code>${s.replace(/`/g, '`')}</code>`), `${s} → ${html}`);
    }
  });

  it('sourceHref makes a relative, percent-encoded link, never a scheme or an absolute path', () => {
    assert.equal(sourceHref('okrs/shop.okr.yaml', 20), './okrs/shop.okr.yaml#L21');
    assert.equal(sourceHref('okrs/shop.okr.yaml', 0, '..'), '../okrs/shop.okr.yaml#L1');
    assert.equal(sourceHref('javascript:alert(1).okr.yaml', 0), './javascript%3Aalert%281%29.okr.yaml#L1');
    assert.equal(sourceHref('a b/<x>.okr.yaml', 2), './a%20b/%3Cx%3E.okr.yaml#L3');
    assert.equal(sourceHref('okrs\\team.okr.yaml', 1), './okrs/team.okr.yaml#L2');
    for (const bad of ['/etc/x.okr.yaml', 'file:///x.okr.yaml', 'C:\\x.okr.yaml', '../x.okr.yaml', 'a//b.okr.yaml', '']) {
      assert.equal(sourceHref(bad, 0), undefined, bad);
    }
    const html = marked.parse(`[t](${sourceHref('javascript:alert(1)', 0)})`, { async: false });
    assert.match(html, /href="\.\/javascript%3Aalert%281%29#L1"/);
  });
});
