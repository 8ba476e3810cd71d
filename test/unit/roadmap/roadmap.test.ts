import assert from 'node:assert/strict';
import { caseNames, runCase } from './helper';

describe('roadmap fixtures', () => {
  for (const name of caseNames()) {
    it(name, () => {
      const [actual, expected] = runCase(name);
      assert.deepStrictEqual(actual, expected);
    });
  }
});
