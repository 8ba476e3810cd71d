/**
 * Blob texts by id: every missing blob of a request is read by one
 * `git cat-file --batch` process, and each text is kept by its id, so a file
 * unchanged between two revisions (same blob) is read once.
 */
import { GitError, runGit, runGitAsync, type GitRun } from './run';

export class BlobStore {
  private readonly texts = new Map<string, string>();

  constructor(private readonly root: string) {}

  /** Texts known from elsewhere (kept between runs): never read from git. */
  add(texts: ReadonlyMap<string, string>): void {
    for (const [id, text] of texts) if (!this.texts.has(id)) this.texts.set(id, text);
  }

  /** The texts of these blobs (by id). */
  read(ids: Iterable<string>): Map<string, string> {
    const list = [...ids];
    const missing = [...new Set(list)].filter((id) => !this.texts.has(id));
    if (missing.length) this.store(missing, runGit(this.root, ['cat-file', '--batch'], missing.join('\n') + '\n'));
    return this.answer(list);
  }

  /** `read` without blocking (one `cat-file --batch` run in the background). */
  async readAsync(ids: Iterable<string>): Promise<Map<string, string>> {
    const list = [...ids];
    const missing = [...new Set(list)].filter((id) => !this.texts.has(id));
    if (missing.length) this.store(missing, await runGitAsync(this.root, ['cat-file', '--batch'], missing.join('\n') + '\n'));
    return this.answer(list);
  }

  private store(missing: string[], r: GitRun): void {
    if (r.status !== 0) throw new GitError(`reading files from git: ${r.stderr.split('\n')[0] || `git cat-file failed (exit ${r.status})`}`);
    for (const [id, text] of parseBatch(r.stdout)) this.texts.set(id, text);
    const lost = missing.find((id) => !this.texts.has(id));
    if (lost) throw new GitError(`the file content ${lost.slice(0, 12)} is not in this repository (a shallow or partial clone?); fetch more history: git fetch --unshallow`);
  }

  private answer(ids: string[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const id of ids) out.set(id, this.texts.get(id)!);
    return out;
  }

  get size(): number {
    return this.texts.size;
  }
}

/** `<id> <type> <size>\n<content>\n` records; `<id> missing` ones are skipped. */
function parseBatch(out: Buffer): [string, string][] {
  const records: [string, string][] = [];
  let at = 0;
  while (at < out.length) {
    const nl = out.indexOf(10, at);
    if (nl < 0) break;
    const header = out.toString('utf8', at, nl).split(' ');
    at = nl + 1;
    if (header[1] === 'missing' || header.length < 3) continue;
    const size = Number(header[2]);
    records.push([header[0], out.toString('utf8', at, at + size)]);
    at += size + 1;
  }
  return records;
}
