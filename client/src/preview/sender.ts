/**
 * How models reach a preview's webview without queueing: one model posted at
 * a time, the next only once the webview says it drew the previous one
 * (`rendered`) or after a timeout; a model that comes while one is being drawn
 * waits, and a newer one replaces it. A model goes over the wire as its changes
 * from the model the webview drew last (client/webview/delta.ts) when those are
 * less than half of it. No `vscode` here: the panel gives it a way to post.
 */
import { diffModel, printModel, type ModelPrint } from '../../webview/delta';
import type { HostMessage } from '../../webview/messages';

export type ModelMessage = Extract<HostMessage, { type: 'model' }>;

/** How the preview kept up with typing (the tests read it). */
export interface PanelStats {
  /** `okr/roadmap` requests sent. */
  requests: number;
  /** Answers dropped because an edit came after the request was sent. */
  dropped: number;
  /** The most requests ever in flight at once (1 by construction). */
  maxInFlight: number;
  /** Models posted to the webview. */
  posted: number;
  /** Models replaced by a newer one while waiting for the webview to draw. */
  superseded: number;
  /** The most models ever posted and not yet drawn (1 by construction). */
  maxUnacked: number;
  /** Models sent as their changes from the one drawn before (delta.ts). */
  deltas: number;
  /** When (Date.now()) the newest drawn model was asked for, answered, posted and drawn. */
  last?: { asked: number; answered: number; posted: number; drawn: number; version: number; drawMs?: number; frameMs?: number; paintedAt?: number };
}

export class ModelSender {
  /** The version posted and not yet drawn, and the newest model waiting behind it. */
  private unacked?: { version: number; timer: ReturnType<typeof setTimeout> };
  private waiting?: ModelMessage;
  /** The JSON of the model the webview drew last (deltas are made from it), and of the one posted since. */
  private drawnPrint?: { version: number; print: ModelPrint };
  private sentPrint?: { version: number; print: ModelPrint };

  /**
   * @param post posts `wire` to the webview and logs `msg` (what the webview then holds); false when it cannot post now.
   * @param posted called with each model's version as it is posted.
   */
  constructor(
    private readonly post: (msg: ModelMessage, wire: HostMessage) => boolean,
    private readonly stats: PanelStats,
    private readonly timeoutMs: number,
    private readonly posted: (version: number) => void = () => undefined,
  ) {}

  /** Posts a model now, or, while the webview is still drawing the previous one, keeps it as the next (the newest wins). */
  send(msg: ModelMessage): void {
    if (this.unacked) {
      if (this.waiting) this.stats.superseded++;
      this.waiting = msg;
      return;
    }
    if (!this.post(msg, this.wireFor(msg))) return;
    this.posted(msg.version);
    this.stats.posted++;
    this.stats.maxUnacked = Math.max(this.stats.maxUnacked, 1);
    // Not acknowledged in time: what the webview holds is unknown, so the next model goes whole.
    this.unacked = { version: msg.version, timer: setTimeout(() => { this.drawnPrint = undefined; this.next(); }, this.timeoutMs) };
  }

  /** The webview drew this version. */
  rendered(version: number): void {
    if (this.sentPrint?.version === version) this.drawnPrint = this.sentPrint;
    if (this.unacked && version >= this.unacked.version) this.next();
  }

  /** The webview holds no model we know of (a new page, a delta that did not fit): forget what waits; the next model goes whole. */
  reset(): void {
    if (this.unacked) clearTimeout(this.unacked.timer);
    this.unacked = undefined;
    this.waiting = undefined;
    this.drawnPrint = undefined;
  }

  private next(): void {
    if (this.unacked) clearTimeout(this.unacked.timer);
    this.unacked = undefined;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) this.send(waiting);
  }

  /** Its changes from the model the webview drew last, when it has drawn one and they are less than half the model; else the model. */
  private wireFor(msg: ModelMessage): HostMessage {
    if (!this.drawnPrint) {
      this.sentPrint = { version: msg.version, print: printModel(msg.model) };
      return msg;
    }
    const { delta, print, size } = diffModel(this.drawnPrint.print, msg.model);
    this.sentPrint = { version: msg.version, print };
    let full = 0;
    for (const s of print.fields.values()) full += s.length;
    for (const list of print.elements.values()) for (const s of list) full += s.length;
    if (size * 2 > full) return msg;
    this.stats.deltas++;
    return { type: 'delta', version: msg.version, base: this.drawnPrint.version, delta, sourceUri: msg.sourceUri };
  }
}

/** Requests to the webview answered by id (snapshot, probe): each answer settles its own promise, or a timeout does. */
export class Answers<T> {
  private seq = 0;
  private readonly waiting = new Map<number, (r: T) => void>();

  /** Posts a request through `ask(id)` and waits for `answer(id, …)`; rejects with `late` after `timeoutMs`. */
  request(ask: (id: number) => void, timeoutMs: number, late: string): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => { this.waiting.delete(id); reject(new Error(late)); }, timeoutMs);
      this.waiting.set(id, (r) => { clearTimeout(timer); this.waiting.delete(id); resolve(r); });
      ask(id);
    });
  }

  answer(id: number, r: T): void {
    this.waiting.get(id)?.(r);
  }
}
