/**
 * The audience side of the preview: `okr/audiences` lists the audiences of
 * okr.config.yaml, and `okr/roadmap` with `audience` answers the model redacted
 * for one (core/audience), exactly as `okr roadmap --audience NAME` renders it.
 */
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { audienceModel, audienceUnits, lensFor } from '../core/audience/render';
import type { Config } from '../core/config';
import type { CascadeIndex } from '../core/link';
import type { Day } from '../core/period';
import type { RoadmapModel, RoadmapView } from '../core/roadmap/model';
import { AudiencesRequestMethod, type AudiencesResult } from '../protocol';
import type { ServerContext } from './context';

export function registerAudiences(ctx: ServerContext): void {
  ctx.conn.onRequest(
    AudiencesRequestMethod,
    ctx.guard('audiences', { audiences: [] } as AudiencesResult, () => ({
      audiences: (ctx.settings.configFile?.config.audiences ?? []).map((a) => ({ name: a.name, views: a.views, dates: a.dates, hidePrivate: a.hidePrivate })),
    })),
  );
}

/**
 * The model of `explicit` (an error when the audience does not see it), else of
 * the first unit the audience sees among `preferred`, then any, in `view` (else the audience's first view), redacted for `name`.
 */
export function audienceRoadmap(index: CascadeIndex, config: Config | undefined, name: string, explicit: string | undefined, preferred: (string | undefined)[], view: RoadmapView | undefined, asOf: Day): RoadmapModel {
  const fail = (message: string) => new ResponseError(LSPErrorCodes.RequestFailed, message);
  const audiences = config?.audiences ?? [];
  const a = audiences.find((x) => x.name === name);
  if (!a) throw fail(audiences.length ? `No audience "${name}" in okr.config.yaml; the audiences are ${audiences.map((x) => x.name).join(', ')}` : 'No audiences are configured: add an audiences: section to okr.config.yaml');
  const v = view ?? a.views[0] ?? 'themes';
  if (!a.views.includes(v)) throw fail(`The "${a.name}" audience may not see the ${v} view; its views are ${a.views.join(', ')}`);
  const lens = lensFor(a, index);
  const units = audienceUnits(index, lens);
  if (explicit !== undefined && !units.includes(explicit)) throw fail(`The "${a.name}" audience does not see unit ${explicit} (it is private, or none of its objectives is shown to it); its units are ${units.join(', ') || 'none'}`);
  const unit = explicit ?? preferred.find((u) => u && units.includes(u)) ?? units[0];
  if (!unit) throw fail(`The "${a.name}" audience sees no roadmap: every unit is private, or none of their objectives is shown to it`);
  return audienceModel(index, lens, unit, v, asOf, config?.pace).model;
}
