/** `okr/setHorizon` and `okr/entityAt`: what the roadmap preview asks of the source (see protocol.ts). */
import { setHorizonOfRef } from '../core/edits/set-horizon';
import { entityAt, refName } from '../core/navigate';
import { EntityAtRequestMethod, SetHorizonRequestMethod, type EntityAtParams, type EntityAtResult, type SetHorizonParams, type SetHorizonResult } from '../protocol';
import type { ServerContext } from './context';
import { toOffset, toTextEdit } from './convert';

export function registerPreview(ctx: ServerContext): void {
  const { conn, ws } = ctx;
  conn.onRequest(
    SetHorizonRequestMethod,
    ctx.guard('setHorizon', { error: 'the language server could not compute the edit (see its output)' } as SetHorizonResult, (params: SetHorizonParams) => {
      const file = ws.file(params.uri);
      if (!file) return { error: 'the file is not part of the OKR cascade' };
      const result = setHorizonOfRef(file, params.ref, params.horizon);
      if ('error' in result) return result;
      const version = ws.document(file.file)?.version ?? null;
      return { uri: params.uri, version, edits: result.map((e) => toTextEdit(file, e)) };
    }),
  );
  conn.onRequest(
    EntityAtRequestMethod,
    ctx.guard('entityAt', { ref: null } as EntityAtResult, (params: EntityAtParams) => {
      const file = ws.file(params.uri);
      const e = file && entityAt(file, toOffset(file, params.position));
      return { ref: e ? refName(e) : null };
    }),
  );
}
