/** Reply -> a complete Slack message (blocks plus a one-line notification fallback) within Slack's limits. Pure. */
import { summaryText } from '../../src/render-text.js';
import type { Reply } from '../../src/types.js';
import { ACTION, encodeFeedback } from './action-values.js';
import { actions, type Block, button, capBlocks, context, LIMITS, section } from './blocks.js';
import { askIdCounter, renderAnswer } from './render-answer.js';
import { renderDigestBlocks, renderDigestStatusBlocks } from './render-digest.js';
import { renderFigures, renderHelp, renderSources } from './render-lists.js';
import { escapeSlack, safeText } from './text.js';

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export interface RenderOptions {
  /** The text that produced this reply; share and feedback re-ask it. */
  askText: string;
  /** Adds "Share in channel" (for replies only the asker can see). */
  shareable?: boolean;
  /** Escaped mrkdwn shown under the reply, e.g. "Shared by <@U123>". */
  byline?: string;
  /** Replaces Helpful / Not helpful with a thank-you line. */
  feedbackRecorded?: boolean;
  /** Slash command shown in help, e.g. "/sitrep". */
  command?: string;
}

export const THANKS = 'Thanks — recorded';

function body(reply: Reply, command: string): Block[] {
  const ids = askIdCounter();
  switch (reply.kind) {
    case 'answer':
      return renderAnswer(reply.answer, ids);
    case 'figures':
      return renderFigures(reply.rows);
    case 'sources':
      return renderSources(reply.sources);
    case 'help':
      return renderHelp(reply, command, ids);
    case 'notice':
      return [section(escapeSlack(reply.text))];
    case 'digest':
      return renderDigestBlocks(reply.digest);
    case 'digest-status':
      return renderDigestStatusBlocks(reply.status);
  }
}

function controls(reply: Reply, opts: RenderOptions): Block[] {
  const tail: Block[] = [];
  if (opts.byline) tail.push(context([opts.byline]));
  const buttons = [];
  if (opts.shareable && reply.kind !== 'notice' && !reply.kind.startsWith('digest')) {
    buttons.push(
      button({ label: 'Share in channel', actionId: ACTION.share, value: opts.askText, style: 'primary' }),
    );
  }
  if (reply.kind === 'answer' && !opts.feedbackRecorded) {
    const factId = reply.answer.kind === 'answered' ? reply.answer.facts[0]?.id : undefined;
    const value = encodeFeedback({ f: factId, q: reply.answer.question, s: opts.askText });
    buttons.push(button({ label: 'Helpful', actionId: ACTION.helpful, value }));
    buttons.push(button({ label: 'Not helpful', actionId: ACTION.unhelpful, value }));
  }
  if (buttons.length > 0) tail.push(...actions('sitrep_controls', buttons));
  if (reply.kind === 'answer' && opts.feedbackRecorded) tail.push(context([THANKS]));
  return tail;
}

/** Renders any reply; every piece of text from the user or the core is escaped on the way in. */
export function renderReply(reply: Reply, opts: RenderOptions): SlackMessage {
  const blocks = capBlocks(body(reply, opts.command ?? '/sitrep'), controls(reply, opts));
  return { text: safeText(summaryText(reply), LIMITS.messageText), blocks };
}

/** A short message with no buttons: cooldown notes, apologies, errors the user can act on. */
export function renderNote(text: string): SlackMessage {
  return { text: safeText(text, LIMITS.messageText), blocks: [section(safeText(text, LIMITS.sectionText))] };
}
