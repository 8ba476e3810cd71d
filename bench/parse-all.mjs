#!/usr/bin/env node
// The floor for a cold `okr check`: a process that reads every *.okr.yaml / *.okr.yml under DIR and
// parses each once with the project's parser (yaml parseDocument, keepSourceTokens), then exits.
// Timed from the outside (spawn to exit), like `okr check`.
//   node bench/parse-all.mjs DIR
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const YAML = createRequire(import.meta.url)('yaml');
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
  if (e.name === 'node_modules' || e.name.startsWith('.')) return [];
  const p = path.join(d, e.name);
  return e.isDirectory() ? walk(p) : /\.okr\.ya?ml$/.test(e.name) ? [p] : [];
});
let errors = 0;
const files = walk(path.resolve(process.argv[2] ?? '.'));
for (const f of files) if (YAML.parseDocument(fs.readFileSync(f, 'utf8'), { keepSourceTokens: true }).errors.length) errors++;
console.log(JSON.stringify({ files: files.length, files_with_yaml_errors: errors }));
