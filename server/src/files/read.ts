/**
 * Reading one file, bounded: only a regular file is read (a FIFO, a device
 * such as /dev/zero, a socket or a folder is refused without blocking), and
 * never more than the size limit (default 5 MB): a bigger file is refused
 * with its size, so a caller can say so instead of reading on.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

/** 5 MB: far above any real cascade file (a big one is ~50 KB), far below what hurts. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export type ReadFailure =
  | { ok: false; reason: 'missing'; message: string }
  | { ok: false; reason: 'not-a-file'; message: string }
  | { ok: false; reason: 'too-large'; message: string; size: number }
  | { ok: false; reason: 'unreadable'; message: string };

export type ReadResult = { ok: true; text: string } | ReadFailure;

// Opening a FIFO for reading waits for a writer unless O_NONBLOCK is given.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** `5 MB`, `10.2 MB`, `512 KB`: sizes as a person reads them (1 MB = 1024 × 1024 bytes). */
export function formatSize(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

function refused(st: Stats, maxBytes: number): ReadFailure | undefined {
  if (!st.isFile()) return { ok: false, reason: 'not-a-file', message: `it is ${kindOf(st)}, not a regular file; only regular files are read` };
  if (st.size > maxBytes) return tooLarge(st.size, maxBytes);
  return undefined;
}

export function tooLarge(size: number, maxBytes: number): ReadFailure {
  return { ok: false, reason: 'too-large', size, message: `it is ${formatSize(size)}, over the ${formatSize(maxBytes)} limit for one file` };
}

/** A file that grew while read: a bigger buffer, never past one byte over the limit. */
function grow(buf: Buffer, used: number, maxBytes: number): Buffer {
  const next = Buffer.allocUnsafe(Math.min(Math.max(used * 2, 64 * 1024), maxBytes + 1));
  buf.copy(next, 0, 0, used);
  return next;
}

function failed(e: unknown): ReadFailure {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return { ok: false, reason: 'missing', message: 'no such file' };
  if (err.code === 'EACCES' || err.code === 'EPERM') return { ok: false, reason: 'unreadable', message: 'permission denied' };
  if (err.code === 'EISDIR') return { ok: false, reason: 'not-a-file', message: 'it is a folder, not a regular file; only regular files are read' };
  return { ok: false, reason: 'unreadable', message: (err.message ?? String(e)).replace(/^[A-Z]+: /, '') };
}

/** The UTF-8 text of a regular file of at most `maxBytes` (synchronous: the command line). */
export function readTextSync(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (e) {
    return failed(e);
  }
  try {
    const st = fstatSync(fd);
    const no = refused(st, maxBytes);
    if (no) return no;
    // One byte past the limit at most: a file that grew past it since fstat is still refused.
    let buf: Buffer = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        if (total > maxBytes) return tooLarge(total, maxBytes);
        buf = grow(buf, total, maxBytes);
      }
      const n = readSync(fd, buf, total, buf.length - total, null);
      if (n === 0) break;
      total += n;
    }
    return total > maxBytes ? tooLarge(total, maxBytes) : { ok: true, text: buf.toString('utf8', 0, total) };
  } catch (e) {
    return failed(e);
  } finally {
    closeSync(fd);
  }
}

/** The same, asynchronous (the language server). */
export async function readText(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<ReadResult> {
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (e) {
    return failed(e);
  }
  try {
    const st = await handle.stat();
    const no = refused(st, maxBytes);
    if (no) return no;
    let buf: Buffer = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        if (total > maxBytes) return tooLarge(total, maxBytes);
        buf = grow(buf, total, maxBytes);
      }
      const { bytesRead } = await handle.read(buf, total, buf.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    return total > maxBytes ? tooLarge(total, maxBytes) : { ok: true, text: buf.toString('utf8', 0, total) };
  } catch (e) {
    return failed(e);
  } finally {
    await handle.close();
  }
}

/** All of a stream (standard input), bounded the same way. */
export async function readStream(stream: NodeJS.ReadableStream, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<ReadResult> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += b.length;
    if (total > maxBytes) {
      (stream as NodeJS.ReadStream).destroy?.();
      return tooLarge(total, maxBytes);
    }
    chunks.push(b);
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}
