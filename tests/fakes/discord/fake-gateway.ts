import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { GatewayDispatchEvents, GatewayOpcodes } from 'discord.js';
import { type WebSocket, WebSocketServer } from 'ws';
import { guildCreate, ready, type World } from './payloads.js';
import { createRecorder } from './recorder.js';

export interface GatewayFrame {
  op: number;
  d: unknown;
  /** The query string the client connected with, e.g. `v=10&encoding=json`. */
  query: string;
}

interface Session {
  id: string;
  seq: number;
}

/** Enough of the v10 gateway for discord.js: hello, heartbeats, identify -> READY + GUILD_CREATE, resume. */
export function createFakeGateway(server: Server, world: World, url: () => string, heartbeatMs = 41_250) {
  const wss = new WebSocketServer({ server });
  const frames = createRecorder<GatewayFrame>('gateway frame');
  const sessions = new Map<string, Session>();
  const live = new Map<WebSocket, Session | undefined>();

  const send = (ws: WebSocket, payload: object) => ws.send(JSON.stringify(payload));
  const dispatchTo = (ws: WebSocket, session: Session, t: string, d: unknown) =>
    send(ws, { op: GatewayOpcodes.Dispatch, t, s: ++session.seq, d });

  wss.on('connection', (ws, req) => {
    const query = (req.url ?? '').split('?')[1] ?? '';
    live.set(ws, undefined);
    ws.on('close', () => live.delete(ws));
    send(ws, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: heartbeatMs }, s: null, t: null });

    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> | null };
      frames.push({ op: frame.op, d: frame.d, query });
      switch (frame.op) {
        case GatewayOpcodes.Heartbeat:
          send(ws, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
          return;
        case GatewayOpcodes.Identify: {
          const session = { id: randomUUID().replace(/-/g, ''), seq: 0 };
          sessions.set(session.id, session);
          live.set(ws, session);
          dispatchTo(ws, session, GatewayDispatchEvents.Ready, ready(world, session.id, url()));
          dispatchTo(ws, session, GatewayDispatchEvents.GuildCreate, guildCreate(world));
          return;
        }
        case GatewayOpcodes.Resume: {
          const session = sessions.get(String(frame.d?.session_id));
          if (!session) {
            send(ws, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
            return;
          }
          live.set(ws, session);
          dispatchTo(ws, session, GatewayDispatchEvents.Resumed, {});
          return;
        }
      }
    });
  });

  return {
    frames,
    /** Sends a dispatch (e.g. MESSAGE_CREATE) to every identified connection; returns how many got it. */
    dispatch(t: string, d: unknown): number {
      let sent = 0;
      for (const [ws, session] of live) {
        if (!session) continue;
        dispatchTo(ws, session, t, d);
        sent++;
      }
      return sent;
    },
    /** Drops every connection without a close frame, as a network failure would. */
    dropConnections(): void {
      for (const ws of live.keys()) ws.terminate();
    },
    connectionCount: () => [...live.values()].filter(Boolean).length,
    async close(): Promise<void> {
      for (const ws of live.keys()) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
