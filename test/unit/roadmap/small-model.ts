/** A small hand-written RoadmapModel for the export tests. */
import type { RoadmapModel } from '../../../server/src/core/roadmap/model';

const at = (line: number) => ({ file: 'okrs/shop.okr.yaml', line, character: 2 });

export const SMALL: RoadmapModel = {
  unit: 'shop',
  title: 'Shop',
  view: 'quarters',
  asOf: '2026-08-20',
  period: '2026-H2',
  columns: [{ id: '2026-Q3', title: 'Q3 2026', current: true }, { id: '2026-Q4', title: 'Q4 2026' }, { id: 'later', title: 'Later' }],
  lanes: [
    {
      id: 'shop/O1',
      title: 'Checkout | fast',
      outcomes: [{ ref: 'shop/KR1', title: 'Conversion', baseline: 40, current: 45, target: 60, unit: '%', progress: 0.25, supportedBy: 2, location: at(10) }],
      cards: [
        {
          ref: 'shop/one-page', kind: 'item', title: 'One "page"\ncheckout', column: '2026-Q3', supports: ['shop/KR1'], supportsTitles: ['Conversion'],
          serves: ['shop/KR1'], confidence: 'high', status: 'active', type: 'feature', hypothesis: 'We believe X, because Y.', unit: 'shop', owner: 'Dana', location: at(20),
        },
        { ref: 'team/KR1', kind: 'kr', title: 'Form | time', column: '2026-Q4', supports: ['shop/KR1'], serves: ['shop/KR1'], unit: 'team', progress: 0.5, location: { file: 'okrs/team.okr.yaml', line: 9, character: 6 } },
        {
          ref: 'team/formula', kind: 'item', title: '=HYPERLINK("http://x")', column: 'later', supports: ['team/KR1'], serves: ['shop/KR1'],
          status: 'dropped', type: 'tech', unit: 'team', owner: '@bob', hypothesis: '-1 means, "nothing"', location: { file: 'okrs/team.okr.yaml', line: 14, character: 2 },
        },
      ],
    },
  ],
  unlinked: [{ ref: 'shop/stray', kind: 'item', title: 'Dark mode', column: 'later', supports: [], unresolved: ['KR9'], unit: 'shop', location: at(30) }],
};
