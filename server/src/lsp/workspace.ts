/**
 * The live cascade of the workspace: every cascade file under the workspace
 * folders, read from disk, with the text of open editors winning over disk.
 * Edits are applied on the next tick (the latest text per document) and the
 * files whose findings changed are handed to `onChanged`.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FileChangeType, type FileEvent, type TextDocuments } from 'vscode-languageserver';
import { Cascade } from '../core/cascade';
import type { CheckOptions } from '../core/check';
import type { UnitFile } from '../core/model';
import { findCascadeFiles, readText } from './disk';
import { isCascadeUri, normalizeUri, pathToUri, SKIP_DIRS, uriToPath } from './uris';

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  log(message: string): void;
}

/** A pending change: the new text, or `null` to forget the file. */
type Pending = string | null;

export class Workspace {
  readonly cascade = new Cascade();
  private readonly clientUris = new Map<string, string>();
  private readonly pending = new Map<string, Pending>();
  private folders: string[] = [];
  private docs?: TextDocuments<TextDocument>;
  private scheduled = false;
  private ready = false;
  private readonly indexed: Promise<void>;
  private markIndexed!: () => void;
  /** Disk reads under way (close, watched files, folders): requests wait for them. */
  private readonly inflight = new Set<Promise<void>>();

  /** Called after edits were applied (any text, even one that changed no finding). */
  onEdited: () => void = () => {};

  constructor(
    private readonly log: Logger,
    private readonly onChanged: (files: Set<string>) => void,
  ) {
    this.indexed = new Promise((resolve) => (this.markIndexed = resolve));
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

  file(uri: string): UnitFile | undefined {
    return this.cascade.file(this.key(uri));
  }

  workspaceFolders(): string[] {
    return this.folders.slice();
  }

  /** Follows open documents: their text wins; closing falls back to disk. */
  attach(docs: TextDocuments<TextDocument>): void {
    this.docs = docs;
    const ours = (d: TextDocument) => d.languageId === 'okr' || isCascadeUri(d.uri);
    docs.onDidChangeContent((e) => {
      if (!ours(e.document)) return;
      const key = this.key(e.document.uri);
      this.clientUris.set(key, e.document.uri);
      this.queue(key, e.document.getText());
    });
    docs.onDidClose((e) => {
      if (!ours(e.document)) return;
      const key = this.key(e.document.uri);
      this.clientUris.delete(key);
      this.track('close', this.reload(key));
    });
  }

  /** Indexes every cascade file of the folders (URIs); call once, after settings are in. */
  async index(folderUris: string[]): Promise<void> {
    try {
      this.folders = folderUris.map(uriToPath).filter((p): p is string => !!p);
      const entries: [string, string][] = [];
      for (const folder of this.folders) {
        for (const path of await findCascadeFiles(folder)) {
          const key = this.key(pathToUri(path));
          if (this.clientUris.has(key) || this.pending.has(key)) continue;
          const text = await readText(path, this.log);
          if (text !== undefined) entries.push([key, text]);
        }
      }
      this.cascade.load(entries);
      this.log.log(`okr: indexed ${entries.length} cascade files in ${this.folders.length} folder(s)`);
    } finally {
      this.ready = true;
      this.markIndexed();
      this.onChanged(new Set(this.cascade.all().map((f) => f.file)));
      this.flush();
    }
  }

  /** Resolves once the workspace is indexed, disk reads are done and every pending edit is applied. */
  async settled(): Promise<void> {
    await this.indexed;
    while (this.inflight.size) await Promise.all(this.inflight);
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

  configure(options: CheckOptions): void {
    const changed = this.cascade.configure(options);
    if (changed.size) this.onChanged(changed);
  }

  /** `workspace/didChangeWatchedFiles`: created, changed and deleted files (and folders). */
  watched(changes: FileEvent[]): Promise<void> {
    return this.track('following file changes', this.indexed.then(() => this.applyWatched(changes)));
  }

  private async applyWatched(changes: FileEvent[]): Promise<void> {
    for (const change of changes) {
      const key = this.key(change.uri);
      if (this.clientUris.has(key)) continue; // the editor's text wins
      if (isCascadeUri(key)) {
        if (change.type === FileChangeType.Deleted) this.queue(key, null);
        else await this.reload(key);
      } else if (change.type === FileChangeType.Deleted) {
        const prefix = key.endsWith('/') ? key : `${key}/`;
        for (const f of this.cascade.all()) if (f.file.startsWith(prefix) && !this.clientUris.has(f.file)) this.queue(f.file, null);
      } else if (change.type === FileChangeType.Created) {
        const path = uriToPath(key);
        if (path) for (const p of await findCascadeFiles(path)) await this.reload(this.key(pathToUri(p)));
      }
    }
  }

  /** Workspace folders added or removed. */
  foldersChanged(added: string[], removed: string[]): Promise<void> {
    return this.track('changing folders', this.indexed.then(() => this.applyFolders(added, removed)));
  }

  private async applyFolders(added: string[], removed: string[]): Promise<void> {
    const gone = removed.map(uriToPath).filter((p): p is string => !!p);
    this.folders = this.folders.filter((f) => !gone.includes(f));
    for (const path of gone) {
      const prefix = this.key(pathToUri(path)).replace(/\/?$/, '/');
      for (const f of this.cascade.all()) if (f.file.startsWith(prefix) && !this.clientUris.has(f.file)) this.queue(f.file, null);
    }
    for (const path of added.map(uriToPath).filter((p): p is string => !!p)) {
      this.folders.push(path);
      for (const p of await findCascadeFiles(path)) await this.reload(this.key(pathToUri(p)));
    }
  }

  /** Re-reads a closed file from disk: gone, or outside the folders, means forgotten. */
  private async reload(key: string): Promise<void> {
    const path = uriToPath(key);
    const folder = path && this.folders.find((f) => path.startsWith(f.endsWith('/') ? f : `${f}/`));
    // Indexed files only: under a folder, not inside node_modules, .git, dist or .cache.
    const inside = folder && !path.slice(folder.length).split(/[\\/]/).some((seg) => SKIP_DIRS.has(seg));
    const text = inside ? await readText(path, this.log) : undefined;
    if (this.clientUris.has(key)) return; // reopened meanwhile
    this.queue(key, text ?? null);
  }

  private queue(key: string, text: Pending): void {
    this.pending.set(key, text);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /** Applies pending changes (the latest text per file) and reports what changed. */
  flush(): void {
    if (!this.ready || !this.pending.size) return;
    const changed = new Set<string>();
    const batch = [...this.pending];
    this.pending.clear();
    for (const [key, text] of batch) {
      try {
        const files = text === null ? this.cascade.remove(key) : this.cascade.update(key, text);
        files.forEach((f) => changed.add(f));
      } catch (e) {
        this.log.error(`okr: checking ${key} failed: ${(e as Error)?.stack ?? e}`);
      }
    }
    if (changed.size) this.onChanged(changed);
    this.onEdited();
  }
}
