/**
 * The injection corpus for the export tests: strings that would change a
 * Markdown page, a Mermaid diagram, an SVG document or a spreadsheet if they
 * were pasted in as they are, written into a real cascade (unit names,
 * objective, KR and item titles, KR units, hypotheses, owners, types and broken
 * references) and turned into the roadmap model of every view by the engine.
 *
 * `cascade(strings)` with the corpus gives the hostile cascade; with
 * `benign(n)` (plain words) the same cascade shape, so a rendering of the two
 * can be compared structure for structure.
 */
import { stringify } from 'yaml';
import { CascadeIndex } from '../../server/src/core/link';
import { parseUnitFile } from '../../server/src/core/parse';
import { parseDay } from '../../server/src/core/period';
import { buildRoadmap } from '../../server/src/core/roadmap/index';
import { ROADMAP_VIEWS, type RoadmapModel, type RoadmapView } from '../../server/src/core/roadmap/model';

export const HOSTILE: readonly string[] = [
  '**bold** __strong__ _em_ *em* ~~strike~~',
  '<b>bold</b> <i>i</i>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '</foreignObject></text><script>alert(2)</script>',
  '[click](javascript:alert(1))',
  '![img](http://evil.example/x.png)',
  '<http://evil.example/auto>',
  'see https://evil.example/path and www.evil.example',
  'mail me@evil.example',
  '# heading',
  '## another ##',
  '> quote',
  '- item',
  '+ item',
  '* star item',
  '1. first',
  '2) second',
  '---',
  '===',
  '***',
  '| a | b |',
  '`code` ``two``',
  '```fence',
  '~~~',
  'line one\nline two\n\n# new block\n- list',
  'trailing backslash \\',
  '&lt;escaped&gt; &amp; &#60;b&#62;',
  '[^1] footnote',
  '[ref]: http://evil.example/ref',
  '@mention #123 GH-1',
  '$x^2$ and $$y$$',
  ':smile: :+1:',
  '%%{init: {"theme":"forest"}}%%',
  'x %%{init: {"securityLevel":"loose","theme":"dark"}}%% y',
  '%% a comment',
  '%%',
  'end',
  'a; b; c',
  '"quoted" and \'single\'',
  'brackets [a] (b) {c} [[d]] ((e)) {{f}} [(g)] >h]',
  'A-->B & C---D',
  'subgraph X',
  'click C1 call alert()',
  'n1:::cls',
  'style C1 fill:#f00;',
  'classDef x fill:#f00;',
  '#quot; #35; #lt;',
  '=HYPERLINK("http://evil.example","x")',
  '+1',
  '-1',
  '@SUM(A1)',
  '\tTab first',
  '\rCR first',
  'comma, "quote", end',
  'control \u0001 bell\u0007 esc\u001b',
  'emoji 🚀 and 漢字 and العربية',
  'line\u2028separator\u2029paragraph',
  ']]> <!-- comment --> <![CDATA[x]]>',
  'A'.repeat(180) + ' a very long title that must be wrapped or cut in the image',
];

/** Plain words, one per corpus entry: the benign twin. */
export const benign = (n: number): string[] => Array.from({ length: n }, (_, i) => `word${i}`);

const HORIZONS = ['now', 'next', 'later', '2026-Q3', '2026-Q4'];
const STATUSES = ['active', 'planned', 'idea', 'done', 'dropped'];
const CONFIDENCE = ['high', 'medium', 'low'];

