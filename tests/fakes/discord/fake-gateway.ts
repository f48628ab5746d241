import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayOpcodes } from 'discord.js';
import { type WebSocket, WebSocketServer } from 'ws';
import { guildCreate, ready, type Shard, shardOf, type World } from './payloads.js';
import { createRecorder } from './recorder.js';

export interface GatewayFrame {
  op: number;
  d: unknown;
  /** The query string the client connected with, e.g. `v=10&encoding=json`. */
  query: string;
}

/** A dispatch the fake sent, and the shard of the connection it went to. */
export interface SentDispatch {
  t: string;
  shard: Shard;
}

interface Session {
  id: string;
  seq: number;
  shard: Shard;
}

/** The guild a dispatch is about, if any: GUILD_CREATE is the guild itself, other events carry `guild_id`. */
function guildOf(t: string, d: unknown): string | undefined {
  const data = (d ?? {}) as { id?: string; guild_id?: string };
  return t === GatewayDispatchEvents.GuildCreate ? data.id : data.guild_id;
}

/**
 * Enough of the v10 gateway for discord.js: hello, heartbeats, identify -> READY + GUILD_CREATE, resume. Each
 * connection is one shard (IDENTIFY's `shard`, [0, 1] without one); guild events go to the shard owning the guild,
 * others (DMs) to shard 0, as Discord routes them.
 */
export function createFakeGateway(
  server: Server,
  world: World,
  url: () => string,
  { heartbeatMs = 41_250, requiredShards = 1 }: { heartbeatMs?: number; requiredShards?: number } = {},
) {
  const wss = new WebSocketServer({ server });
  const frames = createRecorder<GatewayFrame>('gateway frame');
  const sent = createRecorder<SentDispatch>('dispatch');
  const sessions = new Map<string, Session>();
  const live = new Map<WebSocket, Session | undefined>();

  const send = (ws: WebSocket, payload: object) => ws.send(JSON.stringify(payload));
  const dispatchTo = (ws: WebSocket, session: Session, t: string, d: unknown) => {
    sent.push({ t, shard: session.shard });
    send(ws, { op: GatewayOpcodes.Dispatch, t, s: ++session.seq, d });
  };
  const owns = ({ shard: [id, count] }: Session, t: string, d: unknown) => {
    const guildId = guildOf(t, d);
    return id === (guildId === undefined ? 0 : shardOf(guildId, count));
  };

  function identify(ws: WebSocket, d: Record<string, unknown> | null) {
    const [id, count] = (d?.shard as Shard | undefined) ?? [0, 1];
    if (!(Number.isInteger(id) && Number.isInteger(count) && id >= 0 && id < count)) {
      ws.close(GatewayCloseCodes.InvalidShard, 'Invalid shard.');
      return;
    }
    if (count < requiredShards) {
      ws.close(GatewayCloseCodes.ShardingRequired, 'Sharding required.');
      return;
    }
    const session: Session = { id: randomUUID().replace(/-/g, ''), seq: 0, shard: [id, count] };
    sessions.set(session.id, session);
    live.set(ws, session);
    dispatchTo(ws, session, GatewayDispatchEvents.Ready, ready(world, session.id, url(), session.shard));
    const guild = guildCreate(world);
    if (owns(session, GatewayDispatchEvents.GuildCreate, guild))
      dispatchTo(ws, session, GatewayDispatchEvents.GuildCreate, guild);
  }

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
        case GatewayOpcodes.Identify:
          identify(ws, frame.d);
          return;
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
    /** Every dispatch sent, with the shard it went to. */
    sent,
    /** Sends a dispatch (e.g. MESSAGE_CREATE) to every identified connection of its shard; returns how many got it. */
    dispatch(t: string, d: unknown): number {
      let count = 0;
      for (const [ws, session] of live) {
        if (!session || !owns(session, t, d)) continue;
        dispatchTo(ws, session, t, d);
        count++;
      }
      return count;
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
