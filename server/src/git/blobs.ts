/**
 * Blob texts by id: every missing blob of a request is read by one
 * `git cat-file --batch` process, and each text is kept by its id, so a file
 * unchanged between two revisions (same blob) is read once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { GitError, runGit, runGitAsync, type GitRun } from './run';

export class BlobStore {
  private readonly texts = new Map<string, string>();

  constructor(private readonly root: string) {}

  /** Texts known from elsewhere (kept between runs): never read from git. */
  add(texts: ReadonlyMap<string, string>): void {
    for (const [id, text] of texts) if (!this.texts.has(id)) this.texts.set(id, text);
  }

  /**
   * The texts of these blobs (by id). `loose`: the repository's folder of
   * loose objects (GitRepo.objects): a blob stored there is read from its
   * file (zlib, as git stores it) without git; the rest (packed, in an
   * alternate, anything unexpected) by one `git cat-file --batch` as always.
   * Reading 250 loose blobs costs git about three times what it costs here.
   */
  read(ids: Iterable<string>, loose?: string): Map<string, string> {
    const list = [...ids];
    let missing = [...new Set(list)].filter((id) => !this.texts.has(id));
    if (loose) missing = missing.filter((id) => !this.readLoose(loose, id));
    if (missing.length) this.store(missing, runGit(this.root, ['cat-file', '--batch'], missing.join('\n') + '\n'));
    return this.answer(list);
  }

  /** Keeps the text of a loose blob `<folder>/<2 hex>/<rest>` (`blob <size>\0<content>`, deflated); false when it is not one. */
  private readLoose(folder: string, id: string): boolean {
    if (!/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(id)) return false;
    let object: Buffer;
    try {
      object = inflateSync(readFileSync(join(folder, id.slice(0, 2), id.slice(2))));
    } catch {
      return false; // not loose here (packed), or unreadable: git knows
    }
    const nul = object.indexOf(0);
    if (nul < 0 || nul > 32 || object.toString('latin1', 0, nul) !== `blob ${object.length - nul - 1}`) return false;
    this.texts.set(id, object.toString('utf8', nul + 1));
    return true;
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
