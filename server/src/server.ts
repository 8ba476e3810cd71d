/**
 * The OKR Cascade language server: `node dist/server.js --stdio` (or
 * `--node-ipc`). Wiring only: the workspace model lives in lsp/workspace.ts,
 * each feature in its own lsp/ module over the pure engine in core/.
 */
import { createConnection, ProposedFeatures, TextDocuments, type InitializeParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isParseWorker, runParseWorker } from './cache/parse-pool';
import { isLeakWorker, runLeakWorker } from './lsp/leak-worker';
import { registerCodeActions } from './lsp/code-actions';
import { registerCompare } from './lsp/compare';
import { registerHistory } from './lsp/history';
import { registerCompletion } from './lsp/completion';
import { clientFeatures, makeGuard, type ServerContext } from './lsp/context';
import { capFindings } from './core/check';
import { toDiagnostic } from './lsp/convert';
import { MAX_DIAGNOSTICS_PER_FILE, Publisher } from './lsp/diagnostics';
import { registerHints } from './lsp/hints';
import { capabilities, initialFolders, registerLifecycle } from './lsp/lifecycle';
import { keepYoungGenerationSmall, MemoryTrim } from './lsp/memory';
import { registerNavigation } from './lsp/navigation';
import { registerPreview } from './lsp/preview';
import { registerRename } from './lsp/rename';
import { registerReview } from './lsp/review';
import { LeakScheduler, registerAudiences } from './lsp/audience';
import { registerReviewDocument } from './lsp/review-document';
import { registerRoadmap } from './lsp/roadmap';
import { Settings } from './lsp/settings';
import { registerSymbols } from './lsp/symbols';
import { Workspace } from './lsp/workspace';
import { BatchWriter, consoleTo } from './lsp/writer';

function main(): void {
  // The young generation at V8's first size, before indexing grows it (lsp/memory.ts).
  keepYoungGenerationSmall();
  // Over stdio, messages go out in batches (lsp/writer.ts); the library still watches stdin to exit when the client goes.
  const stdio = process.argv.includes('--stdio');
  const writer = stdio ? new BatchWriter(process.stdout) : undefined;
  const conn = writer ? createConnection(ProposedFeatures.all, process.stdin, writer as unknown as NodeJS.WritableStream) : createConnection(ProposedFeatures.all);
  if (stdio) consoleTo(conn.console);
  const docs = new TextDocuments(TextDocument);
  const settings = new Settings();
  const publisher = new Publisher(conn, () => ws, settings, writer);
  const ws: Workspace = new Workspace(conn.console, (files) => {
    publisher.publish(files);
    leaks.kick();
  });
  // The edited file's findings are sent before its dependants are checked (a renamed company KR re-checks 70).
  ws.onFileChanged = (key) => publisher.publishEarly(key);
  const leaks = new LeakScheduler(() => ws, (files) => publisher.publish(files), conn.console, __filename);
  ws.onCached = (files, totals) => publisher.publishCached(files, totals);
  // A start from the findings cache sends what was published last time as it was kept (lsp/writer.ts); over IPC, as objects.
  ws.renderFindings = (key, problems) => {
    const file = ws.cascade.file(key);
    return file ? JSON.stringify(capFindings([...problems], MAX_DIAGNOSTICS_PER_FILE).map((p) => toDiagnostic(file, p))) : '[]';
  };
  ws.onCachedRendered = async (files, totals) => {
    const sent: Promise<void>[] = [];
    let open = true;
    for (const [key, json] of files) {
      const version = ws.document(key)?.version;
      // Open documents come first: written on their own, ahead of the rest.
      if (open && version === undefined) {
        open = false;
        if (sent.length) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      const head = `{"uri":${JSON.stringify(ws.uriOf(key))},${version === undefined ? '' : `"version":${version},`}"diagnostics":`;
      sent.push(
        writer
          ? writer.writeJson([Buffer.from(`{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":${head}`), json, Buffer.from('}}')])
          : conn.sendNotification('textDocument/publishDiagnostics', JSON.parse(`${head}${json.toString('utf8')}}`)),
      );
    }
    sent.push(publisher.publishCached([], totals)); // the totals
    await Promise.all(sent).catch(() => undefined);
  };
  ws.attach(docs);
  // Once started, one full collection frees what indexing left behind (lsp/memory.ts); an edit meanwhile puts it off.
  const trim = new MemoryTrim();
  docs.onDidChangeContent(() => trim.postpone());
  let folders: string[] = [];

  conn.onInitialize((params: InitializeParams) => {
    const client = clientFeatures(params);
    folders = initialFolders(params);
    const ctx: ServerContext = { conn, ws, settings, client, guard: makeGuard(conn, ws) };
    registerLifecycle(ctx, publisher, () => folders, () => trim.kick());
    registerNavigation(ctx);
    registerSymbols(ctx);
    registerCompletion(ctx);
    registerCodeActions(ctx);
    registerRename(ctx);
    registerHints(ctx);
    registerRoadmap(ctx);
    registerAudiences(ctx, leaks);
    registerPreview(ctx);
    registerCompare(ctx);
    const history = registerHistory(ctx);
    registerReview(ctx);
    registerReviewDocument(ctx, history);
    return { capabilities: capabilities(client), serverInfo: { name: 'okr-cascade' } };
  });

  process.on('uncaughtException', (e) => conn.console.error(`okr: uncaught: ${e.stack ?? e}`));
  process.on('unhandledRejection', (e) => conn.console.error(`okr: unhandled rejection: ${(e as Error)?.stack ?? e}`));
  docs.listen(conn);
  conn.listen();
}

// The same bundle runs the parse workers that share the initial load (cache/parse-pool.ts)
// and the audience leak scan's thread (lsp/leak-worker.ts).
if (isParseWorker()) runParseWorker();
else if (isLeakWorker()) runLeakWorker();
else main();
