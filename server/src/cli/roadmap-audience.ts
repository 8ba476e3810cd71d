/**
 * `okr roadmap --audience NAME` and `--audience all --out DIR/`: the roadmap
 * redacted for an audience of okr.config.yaml (core/audience), in any format,
 * or every audience's configured views and formats written at once as
 * `DIR/<audience>/<unit>-<view>.<ext>`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { audienceModel, audienceUnits, exportPath, lensFor, renderAudienceModel, type ExportFormat, type HtmlAssets } from '../core/audience/render';
import type { Audience, PaceThresholds } from '../core/config';
import type { CascadeIndex } from '../core/link';
import type { Day } from '../core/period';
import { RoadmapError } from '../core/roadmap/index';
import type { RoadmapModel, RoadmapView } from '../core/roadmap/model';
import { UsageError } from './command';
import type { Loaded } from './files';

/** The `--audience` value meaning every configured audience. */
export const ALL_AUDIENCES = 'all';

/** The audience named on the command line, or a one-line usage error that lists those configured. */
export function pickAudience(loaded: Loaded, name: string): Audience {
  const audiences = loaded.config?.config.audiences ?? [];
  const found = audiences.find((a) => a.name === name);
  if (found) return found;
  if (!audiences.length) throw new UsageError(`--audience ${name}: no audiences are configured; add an audiences: section to okr.config.yaml (see docs/format.md)`);
  throw new UsageError(`--audience ${name}: no such audience in ${loaded.config!.file}; the audiences are ${audiences.map((a) => a.name).join(', ')}, or all`);
}

/** The view to draw for the audience: the one asked for when allowed (else exit 2), or its first view. */
export function audienceView(a: Audience, asked: RoadmapView | undefined): RoadmapView {
  if (asked === undefined) return a.views[0] ?? 'themes';
  if (!a.views.includes(asked)) throw new UsageError(`the "${a.name}" audience may not see the ${asked} view; its views are ${a.views.join(', ')}`);
  return asked;
}

/** The roadmap of `unit` as the audience may see it; a unit it does not see is a usage error. */
export function redactedRoadmap(index: CascadeIndex, a: Audience, unit: string | undefined, view: RoadmapView, asOf: Day, pace?: PaceThresholds): RoadmapModel {
  const lens = lensFor(a, index);
  const units = audienceUnits(index, lens);
  const id = unit ?? firstUnit(index, units);
  if (!id || !units.includes(id)) {
    const known = index.units.has(id ?? '');
    if (!known) throw new UsageError(unit ? `no unit "${unit}" in the cascade` : 'the cascade has no unit with objectives the audience may see');
    throw new UsageError(`the "${a.name}" audience sees no roadmap of ${id} (it is private, or none of its objectives is shown to this audience); its units are ${units.join(', ') || 'none'}`);
  }
  try {
    return audienceModel(index, lens, id, view, asOf, pace).model;
  } catch (e) {
    if (e instanceof RoadmapError) throw new UsageError(e.message);
    throw e;
  }
}

/** Without --unit: the unit at the top of what the audience sees (the first with no visible parent). */
function firstUnit(index: CascadeIndex, units: string[]): string | undefined {
  const seen = new Set(units);
  return units.find((u) => !seen.has(index.parentOf(u)?.id ?? '')) ?? units[0];
}

/** Renders a redacted model (no source links, no ids: renderAudienceModel). */
export function renderForAudience(model: RoadmapModel, format: ExportFormat, assets: () => HtmlAssets): string {
  return renderAudienceModel(model, format, format === 'html' ? assets() : undefined);
}

/** `--audience all --out DIR/`: every audience's units × views × formats; answers the paths written, relative to DIR. */
export function writeAllAudiences(loaded: Loaded, index: CascadeIndex, asOf: Day, dir: string, assets: () => HtmlAssets): { written: string[]; byAudience: Map<string, number> } {
  const audiences = loaded.config?.config.audiences ?? [];
  if (!audiences.length) throw new UsageError('--audience all: no audiences are configured; add an audiences: section to okr.config.yaml (see docs/format.md)');
  const written: string[] = [];
  const byAudience = new Map<string, number>();
  for (const a of audiences) {
    const lens = lensFor(a, index);
    let n = 0;
    for (const unit of audienceUnits(index, lens)) {
      for (const view of a.views) {
        let model: RoadmapModel;
        try {
          model = audienceModel(index, lens, unit, view, asOf, loaded.config?.config.pace).model;
        } catch (e) {
          if (e instanceof RoadmapError) continue; // e.g. portfolio of a unit without products: nothing to write
          throw e;
        }
        for (const format of a.formats) {
          const rel = exportPath(a.name, unit, view, format);
          const file = join(dir, rel);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, renderForAudience(model, format, assets));
          written.push(rel);
          n++;
        }
      }
    }
    byAudience.set(a.name, n);
  }
  return { written, byAudience };
}

/** The folder `--out` names for `--audience all` (a trailing slash is optional). */
export function outDir(cwd: string, out: string | undefined): string {
  if (!out) throw new UsageError('--audience all writes many files: give the folder with --out DIR/');
  return resolve(cwd, out);
}
