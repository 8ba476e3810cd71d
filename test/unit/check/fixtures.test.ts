/**
 * Every folder under test/fixtures/check/ is a cascade whose `okr check`
 * findings must equal its expected.json; every folder under samples/mistakes/
 * likewise, against test/fixtures/check/mistakes/<name>.expected.json, and its
 * `# expect:` annotations must name exactly the findings of each file.
 * `UPDATE=1` rewrites the expected files (see test/fixtures/check/README.md).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODES } from '../../../server/src/core/model';
import {
  REPO, UPDATING, assertMatchesExpected, caseFolders, expectAnnotations, findingLines, readCaseOptions, readExpected,
} from '../../helpers/fixtures';

const FIXTURES = join(REPO, 'test/fixtures/check');
const MISTAKES = join(REPO, 'samples/mistakes');

describe('okr check on fixture cascades (test/fixtures/check/<case>)', () => {
  for (const name of caseFolders(FIXTURES)) {
    const dir = join(FIXTURES, name);
    const { asOf, title } = readCaseOptions(dir);
    it(`${name}: ${title ?? 'reports what expected.json says'}`, () => {
      assertMatchesExpected(dir, join(dir, 'expected.json'), asOf);
    });
  }

  it('every finding code has at least one positive case among the fixtures', function () {
    if (UPDATING) this.skip();
    const seen = new Set<string>();
    for (const name of caseFolders(FIXTURES)) for (const f of readExpected(join(FIXTURES, name, 'expected.json')) ?? []) seen.add(f.code);
    assert.deepStrictEqual(CODES.filter((c) => !seen.has(c)), [], 'codes without a fixture that triggers them');
  });
});

describe('okr check on samples/mistakes/<name> (one mini cascade per mistake)', () => {
  for (const name of caseFolders(MISTAKES)) {
    const dir = join(MISTAKES, name);
    it(`${name}: shows exactly the findings its # expect: comments announce, on those lines`, () => {
      const findings = assertMatchesExpected(dir, join(FIXTURES, 'mistakes', `${name}.expected.json`));
      for (const file of readdirSync(dir).filter((f) => /\.okr\.ya?ml$/.test(f))) {
        const announced = expectAnnotations(readFileSync(join(dir, file), 'utf8'));
        assert.deepStrictEqual(findingLines(findings, file), announced, `samples/mistakes/${name}/${file}: findings vs # expect: comments`);
      }
    });
  }

  it('the mistakes folder covers every finding code that a single cascade can show', function () {
    if (UPDATING) this.skip();
    const seen = new Set<string>();
    for (const name of caseFolders(MISTAKES)) for (const f of readExpected(join(FIXTURES, 'mistakes', `${name}.expected.json`)) ?? []) seen.add(f.code);
    assert.deepStrictEqual(CODES.filter((c) => !seen.has(c)), []);
  });
});
