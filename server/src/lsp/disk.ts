/**
 * The files on disk, for the server: the same folder walk and the same
 * bounded reading as `okr` (server/src/files/), so the editor and the
 * command line see the same cascade files.
 */
import { readText as readBounded } from '../files/read';
import { findCascadeFiles as walk } from '../files/walk';

/** Every `*.okr.yaml` / `*.okr.yml` under `root` (skipping node_modules, .git, dist, .cache; following symlinks), sorted. */
export async function findCascadeFiles(root: string, cancelled: () => boolean = () => false): Promise<string[]> {
  return (await walk(root, { cancelled })).map((f) => f.path);
}

/**
 * The file's text, or undefined when it does not exist or is refused: not a
 * regular file, over the size limit, unreadable (said on `log` when given).
 */
export async function readText(path: string, log?: { warn(message: string): void }): Promise<string | undefined> {
  const r = await readBounded(path);
  if (r.ok) return r.text;
  if (r.reason !== 'missing') log?.warn(`okr: ${path} is not checked: ${r.message}`);
  return undefined;
}
