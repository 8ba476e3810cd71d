/** The files on disk: finding cascade files under the workspace folders and reading them. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CASCADE_FILE, SKIP_DIRS } from './uris';

/** Every `*.okr.yaml` / `*.okr.yml` under `root` (skipping node_modules, .git, dist, .cache), sorted. */
export async function findCascadeFiles(root: string, cancelled: () => boolean = () => false): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > 32 || cancelled()) return;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // unreadable or vanished folder
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) await walk(join(dir, e.name), depth + 1);
      } else if (e.isFile() && CASCADE_FILE.test(e.name)) out.push(join(dir, e.name));
    }
  };
  await walk(root, 0);
  return out.sort();
}

/** The file's text, or undefined when it does not exist (or cannot be read). */
export async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}
