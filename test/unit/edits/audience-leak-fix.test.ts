/**
 * The audience-leak quick fix: mark the entity whose text leaks `private:
 * true` (the unit, for the unit's own name). Each case states the exact text
 * after the edit, then checks again: the leak is gone.
 */
import { strict as assert } from 'node:assert';
import { checkAll } from '../../../server/src/core/check';
import { parseConfig } from '../../../server/src/core/config';
import { fixesFor } from '../../../server/src/core/fixes/index';
import { CascadeIndex } from '../../../server/src/core/link';
import type { Problem } from '../../../server/src/core/model';
import { parseUnitFile } from '../../../server/src/core/parse';
import { parseDay } from '../../../server/src/core/period';
import { applyEdits } from '../../../server/src/core/text-edit';

const CONFIG = parseConfig('okr.config.yaml', 'audiences:\n  customers: { show: [title, outcome, hypothesis], forbidden: [Falcon] }\n');
const AS_OF = parseDay('2026-08-15')!;

function leaks(text: string): { problems: Problem[]; index: CascadeIndex } {
  const index = new CascadeIndex([parseUnitFile('co.okr.yaml', text)]);
  const all = checkAll(index, { asOf: AS_OF, audiences: CONFIG.audiences });
  return { problems: (all.get('co.okr.yaml') ?? []).filter((p) => p.code === 'audience-leak'), index };
}

/** Applies the one fix of the one leak; answers [fix title, text after]. */
function fixed(text: string): [string, string] {
  const { problems, index } = leaks(text);
  assert.equal(problems.length, 1, `one leak in:\n${text}\n${problems.map((p) => p.message).join('\n')}`);
  const fixes = fixesFor({ file: index.files[0], index, problem: problems[0] });
  assert.equal(fixes.length, 1);
  const after = applyEdits(text, fixes[0].edits);
  assert.deepEqual(leaks(after).problems, [], `no leak left after the fix:\n${after}`);
  return [fixes[0].title, after];
}

const HEAD = 'unit: co\nname: Shop\nperiod: 2026\nobjectives:\n  O1:\n    title: Grow\n    key_results:\n      KR1: { title: Orders, baseline: 1, target: 2 }\nroadmap:\n';

describe('audience-leak quick fix: mark the entity private', () => {
  it('a block map: a private line after the title, comments and the rest untouched', () => {
    const text = `${HEAD}  sheet:   # the new sheet\n    title: Falcon sheet   # codename!\n    # why:\n    hypothesis: h because y\n    supports: KR1\n`;
    assert.deepEqual(fixed(text), [
      'Mark item `sheet` private (audiences that hide private entries will not see it)',
      `${HEAD}  sheet:   # the new sheet\n    title: Falcon sheet   # codename!\n    private: true\n    # why:\n    hypothesis: h because y\n    supports: KR1\n`,
    ]);
  });

  it('a flow map: `, private: true` before the closing brace', () => {
    const text = `${HEAD}  sheet: { title: Falcon sheet, supports: KR1 }   # flow\n  other: { title: Other, supports: KR1 }\n`;
    assert.equal(fixed(text)[1], `${HEAD}  sheet: { title: Falcon sheet, supports: KR1, private: true }   # flow\n  other: { title: Other, supports: KR1 }\n`);
  });

  it('no final newline: the line is added after the last one, still without a final newline', () => {
    const text = `${HEAD}  sheet:\n    supports: KR1\n    title: Falcon sheet`;
    assert.equal(fixed(text)[1], `${HEAD}  sheet:\n    supports: KR1\n    title: Falcon sheet\n    private: true`);
  });

  it('`private: false` becomes `private: true`, in place', () => {
    const text = `${HEAD}  sheet:\n    title: Falcon sheet\n    private: false  # for now\n    supports: KR1\n`;
    assert.equal(fixed(text)[1], `${HEAD}  sheet:\n    title: Falcon sheet\n    private: true  # for now\n    supports: KR1\n`);
  });

  it('a key result (its title leaks in an outcome), CRLF line ends kept', () => {
    const text = 'unit: co\r\nperiod: 2026\r\nobjectives:\r\n  O1:\r\n    title: Grow\r\n    key_results:\r\n      KR1:\r\n        title: Falcon orders\r\n        target: 2\r\n';
    assert.deepEqual(fixed(text), [
      'Mark key result `KR1` private (audiences that hide private entries will not see it)',
      'unit: co\r\nperiod: 2026\r\nobjectives:\r\n  O1:\r\n    title: Grow\r\n    key_results:\r\n      KR1:\r\n        title: Falcon orders\r\n        private: true\r\n        target: 2\r\n',
    ]);
  });

  it('the unit\'s name leaks: the whole unit is marked private, below `unit:`', () => {
    const text = `unit: co   # the company\nname: Falcon Holdings\nperiod: 2026\nobjectives:\n  O1:\n    title: Grow\n    key_results:\n      KR1: { title: Orders, baseline: 1, target: 2 }\n`;
    assert.deepEqual(fixed(text), [
      'Mark unit `co` private, with all its objectives, key results and items',
      `unit: co   # the company\nprivate: true\nname: Falcon Holdings\nperiod: 2026\nobjectives:\n  O1:\n    title: Grow\n    key_results:\n      KR1: { title: Orders, baseline: 1, target: 2 }\n`,
    ]);
  });

  it('the leak sits on the leaking text: the title value, at its line', () => {
    const text = `${HEAD}  sheet:\n    title: Falcon sheet\n    supports: KR1\n`;
    const [p] = leaks(text).problems;
    assert.equal(text.slice(p.span[0], p.span[1]), 'Falcon sheet');
    assert.equal(p.severity, 'error');
    assert.equal(p.data?.entity, 'co/sheet');
  });
});
