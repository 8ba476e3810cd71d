/**
 * The missing-hypothesis quick fix and the hypothesis template: the exact text
 * it inserts (titles read mid-sentence), where its placeholders sit, and that
 * the text it leaves is still flagged as `missing-hypothesis` until a reason
 * replaces the placeholder.
 */
import { strict as assert } from 'node:assert';
import { checkAll } from '../../../server/src/core/check';
import { fixesFor } from '../../../server/src/core/fixes';
import { hypothesisTemplate, midSentence, unfilledPlaceholder } from '../../../server/src/core/hypothesis';
import { CascadeIndex } from '../../../server/src/core/link';
import { parseUnitFile } from '../../../server/src/core/parse';
import { parseDay } from '../../../server/src/core/period';
import { applyEdits } from '../../../server/src/core/text-edit';
import { brief, checkTexts, yaml } from '../../helpers/yaml';

const PRODUCT = yaml`
  unit: care
  level: product
  period: 2026
  objectives:
    O1:
      title: Fewer missed visits
      key_results:
        KR1:
          title: Cut dropped video calls
          baseline: 12
          target: 4
  roadmap:
    reminders:
      title: Smart visit reminders
      supports: KR1
      horizon: now
`;

/** The one fix for the first missing-hypothesis finding of `text`, and the text after it. */
function fixOf(text: string) {
  const file = parseUnitFile('care.okr.yaml', text);
  const index = new CascadeIndex([file]);
  const problem = checkAll([file], { asOf: parseDay('2026-11-24') }).get('care.okr.yaml')!.find((p) => p.code === 'missing-hypothesis')!;
  assert.ok(problem, 'a missing-hypothesis finding to fix');
  const fixes = fixesFor({ file, index, problem });
  assert.equal(fixes.length, 1);
  const [fix] = fixes;
  const edit = fix.edits[fix.placeholders!.edit];
  return { fix, edit, after: applyEdits(text, fix.edits), holes: fix.placeholders!.spans.map(([s, e]) => edit.newText.slice(s, e)) };
}

describe('the hypothesis template and its quick fix', () => {
  it('titles read mid-sentence: first letter lower-cased unless the first word is a name or an acronym', () => {
    assert.deepEqual(
      ['Smart visit reminders', 'Cut dropped video calls.', 'TPV share', 'iDEAL payments', 'WooCommerce plugin', '3DS retries', 'A faster checkout', 'I/O budget', 'offline mode'].map(midSentence),
      ['smart visit reminders', 'cut dropped video calls', 'TPV share', 'iDEAL payments', 'WooCommerce plugin', '3DS retries', 'a faster checkout', 'I/O budget', 'offline mode'],
    );
  });

  it('a KR title that starts with a verb reads "will help …"; a metric "will move …"; no KR is a placeholder too', () => {
    assert.deepEqual(hypothesisTemplate('Smart visit reminders', { title: 'Cut dropped video calls', ref: 'KR1' }), {
      text: 'We believe smart visit reminders will help cut dropped video calls because <reason>',
      placeholders: [[11, 32], [75, 83]],
    });
    assert.equal(hypothesisTemplate('Upsell banner', { title: 'Net revenue retention' }).text, 'We believe upsell banner will move net revenue retention because <reason>');
    assert.equal(hypothesisTemplate('Upsell banner', { ref: 'shop/KR2' }).text, 'We believe upsell banner will move shop/KR2 because <reason>');
    const none = hypothesisTemplate('Upsell banner', undefined);
    assert.equal(none.text, 'We believe upsell banner will move <the key result> because <reason>');
    assert.deepEqual(none.placeholders.map(([s, e]) => none.text.slice(s, e)), ['upsell banner', '<the key result>', '<reason>']);
  });

  it('the fix inserts the sentence after supports, with the change and the reason as placeholders', () => {
    const { fix, edit, after, holes } = fixOf(PRODUCT);
    assert.equal(fix.title, 'Add a hypothesis: "We believe … will … because <reason>"');
    assert.equal(fix.preferred, true);
    assert.equal(edit.newText, '    hypothesis: We believe smart visit reminders will help cut dropped video calls because <reason>\n');
    assert.deepEqual(fix.placeholders!.spans, [[27, 48], [91, 99]]);
    assert.deepEqual(holes, ['smart visit reminders', '<reason>']);
    assert.equal(after, PRODUCT.replace('    supports: KR1\n', '    supports: KR1\n    hypothesis: We believe smart visit reminders will help cut dropped video calls because <reason>\n'));
  });

  it('the text the fix leaves is still missing-hypothesis (a warning, on <reason>), never weak-hypothesis, until a reason is written', () => {
    const { after } = fixOf(PRODUCT);
    const findings = checkTexts({ 'care.okr.yaml': after });
    assert.deepEqual(brief(findings), ['missing-hypothesis@15:91-15:99']);
    assert.equal(findings[0].severity, 'warning');
    assert.equal(findings[0].message, 'The hypothesis of `reminders` is still a template: replace "<reason>" with why you believe this bet will move its KR (the evidence)');
    assert.deepEqual(findings[0].data, { entity: 'care/reminders' });
    const written = after.replace('<reason>', 'a third of no-shows forgot the time');
    assert.deepEqual(checkTexts({ 'care.okr.yaml': written }), []);
    // Writing a reason without "because …" is then a weak hypothesis, as for any hypothesis.
    const noReason = after.replace(' because <reason>', '');
    assert.deepEqual(brief(checkTexts({ 'care.okr.yaml': noReason })), ['weak-hypothesis@15:16-15:82']);
  });

  it('a title that needs quotes: the placeholders still point at the right characters', () => {
    const text = PRODUCT.replace('title: Smart visit reminders', 'title: \'Reminders: "smart" ones\'');
    const { edit, after, holes } = fixOf(text);
    assert.equal(edit.newText, '    hypothesis: "We believe reminders: \\"smart\\" ones will help cut dropped video calls because <reason>"\n');
    assert.deepEqual(holes, ['reminders: \\"smart\\" ones', '<reason>']);
    assert.deepEqual(brief(checkTexts({ 'care.okr.yaml': after })).map((b) => b.split('@')[0]), ['missing-hypothesis']);
  });

  it('an item that supports nothing gets a KR placeholder, which is flagged first', () => {
    const text = PRODUCT.replace('    supports: KR1\n', '');
    const { after, holes } = fixOf(text);
    assert.deepEqual(holes, ['smart visit reminders', '<the key result>', '<reason>']);
    const findings = checkTexts({ 'care.okr.yaml': after }).filter((f) => f.code === 'missing-hypothesis');
    assert.match(findings[0].message, /replace "<the key result>"/);
  });

  it('placeholders a person may leave: <words> and an ellipsis standing alone; not an ellipsis inside a word or a comparison', () => {
    assert.deepEqual(unfilledPlaceholder('We believe X will move Y because …'), { text: '…', index: 33 });
    assert.deepEqual(unfilledPlaceholder('We believe ... will move Y because users asked'), { text: '...', index: 11 });
    assert.deepEqual(unfilledPlaceholder('We believe <the change> will move Y because users asked'), { text: '<the change>', index: 11 });
    assert.equal(unfilledPlaceholder('We believe X will move Y because users said "it is slow…"'), undefined);
    assert.equal(unfilledPlaceholder('We believe X will keep p95 <200 ms because caching works'), undefined);
    assert.equal(unfilledPlaceholder('We believe X will move Y because 60% abandon at bank linking.'), undefined);
  });
});
