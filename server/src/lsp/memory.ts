/**
 * Giving memory back once the start is over. Indexing and the two cache
 * writes allocate far more than the cascade keeps (file buffers, the pack
 * being encoded, every file's findings as JSON), and V8 keeps what it grew
 * into: a young generation grown to its maximum (two 16 MB semi-spaces,
 * resident once used) and old-space pages it no longer needs. Nothing shrinks
 * them until V8's own memory reducer decides to, seconds later or never. So,
 * once the server is quiet after its start, it asks V8 for the collection an
 * embedder asks for under memory pressure (the inspector's
 * `HeapProfiler.collectGarbage`, an in-process session: the same V8 call
 * whatever starts the server, no flag to pass): the young generation shrinks
 * back to its initial size and unused pages are released.
 *
 * Only at quiet moments after work that allocated a lot (the start; a large
 * change of files on disk), never on the edit path: a full collection takes
 * tens of milliseconds, which a keystroke must not wait for.
 */
import type { Session } from 'node:inspector';

/** How long the server must be quiet (no `kick`) before memory is given back. */
export const QUIET_MS = 100;

export type Collect = () => Promise<void>;

/** A memory-reducing collection through an in-process inspector session; resolves when done (or at once when there is no inspector). */
export function lowMemoryCollect(): Promise<void> {
  let session: Session;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const inspector = require('node:inspector') as typeof import('node:inspector');
    session = new inspector.Session();
    session.connect();
  } catch {
    return Promise.resolve(); // a Node built without the inspector: V8's own reducer will do it, later
  }
  return new Promise<void>((resolve) => {
    try {
      // Disconnected on the next turn: from inside its own callback, the session would keep the process alive.
      session.post('HeapProfiler.collectGarbage', () => setImmediate(() => {
        session.disconnect();
        resolve();
      }));
    } catch {
      session.disconnect();
      resolve();
    }
  });
}

/**
 * Collects once the server has been quiet for `quietMs` after the last
 * `kick` (each kick starts the wait again); one collection at a time.
 */
export class MemoryTrim {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  /** Collections done (for the log and the tests). */
  collections = 0;

  constructor(
    private readonly collect: Collect = lowMemoryCollect,
    private readonly quietMs = QUIET_MS,
  ) {}

  /** Work that allocated a lot just ended: give the memory back once quiet. */
  kick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, this.quietMs);
    this.timer.unref();
  }

  /** Something else is going on: the collection waits for the next quiet moment. */
  postpone(): void {
    if (this.timer) this.kick();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = this.collect().then(
      () => void this.collections++,
      () => undefined,
    );
    await this.running;
    this.running = undefined;
  }
}
