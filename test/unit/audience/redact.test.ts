import { strict as assert } from 'node:assert';
import { audienceModel, audienceUnits, lensFor, renderAudienceModel, type ExportFormat } from '../../../server/src/core/audience/render';
import { ROADMAP_VIEWS } from '../../../server/src/core/roadmap/model';
import { AS_OF, audience, loadAudienceCase, runAudienceCase } from './helper';

describe('audience: the redacted roadmap model', () => {
  const { cases } = loadAudienceCase('basic');
  for (const c of cases) {
    it(`basic: ${c.audience} sees ${c.unit} ${c.view} as expected/${c.audience}-${c.unit}-${c.view}.json`, () => {
      const [actual, expected] = runAudienceCase('basic', c);
      assert.deepEqual(actual, expected);
    });
  }

  it('customers: private and excluded items are gone, hidden fields absent, counts after redaction, now/next/later', () => {
    const { index, config } = loadAudienceCase('basic');
    const m = audienceModel(index, lensFor(audience(config, 'customers'), index), 'app', 'horizons', AS_OF).model;
    assert.equal(m.audience, 'customers');
    assert.deepEqual(m.columns.map((c) => c.id), ['now', 'next', 'later']);
    assert.deepEqual(m.lanes.map((l) => l.title), ['Make paying effortless'], 'the private objective O2 is no lane');
    const lane = m.lanes[0];
    assert.deepEqual(lane.outcomes.map((o) => o.title), ['Raise checkout conversion'], 'private KR2 is gone');
    // one-tap and wallet are visible; falcon is private, infra is type tech (include: feature)
    assert.equal(lane.outcomes[0].supportedBy, 2);
    assert.deepEqual(lane.cards.map((c) => [c.title, c.column]), [['One-tap checkout', 'now'], ['Wallet sheet redesign', 'later']]);
    for (const card of lane.cards) {
      assert.deepEqual(Object.keys(card).sort(), ['column', 'horizon', 'kind', 'ref', 'title'], 'only title and horizon are shown');
      assert.match(card.ref, /^k\d+$/);
    }
  });

  it('hide_private: false shows private entities; private_fields still need hide_private to hide', () => {
    const { index, config } = loadAudienceCase('basic');
    const m = audienceModel(index, lensFor(audience(config, 'engineering'), index), 'app', 'quarters', AS_OF).model;
    const titles = m.lanes.flatMap((l) => l.cards.map((c) => c.title));
    assert.ok(titles.includes('Project Falcon bank integration'));
    assert.ok(titles.includes('Database migration'));
    assert.deepEqual(m.lanes.map((l) => l.title), ['Make paying effortless', 'Secret partnership objective']);
  });

  it('every export of every audience and view: no private text, no ids, no file names', () => {
    const { index, config } = loadAudienceCase('basic');
    const secret = ['Falcon', 'ACME Bank', 'Initech', 'Rita', 'Secret partnership', 'strategic banking', 'fraud losses', 'app.okr.yaml', 'one-tap', 'payments/', 'app/KR1', '"line"'];
    for (const a of config.audiences.filter((x) => x.hidePrivate)) {
      const lens = lensFor(a, index);
      for (const unit of audienceUnits(index, lens)) {
        for (const view of ROADMAP_VIEWS) {
          const m = audienceModel(index, lens, unit, view, AS_OF).model;
          for (const f of ['json', 'md', 'csv', 'html', 'mermaid'] as ExportFormat[]) {
            const text = renderAudienceModel(m, f, { script: '', css: '' });
            for (const s of secret) assert.ok(!text.includes(s), `${a.name} ${unit} ${view} ${f} carries "${s}"`);
          }
        }
      }
    }
  });

  it('dates: false leaves no quarter id or due date in any export', () => {
    const { index, config } = loadAudienceCase('basic');
    const a = audience(config, 'customers');
    const lens = lensFor(a, index);
    for (const view of a.views) {
      const m = audienceModel(index, lens, 'app', view, AS_OF).model;
      for (const f of ['json', 'md', 'csv', 'html'] as ExportFormat[]) {
        const text = renderAudienceModel(m, f, { script: '', css: '' });
        assert.doesNotMatch(text, /2026-Q\d|2026-09-30|Q[1-4] 2026/, `${view} ${f}`);
      }
    }
  });
});
