/**
 * The live cascade of the workspace: every cascade file under the workspace
 * folders, read from disk, with the text of open editors winning over disk.
 * Edits are applied on the next tick (the latest text per document) and the
 * files whose findings changed are handed to `onChanged`.
 *
 * Start: the workspace is loading from the moment the server runs. Files
 * opened in an editor are checked as soon as the settings are in (against
 * what is loaded so far) and published first; the folders are then read in
 * slices that yield to requests (see indexing.ts); at the end every file is
 * checked once and published, open ones again if their findings changed.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileEvent, TextDocuments } from 'vscode-languageserver';
import { Cascade } from '../core/cascade';
import type { CheckOptions } from '../core/check';
import type { Problem, UnitFile } from '../core/model';
import type { Totals } from '../core/cascade';
import { stateOf, type FindingsCache } from '../cache/findings';
import { ParsePool, workersFor } from '../cache/parse-pool';
import { contentKey, type ModelCache } from '../cache/store';
import { findCascadeFiles, findCascadeFilesSync, readText } from './disk';
import { applyFolders, applyWatched, reload, type DiskHost } from './disk-follow';
import { publishFromFindings, quickState, type WarmHost } from './warm-start';
import { count, loadInSlices, parseThrough, yieldToEventLoop, type Progress, type Source } from './indexing';
import { isCascadeUri, normalizeUri, pathToUri, uriToPath } from './uris';

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  log(message: string): void;
}

/** A pending change: the new text (from an editor, or read from disk), or `null` to forget the file. */
interface Pending {
  text: string | null;
  fromDisk: boolean;
}


export class Workspace {
  /** Audience leaks are scanned in steps between edits (lsp/audience.ts LeakScheduler), not in every check. */
  readonly cascade = new Cascade({}, 'deferred');
  private readonly clientUris = new Map<string, string>();
  private readonly pending = new Map<string, Pending>();
  private folders: string[] = [];
  private docs?: TextDocuments<TextDocument>;
  private scheduled = false;
  private ready = false;
  /** Settings are in: open documents may be checked (before, they would get default severities). */
  private configured = false;
  /** Open documents wait for the findings cache to be tried (see `holdOpenDocuments`). */
  private holding = false;
  private readonly whenConfigured: Promise<void>;
  private markConfigured!: () => void;
  private cache?: ModelCache;
  private readonly indexed: Promise<void>;
  private markIndexed!: () => void;
  /** Disk reads under way (close, watched files, folders): requests wait for them. */
  private readonly inflight = new Set<Promise<void>>();

  /** Once indexed, called while an edit is checked with each file whose findings changed, the edited file first (Cascade.update's `announce`). */
  onFileChanged?: (file: string) => void;
  /** Called after edits were applied and published, with the files edited (empty after indexing). */
  onEdited: (edited: ReadonlySet<string>) => void = () => {};

  /** Called at start when the findings cache matches every file: each file's key, text and findings, then the totals. */
  onCached: (files: [key: string, text: string, problems: Problem[]][], totals: Totals) => Promise<void> | void = () => {};

  /**
   * The same, when the cache kept what was published for every file (see
   * `renderFindings`): each file's key and that JSON, sent as it is.
   */
  onCachedRendered?: (files: [key: string, json: Buffer][], totals: Totals) => Promise<void> | void;

  /** What is published for a file's findings, as JSON, kept in the findings cache (see onCachedRendered). */
  renderFindings?: (key: string, problems: readonly Problem[]) => string;

  constructor(
    private readonly log: Logger,
    private readonly onChanged: (files: Set<string>) => void,
  ) {
    this.indexed = new Promise((resolve) => (this.markIndexed = resolve));
    this.whenConfigured = new Promise((resolve) => (this.markConfigured = resolve));
    this.cascade.beginLoad();
  }

  /** The cascade key of a document URI. */
  key(uri: string): string {
    return normalizeUri(uri);
  }

  /** The URI to send for a cascade key: the client's own spelling when it opened the file. */
  uriOf(key: string): string {
    return this.clientUris.get(key) ?? key;
  }

