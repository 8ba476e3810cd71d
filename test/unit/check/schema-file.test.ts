/**
 * schemas/okr.schema.json and schemas/okr-config.schema.json are generated from
 * the zod definitions (server/src/core/schema.ts, config-schema.ts) by
 * `npm run schema`; this fails when either is stale. Other YAML tools validate
 * with them (draft-07, with ajv here), so: the samples pass; every fixture
 * passes exactly when `okr check` finds no `schema` problem in it; the bad
 * files fail for the reason written beside them; and the editor help
 * (descriptions, enum descriptions, examples, snippets, messages) is there.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { parse, parseDocument } from 'yaml';
import { SCHEMA_FILES, schemaText } from '../../../server/src/gen-schema';
import { REPO } from '../../helpers/fixtures';
import { CODES } from '../../../server/src/core/model';
import { CONFIG_KEYS, configSchema } from '../../../server/src/core/config-schema';

const load = (name: string) => JSON.parse(readFileSync(join(REPO, 'schemas', name), 'utf8')) as Record<string, unknown>;

function files(dir: string, re: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p, re) : re.test(name) ? [p] : [];
  }).sort();
}

/** ajv for draft-07, strict, knowing the editor keywords as annotations. */
function compiler(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addVocabulary(['markdownDescription', 'markdownEnumDescriptions', 'enumDescriptions', 'defaultSnippets', 'errorMessage', 'patternErrorMessage']);
  return ajv;
}

const okr = compiler().compile(load('okr.schema.json'));
const config = compiler().compile(load('okr-config.schema.json'));

const at = (errors: ErrorObject[] | null | undefined, path: string) => (errors ?? []).filter((e) => e.instancePath === path);

