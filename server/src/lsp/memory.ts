/**
 * One full collection once the start is over. Indexing allocates far more
 * than the cascade keeps (file texts being read, every file's findings, the
 * cache writes); left alone, V8 collects the old generation only when its
 * limit, set high while indexing, is reached, so the garbage of the start and
 * what every edit after it leaves behind accumulate (at 1,000 units RSS grows
 * from 196 to 208 MiB over 60 company-KR renames). Once the server is quiet
 * after its start it asks for one ordinary full collection (the `gc` that
 * `--expose-gc` gives, enabled at run time in a throw-away context: the same
 * in-process call however the server is started, no flag to pass).
 *
 * Not a memory-reducing collection (the inspector's
 * `HeapProfiler.collectGarbage`, round 5): that one also shrinks the young
 * generation back to 1 MB and sets the old generation's limit just above
 * what is live, so the edits after it pay for it (the next ~9 renames cost
 * 2-4x their CPU while the young generation grows back, and a full mark-compact
 * of 150-200 ms lands on every 12th-23rd rename). It does not flush bytecode
 * on Node 20 (V8 11.3, checked with --trace-flush-bytecode).
 *
 * That collection compacts the old generation (moves what is live out of
 * pages the start left half empty, so they can be given back: 1,000 units,
 * old space 79 -> 70 MB committed for 68 MB live), while the live heap is
 * small enough that the copy it needs for a moment is cheap (below
 * COMPACT_UNDER bytes; above it, an ordinary collection).
 *
 * And the young generation is kept at the size V8 starts it with
 * (keepYoungGenerationSmall): V8 doubles it up to 2 x 16 MB whenever a
 * scavenge finds much alive, which indexing does, and never gives it back
 * while the server is busy now and then; 32 MB of RSS for a nursery that an
 * edit (a few MB of garbage) does not need. Set in process (V8 reads the
 * growth factor each time it would grow), so however the server is started.
 * 1,000 units, same run: RSS after the start 185 -> 157 MiB, start CPU and
 * edit latencies unchanged (scripted A/B in BENCHMARKS.md, round 6).
 *
 * Only at a quiet moment after the start, never on the edit path: a full
 * collection takes tens of milliseconds, which a keystroke must not wait for.
 */
import { runInNewContext } from 'node:vm';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';

/** How long the server must be quiet (no `kick`) before the collection. */
export const QUIET_MS = 100;

/** Below this much live heap the collection after the start also compacts (its copy is cheap); above, an ordinary one. */
export const COMPACT_UNDER = 200 * 1024 * 1024;

export type Collect = () => Promise<void>;

/** The young generation stays at its first size (see above); call once, before indexing. */
export function keepYoungGenerationSmall(): void {
  try {
    setFlagsFromString('--semi-space-growth-factor=1');
  } catch {
    // a runtime that refuses it: V8's own sizing
  }
}

/**
 * A full (mark-compact) collection, synchronous, compacting every page when
 * less than `compactUnder` bytes are live; resolves at once when the runtime
 * refuses it.
 */
export function fullCollect(compactUnder = COMPACT_UNDER): Promise<void> {
  try {
    setFlagsFromString('--expose-gc'); // seen by contexts created from now on: only the throw-away one below
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc !== 'function') return Promise.resolve();
    const compact = getHeapStatistics().used_heap_size < compactUnder;
    if (compact) setFlagsFromString('--compact-on-every-full-gc');
    try {
      gc();
    } finally {
      if (compact) setFlagsFromString('--no-compact-on-every-full-gc'); // V8's own heuristics for every later collection
    }
  } catch {
    // a runtime without the flag: V8 collects on its own, later
  }
  return Promise.resolve();
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
    private readonly collect: Collect = () => fullCollect(),
    private readonly quietMs = QUIET_MS,
  ) {}

  /** Work that allocated a lot just ended: collect once quiet. */
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

