import assert from 'node:assert/strict';
import { field, toCsv } from '../../../server/src/core/export/csv';
import { toMarkdown } from '../../../server/src/core/export/markdown';
import { label, toMermaid } from '../../../server/src/core/export/mermaid';
import type { RoadmapModel } from '../../../server/src/core/roadmap/model';
import { SMALL } from './small-model';

const MERMAID = [
  'flowchart LR',
  '  subgraph L1["Checkout | fast"]',
  '    K1(["Conversion · 25%"])',
  '    C1["One #34;page#34; checkout (active)"]',
  '    C2[["KR: Form | time · 50%"]]',
  '    C3["=HYPERLINK(#34;http#58;//x#34;) (dropped)"]',
  '  end',
  '  subgraph U1["Unlinked"]',
  '    C4["Dark mode"]',
  '  end',
  '  C1 --> K1',
  '  C2 --> K1',
  '  C3 --> C2',
  '  classDef dropped stroke-dasharray:4 3,opacity:0.55',
  '  class C3 dropped',
  '',
].join('\n');

describe('roadmap exports', () => {
  describe('csv', () => {
    it('writes one CRLF row per card, quoted per RFC 4180 and guarded against formulas', () => {
      assert.equal(
        toCsv(SMALL),
        [
          'lane,ref,kind,title,column,supports,confidence,status,type,unit,owner,hypothesis,file,line',
          'Checkout | fast,shop/one-page,item,"One ""page""\ncheckout",2026-Q3,shop/KR1,high,active,feature,shop,Dana,"We believe X, because Y.",okrs/shop.okr.yaml,20',
          'Checkout | fast,team/KR1,kr,Form | time,2026-Q4,shop/KR1,,,,team,,,okrs/team.okr.yaml,9',
          `Checkout | fast,team/formula,item,"'=HYPERLINK(""http://x"")",later,team/KR1,,dropped,tech,team,'@bob,"'-1 means, ""nothing""",okrs/team.okr.yaml,14`,
          'Unlinked,shop/stray,item,Dark mode,later,,,,,shop,,,okrs/shop.okr.yaml,30',
          '',
        ].join('\r\n'),
      );
    });

    it('quotes fields with commas, quotes, CR or LF and doubles the quotes', () => {
      assert.equal(field('plain text'), 'plain text');
      assert.equal(field('a,b'), '"a,b"');
      assert.equal(field('say "hi"'), '"say ""hi"""');
      assert.equal(field('two\r\nlines'), '"two\r\nlines"');
      assert.equal(field('cr\ronly'), '"cr\ronly"');
      assert.equal(field(''), '');
    });

    it('prefixes a field that starts like a formula with an apostrophe', () => {
      for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx']) assert.equal(field(s), `'${s}`);
      assert.equal(field('=A1,B1'), `"'=A1,B1"`);
      assert.equal(field('a=b'), 'a=b');
    });

    it('names section lanes after their section in the portfolio view', () => {
      const model: RoadmapModel = {
        ...SMALL, view: 'portfolio', lanes: [], unlinked: [],
        sections: [{ unit: 'pay', title: 'Payouts', lanes: [{ ...SMALL.lanes[0], cards: [SMALL.lanes[0].cards[1]] }], unlinked: [SMALL.unlinked[0]] }],
      };
      assert.deepEqual(toCsv(model).split('\r\n').slice(1, -1).map((r) => r.split(',').slice(0, 2).join(',')), [
        'Payouts / Checkout | fast,team/KR1',
        'Payouts / Unlinked,shop/stray',
      ]);
    });
  });

  describe('mermaid', () => {
    it('draws a subgraph per lane, cards linked to what they serve, and the Unlinked subgraph', () => {
      assert.equal(toMermaid(SMALL), MERMAID);
    });

    it('writes the characters Mermaid reads as numeric entity codes, on one line', () => {
      assert.equal(label('a "b" <c> #d `e`\n f'), 'a #34;b#34; #60;c#62; #35;d #96;e#96; f');
      assert.equal(label('#quot;'), '#35;quot#59;', 'an entity code in a title stays text');
      assert.equal(label('%%{init: {}}%% x; y & $$z$$'), '#37;#37;{init#58; {}}#37;#37; x#59; y #38; #36;#36;z#36;#36;');
      assert.equal(label('[a] (b) | end'), '[a] (b) | end', 'plain text inside quotes');
    });

    it('generates ids (never from refs or titles), links a card with no served node in its lane by a dotted edge', () => {
      const card = SMALL.lanes[0].cards[0];
      const model: RoadmapModel = {
        ...SMALL,
        lanes: [{
          ...SMALL.lanes[0],
          id: 'shop/end',
          cards: [
            { ...card, ref: 'shop/end', title: 'A', supports: ['team/KR9'] },
            { ...card, ref: 'shop/x--y', title: 'B', supports: ['shop/KR1'] },
          ],
        }],
        unlinked: [],
      };
      const text = toMermaid(model);
      assert.match(text, /\n {4}C1\["A \(active\)"\]\n {4}C2\["B \(active\)"\]\n/);
      assert.match(text, /\n {2}C1 -\.-> K1\n {2}C2 --> K1\n/);
      assert.match(text, /subgraph U1\["Unlinked"\]\n {4}N1\["\(none\)"\]\n {2}end/);
      assert.ok(!/end|x--y/.test(text.replace(/^ *end$/gm, '')), 'no id from a ref');
    });

    it('draws the trace view as a tree, each node once, gaps marked', () => {
      const loc = { file: 'f', line: 0 };
      const leaf = { ref: 't/x', kind: 'item' as const, title: 'X', unit: 't', status: 'active', children: [], location: loc };
      const model: RoadmapModel = {
        ...SMALL, view: 'trace', lanes: [], unlinked: [],
        trace: [
          { ref: 'p/KR1', kind: 'kr', title: 'One', unit: 'p', progress: 0.5, location: loc, children: [{ ref: 't/KR1', kind: 'kr', title: 'T', unit: 't', location: loc, children: [leaf] }] },
          { ref: 'p/KR2', kind: 'kr', title: 'Two', unit: 'p', location: loc, children: [leaf] },
          { ref: 'p/KR3', kind: 'kr', title: 'Gap', unit: 'p', gap: true, location: loc, children: [] },
        ],
      };
      assert.equal(toMermaid(model), [
        'flowchart LR',
        '  T1(["KR: One · 50%"])',
        '  T2(["KR: T"])',
        '  T3["X (active)"]',
        '  T4(["KR: Two"])',
        '  T5(["KR: Gap"])',
        '  subgraph U1["Unlinked"]',
        '    N1["(none)"]',
        '  end',
        '  T2 --> T1',
        '  T3 --> T2',
        '  T3 --> T4',
        '  classDef gap stroke:#d73a49,stroke-width:2px,stroke-dasharray:4 3',
        '  class T5 gap',
        '',
      ].join('\n'));
    });
  });

  describe('markdown', () => {
    it('writes lanes with outcomes and a table per column, the Unlinked section, then the Mermaid block', () => {
      assert.equal(
        toMarkdown(SMALL),
        [
          '# Roadmap — Shop (quarters)',
          '',
          'As of 2026-08-20 · period 2026-H2',
          '',
          '## Checkout \\| fast',
          '',
          '- Conversion (`shop/KR1`): 40 → 45 → 60 % · 25% · supported by 2',
          '',
          '| **Q3 2026** | Q4 2026 | Later |',
          '| --- | --- | --- |',
          '| One "page" checkout (active) | \\[KR\\] Form \\| time 50% | ~~\\=HYPERLINK\\("http\\://x"\\)~~ (dropped) |',
          '',
          '## Unlinked',
          '',
          '- Dark mode — `shop/stray` · later · supports `KR9`, which names no key result',
          '',
          '```mermaid',
          MERMAID.trimEnd(),
          '```',
          '',
        ].join('\n'),
      );
    });

    it('counts cards per column in the themes view and says when a lane or the unlinked lane is empty', () => {
      const themes = toMarkdown({ ...SMALL, view: 'themes', unlinked: [] });
      assert.ok(themes.includes('| **Q3 2026** | Q4 2026 | Later |\n| --- | --- | --- |\n| 1 | 1 | 1 |\n'), themes);
      assert.ok(themes.includes('## Unlinked\n\n_None: every roadmap item serves an objective._\n'));
      const empty = toMarkdown({ ...SMALL, lanes: [{ ...SMALL.lanes[0], outcomes: [], cards: [] }] });
      assert.ok(empty.includes('## Checkout \\| fast\n\n_No key results._\n\n_Nothing on the roadmap serves this objective yet._\n'), empty);
    });

    it('writes the trace view as a nested list with gaps marked', () => {
      const loc = { file: 'f', line: 0 };
      const md = toMarkdown({
        ...SMALL, view: 'trace', lanes: [], unlinked: [],
        trace: [{ ref: 'p/KR1', kind: 'kr', title: 'One', unit: 'p', progress: 0.5, location: loc, children: [
          { ref: 't/KR1', kind: 'kr', title: 'T', unit: 't', gap: true, location: loc, children: [] },
          { ref: 'p/x', kind: 'item', title: 'X', unit: 'p', status: 'done', location: loc, children: [] },
        ] }],
      });
      assert.ok(md.includes('## Trace\n\n- \\[KR\\] One (`p/KR1`) · 50%\n  - \\[KR\\] T (`t/KR1`) — **gap**: nothing supports it\n  - X (`p/x`) · done\n\n## Unlinked\n'), md);
    });
  });
});
