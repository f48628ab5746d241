/** Socket Mode on top of the fake Web API: apps.connections.open hands out a WebSocket that speaks Slack's envelopes. */
import { randomUUID } from 'node:crypto';
import { WebSocket, WebSocketServer } from 'ws';
import type { FakeSlackApi } from './fake-slack-api.js';

export interface FakeSocketMode {
  /** Resolves once an app has connected and been greeted. */
  connected: Promise<void>;
  /** Sends one envelope; resolves with the app's ack (`{ envelope_id, payload? }`). */
  send(
    type: 'events_api' | 'slash_commands' | 'interactive',
    payload: object,
  ): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export function attachSocketMode(fake: FakeSlackApi): FakeSocketMode {
  const wss = new WebSocketServer({ server: fake.server, path: '/link' });
  const acks = new Map<string, (ack: Record<string, unknown>) => void>();
  let socket: WebSocket | undefined;
  let greeted: () => void = () => {};
  const connected = new Promise<void>((resolve) => {
    greeted = resolve;
  });

  fake.answerWith('apps.connections.open', () => ({
    ok: true,
    url: `${fake.base.replace('http', 'ws')}/link`,
  }));
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => {
      const ack = JSON.parse(String(data)) as Record<string, unknown>;
      acks.get(String(ack.envelope_id))?.(ack);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0SITREP' } }));
    greeted();
  });

  return {
    connected,
    send(type, payload) {
      const envelopeId = randomUUID();
      return new Promise((resolve, reject) => {
        if (!socket || socket.readyState !== WebSocket.OPEN) return reject(new Error('no app connected'));
        const timer = setTimeout(() => reject(new Error(`no ack for ${type} envelope`)), 5_000);
        acks.set(envelopeId, (ack) => {
          clearTimeout(timer);
          resolve(ack);
        });
        socket.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: type !== 'events_api',
            retry_attempt: 0,
            retry_reason: '',
          }),
        );
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
