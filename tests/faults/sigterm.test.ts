/**
 * SIGTERM while replies are in flight: the composition root (adapters/main.ts, started as `npm start` does) must
 * let in-flight replies finish (bounded wait) before it exits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, killAll, sleep, startApp, until, waitForPort } from '../acceptance/app-process.js';
import { startFakeDiscord } from '../fakes/discord/fake-discord.js';
import { startFakeSlackApi } from '../fakes/slack/fake-slack-api.js';
import {
  buttonClick,
  createSlackSender,
  eventEnvelope,
  mentionEvent,
} from '../fakes/slack/signed-requests.js';
import { type FaultProxy, startFaultProxy } from './fault-proxy.js';

const START_MS = 15_000;
/** The platform holds each reply this long before taking it; the app must wait that out, but not much longer. */
const STALL_MS = 2_000;
const EXIT_MS = 8_000;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await killAll();
  for (const c of cleanups.splice(0)) await c();
});

const waitInFlight = (proxy: FaultProxy, n: number) =>
  (async () => {
    const deadline = Date.now() + 5_000;
    while (proxy.inFlight() < n) {
      if (Date.now() > deadline) throw new Error(`only ${proxy.inFlight()} of ${n} replies in flight`);
      await sleep(20);
    }
  })();

describe('SIGTERM with replies in flight', () => {
  // The Slack adapter's stop() drains handlers in flight (bounded by STOP_GRACE_MS) before main.ts exits.
  // A slash command is answered in its ack; a button's answer goes through its response_url and can be in flight.
  it('Slack: finishes the in-flight mention and button replies, then exits 0', async () => {
    const fake = await startFakeSlackApi({ token: 'xoxb-test' });
    const proxy = await startFaultProxy(fake.base);
    cleanups.push(
      () => proxy.close(),
      () => fake.close(),
    );
    const secret = 'sigterm-signing-secret-0123';
    const port = await freePort();
    const app = startApp({
      SLACK_MODE: 'http',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: `${proxy.base}/api/`,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    await waitForPort(app, port, START_MS);
    const send = createSlackSender(`http://127.0.0.1:${port}/slack/events`, secret);
    proxy.inject(/chat\.postMessage$|\/response\//, { kind: 'stall', ms: STALL_MS }, 2);
    const event = mentionEvent({ text: 'figure machine tools' });
    expect((await send.event(eventEnvelope(event))).status).toBe(200);
    const res = await send.action(
      buttonClick({
        actionId: 'sitrep_ask_0',
        value: 'figure machine tools',
        responseUrl: `${proxy.base}/response/term`,
      }),
    );
    expect(res.status).toBe(200);
    await waitInFlight(proxy, 2);

    const signalled = Date.now();
    app.child.kill('SIGTERM');
    const exit = await app.waitForExit(EXIT_MS);
    const tookMs = Date.now() - signalled;
    await sleep(300);
    expect(
      fake.calls.filter((c) => c.method === 'chat.postMessage' && c.body.thread_ts === event.ts),
    ).toHaveLength(1);
    expect(fake.calls.filter((c) => c.path === '/response/term')).toHaveLength(1);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(tookMs).toBeLessThan(STALL_MS + 3_000);
  }, 40_000);

  it('Discord: finishes the in-flight interaction callback, then exits 0', async () => {
    const fake = await startFakeDiscord();
    const proxy = await startFaultProxy(fake.apiUrl.replace(/\/api$/, ''));
    cleanups.push(
      () => proxy.close(),
      () => fake.close(),
    );
    const app = startApp({
      DISCORD_TOKEN: 'sigterm-discord-token.0123456789',
      DISCORD_APP_ID: fake.world.appId,
      DISCORD_API_URL: `${proxy.base}/api`,
    });
    await until(app, () => fake.connectionCount() > 0, 'a live gateway session', START_MS);
    proxy.inject(/\/callback$/, { kind: 'stall', ms: STALL_MS });
    const interaction = fake.slash('figure', { name: 'machine tools' });
    await waitInFlight(proxy, 1);

    app.child.kill('SIGTERM');
    const exit = await app.waitForExit(EXIT_MS);
    await sleep(300);
    const callbacks = fake.requests.entries.filter(
      (r) => r.path === `/interactions/${interaction.id}/${interaction.token}/callback`,
    );
    expect(callbacks).toHaveLength(1);
    expect(exit).toEqual({ code: 0, signal: null });
  }, 40_000);

  it('exits 0 promptly on SIGTERM when nothing is in flight', async () => {
    const fake = await startFakeSlackApi({ token: 'xoxb-test' });
    cleanups.push(() => fake.close());
    const port = await freePort();
    const app = startApp({
      SLACK_MODE: 'http',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'sigterm-signing-secret-0123',
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    await waitForPort(app, port, START_MS);
    const signalled = Date.now();
    app.child.kill('SIGTERM');
    expect(await app.waitForExit(EXIT_MS)).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(3_000);
  }, 30_000);
});
