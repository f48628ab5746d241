/**
 * Acceptance: what `npm start` says when it cannot start as configured. Every configuration problem in one report;
 * a platform out of reach retried with backoff, one line per attempt; refused credentials end the process at once.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { displayedText } from '../adapters/slack/block-limits.js';
import { type FakeDiscord, startFakeDiscord } from '../fakes/discord/fake-discord.js';
import { type FakeSlackApi, startFakeSlackApi } from '../fakes/slack/fake-slack-api.js';
import { createSlackSender, slashCommand } from '../fakes/slack/signed-requests.js';
import { type AppProcess, freePort, killAll, sleep, startApp, until, waitForPort } from './app-process.js';

const START_MS = 15_000;
const EXIT_MS = 8_000;
/** Any line of a Node stack trace. */
const STACK_FRAME = /^\s+at /m;
const SECRET = 'acceptance-signing-secret-0123';

let slackFake: FakeSlackApi | undefined;
let discordFake: FakeDiscord | undefined;
const tempDirs: string[] = [];

afterEach(async () => {
  await killAll();
  await slackFake?.close();
  await discordFake?.close();
  slackFake = undefined;
  discordFake = undefined;
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

/** Slack over HTTP on `port`, its Web API at `apiPort` on 127.0.0.1 (closed until a fake listens there). */
const slackVars = (apiPort: number, port: number) => ({
  SLACK_MODE: 'http',
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: `http://127.0.0.1:${apiPort}/api/`,
  PORT: String(port),
  HOST: '127.0.0.1',
});

/** `name: cannot reach Label (connect ECONNREFUSED 127.0.0.1:port); retrying in N s`, capturing N. */
const retryLine = (name: string, label: string, port: number) =>
  new RegExp(
    `^${name}: cannot reach ${label} \\(connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\); retrying in (\\d+) s$`,
  );

/** The retry lines on the app's stderr so far. */
const retries = (app: AppProcess, name: string, label: string, port: number) =>
  lines(app.stderr()).filter((l) => retryLine(name, label, port).test(l));

describe('npm start: configuration problems', () => {
  it('reports three bad variables in one go, exit 1, no stack trace', async () => {
    const app = startApp({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_MODE: 'http',
      DIGEST_TZ: 'Mars/Olympus',
      DIGEST_CRON: '0 9 * * *',
      DIGEST_SLACK_CHANNELS: 'general',
    });
    expect((await app.waitForExit(START_MS)).code).toBe(1);
    const err = app.stderr();
    expect(err.match(/Invalid configuration/g)).toHaveLength(1);
    expect(err).toContain(
      '✖ SLACK_SIGNING_SECRET is required when Slack is configured.\n  → at SLACK_SIGNING_SECRET',
    );
    expect(err).toContain('✖ must be an IANA time zone such as Europe/Berlin\n  → at DIGEST_TZ');
    expect(err).toContain('✖ `general` is a channel name; use the channel id (C0123ABCD)');
    expect(err).toContain('→ at DIGEST_SLACK_CHANNELS');
    expect(err).not.toMatch(STACK_FRAME);
  });

  it('explains a #channel in .env that dotenv read as a comment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sitrep-env-'));
    tempDirs.push(dir);
    const envFile = join(dir, '.env');
    writeFileSync(envFile, '# digests\nDIGEST_SLACK_CHANNELS=#general\n');
    const app = startApp({ DOTENV_CONFIG_PATH: envFile, DIGEST_CRON: '0 9 * * *' });
    expect((await app.waitForExit(START_MS)).code).toBe(1);
    expect(app.stderr()).toContain(
      "✖ `#general` is a channel name and dotenv reads # as a comment; use the channel id (C0123ABCD), found in the channel's details\n  → at DIGEST_SLACK_CHANNELS",
    );
    expect(app.stderr()).not.toMatch(STACK_FRAME);
  });
});

