/**
 * The files on disk, for the server: the same folder walk and the same
 * bounded reading as `okr` (server/src/files/), so the editor and the
 * command line see the same cascade files.
 */
import { locate } from '../files/discover';
import { readText as readBounded, readTextSync as readBoundedSync, type ReadResult } from '../files/read';
import { findCascadeFiles as walk, findCascadeFilesSync as walkSync } from '../files/walk';
import { pathToUri, uriToPath } from './uris';

/**
 * The folders to index for these workspace folders (URIs): the root of the
 * cascade each belongs to, found as `okr check` finds it (the nearest
 * okr.config.yaml above, else the git root), so a subfolder opened in the
 * editor is checked with the rest of its cascade, as on the command line.
 */
export function cascadeRoots(folderUris: string[]): string[] {
  const out: string[] = [];
  for (const uri of folderUris) {
    const path = uriToPath(uri);
    const root = path ? pathToUri(locate(path).root) : uri;
    if (!out.includes(root)) out.push(root);
  }
  return out;
}

/** Every `*.okr.yaml` / `*.okr.yml` under `root` (skipping node_modules, .git, dist, .cache; following symlinks), sorted. */
export async function findCascadeFiles(root: string, cancelled: () => boolean = () => false): Promise<string[]> {
  return (await walk(root, { cancelled })).files.map((f) => f.path);
}

/** The same, without yielding: a start from the findings cache, which publishes every file at once. */
export function findCascadeFilesSync(root: string): string[] {
  return walkSync(root).files.map((f) => f.path);
}

function textOrWarn(r: ReadResult, path: string, log?: { warn(message: string): void }): string | undefined {
  if (r.ok) return r.text;
  if (r.reason !== 'missing') log?.warn(`okr: ${path} is not checked: ${r.message}`);
  return undefined;
}

/** The same as readText, without yielding (see findCascadeFilesSync). */
export function readTextSync(path: string, log?: { warn(message: string): void }, maxBytes?: number): string | undefined {
  return textOrWarn(readBoundedSync(path, maxBytes), path, log);
}

/**
 * The file's text, or undefined when it does not exist or is refused: not a
 * regular file, over the size limit, unreadable (said on `log` when given).
 */
export async function readText(path: string, log?: { warn(message: string): void }, maxBytes?: number): Promise<string | undefined> {
  return textOrWarn(await readBounded(path, maxBytes), path, log);
}
