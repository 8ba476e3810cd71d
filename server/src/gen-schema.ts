/** Writes schemas/okr.schema.json from the zod definition (`npm run schema`). */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { jsonSchema } from './core/schema';

const out = resolve(process.argv[2] ?? 'schemas/okr.schema.json');
writeFileSync(out, JSON.stringify(jsonSchema(), null, 2) + '\n');
console.log(`wrote ${out}`);
