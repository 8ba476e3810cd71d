/**
 * SVG / PNG export asks the open preview to serialise what it draws.
 *
 * PROPOSED protocol (not yet in client/webview/messages.ts; until the renderer
 * implements it, a snapshot request times out with a clear message):
 *   extension → webview  { type: 'snapshot', id: number, format: 'svg' | 'png' }
 *   webview → extension  { type: 'snapshot', id: number, format, data?: string, error?: string }
 * `data` is the SVG markup for `svg`, a `data:image/png;base64,…` URL for `png`.
 */
export type SnapshotFormat = 'svg' | 'png';

export interface SnapshotRequest {
  type: 'snapshot';
  id: number;
  format: SnapshotFormat;
}

export interface SnapshotResult {
  type: 'snapshot';
  id: number;
  format: SnapshotFormat;
  data?: string;
  error?: string;
}

const MAX_SNAPSHOT_CHARS = 64 * 1024 * 1024;

export function isSnapshotResult(x: unknown): x is SnapshotResult {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return o.type === 'snapshot' && typeof o.id === 'number' && Number.isInteger(o.id)
    && (o.format === 'svg' || o.format === 'png')
    && (o.data === undefined || (typeof o.data === 'string' && o.data.length <= MAX_SNAPSHOT_CHARS))
    && (o.error === undefined || typeof o.error === 'string');
}

/** The bytes to write for a snapshot, or an error message. */
export function snapshotBytes(r: SnapshotResult): Uint8Array | string {
  if (r.error) return r.error;
  if (!r.data) return 'The preview sent an empty image.';
  if (r.format === 'svg') {
    if (!/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/.test(r.data)) return 'The preview sent something that is not an SVG document.';
    return new TextEncoder().encode(r.data);
  }
  const m = /^data:image\/png;base64,([A-Za-z0-9+/]+=*)$/.exec(r.data);
  if (!m) return 'The preview sent something that is not a PNG data URL.';
  const bytes = Buffer.from(m[1], 'base64');
  const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!PNG_MAGIC.every((b, i) => bytes[i] === b)) return 'The preview sent data that is not a PNG image.';
  return new Uint8Array(bytes);
}
