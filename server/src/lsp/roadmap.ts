/** `okr/roadmap`: the roadmap model for the unit of a document (see protocol.ts). */
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { parseDay, today } from '../core/period';
import { elidePortfolio } from '../core/roadmap/elide';
import { RoadmapError, buildRoadmap, defaultRoadmapUnit, roadmapUnitFor } from '../core/roadmap/index';
import { isValidDate } from '../core/schema';
import { RoadmapRequestMethod, type RoadmapParams, type RoadmapResult } from '../protocol';
import { audienceRoadmap } from './audience';
import type { ServerContext } from './context';

export function registerRoadmap(ctx: ServerContext): void {
  const { conn, ws, settings } = ctx;
  conn.onRequest(
    RoadmapRequestMethod,
    ctx.guard('roadmap', null as RoadmapResult | null, (params: RoadmapParams) => {
      const model = roadmapFor(params);
      // A large portfolio: only the sections the preview has open go whole.
      return Array.isArray(params.open) ? elidePortfolio(model, params.open.filter((u) => typeof u === 'string')) : model;
    }),
  );

  function roadmapFor(params: RoadmapParams): RoadmapResult {
    if (params.asOf && !isValidDate(params.asOf)) throw new ResponseError(LSPErrorCodes.RequestFailed, `asOf "${params.asOf}" is not a date written YYYY-MM-DD`);
    const index = ws.cascade.index;
    const unit = params.unit || (params.uri ? roadmapUnitFor(index, ws.key(params.uri)) : undefined) || defaultRoadmapUnit(index);
    const asOf = (params.asOf && parseDay(params.asOf)) || settings.asOf() || today();
    if (params.audience !== undefined) {
      const derived = params.uri ? roadmapUnitFor(index, ws.key(params.uri)) : undefined;
      return audienceRoadmap(index, settings.configFile?.config, params.audience, params.unit || undefined, [derived, defaultRoadmapUnit(index)], params.view, asOf);
    }
    try {
      return buildRoadmap(index, { unit, view: params.view ?? 'quarters', asOf, pace: settings.configFile?.config.pace, path: (key) => ws.uriOf(key) });
    } catch (e) {
      if (e instanceof RoadmapError) throw new ResponseError(LSPErrorCodes.RequestFailed, e.message, { units: e.units });
      throw e;
    }
  }
}
