/**
 * Acceptance: the composition root (adapters/main.ts) started as `npm start` starts it, in a child process,
 * against the local fake Slack and Discord. Nothing here imports the adapters; only the environment wires them.
 */
import { GatewayOpcodes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { embedText } from '../adapters/discord/discord-limits.js';
import { displayedText } from '../adapters/slack/block-limits.js';
import { type FakeDiscord, type RecordedRequest, startFakeDiscord } from '../fakes/discord/fake-discord.js';
import { type FakeSlackApi, type RecordedCall, startFakeSlackApi } from '../fakes/slack/fake-slack-api.js';
import {
  createSlackSender,
  eventEnvelope,
  mentionEvent,
  sign,
  slashCommand,
} from '../fakes/slack/signed-requests.js';
import { freePort, killAll, sleep, startApp, until, waitForPort } from './app-process.js';

const START_MS = 15_000;
const REPLY_MS = 10_000;
const EXIT_MS = 8_000;
const SOURCE = /\b(AP|AFP|The Guardian|Reuters)\b/;
const MICROELECTRONICS = "what share of Russia's microelectronics came from China?";
/** A line of a Node stack trace, e.g. `    at main (/work/main/adapters/main.ts:14:18)`. */
const STACK_FRAME = /^\s+at .*:\d+:\d+\)?$/m;

let slackFake: FakeSlackApi | undefined;
let discordFake: FakeDiscord | undefined;

afterEach(async () => {
  await killAll();
  await slackFake?.close();
  await discordFake?.close();
  slackFake = undefined;
  discordFake = undefined;
});

describe('npm start (adapters/main.ts)', () => {
  it('refuses a bad variable: non-zero exit, stderr names it, no stack trace', async () => {
    const app = startApp({ SLACK_BOT_TOKEN: 'nope' });
    const exit = await app.waitForExit(START_MS);
    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(app.stderr()).toContain('SLACK_BOT_TOKEN');
    expect(app.stderr()).not.toMatch(STACK_FRAME);
    expect(app.stderr()).not.toContain('Unexpected error');
  });

  it('runs the local console when no platform is configured: answers, refuses the off-topic question, exits 0', async () => {
    const app = startApp({}, { stdin: 'pipe' });
    // As `printf … | npm start` would: the lines, then end of input.
    app.child.stdin?.end(
      "figure machine tools\nhow much of Russia's machine tool imports came from China?\nwhat's the weather in Paris?\nquit\n",
    );
    const exit = await app.waitForExit(START_MS);
    const out = app.stdout();
    expect(exit, app.stderr()).toEqual({ code: 0, signal: null });

    // One block per question, each followed by a blank line.
    const [banner, second, third] = out.split('\n\n');
    expect(banner).toContain('Sitrep local console');
    for (const answer of [banner, second]) {
      expect(answer).toContain('70%');
      expect(answer).toContain('$900 million');
      expect(answer).toMatch(new RegExp(`^Source: ${SOURCE.source}`, 'm'));
    }
    expect(third).toMatch(/^I can't answer "what's the weather in Paris\?" from my sources/);
    expect(third).not.toContain('%');
  });

  it('serves Slack over HTTP: signed slash command, mention in thread, forged request refused, SIGTERM', async () => {
    const fake = await startFakeSlackApi({ token: 'xoxb-test' });
    slackFake = fake;
    const secret = 'acceptance-signing-secret-0123';
    const port = await freePort();
    const app = startApp({
      SLACK_MODE: 'http',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    await waitForPort(app, port, START_MS);
    // The token was checked against the fake, not slack.com.
    expect(fake.callsTo('auth.test').map((c) => c.token)).toContain('xoxb-test');
    const send = createSlackSender(`http://127.0.0.1:${port}/slack/events`, secret);

    const res = await send.command(
      slashCommand({ text: 'figure machine tools', responseUrl: fake.responseUrl('accept-slash') }),
    );
    expect(res.status).toBe(200);
    // The answer comes back in the ack.
    const shown = displayedText(JSON.parse(res.text));
    expect(shown).toContain('70%');
    expect(shown).toContain('$900 million');
    expect(shown).toMatch(SOURCE);

    const mention = mentionEvent({ text: MICROELECTRONICS, userId: 'U0BOB' });
    expect((await send.event(eventEnvelope(mention))).status).toBe(200);
    const answer = await fake.waitFor(
      (c: RecordedCall) =>
        c.method === 'chat.postMessage' && c.status === 200 && c.body.thread_ts === mention.ts,
      REPLY_MS,
    );
    expect(answer.body.channel).toBe('C0GENERAL');
    expect(displayedText(answer.body)).toContain('90%');

    const before = fake.calls.length;
    const forgedCommand = await send.command(
      slashCommand({ text: 'figure machine tools', responseUrl: fake.responseUrl('accept-forged') }),
      { signature: sign('not-the-signing-secret', Math.floor(Date.now() / 1000), 'whatever') },
    );
    expect(forgedCommand.status).toBe(401);
    const forgedEvent = await send.event(
      eventEnvelope(mentionEvent({ text: 'figure machine tools', userId: 'U0MALLORY' })),
      { signature: 'v0=deadbeef' },
    );
    expect(forgedEvent.status).toBe(401);
    await sleep(500);
    expect(fake.calls.slice(before)).toEqual([]);

    app.child.kill('SIGTERM');
    expect(await app.waitForExit(EXIT_MS)).toEqual({ code: 0, signal: null });
    expect(app.stderr()).not.toMatch(STACK_FRAME);
  }, 40_000);

  it('serves Discord through the gateway: slash command, mention reply, SIGTERM', async () => {
    const fake = await startFakeDiscord();
    discordFake = fake;
    const token = 'acceptance-discord-token.0123456789';
    const app = startApp({
      DISCORD_TOKEN: token,
      DISCORD_APP_ID: fake.world.appId,
      DISCORD_API_URL: fake.apiUrl,
    });
    const identify = await fake.frames.waitFor((f) => f.op === GatewayOpcodes.Identify, START_MS);
    expect((identify.d as { token?: string }).token).toBe(token);
    await until(app, () => fake.connectionCount() > 0, 'a live gateway session', START_MS);

    const interaction = fake.slash('figure', { name: 'machine tools' });
    const callback = (await fake.callbackFor(interaction, REPLY_MS)).body as {
      type: number;
      data: Parameters<typeof embedText>[0];
    };
    expect(callback.type).toBe(4);
    const text = embedText(callback.data);
    expect(text).toContain('70%');
    expect(text).toContain('$900 million');
    expect(text).toMatch(SOURCE);

    const bot = fake.world.bot;
    const message = fake.say(`<@${bot.id}> ${MICROELECTRONICS}`, { mentions: [bot] });
    const reply = await fake.waitForRequest(
      (r: RecordedRequest) =>
        r.method === 'POST' &&
        (r.body as { message_reference?: { message_id?: string } } | undefined)?.message_reference
          ?.message_id === message.id,
      REPLY_MS,
    );
    expect(reply.path).toBe(`/channels/${fake.world.channelId}/messages`);
    expect(embedText(reply.body as Parameters<typeof embedText>[0])).toContain('90%');

    app.child.kill('SIGTERM');
    expect(await app.waitForExit(EXIT_MS)).toEqual({ code: 0, signal: null });
    expect(app.stderr()).not.toMatch(STACK_FRAME);
  }, 40_000);
});
