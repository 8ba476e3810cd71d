/** The audiences of okr.config.yaml (`okr/audiences`), for the preview toolbar's picker. */
import type { RoadmapView } from '../../webview/messages';
import { AudiencesRequestMethod, type AudiencesResult } from '../../../server/src/protocol';
import type { Ctx } from '../ctx';

export interface AudienceChoice {
  name: string;
  views: RoadmapView[];
}

export class AudienceChoices {
  list: AudienceChoice[] = [];

  /** Asks the server again; true when the list changed. A failure is logged and the list kept. */
  async refresh(ctx: Ctx): Promise<boolean> {
    try {
      const client = await ctx.languageClient();
      const { audiences } = await client.sendRequest<AudiencesResult>(AudiencesRequestMethod, {});
      const next = audiences.map((a) => ({ name: a.name, views: a.views }));
      if (JSON.stringify(next) === JSON.stringify(this.list)) return false;
      this.list = next;
      return true;
    } catch (e) {
      ctx.log(`preview: the audiences could not be listed: ${(e as Error)?.message ?? e}`);
      return false;
    }
  }

  find(name: string): AudienceChoice | undefined {
    return this.list.find((a) => a.name === name);
  }
}