  document(key: string): TextDocument | undefined {
    const uri = this.clientUris.get(key);
    return uri ? this.docs?.get(uri) : undefined;
  }

  /** Cascade keys of the documents open in the client. */
  openKeys(): string[] {
    return [...this.clientUris.keys()];
  }

  file(uri: string): UnitFile | undefined {
    return this.cascade.file(this.key(uri));
  }

  workspaceFolders(): string[] {
    return this.folders.slice();
  }

  /** True once every folder has been read and every file checked. */
  get isIndexed(): boolean {
    return this.ready;
  }

  /** Follows open documents: their text wins; closing falls back to disk. */
  attach(docs: TextDocuments<TextDocument>): void {
    this.docs = docs;
    const ours = (d: TextDocument) => d.languageId === 'okr' || isCascadeUri(d.uri);
    docs.onDidChangeContent((e) => {
      if (!ours(e.document)) return;
      const key = this.key(e.document.uri);
      this.clientUris.set(key, e.document.uri);
      this.queue(key, { text: e.document.getText(), fromDisk: false });
    });
    docs.onDidClose((e) => {
      if (!ours(e.document)) return;
      const key = this.key(e.document.uri);
      this.clientUris.delete(key);
      this.track('close', reload(this.diskHost(), key));
    });
  }

  /** The model cache indexing read from (see `index`), to save once indexed. */
  get modelCache(): ModelCache | undefined {
    return this.cache;
  }

  /**
   * Open documents are not checked until indexing has tried the findings
   * cache (or `releaseOpenDocuments`): when the cache matches, their findings
   * are published with every other file's, and they are loaded with the rest
   * (first) rather than checked alone against a cascade not read yet.
   */
  holdOpenDocuments(): void {
    if (!this.ready) this.holding = true;
  }

  releaseOpenDocuments(): void {
    this.holding = false;
    this.flush();
  }

  /**
   * Indexes every cascade file of the folders (URIs); call once, after the
   * settings are in. Models come from `cache` when it has them (given as a
   * function, it is opened once the findings cache has been tried: a start
   * that publishes from the findings does not wait for the model pack);
   * `progress` shows the count.
   */
  async index(
    folderUris: string[],
    setup: { cache?: ModelCache | (() => Promise<ModelCache | undefined>); findings?: FindingsCache; progress?: Progress; workerEntry?: string } = {},
  ): Promise<void> {
    const { progress } = setup;
    const warm = !!setup.findings?.loaded;
    // Without findings to publish, the pack is read while the folders are walked.
    const opening = typeof setup.cache === 'function' && !warm ? setup.cache() : undefined;
    let cache: ModelCache | undefined;
    let pool: ParsePool | undefined;
    let read = 0;
    let cached = false;
    const started = Date.now();
    this.setConfigured(); // settings could not be read: defaults from here on
    try {
      this.folders = folderUris.map(uriToPath).filter((p): p is string => !!p);
      const sources: Source[] = [];
      const seen = new Set<string>();
      for (const folder of this.folders) {
        // A start from the findings cache walks and reads without yielding: it publishes every file at once.
        for (const path of warm ? findCascadeFilesSync(folder) : await findCascadeFiles(folder)) {
          const key = pathToUri(path); // already the normal form (see normalizeUri): no second round trip per file
          if (!seen.has(key)) sources.push({ key, path });
          seen.add(key);
        }
      }
      const limits = this.cascade.checkOptions.limits;
      const pre = warm ? await publishFromFindings(this.warmHost(), sources, setup.findings!) : undefined;
      const texts = pre?.texts;
      cached = !!pre?.hit;
      // Open documents the cached findings were for are loaded first, with their editor text.
      const adopted = pre?.adopted ?? new Set<string>();
      if (adopted.size) sources.sort((a, b) => Number(adopted.has(b.key)) - Number(adopted.has(a.key)));
      this.releaseOpenDocuments(); // open editors first
      cache = typeof setup.cache === 'function' ? await (opening ?? setup.cache()) : setup.cache;
      this.cache = cache;
      progress?.begin(`Indexing ${count(sources.length)} cascade files`, sources.length);
      if (setup.workerEntry) pool = ParsePool.create(workersFor(), setup.workerEntry);
      read = await loadInSlices(
        sources,
        (path) => {
          const t = texts?.get(path);
          texts?.delete(path);
          return t !== undefined ? Promise.resolve(t) : readText(path, this.log, limits?.maxFileSize);
        },
        cache,
        (key) => (this.clientUris.has(key) && !adopted.has(key)) || this.pending.has(key),
        (models, done) => {
          this.cascade.add(models);
          progress?.report(done);
        },
        pool,
        limits,
      );
    } finally {
      this.holding = false;
      void pool?.close();
      cache?.doneReading();
      this.ready = true;
      this.markIndexed();
      let changed = new Set<string>();
      try {
        changed = this.cascade.finishLoad();
      } catch (e) {
        this.log.error(`okr: checking the workspace failed: ${(e as Error)?.stack ?? e}`);
      }
      this.onChanged(changed);
      this.flush();
      const hits = cache?.stats.hits ?? 0;
      const workers = pool ? `; ${pool.size} parse worker${pool.size === 1 ? '' : 's'} parsed ${pool.parsed}` : '';
      this.log.log(`okr: indexed ${read} cascade files in ${this.folders.length} folder(s) in ${Date.now() - started} ms${cache?.enabled ? ` (${hits} from the cache${cache.stats.ignored && !hits ? `; cache not used: ${cache.stats.ignored}` : ''})` : ''}${workers}${cached ? `; findings published from the cache first, ${changed.size} file(s) changed on checking` : ''}`);
      progress?.end(`${count(read)} cascade files indexed`);
      this.onEdited(new Set());
    }
  }

