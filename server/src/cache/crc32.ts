/**
 * The checksum of the files okr keeps (the cache packs, the CLI's code
 * cache): zlib's CRC-32 (Node 20.15 and later), else the first four bytes of
 * a SHA-1. Imports nothing of the product, so the `okr` bin can use it.
 */
import * as zlib from 'node:zlib';

export function crc32(data: Uint8Array): number {
  const z = zlib as unknown as { crc32?: (d: Uint8Array) => number };
  if (typeof z.crc32 === 'function') return z.crc32(data) >>> 0;
  return (require('node:crypto') as typeof import('node:crypto')).createHash('sha1').update(data).digest().readUInt32LE(0);
}
