/**
 * The change set as text and as a pull-request comment. The Markdown is
 * rendered with `marked` (GitHub-flavoured): a summary line, collapsed
 * sections, every change a link to its file and line, and whatever a
 * cascade file says stays text — no HTML, no emphasis, no links of its own.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { marked, type Token, type Tokens } from 'marked';
import { escapeMarkdown, formatChangeSetMarkdown } from '../../../server/src/core/compare/markdown';
import { formatChangeSetText } from '../../../server/src/core/compare/text';
import { REPO } from '../../helpers/fixtures';
import { compareTrees, readTree } from './helper';

const fixture = (name: string) => {
  const dir = join(REPO, 'test/fixtures/compare', name);
  return compareTrees(readTree(join(dir, 'base')), readTree(join(dir, 'head')));
};

const HOSTILE = '<img src=x onerror=alert(1)> **bold** [site](javascript:alert(1)) `code` | a | b | <!-- x --> # H1 @team https://evil.example';

/** A link's text as shown (escapes resolved). */
const shown = (l: Tokens.Link) => l.tokens.map((t) => ('text' in t ? t.text : '')).join('');

/** Every token of a Markdown document, nested ones included. */
function tokens(md: string): Token[] {
  const out: Token[] = [];
  marked.walkTokens(marked.lexer(md, { gfm: true }), (t) => void out.push(t));
  return out;
}

