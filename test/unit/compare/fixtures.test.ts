/**
 * The comparison core on folder-per-case fixtures (test/fixtures/compare):
 * every change kind, renames and moves, slipped and pulled in, consequences.
 * The expected JSON is the whole change set (or the keys options.json names).
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, UPDATING } from '../../helpers/fixtures';
import { AS_OF, compareTrees, readTree } from './helper';

const ROOT = join(REPO, 'test/fixtures/compare');

describe('compare: fixtures (test/fixtures/compare)', () => {
  for (const name of readdirSync(ROOT).filter((n) => existsSync(join(ROOT, n, 'base'))).sort()) {
    const dir = join(ROOT, name);
    const options = JSON.parse(readFileSync(join(dir, 'options.json'), 'utf8')) as { title: string; asOf?: string; compare?: string[] };
    it(`${name}: ${options.title}`, () => {
      const cs = compareTrees(readTree(join(dir, 'base')), readTree(join(dir, 'head')), options.asOf ?? AS_OF);
      const actual = options.compare ? Object.fromEntries(options.compare.map((k) => [k, cs[k as keyof typeof cs]])) : cs;
      const file = join(dir, 'expected.json');
      if (UPDATING) writeFileSync(file, JSON.stringify(actual, null, 2) + '\n');
      assert.ok(existsSync(file), `${file} is missing: run with UPDATE=1, then review it`);
      assert.deepStrictEqual(JSON.parse(JSON.stringify(actual)), JSON.parse(readFileSync(file, 'utf8')));
      const reversed = (m: Map<string, string>) => new Map([...m].reverse());
      const again = compareTrees(reversed(readTree(join(dir, 'base'))), reversed(readTree(join(dir, 'head'))), options.asOf ?? AS_OF);
      assert.equal(JSON.stringify(again), JSON.stringify(cs), 'the same JSON, byte for byte, whatever order the files come in');
    });
  }
});
