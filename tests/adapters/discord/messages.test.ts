import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../fakes/discord/fake-discord.js';
import { embedText, limitViolations } from './discord-limits.js';
import { type Harness, sleep, startHarness } from './harness.js';

interface Posted {
  content?: string;
  embeds?: { title?: string; description?: string }[];
  allowed_mentions?: unknown;
  message_reference?: { message_id?: string };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const isReplyTo = (messageId: string) => (r: RecordedRequest) =>
  r.method === 'POST' && (r.body as Posted | undefined)?.message_reference?.message_id === messageId;
const replyTo = async (message: { id: string }) =>
  (await h.fake.waitForRequest(isReplyTo(message.id))).body as Posted;
const mention = () => `<@${h.fake.world.bot.id}>`;
const mentionsBot = () => [h.fake.world.bot];

describe('mentions and DMs', () => {
  it('replies to a mention about microelectronics with 90%, mention stripped', async () => {
    const message = h.fake.say(`${mention()} what share of Russia's microelectronics came from China?`, {
      mentions: mentionsBot(),
    });
    const request = await h.fake.waitForRequest(isReplyTo(message.id));
    expect(request.path).toBe(`/channels/${h.fake.world.channelId}/messages`);
    const body = request.body as Posted;
    expect(embedText(body)).toContain('90%');
    expect(body.embeds?.[0]?.title).toBe("what share of Russia's microelectronics came from China?");
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(limitViolations(body)).toEqual([]);
  });

  it('answers a DM without a mention', async () => {
    const message = h.fake.say('how much of russia machine tool imports came from china', { dm: true });
    const request = await h.fake.waitForRequest(isReplyTo(message.id));
    expect(request.path).toBe(`/channels/${h.fake.dmChannelId}/messages`);
    expect(embedText(request.body as Posted)).toContain('70%');
  });

  it('ignores its own messages, other bots, and guild messages that do not mention it', async () => {
    const ignored = [
      h.fake.say(`${mention()} machine tools`, { author: h.fake.world.bot, mentions: mentionsBot() }),
      h.fake.say(`${mention()} machine tools`, { author: h.fake.otherBot, mentions: mentionsBot() }),
      h.fake.say('machine tools share from china?'),
      h.fake.say('@everyone machine tools?', { mentions: [] }),
    ];
    // A later message that is answered shows the ignored ones had their chance.
    await replyTo(h.fake.say(`${mention()} figures`, { mentions: mentionsBot() }));
    await sleep(100);
    for (const m of ignored) expect(h.fake.requests.entries.filter(isReplyTo(m.id))).toEqual([]);
  });

  it('never pings on an @everyone / role / user injection, drops them from the echo, escapes its Markdown', async () => {
    const role = `<@&${h.fake.world.roleId}>`;
    const human = `<@${h.fake.world.human.id}>`;
    const body = await replyTo(
      h.fake.say(`${mention()} @everyone @here ${role} ${human} **URGENT** what's the weather in _Oslo_?`, {
        mentions: [h.fake.world.bot, h.fake.world.human],
      }),
    );
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const text = embedText(body);
    expect(text).toContain('\\*\\*URGENT\\*\\*');
    expect(text).toContain('\\_Oslo\\_');
    expect(text).not.toMatch(/@everyone|@here|<@&?\d+>/);
    // Pings are chat noise: the question is answered, and echoed, without them.
    expect(text).toContain("\\*\\*URGENT\\*\\* what's the weather in \\_Oslo\\_?");
  });

  it('answers help typed after the mention with the usage', async () => {
    const body = await replyTo(h.fake.say(`${mention()} help`, { mentions: mentionsBot() }));
    expect(body.embeds?.[0]?.description).toContain('/sitrep ask question:');
  });
});