describe('schemas/*.schema.json', () => {
  it('okr.config.yaml keys named without building the schema (CONFIG_KEYS, for "did you mean") are the schema\'s, in its order', () => {
    assert.deepEqual(CONFIG_KEYS, Object.keys(configSchema().shape));
  });

  for (const [name, make] of Object.entries(SCHEMA_FILES)) {
    it(`${name} is exactly what \`npm run schema\` generates today`, () => {
      const file = join(REPO, 'schemas', name);
      assert.ok(existsSync(file), `schemas/${name} is missing: run \`npm run schema\``);
      assert.equal(readFileSync(file, 'utf8'), schemaText(make()), `schemas/${name} is stale: run \`npm run schema\``);
    });
  }

  it('both are draft-07 with an $id and a title, and ajv compiles them in strict mode', () => {
    for (const name of Object.keys(SCHEMA_FILES)) {
      const s = load(name);
      assert.equal(s.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.match(String(s.$id), /^https:\/\/okr-cascade\.dev\/schemas\/okr(-config)?\.schema\.json$/);
      assert.equal(typeof s.title, 'string');
    }
  });

  describe('okr.schema.json', () => {
    for (const file of files(join(REPO, 'samples/okrs'), /\.okr\.ya?ml$/)) {
      it(`accepts ${relative(REPO, file)}`, () => {
        assert.ok(okr(parse(readFileSync(file, 'utf8'))), JSON.stringify(okr.errors, null, 2));
      });
    }

    it('agrees with okr check on every fixture: valid exactly when the file has no `schema` finding', () => {
      const cases = files(join(REPO, 'test/fixtures/check'), /^expected\.json$/);
      let checked = 0;
      for (const expected of cases) {
        const dir = join(expected, '..');
        const findings = JSON.parse(readFileSync(expected, 'utf8')) as { file: string; code: string }[];
        for (const file of files(dir, /\.okr\.ya?ml$/)) {
          const rel = relative(dir, file).split('\\').join('/');
          const doc = parseDocument(readFileSync(file, 'utf8'));
          if (doc.errors.length) continue; // YAML errors: no data to validate
          // A tag the yaml library leaves unresolved (`!!float 10` stays the text "10"): okr
          // check reads it as YAML 1.2 says, a JSON Schema validator sees other data.
          if (doc.warnings.some((w) => w.code === 'TAG_RESOLVE_FAILED')) continue;
          let data: unknown;
          try {
            data = doc.toJS();
          } catch {
            continue; // an alias that names no anchor: not data either (okr check reports it as a YAML error)
          }
          const schemaFinding = findings.some((f) => f.file === rel && f.code === 'schema');
          assert.equal(okr(data), !schemaFinding, `${relative(REPO, file)}: ${schemaFinding ? 'okr check finds a schema problem the JSON Schema accepts' : JSON.stringify(okr.errors)}`);
          checked++;
        }
      }
      assert.ok(checked > 50, `${checked} files`);
    });

    it('rejects samples/mistakes/schema for its reasons: the key hypotesis, the id with a space, horizon soon', () => {
      const data = parse(readFileSync(join(REPO, 'samples/mistakes/schema/sc-co.okr.yaml'), 'utf8'));
      assert.equal(okr(data), false);
      const errors = okr.errors;
      assert.ok(at(errors, '/roadmap/bank-sync').some((e) => e.keyword === 'additionalProperties' && e.params.additionalProperty === 'hypotesis'), 'unknown key hypotesis');
      assert.ok(at(errors, '/roadmap').some((e) => e.keyword === 'propertyNames' && e.params.propertyName === 'daily payouts'), 'bad id `daily payouts`');
      assert.ok(at(errors, '/roadmap/payout-notifications/horizon').some((e) => e.keyword === 'pattern'), 'bad horizon soon');
    });

    const bad: [string, unknown, string, string][] = [
      ['no unit', { level: 'team' }, '', 'required'],
      ['a unit id in capitals', { unit: 'Payments' }, '/unit', 'pattern'],
      ['a capacity in words', { unit: 'a', capacity: 'three' }, '/capacity', 'type'],
      ['a list at the top', [{ unit: 'a' }], '', 'type'],
      ['period 2026-Q5', { unit: 'a', period: '2026-Q5' }, '/period', 'pattern'],
      ['period 26', { unit: 'a', period: 26 }, '/period', 'minimum'],
      ['confidence sure', { unit: 'a', roadmap: { x: { confidence: 'sure' } } }, '/roadmap/x/confidence', 'enum'],
      ['rice confidence high', { unit: 'a', roadmap: { x: { rice: { confidence: 'high' } } } }, '/roadmap/x/rice/confidence', 'type'],
      ['due 30/09/2026', { unit: 'a', roadmap: { x: { due: '30/09/2026' } } }, '/roadmap/x/due', 'pattern'],
      ['a check-in without value', { unit: 'a', objectives: { O1: { key_results: { KR1: { checkins: [{ date: '2026-09-30' }] } } } } }, '/objectives/O1/key_results/KR1/checkins/0', 'required'],
      ['private_fields naming hypothesis on a KR', { unit: 'a', objectives: { O1: { key_results: { KR1: { private_fields: ['hypothesis'] } } } } }, '/objectives/O1/key_results/KR1/private_fields/0', 'enum'],
      ['rollup average', { unit: 'a', objectives: { O1: { key_results: { KR1: { rollup: 'average' } } } } }, '/objectives/O1/key_results/KR1/rollup', 'enum'],
      ['result maybe', { unit: 'a', roadmap: { x: { result: 'maybe' } } }, '/roadmap/x/result', 'enum'],
    ];
    for (const [what, data, path, keyword] of bad) {
      it(`rejects ${what} (${keyword} at ${path || 'the top'})`, () => {
        assert.equal(okr(data), false);
        assert.ok(at(okr.errors, path).some((e) => e.keyword === keyword), JSON.stringify(okr.errors));
      });
    }

    it('accepts period as a number or a string, empty values and the new keys', () => {
      assert.equal(okr({ unit: 'a', period: 2026 }), true);
      assert.equal(okr({ unit: 'a', period: '2026-H2', reviewed: '2026-10-02', owner: null }), true);
      assert.equal(okr({ unit: 'a', private: true, private_fields: ['owner'], roadmap: { x: { horizon: null, result: 'validated', evidence: 'https://x', private_fields: ['hypothesis'] } } }), true);
      assert.equal(okr({ unit: 'a', objectives: { O1: { key_results: { KR1: { rollup: 'sum', checkins: [{ date: '2026-09-30', value: 3, note: 'x' }] } } } } }), true);
    });
  });

  describe('okr-config.schema.json', () => {
    it('accepts test/fixtures/check/config-severities and a config with pace, audiences and limits', () => {
      assert.ok(config(parse(readFileSync(join(REPO, 'test/fixtures/check/config-severities/okr.config.yaml'), 'utf8'))), JSON.stringify(config.errors));
      const full = { rules: { 'stale-review': 'warning' }, pace: { at_risk: 0.1, off_track: 0.25 }, audiences: { board: { views: ['themes'], show: ['title', 'outcome'], include: { status: ['active'] }, hide_private: true, dates: false, forbidden: ['acquisition'], formats: ['md'] } }, limits: { max_file_size: '5MB', max_depth: 64 } };
      assert.ok(config(full), JSON.stringify(config.errors));
    });

    it('rejects test/fixtures/check/config-invalid for its reasons: rule-set, weak-hypotesis, loud', () => {
      assert.equal(config(parse(readFileSync(join(REPO, 'test/fixtures/check/config-invalid/okr.config.yaml'), 'utf8'))), false);
      const e = config.errors ?? [];
      assert.ok(at(e, '').some((x) => x.keyword === 'additionalProperties' && x.params.additionalProperty === 'rule-set'), 'unknown key rule-set');
      assert.ok(at(e, '/rules').some((x) => x.keyword === 'propertyNames' && x.params.propertyName === 'weak-hypotesis'), 'unknown code weak-hypotesis');
      assert.ok(at(e, '/rules/stale-review').some((x) => x.keyword === 'enum'), 'severity loud');
    });

    for (const [what, data, path, keyword] of [
      ['a pace share above 1', { pace: { at_risk: 1.5 } }, '/pace/at_risk', 'maximum'],
      ['an unknown view for an audience', { audiences: { board: { views: ['gantt'] } } }, '/audiences/board/views/0', 'enum'],
      ['an audience name with a space', { audiences: { 'the board': {} } }, '/audiences', 'propertyNames'],
      ['max_depth 2', { limits: { max_depth: 2 } }, '/limits/max_depth', 'minimum'],
    ] as [string, unknown, string, string][]) {
      it(`rejects ${what}`, () => {
        assert.equal(config(data), false);
        assert.ok(at(config.errors, path).some((e) => e.keyword === keyword), JSON.stringify(config.errors));
      });
    }

    it('lists every finding code under rules with what it means and its default', () => {
      const rules = (load('okr-config.schema.json').properties as Record<string, { properties: Record<string, { default: string; markdownDescription: string; enum: string[] }> }>).rules.properties;
      assert.equal(rules['orphan-kr'].default, 'warning');
      assert.match(rules['orphan-kr'].markdownDescription, /^`orphan-kr` — A KR of a unit that has a parent supports nothing\. /);
      assert.deepEqual(rules['orphan-kr'].enum, ['error', 'warning', 'info', 'hint', 'off']);
      assert.deepEqual(Object.keys(rules).sort(), [...CODES].sort(), 'every finding code, and only those');
    });
  });

  it('carries editor help: markdown descriptions, enum descriptions, examples, snippets and readable messages', () => {
    const s = load('okr.schema.json') as { properties: Record<string, Record<string, unknown>>; defaultSnippets: unknown[] };
    const item = ((s.properties.roadmap.additionalProperties as Record<string, unknown>).properties) as Record<string, Record<string, unknown>>;
    assert.match(String(s.properties.period.markdownDescription), /a half \(`2026-H2`\)/);
    assert.deepEqual(s.properties.period.examples, [2026, '2026-H2', '2026-Q3']);
    const horizon = item.horizon.anyOf as Record<string, unknown>[];
    assert.equal(horizon[0].patternErrorMessage, 'horizon must be now, next, later or a quarter like 2026-Q3');
    assert.equal((horizon[1].markdownEnumDescriptions as string[]).length, 3);
    assert.equal(((item.status as { markdownEnumDescriptions: string[] }).markdownEnumDescriptions ?? (item.status.anyOf as { markdownEnumDescriptions?: string[] }[])[0].markdownEnumDescriptions)?.length, 5);
    assert.ok(Array.isArray(s.defaultSnippets) && s.defaultSnippets.length === 1);
    for (const key of ['objectives', 'roadmap']) assert.match(JSON.stringify(s.properties[key].defaultSnippets), /"label":"New (objective|roadmap item)"/);
    const kr = (((s.properties.objectives.additionalProperties as Record<string, unknown>).properties as Record<string, Record<string, unknown>>).key_results);
    assert.match(JSON.stringify(kr.defaultSnippets), /"label":"New key result"/);
    for (const k of ['rollup', 'checkins', 'private', 'private_fields']) {
      const kp = ((kr.additionalProperties as Record<string, unknown>).properties as Record<string, Record<string, unknown>>)[k];
      assert.ok(kp.description || kp.markdownDescription, `KR ${k} is described`);
    }
    for (const k of ['result', 'evidence', 'private', 'private_fields']) assert.ok(item[k].description || item[k].markdownDescription, `item ${k} is described`);
  });
});