describe('npm start: a platform out of reach', () => {
  it('retries Slack at a closed port with one line per attempt, and exits 0 on SIGTERM', async () => {
    const apiPort = await freePort();
    const app = startApp(slackVars(apiPort, await freePort()));
    await until(app, () => retries(app, 'slack', 'Slack', apiPort).length >= 2, 'two retry lines', START_MS);
    await sleep(3_000);
    expect(app.child.exitCode).toBeNull();
    // Nothing else on stderr, and each attempt backs off twice as long as the one before.
    const all = lines(app.stderr());
    expect(all).toEqual(retries(app, 'slack', 'Slack', apiPort));
    expect(all.map((l) => Number(retryLine('slack', 'Slack', apiPort).exec(l)?.[1]))).toEqual(
      [1, 2, 4, 8].slice(0, all.length),
    );
    app.child.kill('SIGTERM');
    expect(await app.waitForExit(EXIT_MS)).toEqual({ code: 0, signal: null });
    expect(app.stderr()).not.toMatch(STACK_FRAME);
  }, 40_000);

  it('connects once Slack listens on that port, and answers', async () => {
    const apiPort = await freePort();
    const port = await freePort();
    const app = startApp(slackVars(apiPort, port));
    await until(app, () => retries(app, 'slack', 'Slack', apiPort).length >= 1, 'a retry line', START_MS);
    slackFake = await startFakeSlackApi({ token: 'xoxb-test', port: apiPort });
    await waitForPort(app, port, START_MS);
    // The port opens a moment before the start resolves and the line is written.
    await until(
      app,
      () => app.stderr().includes('slack: connected to Slack\n'),
      'the connected line',
      START_MS,
    );

    const send = createSlackSender(`http://127.0.0.1:${port}/slack/events`, SECRET);
    const res = await send.command(
      slashCommand({ text: 'figure machine tools', responseUrl: slackFake.responseUrl('late') }),
    );
    expect(res.status).toBe(200);
    expect(displayedText(JSON.parse(res.text))).toContain('70%');
    app.child.kill('SIGTERM');
    expect(await app.waitForExit(EXIT_MS)).toEqual({ code: 0, signal: null });
  }, 40_000);

  it('retries Discord at a closed port the same way, and exits 0 on SIGINT', async () => {
    const apiPort = await freePort();
    const app = startApp({
      DISCORD_TOKEN: 'acceptance-discord-token.0123456789',
      DISCORD_APP_ID: '123456789012',
      DISCORD_API_URL: `http://127.0.0.1:${apiPort}/api`,
    });
    await until(
      app,
      () => retries(app, 'discord', 'Discord', apiPort).length >= 2,
      'two retry lines',
      START_MS,
    );
    expect(lines(app.stderr())).toEqual(retries(app, 'discord', 'Discord', apiPort));
    app.child.kill('SIGINT');
    expect(await app.waitForExit(EXIT_MS)).toEqual({ code: 0, signal: null });
  }, 40_000);
});

describe('npm start: refused credentials', () => {
  it('stops at once when Slack refuses the bot token', async () => {
    slackFake = await startFakeSlackApi({ token: 'xoxb-the-real-one' });
    const app = startApp({ ...slackVars(0, await freePort()), SLACK_API_URL: slackFake.apiUrl });
    expect((await app.waitForExit(START_MS)).code).toBe(1);
    expect(lines(app.stderr())).toEqual([
      'slack: Slack refused the token (invalid_auth); check SLACK_BOT_TOKEN',
    ]);
  });

  it('stops at once when Discord refuses the token', async () => {
    discordFake = await startFakeDiscord();
    discordFake.failNext({
      method: 'GET',
      path: /^\/gateway\/bot$/,
      status: 401,
      body: { message: '401: Unauthorized', code: 0 },
    });
    const app = startApp({
      DISCORD_TOKEN: 'acceptance-discord-token.0123456789',
      DISCORD_APP_ID: discordFake.world.appId,
      DISCORD_API_URL: discordFake.apiUrl,
    });
    expect((await app.waitForExit(START_MS)).code).toBe(1);
    expect(app.stderr()).toContain('discord: Discord refused DISCORD_TOKEN (TokenInvalid)');
    expect(app.stderr()).not.toMatch(STACK_FRAME);
  });
});
