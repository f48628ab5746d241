/** Property: any reply, and any text a user sends, renders to a Discord message within limits that pings nobody. */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSubcommand } from '../../adapters/discord/commands.js';
import { createButtonCodec } from '../../adapters/discord/custom-id.js';
import { type RenderedMessage, renderNote, renderReply } from '../../adapters/discord/render.js';
import { stripBotMention, toQuestion } from '../../adapters/discord/translate.js';
import type { Reply } from '../../src/types.js';
import { buttonsOf, embedText, limitViolations } from '../adapters/discord/discord-limits.js';
import { anyInput, DISCORD_PING, hostileText, isWellFormed } from './hostile-text.js';
import { anyReply } from './reply-arbitrary.js';
import { sitrep } from './sitrep-once.js';

const core = await sitrep();

const BOT = '123456789012345678';
const codec = createButtonCodec();

function problems(message: RenderedMessage): string[] {
  const out = limitViolations(message);
  // Where Discord renders mentions: content, titles, descriptions and fields (footers are plain text).
  const shown = [
    message.content ?? '',
    ...message.embeds.flatMap((e) => [
      e.title,
      e.description,
      ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    ]),
  ].join('\n');
  if (DISCORD_PING.test(shown)) out.push(`ping: ${shown.match(DISCORD_PING)?.[0]}`);
  for (const b of buttonsOf(message)) {
    // Labels are plain text: Discord never renders a mention in one, so they are not checked for pings.
    if (codec.decode(b.custom_id) === 'invalid') out.push(`custom_id not ours: ${b.custom_id}`);
  }
  if (message.embeds.length === 0 && !message.content) out.push('empty message');
  for (const e of message.embeds)
    if (e.description !== undefined && e.description.trim() === '') out.push('blank description');
  return out;
}

describe('Discord renderer', () => {
  it('renders any reply (hostile text everywhere, long lists) within limits and without pings', async () => {
    await fc.assert(
      fc.asyncProperty(anyReply, fc.boolean(), (reply, publishable) => {
        expect(problems(renderReply(reply, { codec, publishable }))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('answers any mention, DM or /sitrep ask|figure text with a valid message', async () => {
    await fc.assert(
      fc.asyncProperty(anyInput, fc.constantFrom('mention', 'dm', 'ask', 'figure'), async (raw, via) => {
        const origin = { channelId: '42', userId: '43' };
        const s = core;
        let reply: Reply;
        if (via === 'mention' || via === 'dm') {
          const text = stripBotMention(via === 'mention' ? `<@${BOT}> ${raw}` : raw, BOT);
          reply = await s.respond(toQuestion(text, origin));
        } else {
          // Discord caps the option at 1,000 (ask) and 100 (figure) characters.
          const value = raw.slice(0, via === 'ask' ? 1000 : 100);
          const cmd = findSubcommand(via)?.toCommand({ getString: () => value });
          if (!cmd) throw new Error(`no ${via} subcommand`);
          reply = await s.run(cmd, toQuestion(value, origin));
        }
        expect(problems(renderReply(reply, { codec, publishable: via !== 'mention' }))).toEqual([]);
      }),
      { numRuns: 250 },
    );
  });

  it('renders any note within the content limit and without pings', async () => {
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

  it('round-trips every button action through a custom_id of at most 100 characters', async () => {
    // Fact ids are kebab-case (knowledge schema), so they never contain the codec's `|`.
    const factIds = fc.option(fc.stringMatching(/^[a-z0-9]+(-[a-z0-9]+)*$/), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(hostileText, factIds, fc.boolean(), (text, factId, helpful) => {
        for (const action of [
          { kind: 'ask' as const, text },
          { kind: 'feedback' as const, helpful, factId: factId || undefined, question: text },
        ]) {
          const id = codec.encode(action);
          expect(id.length).toBeLessThanOrEqual(100);
          expect(codec.decode(id)).toEqual(action);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never echoes unpaired surrogates', async () => {
    const reply = await core.respond(
      toQuestion('weather in \ud800 paris', { channelId: '42', userId: '43' }),
    );
    const message = renderReply(reply, { codec, publishable: true });
    expect(isWellFormed(embedText(message))).toBe(true);
  });
});
