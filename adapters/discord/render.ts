import type { Reply } from '../../src/types.js';
import { renderAnswer } from './render-answer.js';
import { renderDigest, renderDigestStatus } from './render-digest.js';
import { renderFigures, renderHelp, renderNotice, renderSources } from './render-lists.js';

export { renderNote } from './render-lists.js';

import type { RenderContext, RenderedMessage } from './render-types.js';

export type { RenderContext, RenderedMessage } from './render-types.js';

/** Turns any core Reply into an embed plus buttons within Discord's limits. */
export function renderReply(reply: Reply, ctx: RenderContext): RenderedMessage {
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply.answer, ctx);
    case 'figures':
      return renderFigures(reply.rows, ctx);
    case 'sources':
      return renderSources(reply.sources, ctx);
    case 'help':
      return renderHelp(reply, ctx);
    case 'notice':
      return renderNotice(reply.text);
    case 'digest':
      return renderDigest(reply.digest);
    case 'digest-status':
      return renderDigestStatus(reply.status);
  }
}