describe('compare: rendering', () => {
  it('text: one line per change, consequences, a summary (kr-renamed)', () => {
    assert.equal(formatChangeSetText(fixture('kr-renamed')), [
      'okr diff base → head · as of 2026-11-24',
      '',
      '> renamed KR        shop/KR5  was shop/KR2; target 30 → 25; progress 33% → 29%  head/shop.okr.yaml:20',
      '~ changed item      shop/b    supports KR2 → KR5  head/shop.okr.yaml:45',
      '~ changed KR        web/KR2   supports shop/KR2 → shop/KR5  head/teams/web.okr.yaml:19',
      '~ changed item      web/w2    supports [KR2, shop/KR2] → [KR2, shop/KR5]  head/teams/web.okr.yaml:34',
      '',
      'Findings: 1 introduced, 1 resolved',
      '  + head/shop.okr.yaml:20:7  info  behind-pace  `KR5` is off track: 50 s now, 29% of the way from 60 s to 25 s, while 90% of 2026 has passed (about 28.64 s expected by now); add or change the bets that move it, or reset the target',
      '  - base/shop.okr.yaml:20:7  info  behind-pace  `KR2` is off track: 50 s now, 33% of the way from 60 s to 30 s, while 90% of 2026 has passed (about 33.12 s expected by now); add or change the bets that move it, or reset the target',
      '',
      '4 changes: 1 renamed, 3 changed · findings: 1 introduced, 1 resolved',
      '',
    ].join('\n'));
  });

  it('text: findings, coverage, traceability, dependencies, roadmap and load (consequences)', () => {
    const cs = fixture('consequences');
    const text = formatChangeSetText(cs);
    const found = `findings: ${cs.findings.introduced.length} introduced, 0 resolved`;
    for (const line of [
      '- removed KR        shop/KR3  "Raise repeat purchases"  base/shop.okr.yaml:30',
      '  + head/shop.okr.yaml:49:15  error  broken-link  `KR3` names no key result: there is no `KR3` in this unit; did you mean `KR1`?',
      '  KRs supported from below 85.7% → 66.7% (6/7 → 4/6), items linked to a KR 100% → 83.3% (6/6 → 5/6)',
      '  items that no longer support any KR: shop/c',
      '  KRs that lost all support: acme/KR2',
      '  shop/b (now) now depends on shop/a, planned later (next)',
      '  shop: lane shop/O2 "Keep buyers coming back" emptied (1 → 0 cards)',
      '  shop: shop/c shop/O2 · 2026-Q4 → Unlinked · 2026-Q4',
      '  shop: 2 → 2 items in now, capacity 2 → 1 — overloaded',
      `5 changes: 1 removed, 4 changed · ${found} · coverage dropped`,
    ]) assert.ok(text.split('\n').includes(line), `has the line:\n${line}\n---\n${text}`);
  });

  it('text: colour only when asked', () => {
    const cs = fixture('kr-renamed');
    assert.ok(!formatChangeSetText(cs).includes('\x1b['));
    assert.ok(formatChangeSetText(cs, { color: true }).includes('\x1b[36m> renamed'));
  });

  it('Markdown: a summary line, then collapsed sections; each change links to its file and line', () => {
    const cs = fixture('consequences');
    const n = cs.findings.introduced.length;
    const md = formatChangeSetMarkdown(cs, { link: (side, l) => `https://example.com/${side}/${l.file}#L${l.line + 1}` });
    assert.equal(md.split('\n')[0], '<!-- okr-diff -->');
    const all = tokens(md);
    const html = all.filter((t) => t.type === 'html').map((t) => (t as Tokens.HTML).raw.trim());
    assert.deepEqual(html.filter((h) => !h.startsWith('<!--')), [
      '<details>\n<summary>Changes (5)</summary>', '</details>',
      `<details>\n<summary>Findings: ${n} introduced, 0 resolved</summary>`, '</details>',
      '<details>\n<summary>Coverage dropped</summary>', '</details>',
      '<details>\n<summary>Traceability</summary>', '</details>',
      '<details>\n<summary>Dependencies</summary>', '</details>',
      '<details>\n<summary>Roadmap</summary>', '</details>',
      '<details>\n<summary>Now</summary>', '</details>',
    ]);
    const rendered = marked.parse(md, { gfm: true }) as string;
    assert.ok(rendered.includes(`<p><strong>okr diff base → head</strong>: 5 changes: 1 removed, 4 changed · findings: ${n} introduced, 0 resolved · coverage dropped</p>`), rendered);
    const links = all.filter((t): t is Tokens.Link => t.type === 'link').map((t) => `${shown(t)} ${t.href}`);
    assert.ok(links.includes('shop/KR3 https://example.com/base/base/shop.okr.yaml#L30'), 'a removed KR links to the older side');
    assert.ok(links.includes('shop/a https://example.com/head/head/shop.okr.yaml#L32'), 'a changed item links to the newer side');
    assert.ok(links.includes('head/shop.okr.yaml:49 https://example.com/head/head/shop.okr.yaml#L49'), 'a finding links to its line');
    const items = all.filter((t): t is Tokens.ListItem => t.type === 'list_item');
    assert.equal(items.filter((i) => /^\*\*(added|removed|renamed|moved|changed)\*\*/.test(i.text)).length, 5);
  });

  it('Markdown: a title, a message and a path from the cascade stay text', () => {
    const cs = fixture('kr-renamed');
    cs.changes[0].title = HOSTILE;
    cs.changes[0].kind = 'added';
    cs.changes[1].fields = { title: { before: HOSTILE, after: 'Safe' } };
    cs.changes[2].location!.file = 'teams/we b) [x](y).okr.yaml';
    const md = formatChangeSetMarkdown(cs);
    const rendered = marked.parse(md, { gfm: true }) as string;
    assert.ok(!/<img|<strong>bold|href="javascript|<code>|<table|<h1/.test(rendered), rendered);
    assert.ok(rendered.includes('&lt;img src=x onerror=alert(1)&gt; **bold** [site](javascript:alert(1)) `code` | a | b | &lt;!-- x --&gt; # H1 @team'), rendered);
    const links = tokens(md).filter((t): t is Tokens.Link => t.type === 'link');
    assert.ok(links.every((l) => !l.href.startsWith('javascript')), 'no link of the cascade’s own');
    assert.ok(links.some((l) => shown(l) === 'web/KR2' && l.href === 'teams/we%20b%29%20%5Bx%5D%28y%29.okr.yaml#L19'), JSON.stringify(links.map((l) => l.href)));
  });

  it('escapeMarkdown: every ASCII punctuation escaped or an entity, lines joined', () => {
    assert.equal(escapeMarkdown('a*b_c<d>&"\'\n|e'), 'a\\*b\\_c&lt;d&gt;&amp;&quot;&#39; \\|e');
    assert.equal(marked.parseInline(escapeMarkdown('[x](y) <b>z</b> ~~s~~ `c`')), '[x](y) &lt;b&gt;z&lt;/b&gt; ~~s~~ `c`');
  });
});
