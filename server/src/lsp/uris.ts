/**
 * Document URIs. Clients encode `file:` URIs differently (VS Code escapes
 * `@`, `+`, `,` …; Node's pathToFileURL does not), so the cascade is keyed by
 * one normal form, and answers use the client's own spelling when known.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';

export { CASCADE_FILE, SKIP_DIRS } from '../files/walk';
import { CASCADE_FILE } from '../files/walk';

/** The cascade key of a URI: `file:` URIs re-encoded one way; others as given. */
export function normalizeUri(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return pathToFileURL(fileURLToPath(uri)).href;
  } catch {
    return uri;
  }
}

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

export function isCascadeUri(uri: string): boolean {
  return CASCADE_FILE.test(uri.replace(/[?#].*$/, ''));
}
