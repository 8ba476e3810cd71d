/**
 * The audience leak scan on its own thread (the server's own bundle, run with
 * `workerData.okrLeakWorker` by lsp/audience.ts LeakScheduler, as the parse
 * workers are): rendering every export of every audience
 * takes seconds on a large cascade, and a company roadmap alone more than a
 * keystroke may wait, so none of it runs on the server's event loop.
 *
 * The thread keeps its own parse of the cascade: each request carries the
 * texts of the files that changed since the last one (and the files gone),
 * the audiences, "today", pace and limits. It scans with the same incremental
 * AudienceScanner as the CLI (only roadmaps whose files changed are rendered
 * again), one roadmap per turn of its loop, and drops a scan as soon as a
 * newer request comes in. It answers the leaks of a finished scan with the
 * request's number; the server applies them only if nothing changed since.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { AudienceScanner } from '../core/audience/scanner';
import type { Leak } from '../core/audience/leaks';
import type { Audience, Limits, PaceThresholds } from '../core/config';
import { CascadeIndex } from '../core/link';
import type { UnitFile } from '../core/model';
import { parseUnitFile } from '../core/parse';
import type { Day } from '../core/period';

export interface LeakScanRequest {
  kind: 'scan';
  id: number;
  /** Files new or changed since the previous request, with their text. */
  files: [file: string, text: string][];
  /** Files no longer in the cascade. */
  removed: string[];
  settings: { audiences: Audience[]; asOf: Day; pace?: PaceThresholds; limits?: Limits };
}

export type LeakScanAnswer = { kind: 'done'; id: number; leaks: Leak[] } | { kind: 'error'; id: number; message: string };

/** The worker's state: the parsed files and the scanner, both kept between requests. */
class LeakWorker {
  private readonly files = new Map<string, UnitFile>();
  private readonly scanner = new AudienceScanner();
  private latest = 0;
  private limits = '';

  constructor(private readonly send: (answer: LeakScanAnswer) => void) {}

  request(r: LeakScanRequest): void {
    this.latest = r.id;
    const limits = JSON.stringify(r.settings.limits ?? null);
    if (limits !== this.limits) {
      this.limits = limits;
      for (const [file, f] of this.files) this.files.set(file, parseUnitFile(file, f.text, { limits: r.settings.limits }));
    }
    for (const file of r.removed) this.files.delete(file);
    for (const [file, text] of r.files) this.files.set(file, parseUnitFile(file, text, r.settings.limits ? { limits: r.settings.limits } : {}));
    this.scanner.configure(r.settings.audiences, r.settings.asOf, r.settings.pace);
    const pass = this.scanner.begin(new CascadeIndex([...this.files.values()]));
    const step = () => {
      if (r.id !== this.latest) return; // a newer request is being scanned
      try {
        if (!pass.step()) {
          setImmediate(step);
          return;
        }
        this.send({ kind: 'done', id: r.id, leaks: pass.result().leaks });
      } catch (e) {
        this.send({ kind: 'error', id: r.id, message: (e as Error)?.stack ?? String(e) });
      }
    };
    setImmediate(step);
  }
}

/** True in a thread started by a LeakScheduler: the bundle should run `runLeakWorker` instead of its main. */
export function isLeakWorker(): boolean {
  return !isMainThread && !!(workerData as { okrLeakWorker?: boolean } | undefined)?.okrLeakWorker;
}

/** The thread's side: scan on request, answering each finished scan with its request's number. */
export function runLeakWorker(): void {
  const port = parentPort!;
  const worker = new LeakWorker((answer) => port.postMessage(answer));
  port.on('message', (r: LeakScanRequest) => {
    try {
      worker.request(r);
    } catch (e) {
      port.postMessage({ kind: 'error', id: r.id, message: (e as Error)?.stack ?? String(e) } satisfies LeakScanAnswer);
    }
  });
}
