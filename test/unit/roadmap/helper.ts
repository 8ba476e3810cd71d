/**
 * Folder-per-case fixtures for the roadmap: `test/fixtures/roadmap/<case>/`
 * holds `*.okr.yaml` inputs, `options.json` ({ unit?, view, asOf }) and
 * `expected.json` (the model, paths relative to the case folder). Run with
 * `UPDATE=1` (or `--update`) to rewrite expected.json from the code; then
 * review the diff by hand.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CascadeIndex } from '../../../server/src/core/link';
import { parseUnitFile } from '../../../server/src/core/parse';
import { parseDay } from '../../../server/src/core/period';
import { buildRoadmap, type RoadmapOptions } from '../../../server/src/core/roadmap/index';
import type { RoadmapModel, RoadmapView } from '../../../server/src/core/roadmap/model';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'roadmap');
export const UPDATE = process.env.UPDATE === '1' || process.argv.includes('--update');

export function caseNames(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(FIXTURES, d.name, 'options.json')))
    .map((d) => d.name)
    .sort();
}

export function loadIndex(dir: string): CascadeIndex {
  const files = readdirSync(dir)
    .filter((f) => /\.okr\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
  return new CascadeIndex(files.map((f) => parseUnitFile(f, readFileSync(f, 'utf8'))));
}

export function loadCase(name: string): { dir: string; index: CascadeIndex; options: RoadmapOptions } {
  const dir = join(FIXTURES, name);
  const raw = JSON.parse(readFileSync(join(dir, 'options.json'), 'utf8')) as { unit?: string; view: RoadmapView; asOf: string };
  const asOf = parseDay(raw.asOf);
  if (!asOf) throw new Error(`${name}/options.json: asOf must be YYYY-MM-DD`);
  const options: RoadmapOptions = { view: raw.view, asOf, path: (f) => relative(dir, f).split(sep).join('/') };
  if (raw.unit !== undefined) options.unit = raw.unit;
  return { dir, index: loadIndex(dir), options };
}

/** Builds a case's model; with UPDATE, writes it as the new expected.json. Answers [actual, expected]. */
export function runCase(name: string): [RoadmapModel, RoadmapModel] {
  const { dir, index, options } = loadCase(name);
  const actual = buildRoadmap(index, options);
  const file = join(dir, 'expected.json');
  if (UPDATE) writeFileSync(file, JSON.stringify(actual, null, 2) + '\n');
  else if (!existsSync(file)) throw new Error(`${name}: no expected.json; run with UPDATE=1 to write it, then review it by hand`);
  return [actual, JSON.parse(readFileSync(file, 'utf8')) as RoadmapModel];
}
