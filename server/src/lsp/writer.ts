/**
 * The server's stdio transport: messages written in batches. The stock
 * stream writer writes each message as two writes (header, body) and takes
 * one turn of the event loop per message, so the 1,000 publishes of a start
 * from the cache took most of a second; here every message sent in the same
 * turn goes out in one write, in order, at the end of the turn. Also the
 * console: with stdio as the channel, `console.log` would corrupt it, so it
 * goes to the client's log (what `createConnection` does for `--stdio`).
 */
import { format } from 'node:util';
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

export class BatchWriter extends AbstractMessageWriter implements MessageWriter {
  private chunks: Buffer[] = [];
  private waiting: [resolve: () => void, reject: (e: unknown) => void][] = [];
  private scheduled = false;
  private errors = 0;

  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (e: Error) => this.fireError(e));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    return this.writeJson(JSON.stringify(msg));
  }

  /** A message already serialized (UTF-8 parts: a notification kept as JSON, see Workspace.onCachedRendered), in order with the others. */
  writeJson(json: string | Buffer[]): Promise<void> {
    const body = typeof json === 'string' ? Buffer.from(json, 'utf8') : json.length === 1 ? json[0] : Buffer.concat(json);
    this.chunks.push(Buffer.from(`Content-Length: ${body.byteLength}\r\n\r\n`, 'ascii'), body);
    const done = new Promise<void>((resolve, reject) => this.waiting.push([resolve, reject]));
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    return done;
  }

  /**
   * Writes what is queued now rather than at the end of the turn: the
   * diagnostics of an edit go out before the work that follows them in the
   * same turn (hints and lenses compared, the leak scan kicked).
   */
  flushNow(): void {
    if (this.chunks.length) this.flush();
  }

  private flush(): void {
    this.scheduled = false;
    if (!this.chunks.length) return;
    const data = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    const waiting = this.waiting;
    this.chunks = [];
    this.waiting = [];
    try {
      this.out.write(data, (e?: Error | null) => {
        if (e) {
          this.fireError(e, undefined, ++this.errors);
          for (const [, reject] of waiting) reject(e);
        } else for (const [resolve] of waiting) resolve();
      });
    } catch (e) {
      this.fireError(e, undefined, ++this.errors);
      for (const [, reject] of waiting) reject(e);
    }
  }

  end(): void {
    this.out.end();
  }
}

export interface ConsoleTarget {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  log(message: string): void;
}

/** `console.*` to the client's log: stdout carries the protocol. */
export function consoleTo(target: ConsoleTarget): void {
  const text = (args: unknown[]) => format(...args);
  console.log = (...a: unknown[]) => target.log(text(a));
  console.info = (...a: unknown[]) => target.info(text(a));
  console.debug = (...a: unknown[]) => target.log(text(a));
  console.warn = (...a: unknown[]) => target.warn(text(a));
  console.error = (...a: unknown[]) => target.error(text(a));
  console.trace = (...a: unknown[]) => target.log(`${text(a)}\n${new Error().stack?.split('\n').slice(2).join('\n') ?? ''}`);
}
