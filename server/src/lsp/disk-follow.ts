/**
 * Following the disk once indexed: files created, changed or deleted outside
 * the editor (`workspace/didChangeWatchedFiles`) and workspace folders added
 * or removed. Each closed file affected is read again (or forgotten) and
 * queued for the workspace to apply; an open document's editor text wins.
 */
import { FileChangeType, type FileEvent } from 'vscode-languageserver';
import { findCascadeFiles, readText } from './disk';
import { isCascadeUri, pathToUri, SKIP_DIRS, uriToPath } from './uris';
import type { Logger } from './workspace';

/** What following the disk needs of the workspace. */
export interface DiskHost {
  key(uri: string): string;
  isOpen(key: string): boolean;
  /** Cascade keys of every file loaded. */
  files(): string[];
  folders(): string[];
  setFolders(folders: string[]): void;
  maxFileSize(): number | undefined;
  log: Logger;
  /** Queues a closed file's disk text (null: gone). */
  queue(key: string, text: string | null): void;
}

/** Created, changed and deleted files (and folders). */
export async function applyWatched(host: DiskHost, changes: FileEvent[]): Promise<void> {
  for (const change of changes) {
    const key = host.key(change.uri);
    if (host.isOpen(key)) continue; // the editor's text wins
    if (isCascadeUri(key)) {
      if (change.type === FileChangeType.Deleted) host.queue(key, null);
      else await reload(host, key);
    } else if (change.type === FileChangeType.Deleted) {
      forgetUnder(host, key.endsWith('/') ? key : `${key}/`);
    } else if (change.type === FileChangeType.Created) {
      // A folder created or moved in (any other path created walks nothing: it is not a folder).
      const path = uriToPath(key);
      if (path && indexable(host, path)) for (const p of await findCascadeFiles(path)) await reload(host, host.key(pathToUri(p)));
    }
  }
}

/** Workspace folders added or removed. */
export async function applyFolders(host: DiskHost, added: string[], removed: string[]): Promise<void> {
  const gone = removed.map(uriToPath).filter((p): p is string => !!p);
  host.setFolders(host.folders().filter((f) => !gone.includes(f)));
  for (const path of gone) forgetUnder(host, host.key(pathToUri(path)).replace(/\/?$/, '/'));
  for (const path of added.map(uriToPath).filter((p): p is string => !!p)) {
    host.setFolders([...host.folders(), path]);
    for (const p of await findCascadeFiles(path)) await reload(host, host.key(pathToUri(p)));
  }
}

/** Every closed file under a folder (`prefix` ends with '/') is forgotten. */
function forgetUnder(host: DiskHost, prefix: string): void {
  for (const file of host.files()) if (file.startsWith(prefix) && !host.isOpen(file)) host.queue(file, null);
}

/** Re-reads a closed file from disk: gone, or outside the folders, means forgotten. */
export async function reload(host: DiskHost, key: string): Promise<void> {
  const path = uriToPath(key);
  const text = path && indexable(host, path) ? await readText(path, host.log, host.maxFileSize()) : undefined;
  if (host.isOpen(key)) return; // reopened meanwhile
  host.queue(key, text ?? null);
}

/** Under a workspace folder and not inside node_modules, .git, dist or .cache: what indexing reads. */
function indexable(host: DiskHost, path: string): boolean {
  const folder = host.folders().find((f) => path.startsWith(f.endsWith('/') ? f : `${f}/`));
  return !!folder && !path.slice(folder.length).split(/[\\/]/).some((seg) => SKIP_DIRS.has(seg));
}
