import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventEnvelope, mentionEvent, slashCommand } from '../../fakes/slack/signed-requests.js';
import { displayedText } from './block-limits.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ mode: 'socket' });
});
afterAll(() => h.close());

describe('Socket Mode', () => {
  it('connects with the app token and answers a mention in its thread', async () => {
    await h.socket?.connected;
    const open = h.fake.callsTo('apps.connections.open');
    expect(open.map((c) => c.token)).toContain('xapp-test-token');
    const event = mentionEvent({ text: "what share of Russia's microelectronics came from China?" });
    const ack = await h.socket?.send('events_api', eventEnvelope(event));
    expect(ack?.envelope_id).toBeTruthy();
    const reply = await h.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.thread_ts === event.ts,
    );
    expect(displayedText(reply.body)).toContain('90%');
  });

  it('answers a slash command in the ack payload', async () => {
    const ack = await h.socket?.send(
      'slash_commands',
      slashCommand({ text: 'figure machine tools', responseUrl: h.fake.responseUrl('sock') }),
    );
    const reply = { body: (ack?.payload ?? {}) as Record<string, unknown> };
    expect(reply.body.response_type).toBe('ephemeral');
    expect(displayedText(reply.body)).toContain('$900 million');
  });
});
