/**
 * Audience fixtures: `test/fixtures/audience/<case>/` holds `*.okr.yaml`,
 * `okr.config.yaml` and `cases.json` (`[{ audience, unit, view }]`, as of
 * `asOf` in `options.json` or 2026-08-15); each case's redacted model is
 * `expected/<audience>-<unit>-<view>.json`. `UPDATE=1` rewrites them: review the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, type Audience, type Config } from '../../../server/src/core/config';
import { audienceModel, lensFor } from '../../../server/src/core/audience/render';
import type { CascadeIndex } from '../../../server/src/core/link';
import { parseDay, type Day } from '../../../server/src/core/period';
import type { RoadmapModel, RoadmapView } from '../../../server/src/core/roadmap/model';
import { loadIndex, UPDATE } from '../roadmap/helper';

export const AUDIENCE_FIXTURES = join(__dirname, '..', '..', 'fixtures', 'audience');
export const AS_OF: Day = parseDay('2026-08-15')!;

export interface AudienceCase {
  audience: string;
  unit: string;
  view: RoadmapView;
}

export function loadAudienceCase(name: string): { dir: string; index: CascadeIndex; config: Config; cases: AudienceCase[] } {
  const dir = join(AUDIENCE_FIXTURES, name);
  const config = parseConfig(join(dir, 'okr.config.yaml'), readFileSync(join(dir, 'okr.config.yaml'), 'utf8'));
  if (config.problems.length) throw new Error(`${name}/okr.config.yaml: ${config.problems.map((p) => p.message).join('; ')}`);
  const casesFile = join(dir, 'cases.json');
  const cases = existsSync(casesFile) ? (JSON.parse(readFileSync(casesFile, 'utf8')) as AudienceCase[]) : [];
  return { dir, index: loadIndex(dir), config, cases };
}

export function audience(config: Config, name: string): Audience {
  const a = config.audiences.find((x) => x.name === name);
  if (!a) throw new Error(`no audience ${name}`);
  return a;
}

/** The redacted model of one case; with UPDATE, written as the new expected file. Answers [actual, expected]. */
export function runAudienceCase(name: string, c: AudienceCase): [RoadmapModel, RoadmapModel] {
  const { dir, index, config } = loadAudienceCase(name);
  const actual = audienceModel(index, lensFor(audience(config, c.audience), index), c.unit, c.view, AS_OF).model;
  const file = join(dir, 'expected', `${c.audience}-${c.unit}-${c.view}.json`);
  if (UPDATE) {
    mkdirSync(join(dir, 'expected'), { recursive: true });
    writeFileSync(file, JSON.stringify(actual, null, 2) + '\n');
  } else if (!existsSync(file)) throw new Error(`${file}: missing; run with UPDATE=1 and review it`);
  return [JSON.parse(JSON.stringify(actual)) as RoadmapModel, JSON.parse(readFileSync(file, 'utf8')) as RoadmapModel];
}