  /** What a start from the findings cache needs of the workspace (warm-start.ts). */
  private warmHost(): WarmHost {
    return {
      cascade: this.cascade,
      log: this.log,
      isOpen: (key) => this.clientUris.has(key),
      editorText: (key) => this.editorText(key),
      takeEditorText: (key) => {
        const p = this.pending.get(key);
        if (!this.clientUris.has(key) || !p || p.fromDisk || p.text === null) return undefined;
        this.pending.delete(key);
        return p.text;
      },
      onCached: (files, totals) => this.onCached(files, totals),
      onCachedRendered: this.onCachedRendered,
    };
  }

  /** An open document's latest text: waiting to be applied, else as checked. */
  private editorText(key: string): string | undefined {
    const p = this.pending.get(key);
    if (p && !p.fromDisk) return p.text ?? undefined;
    return this.cascade.file(key)?.text;
  }

  /** Writes the findings cache for the cascade as it stands (once indexed): the next start publishes them at once. */
  saveFindings(findings: FindingsCache, sync = false): Promise<boolean> | boolean {
    if (!this.ready || this.cascade.isLoading) return false;
    const limits = this.cascade.checkOptions.limits;
    const state = stateOf(this.cascade.all().map((f) => [f.file, contentKey(f.file, f.text, limits)]));
    const quick = quickState(this.warmHost(), this.cascade.all().map((f) => [f.file, uriToPath(f.file)]));
    const args = [state, this.cascade.optionsKey(), this.cascade.allProblems(), this.cascade.totals(), { render: this.renderFindings, quick }] as const;
    return sync ? findings.saveSync(...args) : findings.save(...args);
  }

  /** Resolves once the workspace is indexed, disk reads are done and every pending edit is applied. */
  async settled(): Promise<void> {
    await this.indexed;
    while (this.inflight.size) await Promise.all(this.inflight);
    this.flush();
  }

  /**
   * Applies the open documents' latest text, without waiting for indexing
   * (requests that can answer from part of the cascade); before the settings
   * are in, waits for them (open documents are checked from then on).
   */
  async current(): Promise<void> {
    await this.whenConfigured;
    this.flush();
  }

