/** Drives a Slack app over HTTP with signed slash commands and mentions, timing acks and replies at the fake. */
import type { FakeSlackApi, RecordedCall } from '../fakes/slack/fake-slack-api.js';
import {
  createSlackSender,
  eventEnvelope,
  mentionEvent,
  slashCommand,
} from '../fakes/slack/signed-requests.js';
import {
  type Arrivals,
  createArrivals,
  distinct,
  duplicates,
  emptyRound,
  type RoundResult,
  withConcurrency,
} from './load-stats.js';

const QUESTIONS = [
  'figure machine tools',
  "what share of Russia's microelectronics came from China?",
  'how much of Russia machine tool imports came from China',
  'figures',
  'what did the US and UK ban?',
  'help',
];

/**
 * Records each reply's arrival at the fake without keeping the call (so memory stays flat over long runs):
 * `cmd:<id>` for a response_url post, `mention:<thread_ts>` for a chat.postMessage.
 */
export function trackSlackReplies(fake: FakeSlackApi): Arrivals {
  const arrivals = createArrivals();
  const calls = fake.calls;
  calls.push = (...items: RecordedCall[]) => {
    for (const c of items) {
      if (c.method === 'response_url') arrivals.record(`cmd:${c.path.slice('/response/'.length)}`);
      else if (c.method === 'chat.postMessage' && c.status === 200)
        arrivals.record(`mention:${String(c.body.thread_ts)}`);
    }
    return calls.length;
  };
  return arrivals;
}

export interface SlackLoadOptions {
  /** The app's events URL. */
  url: string;
  secret: string;
  /** Base URL of the fake's response_url endpoints, e.g. http://127.0.0.1:1234 */
  fakeBase: string;
  arrivals: Arrivals;
  requests: number;
  concurrency: number;
  /** Unique per round, so ids never repeat. */
  round: number;
  replyTimeoutMs?: number;
  settleMs?: number;
}

/** Sends `requests` signed requests (half slash commands, half mentions) with at most `concurrency` in flight. */
export async function runSlackRound(o: SlackLoadOptions): Promise<RoundResult> {
  const send = createSlackSender(o.url, o.secret);
  const result = emptyRound(o.requests);
  const keys: string[] = [];
  const started = performance.now();
  await withConcurrency(o.requests, o.concurrency, async (i) => {
    const question = QUESTIONS[i % QUESTIONS.length] ?? 'help';
    const text = question.startsWith('figure ')
      ? `figure ${distinct(question.slice(7))}`
      : distinct(question);
    const who = { userId: `U0LOAD${i % 40}`, channel: `C0LOAD${i % 8}` };
    const t0 = performance.now();
    let key: string;
    let res: { status: number; text: string } | undefined;
    try {
      if (i % 2 === 0) {
        const id = `r${o.round}-${i}`;
        key = `cmd:${id}`;
        res = await send.command(
          slashCommand({
            text,
            responseUrl: `${o.fakeBase}/response/${id}`,
            userId: who.userId,
            channelId: who.channel,
          }),
        );
        // An app may answer in the ack itself (Sitrep does); then the reply has arrived with it.
        if (res.status === 200 && res.text.includes('"blocks"')) o.arrivals.record(key);
      } else {
        const ts = `${1_800_000_000 + o.round}.${String(i).padStart(6, '0')}`;
        key = `mention:${ts}`;
        res = await send.event(
          eventEnvelope(mentionEvent({ text, ts, userId: who.userId, channel: who.channel })),
        );
      }
    } catch {
      result.errors++;
      return;
    }
    result.ackMs.push(performance.now() - t0);
    if (res.status !== 200) {
      result.errors++;
      return;
    }
    keys.push(key);
    const at = await o.arrivals.wait(key, o.replyTimeoutMs ?? 10_000);
    if (at === undefined) result.lost++;
    else result.replyMs.push(at - t0);
  });
  result.durationMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, o.settleMs ?? 200));
  result.duplicated = duplicates(o.arrivals, keys);
  return result;
}
