/**
 * The audience side of the preview: `okr/audiences` lists the audiences of
 * okr.config.yaml, and `okr/roadmap` with `audience` answers the model redacted
 * for one (core/audience), exactly as `okr roadmap --audience NAME` renders it.
 */
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { ScanPass } from '../core/audience/scanner';
import { audienceModel, audienceUnits, lensFor } from '../core/audience/render';
import type { Config } from '../core/config';
import type { CascadeIndex } from '../core/link';
import type { Day } from '../core/period';
import type { RoadmapModel, RoadmapView } from '../core/roadmap/model';
import { AudiencesRequestMethod, type AudiencesResult } from '../protocol';
import type { ServerContext } from './context';
import type { Logger, Workspace } from './workspace';

export function registerAudiences(ctx: ServerContext, leaks: LeakScheduler): void {
  // Every applied edit may change what leaks, even one that changes no other finding.
  const edited = ctx.ws.onEdited;
  ctx.ws.onEdited = (files) => {
    edited(files);
    leaks.kick();
  };
  // New settings or okr.config.yaml (audiences added, changed, removed) may change what leaks too.
  const configure = ctx.ws.configure.bind(ctx.ws);
  ctx.ws.configure = (options) => {
    configure(options);
    leaks.kick();
  };
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

/** How long the workspace must be quiet before a leak scan starts (typing restarts the wait). */
const QUIET_MS = 150;

/**
 * Runs the audience leak scan between edits: after the workspace has been
 * quiet for a moment, one roadmap (unit and view, every audience) per tick;
 * an edit cancels the scan under way and starts the wait again. When a scan
 * finishes on an unchanged cascade, its leaks are applied and the files whose
 * findings changed are published.
 */
export class LeakScheduler {
  private timer?: ReturnType<typeof setTimeout>;
  private generation = 0;

  constructor(
    private readonly ws: () => Workspace,
    private readonly publish: (files: Set<string>) => void,
    private readonly log: Logger,
  ) {}

  /** The cascade changed (or its settings): scan again once it is quiet. */
  kick(): void {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, QUIET_MS);
  }

  private start(): void {
    const generation = this.generation;
    const cascade = this.ws().cascade;
    let pass: ScanPass | undefined;
    try {
      pass = cascade.beginLeakScan();
    } catch (e) {
      this.log.error(`okr: the audience leak scan failed: ${(e as Error)?.stack ?? e}`);
      return;
    }
    if (!pass) {
      this.finish(cascade.applyLeaks(undefined));
      return;
    }
    const step = () => {
      if (generation !== this.generation) return; // an edit came in: a new scan is on its way
      try {
        if (!pass!.step()) {
          setImmediate(step);
          return;
        }
        this.finish(cascade.applyLeaks(pass!.result()));
      } catch (e) {
        this.log.error(`okr: the audience leak scan failed: ${(e as Error)?.stack ?? e}`);
      }
    };
    setImmediate(step);
  }

  private finish(changed: Set<string>): void {
    if (changed.size) this.publish(changed);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.generation++;
  }
}
