/**
 * The JSON Schemas other editors validate and complete with, generated from the
 * one zod definition of each file (schema.ts for `.okr.yaml`, config-schema.ts
 * for `okr.config.yaml`) by `npm run schema` into `schemas/`.
 *
 * Draft-07, which yaml-language-server (the Red Hat YAML extension, Helix, Zed,
 * Neovim's yamlls) supports fully. The descriptions, examples, enum
 * descriptions, snippets and error messages are the `.meta()` of the zod
 * definitions; `tidy` reshapes what zod emits so that those messages are the
 * ones yaml-language-server shows: it reports the problems of the *first*
 * alternative of an `anyOf` when none matches, and rewrites merged type errors
 * as "Expected integer | null". So nested `anyOf`s are flattened, `null` is
 * folded into an alternative's `type`, an alternative with a `pattern` (and
 * its message) comes first, and each alternative carries the field's message.
 */
import * as z from 'zod';
import { SEVERITY_LEVELS, configSchema } from './config-schema';
import { RULES } from './rules/index';
import { unitFileSchema } from './schema';

type Json = Record<string, unknown>;

/** schemas/okr.schema.json */
export function okrJsonSchema(): Json {
  const schema = z.toJSONSchema(unitFileSchema, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as Json;
  return {
    $schema: schema.$schema,
    $id: 'https://okr-cascade.dev/schemas/okr.schema.json',
    title: 'OKR Cascade unit file (.okr.yaml)',
    ...tidy(withoutKey(schema, '$schema')),
  };
}

/** schemas/okr-config.schema.json: `rules` lists every finding code with what it means and its default. */
export function configJsonSchema(): Json {
  const schema = tidy(withoutKey(z.toJSONSchema(configSchema(), { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as Json, '$schema'));
  const props = schema.properties as Record<string, Json>;
  const levels = [...SEVERITY_LEVELS];
  const levelDocs = ['Show as an error: `okr check` exits 1.', 'Show as a warning (`--max-warnings` counts these).', 'Show as information.', 'Show as a hint: no squiggle, only dots.', 'Do not report it.'];
  props.rules = {
    ...props.rules,
    properties: Object.fromEntries(RULES.map((r) => [r.code, {
      type: 'string',
      enum: levels,
      markdownEnumDescriptions: levelDocs,
      default: r.severity,
      markdownDescription: `\`${r.code}\` — ${r.summary} ${r.help}\n\nDefault: \`${r.severity}\`. \`# okr-ignore: ${r.code}\` at the end of a line silences one finding.`,
      errorMessage: `a severity is one of ${levels.join(', ')}`,
    }])),
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://okr-cascade.dev/schemas/okr-config.schema.json',
    title: 'OKR Cascade settings (okr.config.yaml)',
    ...schema,
  };
}

const withoutKey = (o: Json, key: string): Json => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

const NESTED = ['properties', 'patternProperties', 'definitions', '$defs'];
const SINGLE = ['additionalProperties', 'items', 'propertyNames', 'not', 'if', 'then', 'else', 'contains'];
/** Keys of a field that its `anyOf` alternatives inherit: yaml-language-server shows the message and hover of the alternative it matched. */
const MESSAGES = ['errorMessage', 'markdownDescription'];

/** Reshapes zod's output for yaml-language-server (see the module comment). Pure: returns a new object. */
export function tidy(node: unknown): Json {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return node as Json;
  const out: Json = { ...(node as Json) };
  for (const k of NESTED) {
    if (out[k] && typeof out[k] === 'object') out[k] = Object.fromEntries(Object.entries(out[k] as Json).map(([n, v]) => [n, tidy(v)]));
  }
  for (const k of SINGLE) if (out[k] && typeof out[k] === 'object') out[k] = tidy(out[k]);
  if (Array.isArray(out.anyOf)) {
    let alts = flatten(out.anyOf.map(tidy));
    alts = foldNull(alts);
    // A pattern (with its message) first: its problem is the one reported when nothing matches.
    alts = [...alts.filter((a) => 'pattern' in a), ...alts.filter((a) => !('pattern' in a))];
    for (const a of alts) {
      for (const m of MESSAGES) if (out[m] !== undefined && a[m] === undefined) a[m] = out[m];
      if (a.pattern !== undefined && a.patternErrorMessage === undefined && a.errorMessage !== undefined) a.patternErrorMessage = a.errorMessage;
    }
    if (alts.length === 1) {
      delete out.anyOf;
      Object.assign(out, { ...alts[0], ...withoutKey(withoutKey(out, 'anyOf'), 'errorMessage'), errorMessage: alts[0].errorMessage ?? out.errorMessage });
      if (out.errorMessage === undefined) delete out.errorMessage;
    } else {
      out.anyOf = alts;
    }
  }
  return out;
}

/** `anyOf: [{ anyOf: [a, b] }, c]` → `[a, b, c]` when the inner schema holds nothing else. */
function flatten(alts: Json[]): Json[] {
  return alts.flatMap((a) => (Array.isArray(a.anyOf) && Object.keys(a).every((k) => k === 'anyOf') ? flatten(a.anyOf as Json[]) : [a]));
}

/** `[{ type: 'string', pattern }, { type: 'null' }]` → `[{ type: ['string', 'null'], pattern }]`: null joins a plain alternative. */
function foldNull(alts: Json[]): Json[] {
  const i = alts.findIndex((a) => a.type === 'null' && Object.keys(a).length === 1);
  if (i < 0) return alts;
  const rest = alts.filter((_, j) => j !== i);
  const host = rest.find((a) => typeof a.type === 'string' && a.enum === undefined && a.const === undefined);
  if (!host) return [...rest, alts[i]];
  host.type = [host.type as string, 'null'];
  return rest;
}
