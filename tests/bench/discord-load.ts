/** Drives a Discord bot through the fake gateway with slash-command interactions, timing each callback at the fake REST. */
import type { FakeDiscord, RecordedRequest } from '../fakes/discord/fake-discord.js';
import {
  type Arrivals,
  createArrivals,
  distinct,
  duplicates,
  emptyRound,
  type RoundResult,
  withConcurrency,
} from './load-stats.js';

const COMMANDS: [string, Record<string, string>][] = [
  ['figure', { name: 'machine tools' }],
  ['ask', { question: "what share of Russia's microelectronics came from China?" }],
  ['ask', { question: 'how much of Russia machine tool imports came from China' }],
  ['figures', {}],
  ['ask', { question: 'what did the US and UK ban?' }],
  ['help', {}],
];

const CALLBACK = /^\/interactions\/(\d+)\/[^/]+\/callback$/;

/** Records each interaction callback's arrival (keyed by interaction id) without keeping the request. */
export function trackCallbacks(fake: FakeDiscord): Arrivals {
  const arrivals = createArrivals();
  const requests = fake.requests;
  requests.push = (r: RecordedRequest) => {
    const m = r.method === 'POST' ? CALLBACK.exec(r.path) : null;
    if (m?.[1]) arrivals.record(m[1]);
  };
  return arrivals;
}

export interface DiscordLoadOptions {
  fake: FakeDiscord;
  arrivals: Arrivals;
  requests: number;
  concurrency: number;
  replyTimeoutMs?: number;
  settleMs?: number;
}

/** Dispatches `requests` interactions with at most `concurrency` waiting for their callback. */
export async function runDiscordRound(o: DiscordLoadOptions): Promise<RoundResult> {
  const result = emptyRound(o.requests);
  const keys: string[] = [];
  const started = performance.now();
  await withConcurrency(o.requests, o.concurrency, async (i) => {
    const [sub, options] = COMMANDS[i % COMMANDS.length] ?? ['help', {}];
    const t0 = performance.now();
    let id: string;
    try {
      id = o.fake.slash(
        sub,
        Object.fromEntries(Object.entries(options).map(([k, v]) => [k, distinct(v)])),
      ).id;
    } catch {
      result.errors++;
      return;
    }
    keys.push(id);
    const at = await o.arrivals.wait(id, o.replyTimeoutMs ?? 10_000);
    if (at === undefined) result.lost++;
    else {
      result.ackMs.push(at - t0);
      result.replyMs.push(at - t0);
    }
  });
  result.durationMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, o.settleMs ?? 200));
  result.duplicated = duplicates(o.arrivals, keys);
  return result;
}
