/** Property: any reply, and any text a user sends, renders to a Slack message within Block Kit limits that pings nobody. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFeedback, encodeFeedback } from '../../adapters/slack/action-values.js';
import { renderNote, renderReply, type SlackMessage } from '../../adapters/slack/render-reply.js';
import { normalizeInbound } from '../../adapters/slack/text.js';
import { blockLimitViolations, buttonsOf, displayedText } from '../adapters/slack/block-limits.js';
import { anyInput, hostileText, isWellFormed, SLACK_PING } from './hostile-text.js';
import { anyReply } from './reply-arbitrary.js';
import { sitrep } from './sitrep-once.js';

const core = await sitrep();

const BOT = 'U0SITREP';
const BYLINE = 'Shared by <@U0ALICE>';

/** Every problem with a rendered message: Slack's limits, pings, ids, and text Slack would reject. */
function problems(message: SlackMessage): string[] {
  const out = blockLimitViolations(message);
  const shown = displayedText(message).replaceAll(BYLINE, '');
  // Links from the knowledge base are the only raw `<…>` allowed.
  const withoutLinks = shown.replace(/<https?:\/\/[^<>|\s]+\|[^<>]*>/g, '');
  if (SLACK_PING.test(withoutLinks)) out.push(`ping: ${withoutLinks.match(SLACK_PING)?.[0]}`);
  if (/<(?!https?:)/.test(withoutLinks)) out.push('raw < outside a link');
  for (const b of message.blocks) {
    if (b.type === 'section' && b.text && b.text.text.trim() === '') out.push('blank section text');
    if ('block_id' in b && typeof b.block_id === 'string' && b.block_id.length > 255)
      out.push('block_id > 255');
  }
  for (const b of buttonsOf(message)) if (b.action_id.length > 255) out.push('action_id > 255');
  if (message.text.length > 40_000) out.push('text > 40000');
  if (JSON.stringify(message).length > 100_000) out.push('payload > 100 KB');
  return out;
}

describe('Slack renderer', () => {
  it('renders any reply (hostile text everywhere, long lists) within limits and without pings', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyReply,
        hostileText,
        fc.boolean(),
        fc.boolean(),
        (reply, askText, shareable, byline) => {
          const message = renderReply(reply, {
            askText,
            shareable,
            command: '/sitrep',
            ...(byline ? { byline: BYLINE } : {}),
          });
          expect(problems(message)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers any inbound text (slash command or mention) with a valid message', async () => {
    await fc.assert(
      fc.asyncProperty(anyInput, fc.boolean(), async (raw, mention) => {
        const text = normalizeInbound(mention ? `<@${BOT}> ${raw}` : raw, mention ? BOT : undefined);
        const reply = await core.respond({
          text,
          platform: 'slack',
          channelId: 'C0GENERAL',
          userId: 'U0ALICE',
        });
        const message = renderReply(reply, { askText: text, shareable: !mention, command: '/sitrep' });
        expect(problems(message)).toEqual([]);
      }),
      { numRuns: 250 },
    );
  });

  it('renders any note (cooldown, apology) within limits and without pings', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyInput.filter((t) => t.trim() !== ''),
        async (text) => {
          expect(problems(renderNote(text))).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('round-trips any vote payload within the 2,000-character button value', async () => {
    await fc.assert(
      fc.asyncProperty(fc.option(hostileText, { nil: undefined }), anyInput, anyInput, (f, q, s) => {
        const wire = encodeFeedback({ f, q, s });
        expect(wire.length).toBeLessThanOrEqual(2000);
        const back = decodeFeedback(wire);
        expect(back).toBeDefined();
        expect(q.startsWith(back?.q.replace(/…$/, '') ?? '\u0000')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  // The figures header is mrkdwn: unescaped, Slack would parse `<name>` as a link/control sequence.
  it('shows "figure <name>" in the figures header as text, not a Slack control sequence', async () => {
    const message = renderReply(
      await core.respond({ text: 'figures', platform: 'slack', channelId: 'C', userId: 'U' }),
      {
        askText: 'figures',
        command: '/sitrep',
      },
    );
    expect(displayedText(message)).not.toContain('<name>');
  });

  it('never echoes unpaired surrogates', async () => {
    const text = normalizeInbound('weather in \ud800 paris');
    const reply = await core.respond({ text, platform: 'slack', channelId: 'C0GENERAL', userId: 'U0ALICE' });
    const message = renderReply(reply, { askText: text, shareable: true, command: '/sitrep' });
    expect(isWellFormed(displayedText(message))).toBe(true);
    for (const b of buttonsOf(message)) expect(isWellFormed(b.value)).toBe(true);
  });
});
