/**
 * Direct rule tests on inline YAML: the code, the exact range (0-based line and
 * character, as LSP and `okr check --format json` give them), a message that
 * names the id, and the data quick fixes use. The fixture cases in
 * fixtures.test.ts cover every rule positive and negative; these pin the
 * details a user reads and a quick fix relies on.
 */
import { strict as assert } from 'node:assert';
import { CascadeIndex } from '../../../server/src/core/link';
import { checkAll } from '../../../server/src/core/check';
import { parseUnitFile } from '../../../server/src/core/parse';
import { parseDay } from '../../../server/src/core/period';
import { brief, checkTexts, only, range, textAt, yaml } from '../../helpers/yaml';

const company = yaml`
  unit: co
  level: company
  period: 2026

  objectives:
    O1:
      title: Grow
      key_results:
        KR1:
          title: Revenue
          baseline: 10
          target: 20
        KR2:
          title: Retention
          baseline: 100
          target: 110
        KR10:
          title: Repeat buyers
          baseline: 1
          target: 2

  roadmap:
    launch:
      title: Launch
      supports: [KR1, KR2, KR10]
      hypothesis: We believe launching grows revenue because buyers asked for it.
      horizon: now
`;

describe('rules on inline YAML: code, exact range, message, data', () => {
  it('the inline company cascade itself is clean', () => {
    assert.deepStrictEqual(checkTexts({ 'co.okr.yaml': company }), []);
  });

  describe('broken-link', () => {
    const app = yaml`
      unit: app
      level: product
      parent: co
      objectives:
        O1:
          title: Convert
          key_results:
            KR1:
              title: Conversion
              baseline: 2
              target: 3
              supports: co/KR3
      roadmap:
        checkout:
          title: Checkout
          supports: [KR1, KR9]
          depends_on: [co/lanch]
          hypothesis: We believe it converts because the old one fails.
          horizon: now
    `;
    const findings = only(checkTexts({ 'co.okr.yaml': company, 'app.okr.yaml': app }), 'broken-link');

    it('marks only the list element at fault, and says what is missing where', () => {
      const f = findings.find((x) => x.message.startsWith('`KR9`'))!;
      assert.deepStrictEqual(f.range, range(15, 20, 15, 23));
      assert.equal(textAt(app, f.range), 'KR9');
      assert.equal(f.severity, 'error');
      assert.match(f.message, /`KR9` names no key result: there is no `KR9` in this unit; did you mean `KR1`\?/);
      assert.deepStrictEqual(f.data?.suggestions, ['KR1']);
    });

    it('a cross-unit KR reference suggests that unit\'s closest KRs, closest first, as unit/ID', () => {
      const f = findings.find((x) => x.message.startsWith('`co/KR3`'))!;
      assert.deepStrictEqual(f.range, range(11, 18, 11, 24));
      assert.match(f.message, /there is no `KR3` in unit `co`/);
      assert.deepStrictEqual(f.data?.suggestions, ['co/KR1', 'co/KR2', 'co/KR10']);
    });

    it('a depends_on reference suggests items, not KRs', () => {
      const f = findings.find((x) => x.message.startsWith('`co/lanch`'))!;
      assert.deepStrictEqual(f.range, range(16, 17, 16, 25));
      assert.match(f.message, /names no roadmap item/);
      assert.deepStrictEqual(f.data?.suggestions, ['co/launch']);
    });

    it('same-unit suggestions come closest first: KR9 → KR1, KR2 before KR10; kr10 → KR10 first', () => {
      const shop = company.replace('supports: [KR1, KR2, KR10]', 'supports: [KR1, KR2, KR10, KR9, kr10]');
      const got = only(checkTexts({ 'co.okr.yaml': shop }), 'broken-link');
      assert.deepStrictEqual(got.map((f) => f.data?.suggestions), [['KR1', 'KR2', 'KR10'], ['KR10', 'KR1', 'KR2']]);
      assert.deepStrictEqual(got.map((f) => textAt(shop, f.range)), ['KR9', 'kr10']);
    });

    it("a same-unit typo suggests the unit's own KRs for an item, and the parent's KRs (as unit/ID) for a KR", () => {
      const co = 'unit: co\nobjectives:\n  O1:\n    key_results:\n      KR1: { title: a, target: 1 }\n      KR2: { title: a, target: 1 }\n      KR10: { title: a, target: 1 }\n';
      const own = yaml`
        unit: app
        parent: co
        objectives:
          O1:
            key_results:
              KR1: { title: a, target: 1, supports: co/KR1 }
              KR2: { title: a, target: 1, supports: [co/KR2, KR3] }
        roadmap:
          i: { title: a, supports: [KR1, KR3], hypothesis: h because y }
      `;
      const got = only(checkTexts({ 'co.okr.yaml': co, 'app.okr.yaml': own }), 'broken-link');
      assert.deepStrictEqual(brief(got), ['broken-link@6:53-6:56', 'broken-link@8:33-8:36']);
      assert.deepStrictEqual(got.map((f) => f.data?.suggestions), [['co/KR1', 'co/KR2', 'co/KR10'], ['KR1', 'KR2']]);
      assert.match(got[0].message, /did you mean `co\/KR1`\?$/);
    });
  });

  describe('unknown-unit', () => {
    const team = yaml`
      unit: team
      level: team
      parent: coo
      roadmap:
        x:
          title: X
          supports: [cop/KR1, nowhere/KR1]
          hypothesis: We believe X helps because Y.
          horizon: now
    `;
    const findings = only(checkTexts({ 'co.okr.yaml': company, 'team.okr.yaml': team }), 'unknown-unit');

    it('marks an unknown parent on its value and suggests the closest unit', () => {
      assert.deepStrictEqual(findings[0].range, range(2, 8, 2, 11));
      assert.equal(findings[0].message, 'Parent unit `coo` does not exist; did you mean `co`?');
      assert.deepStrictEqual(findings[0].data?.suggestions, ['co']);
    });

    it('marks a reference to an unknown unit on that element, suggesting unit/ID with the closest unit', () => {
      assert.deepStrictEqual(brief(findings.slice(1)), ['unknown-unit@6:15-6:22', 'unknown-unit@6:24-6:35']);
      assert.deepStrictEqual(findings[1].data?.suggestions, ['co/KR1']);
      assert.equal(findings[2].message, '`nowhere/KR1` names unit `nowhere`, which does not exist');
      assert.deepStrictEqual(findings[2].data?.suggestions, []);
    });
  });

  describe('link-wrong-kind', () => {
    it('names the reference, what it is and what the field must name', () => {
      const text = company.replace('target: 20\n', 'target: 20\n        supports: O1\n').replace('supports: [KR1, KR2, KR10]', 'supports: [KR1, KR2, KR10]\n    depends_on: [KR2]');
      const f = only(checkTexts({ 'co.okr.yaml': text }), 'link-wrong-kind');
      assert.deepStrictEqual(brief(f), ['link-wrong-kind@12:18-12:20', 'link-wrong-kind@26:17-26:20']);
      assert.equal(f[0].message, "`O1` is an objective, but `supports` of a key result must name a key result; name one of O1's key results instead");
      assert.equal(f[1].message, '`KR2` is a key result, but `depends_on` of a roadmap item must name a roadmap item');
    });
  });

  describe('cycle', () => {
    it('a KR supporting itself is one cycle on the reference, and no not-parent-link', () => {
      const text = company.replace('target: 20\n', 'target: 20\n        supports: KR1\n');
      const f = checkTexts({ 'co.okr.yaml': text });
      assert.deepStrictEqual(brief(f), ['cycle@12:18-12:21']);
      assert.equal(f[0].message, '`co/KR1` supports itself; remove this reference');
    });

    it('two KRs supporting each other: both references, each message naming both ends qualified and the loop', () => {
      const text = company.replace('target: 20\n', 'target: 20\n        supports: KR2\n').replace('target: 110\n', 'target: 110\n        supports: [KR1]\n');
      const f = checkTexts({ 'co.okr.yaml': text });
      assert.deepStrictEqual(brief(f), ['cycle@12:18-12:21', 'cycle@17:19-17:22']);
      assert.equal(f[0].message, '`co/KR1` supports `co/KR2`, which leads back to `co/KR1`: co/KR1 → co/KR2 → co/KR1. Remove the link that closes the loop');
    });

    it('two units whose KRs are both KR1: always qualified, so the message never reads `KR1` … leads back to `KR1`', () => {
      const f = checkTexts({
        'app.okr.yaml': 'unit: app\nparent: gw\nobjectives:\n  O1:\n    key_results:\n      KR1: { target: 1, supports: gw/KR1 }\n',
        'gw.okr.yaml': 'unit: gw\nparent: app\nobjectives:\n  O1:\n    key_results:\n      KR1: { target: 1, supports: app/KR1 }\n',
      }).filter((x) => x.code === 'cycle' && x.message.includes('supports'));
      assert.deepStrictEqual(f.map((x) => x.message), [
        '`app/KR1` supports `gw/KR1`, which leads back to `app/KR1`: app/KR1 → gw/KR1 → app/KR1. Remove the link that closes the loop',
        '`gw/KR1` supports `app/KR1`, which leads back to `gw/KR1`: gw/KR1 → app/KR1 → gw/KR1. Remove the link that closes the loop',
      ]);
    });

    it('a parent loop is marked on the parent value of each unit on it', () => {
      const f = checkTexts({ 'a.okr.yaml': 'unit: a\nparent: b\n', 'b.okr.yaml': 'unit: b\nparent: a\n', 'c.okr.yaml': 'unit: c\nparent: a\n' });
      assert.deepStrictEqual(f.map((x) => `${x.file} ${brief([x])[0]}`), ['a.okr.yaml cycle@1:8-1:9', 'b.okr.yaml cycle@1:8-1:9']);
      assert.equal(f[0].message, 'The parent chain of `a` loops back to it: a → b → a. The cascade must be a tree: remove the `parent` that closes the loop');
    });
  });

  describe('not-parent-link', () => {
    it('a team KR that skips its product is marked on that element and told to link to the parent', () => {
      const app = 'unit: app\nparent: co\nobjectives:\n  O1:\n    key_results:\n      KR1: { title: A, baseline: 1, target: 2, supports: co/KR1 }\nroadmap:\n  i: { title: I, supports: KR1, hypothesis: h because y, horizon: now }\n';
      const team = yaml`
        unit: team
        parent: app
        objectives:
          O1:
            key_results:
              KR1:
                title: T
                baseline: 1
                target: 2
                supports: [app/KR1, co/KR2]
        roadmap:
          i: { title: I, supports: KR1, hypothesis: h because y, horizon: now }
      `;
      const f = checkTexts({ 'co.okr.yaml': company, 'app.okr.yaml': app, 'team.okr.yaml': team });
      assert.deepStrictEqual(f.map((x) => `${x.file} ${brief([x])[0]}`), ['team.okr.yaml not-parent-link@9:28-9:34']);
      assert.equal(f[0].message, '`KR1` supports `co/KR2`, but `co` is not the parent unit `app`; link to a KR of `app` instead');
      assert.equal(f[0].severity, 'warning');
    });
  });

  describe('entity findings sit on the id key and carry the entity', () => {
    const text = yaml`
      unit: app
      parent: co
      objectives:
        O1:
          title: Convert
          key_results:
            KR1:
              title: Launch the page
      roadmap:
        dark-mode:
          title: Dark mode
          horizon: next
    `;
    const f = checkTexts({ 'co.okr.yaml': company, 'app.okr.yaml': text }).filter((x) => x.file === 'app.okr.yaml');

    it('orphan-kr, kr-not-measurable and kr-without-roadmap on `KR1`; untraceable-item and missing-hypothesis on `dark-mode`', () => {
      assert.deepStrictEqual(brief(f), [
        'kr-not-measurable@6:6-6:9', 'kr-without-roadmap@6:6-6:9', 'orphan-kr@6:6-6:9',
        'missing-hypothesis@9:2-9:11', 'untraceable-item@9:2-9:11',
      ]);
      for (const x of f) assert.deepStrictEqual(x.data?.entity, x.range.start.line === 6 ? 'app/KR1' : 'app/dark-mode');
    });

    it('each message names the id and says what to do', () => {
      const by = (code: string) => f.find((x) => x.code === code)!.message;
      assert.equal(by('orphan-kr'), '`KR1` supports nothing: add `supports:` naming the KR of `co` that it moves');
      assert.equal(by('kr-not-measurable'), '`KR1` is not measurable: it has no `target:`. A KR is an outcome: add a numeric `target:` (and `baseline:`)');
      assert.match(by('kr-without-roadmap'), /^Nothing supports `KR1`/);
      assert.match(by('untraceable-item'), /^`dark-mode` supports no key result: add `supports:`/);
      assert.match(by('missing-hypothesis'), /^`dark-mode` has no hypothesis: add `hypothesis:/);
    });
  });

  describe('value findings sit on the value', () => {
    it('weak-hypothesis covers the whole hypothesis value', () => {
      const text = company.replace('because buyers asked for it', 'and buyers will love it');
      const f = checkTexts({ 'co.okr.yaml': text });
      assert.deepStrictEqual(brief(f), ['weak-hypothesis@25:16-25:75']);
      assert.equal(textAt(text, f[0].range), 'We believe launching grows revenue and buyers will love it.');
      assert.equal(f[0].data?.entity, 'co/launch');
    });

    it('horizon-outside-period on the horizon value, naming the item, the quarter and the period', () => {
      const text = company.replace('horizon: now', 'horizon: 2027-Q1');
      const f = checkTexts({ 'co.okr.yaml': text });
      assert.deepStrictEqual(brief(f), ['horizon-outside-period@26:13-26:20']);
      assert.equal(f[0].message, '`launch` is planned for 2027-Q1, outside the period 2026 (2026-Q1 to 2026-Q4); move it inside the period or to `later`');
    });

    it('overloaded-now on the capacity value, listing the items in now', () => {
      const text = company.replace('period: 2026\n', 'period: 2026\ncapacity: 0\n');
      const f = checkTexts({ 'co.okr.yaml': text });
      assert.deepStrictEqual(brief(f), ['overloaded-now@3:10-3:11']);
      assert.match(f[0].message, /but capacity is 0: move 1 to `next` or raise the capacity \(launch\)$/);
    });

    it('dated-later on the due value', () => {
      const text = company.replace('horizon: now', 'horizon: later\n    due: 2027-06-30');
      const f = checkTexts({ 'co.okr.yaml': text });
      assert.deepStrictEqual(brief(f), ['dated-later@27:9-27:19']);
      assert.match(f[0].message, /^`launch` is in `later` but promises 2027-06-30/);
    });

    it('depends-on-later on the depends_on element', () => {
      const text = company.replace('    horizon: now\n', '    horizon: now\n    depends_on: [later-one]\n  later-one:\n    title: L\n    supports: KR1\n    hypothesis: h because y\n    horizon: later\n');
      const f = checkTexts({ 'co.okr.yaml': text });
      assert.deepStrictEqual(brief(f), ['depends-on-later@27:17-27:26']);
      assert.equal(f[0].message, '`launch` (now) depends on `later-one`, planned later (later); move the dependency earlier or this item later');
    });

    it('stale-review on the reviewed value, judged against --as-of', () => {
      const text = company.replace('period: 2026\n', 'period: 2026\nreviewed: 2026-06-30\n');
      assert.deepStrictEqual(brief(checkTexts({ 'co.okr.yaml': text }, { asOf: '2026-09-30' })), []);
      const f = checkTexts({ 'co.okr.yaml': text }, { asOf: '2026-10-01' });
      assert.deepStrictEqual(brief(f), ['stale-review@3:10-3:20']);
      assert.match(f[0].message, /last reviewed on 2026-06-30, more than a quarter before 2026-10-01/);
    });

    it('too-many-objectives on the objectives key', () => {
      const text = 'unit: co\nobjectives:\n' + [1, 2, 3, 4, 5, 6].map((i) => `  O${i}: { title: T${i} }\n`).join('');
      assert.deepStrictEqual(brief(checkTexts({ 'co.okr.yaml': text })), ['too-many-objectives@1:0-1:10']);
    });
  });

  describe('duplicate-id', () => {
    it('marks the second occurrence and names the line (1-based) of the first', () => {
      const text = company.replace('  roadmap:\n  launch:', '  roadmap:\n  launch:').replace('roadmap:\n  launch:', 'roadmap:\n  KR2:\n    title: Dup\n    supports: KR1\n    hypothesis: h because y\n  launch:');
      const f = checkTexts({ 'co.okr.yaml': text });
      assert.deepStrictEqual(brief(f), ['duplicate-id@22:2-22:5']);
      assert.equal(f[0].message, '`KR2` is already defined in this unit (line 13); objectives, KRs and roadmap items share one namespace, so rename one of them');
    });

    it('marks the unit value of every file declaring the same unit', () => {
      const f = checkTexts({ 'a.okr.yaml': 'unit: co\n', 'b.okr.yaml': '# copy\nunit: co\n' });
      assert.deepStrictEqual(f.map((x) => `${x.file} ${brief([x])[0]}`), ['a.okr.yaml duplicate-id@0:6-0:8', 'b.okr.yaml duplicate-id@1:6-1:8']);
    });
  });

  describe('schema', () => {
    it('an unknown key carries the key and the did-you-mean suggestions', () => {
      const f = checkTexts({ 'co.okr.yaml': company.replace('    horizon: now', '    horizn: now') });
      assert.deepStrictEqual(brief(f), ['schema@26:4-26:10']);
      assert.equal(f[0].message, 'Unknown key `horizn` in roadmap item launch; did you mean `horizon`?');
      assert.deepStrictEqual(f[0].data, { key: 'horizn', suggestions: ['horizon'] });
    });
  });

  describe('severities and okr-ignore', () => {
    const text = company.replace('because buyers asked for it', 'and buyers will love it');

    it('a severity override changes the severity; off drops the finding', () => {
      assert.deepStrictEqual(checkTexts({ 'co.okr.yaml': text }, { severities: { 'weak-hypothesis': 'error' } }).map((f) => f.severity), ['error']);
      assert.deepStrictEqual(checkTexts({ 'co.okr.yaml': text }, { severities: { 'weak-hypothesis': 'off' } }), []);
    });

    it('# okr-ignore: CODE at the end of the line silences that code there only', () => {
      const ignored = text.replace('will love it.', 'will love it. # okr-ignore: weak-hypothesis');
      assert.deepStrictEqual(checkTexts({ 'co.okr.yaml': ignored }), []);
      const other = text.replace('will love it.', 'will love it. # okr-ignore: missing-hypothesis');
      assert.deepStrictEqual(brief(checkTexts({ 'co.okr.yaml': other })), ['weak-hypothesis@25:16-25:75']);
    });
  });

  it('a file with YAML parser errors reports only yaml-syntax, however much else is wrong', () => {
    const text = 'unit: Bad Id\nnmae: x\nroadmap:\n  i:\n    supports: [KR1\n    horizon: soon\n';
    const f = checkTexts({ 'bad.okr.yaml': text });
    assert.ok(f.length >= 1);
    assert.deepStrictEqual([...new Set(f.map((x) => x.code))], ['yaml-syntax']);
  });

  it('checkAll accepts a CascadeIndex and returns findings keyed by file, sorted by position', () => {
    const files = [parseUnitFile('/x/co.okr.yaml', company.replace('horizon: now', 'horizon: 2027-Q1').replace('period: 2026\n', 'period: 2026\nreviewed: 2020-01-01\n'))];
    const out = checkAll(new CascadeIndex(files), { asOf: parseDay('2026-11-24') });
    assert.deepStrictEqual([...out.keys()], ['/x/co.okr.yaml']);
    const spans = out.get('/x/co.okr.yaml')!.map((p) => p.span[0]);
    assert.deepStrictEqual(spans, spans.slice().sort((a, b) => a - b));
    assert.deepStrictEqual(out.get('/x/co.okr.yaml')!.map((p) => p.code), ['stale-review', 'horizon-outside-period']);
  });
});

/**
 * Behaviour that contradicts DESIGN.md. These tests state what DESIGN.md asks
 * and fail until the engine is fixed; each names the file at fault.
 */
describe('edge cases found while writing these tests', () => {
  it('a period that is a number but not a year (period: 26) is a schema error (core/schema.ts accepts any integer)', () => {
    const f = checkTexts({ 'a.okr.yaml': 'unit: a\nperiod: 26\n' });
    assert.deepStrictEqual(brief(f), ['schema@1:8-1:10']);
  });

  it('a date not written YYYY-MM-DD (reviewed: 30/09/2026) gets one schema error, not a second "not a real calendar date" (core/schema.ts date())', () => {
    const f = checkTexts({ 'a.okr.yaml': 'unit: a\nreviewed: 30/09/2026\n' });
    assert.deepStrictEqual(f.map((x) => x.message), ['reviewed must be a date written YYYY-MM-DD']);
  });

  it('a file with no unit: does not claim that nothing supports a KR its own item supports (false kr-without-roadmap)', () => {
    const text = yaml`
      level: team
      objectives:
        O1:
          key_results:
            KR1: { title: T, baseline: 1, target: 2 }
      roadmap:
        i: { title: I, supports: KR1, hypothesis: h because y, horizon: now }
    `;
    assert.deepStrictEqual(only(checkTexts({ 'a.okr.yaml': text }), 'kr-without-roadmap'), []);
  });
});
