/**
 * SVG / PNG export asks the open preview to serialise what it draws: the
 * `snapshot` request and answer of client/webview/messages.ts (validated there
 * by `isSnapshotMessage`). This file turns a valid answer into the bytes to write.
 */
import type { SnapshotFormat, SnapshotMessage, SnapshotRequestMessage } from '../../webview/messages';

export type { SnapshotFormat, SnapshotMessage, SnapshotRequestMessage };

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The bytes to write for a snapshot (SVG as UTF-8 text, PNG decoded from base64), or an error message. */
export function snapshotBytes(r: SnapshotMessage): Uint8Array | string {
  if (r.error) return r.error;
  if (!r.data) return 'The preview sent an empty image.';
  if (r.format === 'svg') {
    if (!/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(r.data) || !/<\/svg>\s*$/.test(r.data)) return 'The preview sent something that is not an SVG document.';
    return new TextEncoder().encode(r.data);
  }
  const m = /^data:image\/png;base64,([A-Za-z0-9+/]+=*)$/.exec(r.data);
  if (!m) return 'The preview sent something that is not a PNG data URL.';
  const bytes = Buffer.from(m[1], 'base64');
  if (bytes.length < 24 || !PNG_MAGIC.every((b, i) => bytes[i] === b)) return 'The preview sent data that is not a PNG image.';
  return new Uint8Array(bytes);
}