/** The cascade's files (name → YAML text): company `acme`, product `shop`, team `squad`. */
export function cascadeFiles(s: readonly string[]): Record<string, string> {
  const at = (i: number) => s[((i % s.length) + s.length) % s.length];
  const acme = {
    unit: 'acme', name: at(0), level: 'company', period: 2026, owner: at(1),
    objectives: { O1: { title: at(2), owner: at(3), key_results: { KR1: { title: at(4), baseline: 0, target: 10, current: 5, unit: at(5), owner: at(6) } } } },
  };
  const shopObjectives: Record<string, unknown> = {};
  for (let o = 0; o < 3; o++) {
    shopObjectives[`O${o + 1}`] = {
      title: at(10 + o), owner: at(20 + o),
      key_results: { [`KR${o + 1}`]: { title: at(30 + o), baseline: 10, target: 40, current: 20 + o, unit: at(40 + o), supports: 'acme/KR1' } },
    };
  }
  const shopItems: Record<string, unknown> = {};
  s.forEach((_, i) => {
    shopItems[`i${i}`] = {
      title: at(i), hypothesis: at(i + 1), owner: at(i + 2), type: i % 3 === 0 ? 'tech' : at(i + 3),
      supports: i === s.length - 1 ? [at(i + 4), 'KR404'] : `KR${(i % 3) + 1}`,
      horizon: HORIZONS[i % HORIZONS.length], status: STATUSES[i % STATUSES.length], confidence: CONFIDENCE[i % CONFIDENCE.length],
    };
  });
  const shop = { unit: 'shop', name: at(7), level: 'product', parent: 'acme', period: '2026-H2', owner: at(8), objectives: shopObjectives, roadmap: shopItems };
  const squadKrs: Record<string, unknown> = {};
  const squadItems: Record<string, unknown> = {};
  s.forEach((_, i) => {
    squadKrs[`K${i}`] = { title: at(i + 5), baseline: 0, target: 100, current: i, supports: `shop/KR${(i % 3) + 1}`, owner: at(i + 6) };
    squadItems[`t${i}`] = { title: at(i + 7), hypothesis: at(i + 8), supports: `K${i}`, horizon: HORIZONS[(i + 1) % HORIZONS.length], status: STATUSES[(i + 2) % STATUSES.length], type: 'tech' };
  });
  const squad = {
    unit: 'squad', name: at(9), level: 'team', parent: 'shop', period: '2026-H2',
    objectives: { O1: { title: at(50), key_results: squadKrs } }, roadmap: squadItems,
  };
  return { 'acme.okr.yaml': stringify(acme), 'shop.okr.yaml': stringify(shop), 'squad.okr.yaml': stringify(squad) };
}

export function cascade(s: readonly string[]): CascadeIndex {
  return new CascadeIndex(Object.entries(cascadeFiles(s)).map(([f, text]) => parseUnitFile(f, text)));
}

export const AS_OF = parseDay('2026-08-20')!;

/** The model of every view: the product's for the board views and trace, the company's portfolio. */
export function models(index: CascadeIndex): { view: RoadmapView; model: RoadmapModel }[] {
  return ROADMAP_VIEWS.map((view) => ({ view, model: buildRoadmap(index, { view, unit: view === 'portfolio' ? 'acme' : 'shop', asOf: AS_OF }) }));
}

/**
 * A company with `products` products, each with 3 objectives (2 KRs each) and
 * `items` roadmap items with sentence-long titles: the portfolio of a large
 * organisation, whose single Mermaid diagram is over Mermaid's limits.
 */
export function bigCompany(products: number, items: number): CascadeIndex {
  return new CascadeIndex(Object.entries(bigCompanyFiles(products, items)).map(([f, text]) => parseUnitFile(f, text)));
}

/** The files of {@link bigCompany} (name → YAML text). */
export function bigCompanyFiles(products: number, items: number): Record<string, string> {
  const files = [{ unit: 'corp', name: 'Corp', level: 'company', period: 2026, objectives: { O1: { title: 'Grow', key_results: { KR1: { title: 'Revenue', baseline: 1, target: 2 } } } } }];
  for (let p = 0; p < products; p++) {
    const objectives: Record<string, unknown> = {};
    for (let o = 1; o <= 3; o++) {
      objectives[`O${o}`] = { title: `Objective ${o} of product ${p}: make the thing better`, key_results: {
        [`KR${o}a`]: { title: `Key result ${o}a of product ${p}`, baseline: 0, target: 10, supports: 'corp/KR1' },
        [`KR${o}b`]: { title: `Key result ${o}b of product ${p}`, baseline: 0, target: 10, supports: 'corp/KR1' },
      } };
    }
    const roadmap: Record<string, unknown> = {};
    for (let i = 0; i < items; i++) {
      roadmap[`item-${i}`] = { title: `Bet ${i} of product ${p}: a sentence-long title for a roadmap item`, supports: `KR${(i % 3) + 1}${i % 2 ? 'a' : 'b'}`, horizon: HORIZONS[i % HORIZONS.length] };
    }
    files.push({ unit: `product-${p}`, name: `Product ${p}`, level: 'product', parent: 'corp', period: '2026-H2', objectives, roadmap } as never);
  }
  return Object.fromEntries(files.map((f) => [`${f.unit}.okr.yaml`, stringify(f)]));
}
