/**
 * The audience side of the preview: `okr/audiences` lists the audiences of
 * okr.config.yaml, and `okr/roadmap` with `audience` answers the model redacted
 * for one (core/audience), exactly as `okr roadmap --audience NAME` renders it.
 */
import { Worker } from 'node:worker_threads';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { LeakSet } from '../core/audience/leaks';
import type { ScanPass } from '../core/audience/scanner';
import { audienceModel, audienceUnits, lensFor } from '../core/audience/render';
import type { Config } from '../core/config';
import type { CascadeIndex } from '../core/link';
import type { Day } from '../core/period';
import type { RoadmapModel, RoadmapView } from '../core/roadmap/model';
import { AudiencesRequestMethod, type AudiencesResult } from '../protocol';
import type { ServerContext } from './context';
import type { LeakScanAnswer, LeakScanRequest } from './leak-worker';
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
 * Runs the audience leak scan between edits, off the event loop: after the
 * workspace has been quiet for a moment, the files that changed since the
 * last scan (by text) go to the scan thread (lsp/leak-worker.ts), which
 * renders and scans, one roadmap at a time, only the roadmaps those files
 * can change. An edit starts the wait again and makes the thread drop the
 * scan under way for the next one. When a scan finishes and nothing changed
 * since it was asked for, its leaks are applied and the files whose findings
 * changed are published.
 *
 * The thread runs `entry`, the server's bundle (dist/server.js, which starts
 * lsp/leak-worker.ts's loop when it finds itself in such a thread). Without a
 * bundle (the server run from source), the scan runs on the event loop in
 * steps of one roadmap.
 */
export class LeakScheduler {
  private timer?: ReturnType<typeof setTimeout>;
  private generation = 0;
  private worker?: Worker;
  private workerFailed: boolean;
  /** The text of each file as the thread has it. */
  private sent = new Map<string, string>();
  /** Request number → the generation it was made for. */
  private readonly asked = new Map<number, number>();
  private nextId = 0;

  constructor(
    private readonly ws: () => Workspace,
    private readonly publish: (files: Set<string>) => void,
    private readonly log: Logger,
    /** The bundle the scan thread runs (the server's own); undefined or not a bundle: scan on the event loop. */
    private readonly entry?: string,
  ) {
    this.workerFailed = !entry?.endsWith('.js');
  }

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
    const worker = this.thread();
    if (worker) this.ask(worker, pass, generation);
    else this.stepHere(pass, generation);
  }

  /** The scan thread, started on first use; undefined when it cannot run. */
  private thread(): Worker | undefined {
    if (this.worker || this.workerFailed) return this.worker;
    try {
      const w = new Worker(this.entry!, { workerData: { okrLeakWorker: true } });
      w.unref();
      w.on('message', (answer: LeakScanAnswer) => this.answered(answer));
      w.on('error', (e) => this.lost(w, e));
      w.on('exit', (code) => this.lost(w, new Error(`the scan thread stopped (exit code ${code})`)));
      this.worker = w;
      this.sent = new Map();
    } catch (e) {
      this.lost(undefined, e);
    }
    return this.worker;
  }

  /** The thread failed: scan on the event loop from now on (a scan asked for and not answered is asked again). */
  private lost(w: Worker | undefined, e: unknown): void {
    if (w && w !== this.worker) return;
    if (!this.disposed) this.log.error(`okr: the audience leak scan thread failed, scanning on the server's thread instead: ${(e as Error)?.stack ?? e}`);
    this.worker = undefined;
    this.workerFailed = true;
    if (this.asked.size && !this.disposed) {
      this.asked.clear();
      this.kick();
    }
  }

  private ask(worker: Worker, pass: ScanPass, generation: number): void {
    const files: [string, string][] = [];
    const now = new Set<string>();
    for (const f of pass.index.files) {
      now.add(f.file);
      if (this.sent.get(f.file) !== f.text) {
        files.push([f.file, f.text]);
        this.sent.set(f.file, f.text);
      }
    }
    const removed = [...this.sent.keys()].filter((file) => !now.has(file));
    for (const file of removed) this.sent.delete(file);
    const id = ++this.nextId;
    this.asked.set(id, generation);
    worker.postMessage({ kind: 'scan', id, files, removed, settings: pass.settings } satisfies LeakScanRequest);
  }

  private answered(answer: LeakScanAnswer): void {
    const generation = this.asked.get(answer.id);
    this.asked.delete(answer.id);
    if (answer.kind === 'error') {
      this.log.error(`okr: the audience leak scan failed: ${answer.message}`);
      return;
    }
    if (generation !== this.generation) return; // the cascade changed since: a new scan is on its way
    try {
      this.finish(this.ws().cascade.applyLeaks(new LeakSet(answer.leaks)));
    } catch (e) {
      this.log.error(`okr: the audience leak scan failed: ${(e as Error)?.stack ?? e}`);
    }
  }

  /** No scan thread: one roadmap per turn of the event loop. */
  private stepHere(pass: ScanPass, generation: number): void {
    const cascade = this.ws().cascade;
    const step = () => {
      if (generation !== this.generation) return; // an edit came in: a new scan is on its way
      try {
        if (!pass.step()) {
          setImmediate(step);
          return;
        }
        this.finish(cascade.applyLeaks(pass.result()));
      } catch (e) {
        this.log.error(`okr: the audience leak scan failed: ${(e as Error)?.stack ?? e}`);
      }
    };
    setImmediate(step);
  }

  private finish(changed: Set<string>): void {
    if (changed.size) this.publish(changed);
  }

  private disposed = false;

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.generation++;
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
