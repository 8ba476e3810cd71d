/**
 * schemas/okr.schema.json is generated from the one zod definition
 * (server/src/core/schema.ts); this fails when it is stale. Regenerate with
 * `npx tsx server/src/gen-schema.ts` (or `npm run schema` after a build).
 * Other YAML tools validate with it, so the samples must pass it and the
 * schema mistakes must not.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { jsonSchema } from '../../../server/src/core/schema';
import { REPO } from '../../helpers/fixtures';

const SCHEMA_FILE = join(REPO, 'schemas/okr.schema.json');

function cascadeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? cascadeFiles(p) : /\.okr\.ya?ml$/.test(name) ? [p] : [];
  }).sort();
}

describe('schemas/okr.schema.json', () => {
  it('is exactly what jsonSchema() generates today (pretty-printed JSON and a final newline)', () => {
    assert.ok(existsSync(SCHEMA_FILE), 'schemas/okr.schema.json is missing: run `npx tsx server/src/gen-schema.ts`');
    const expected = JSON.stringify(jsonSchema(), null, 2) + '\n';
    assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), expected, 'schemas/okr.schema.json is stale: run `npx tsx server/src/gen-schema.ts`');
  });

  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);

  it('is a draft 2020-12 schema that ajv compiles, with its $id and title', () => {
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(schema.$id, 'https://okr-cascade.dev/schemas/okr.schema.json');
    assert.equal(typeof schema.title, 'string');
  });

  for (const file of cascadeFiles(join(REPO, 'samples/okrs'))) {
    it(`accepts ${relative(REPO, file)} after YAML parsing`, () => {
      const ok = validate(parse(readFileSync(file, 'utf8')));
      assert.ok(ok, JSON.stringify(validate.errors, null, 2));
    });
  }

  it('rejects samples/mistakes/schema: the unknown key hypotesis, the id with a space and the horizon soon', () => {
    const data = parse(readFileSync(join(REPO, 'samples/mistakes/schema/sc-co.okr.yaml'), 'utf8'));
    assert.equal(validate(data), false);
    const errors = validate.errors ?? [];
    const at = (path: string) => errors.filter((e) => e.instancePath === path);
    assert.ok(at('/roadmap/bank-sync').some((e) => e.keyword === 'additionalProperties' && (e.params as { additionalProperty: string }).additionalProperty === 'hypotesis'), 'unknown key hypotesis');
    assert.ok(at('/roadmap').some((e) => e.keyword === 'propertyNames' && (e.params as { propertyName: string }).propertyName === 'daily payouts'), 'bad id `daily payouts`');
    assert.ok(at('/roadmap/payout-notifications/horizon').length > 0, 'bad horizon soon');
  });

  it('rejects a missing unit, a bad unit id, a string capacity and a list at the top level; accepts period as a number or a string', () => {
    assert.equal(validate({ level: 'team' }), false);
    assert.equal(validate({ unit: 'Payments' }), false);
    assert.equal(validate({ unit: 'a', capacity: 'three' }), false);
    assert.equal(validate([{ unit: 'a' }]), false);
    assert.equal(validate({ unit: 'a', period: 2026 }), true);
    assert.equal(validate({ unit: 'a', period: '2026-H2', reviewed: '2026-10-02' }), true);
  });
});
