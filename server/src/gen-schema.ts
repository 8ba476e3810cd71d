/**
 * Writes the JSON Schemas generated from the zod definitions (`npm run schema`):
 * schemas/okr.schema.json (`.okr.yaml`) and schemas/okr-config.schema.json
 * (`okr.config.yaml`). A test fails when either file is stale.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configJsonSchema, okrJsonSchema } from './core/json-schema';

export const SCHEMA_FILES = { 'okr.schema.json': okrJsonSchema, 'okr-config.schema.json': configJsonSchema } as const;

/** The text of a schema file: pretty-printed JSON and a final newline. */
export const schemaText = (schema: Record<string, unknown>): string => JSON.stringify(schema, null, 2) + '\n';

if (require.main === module) {
  const dir = resolve(process.argv[2] ?? 'schemas');
  for (const [name, make] of Object.entries(SCHEMA_FILES)) {
    const out = join(dir, name);
    writeFileSync(out, schemaText(make()));
    console.log(`wrote ${out}`);
  }
}