  /** Runs a disk operation that requests must wait for; a failure is logged, never thrown. */
  track(what: string, work: Promise<void>): Promise<void> {
    const p: Promise<void> = work
      .catch((e) => this.log.error(`okr: ${what} failed: ${(e as Error)?.stack ?? e}`))
      .finally(() => this.inflight.delete(p));
    this.inflight.add(p);
    return p;
  }

  /**
   * New check options. Limits that changed re-read every file (the cascade
   * re-parses its texts; once indexed, files refused for their size before
   * are read again, and may now fit).
   */
  configure(options: CheckOptions): void {
    this.setConfigured();
    const before = this.cascade.checkOptions.limits?.maxFileSize;
    const changed = this.cascade.configure(options);
    if (changed.size) this.onChanged(changed);
    this.flush();
    if (this.ready && options.limits?.maxFileSize !== before) void this.track('re-reading files for the new size limit', this.readMissing());
  }

  /** Reads the cascade files of the folders that are not in the cascade (refused before). */
  private async readMissing(): Promise<void> {
    for (const folder of this.folders) {
      for (const path of await findCascadeFiles(folder)) {
        const key = this.key(pathToUri(path));
        if (!this.cascade.file(key) && !this.clientUris.has(key)) await reload(this.diskHost(), key);
      }
    }
  }

  private setConfigured(): void {
    this.configured = true;
    this.markConfigured();
  }

  /** Files still in the workspace (the cache keeps their models, the disk version of an open file included). */
  isCurrent(model: UnitFile): boolean {
    return this.cascade.file(model.file) !== undefined;
  }

  /** `workspace/didChangeWatchedFiles`: created, changed and deleted files (and folders). */
  watched(changes: FileEvent[]): Promise<void> {
    return this.track('following file changes', this.indexed.then(() => applyWatched(this.diskHost(), changes)));
  }

  /** Workspace folders added or removed. */
  foldersChanged(added: string[], removed: string[]): Promise<void> {
    return this.track('changing folders', this.indexed.then(() => applyFolders(this.diskHost(), added, removed)));
  }

  /** What following the disk needs of the workspace (disk-follow.ts). */
  private diskHost(): DiskHost {
    return {
      key: (uri) => this.key(uri),
      isOpen: (key) => this.clientUris.has(key),
      files: () => this.cascade.all().map((f) => f.file),
      folders: () => this.folders,
      setFolders: (folders) => { this.folders = folders; },
      maxFileSize: () => this.cascade.checkOptions.limits?.maxFileSize,
      log: this.log,
      queue: (key, text) => this.queue(key, { text, fromDisk: true }),
    };
  }

  private queue(key: string, change: Pending): void {
    this.pending.set(key, change);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /**
   * Applies pending changes (the latest text per file) and reports what
   * changed. While loading, only open documents are applied (once the
   * settings are in); disk changes wait for the end of indexing.
   */
  flush(): void {
    if (!this.pending.size) return;
    let batch = [...this.pending];
    if (!this.ready) {
      if (!this.configured || this.holding) return;
      batch = batch.filter(([key, p]) => !p.fromDisk && p.text !== null && this.clientUris.has(key));
    }
    if (!batch.length) return;
    for (const [key] of batch) this.pending.delete(key);
    const changed = new Set<string>();
    for (const [key, { text, fromDisk }] of batch) {
      try {
        const same = text !== null && this.cascade.file(key)?.text === text;
        const parsed = text !== null && fromDisk && !same ? parseThrough(this.cache, key, text, this.cascade.checkOptions.limits) : undefined;
        const files = text === null ? this.cascade.remove(key) : this.cascade.update(key, text, parsed, this.onFileChanged);
        files.forEach((f) => changed.add(f));
      } catch (e) {
        this.log.error(`okr: checking ${key} failed: ${(e as Error)?.stack ?? e}`);
      }
    }
    // The edited files first: their squiggles are what the user is looking at.
    if (changed.size) this.onChanged(new Set([...batch.map(([key]) => key).filter((k) => changed.has(k)), ...changed]));
    this.onEdited(new Set(batch.map(([key]) => key)));
  }
}
