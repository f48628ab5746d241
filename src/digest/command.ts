/** `digest subscribe|unsubscribe|status|preview` for the asker's channel. */
import type { Command, DigestStatus, KnowledgeBase, Question, Reply } from '../types.js';
import { composeDigest } from './compose.js';
import { nextSlot, parseSchedule, SCHEDULE_HELP } from './schedule.js';
import { type DigestStore, type DigestSubscription, subscriptionId } from './store.js';
import { formatInstant } from './time.js';

export interface DigestOptions {
  store: DigestStore;
  /** Zone for schedules given without one (DIGEST_TZ). */
  defaultTimeZone: string;
  now?: () => Date;
  /** User subscriptions may not post more often than this. Default one hour. */
  minIntervalMs?: number;
  /** Called after a subscription changes, so the scheduler can follow. */
  onChange?: () => void;
}

type DigestRuntime = DigestOptions & { knowledge: KnowledgeBase };
type DigestCommand = Extract<Command, { name: 'digest' }>;

const notice = (text: string): Reply => ({ kind: 'notice', text });

export const digestUsage =
  'Digest commands: "digest subscribe daily 09:00 [time zone]", "digest subscribe weekly mon 09:00", "digest subscribe <cron>", "digest unsubscribe", "digest status", "digest preview".';

export async function digestStatus(
  sub: DigestSubscription | undefined,
  store: DigestStore,
  id: string,
  now: Date,
): Promise<DigestStatus> {
  const [sent, failed] = await Promise.all([store.lastSlot(id, 'sent'), store.lastSlot(id, 'failed')]);
  const lastFailure =
    failed && (!sent || failed.slot > sent.slot)
      ? { slot: failed.slot, error: failed.error ?? '' }
      : undefined;
  if (!sub) return { subscribed: false, ...(sent ? { lastPost: sent.updatedAt } : {}) };
  return {
    subscribed: true,
    schedule: sub.label,
    timeZone: sub.timeZone,
    ...(sub.paused ? { paused: sub.paused } : { nextPost: nextSlot(sub, now)?.toISOString() }),
    ...(sent ? { lastPost: sent.updatedAt } : {}),
    ...(lastFailure ? { lastFailure } : {}),
  };
}

async function subscribe(cmd: DigestCommand, q: Question, opts: DigestRuntime, now: Date): Promise<Reply> {
  const parsed = parseSchedule(cmd.schedule, opts.defaultTimeZone, opts.minIntervalMs ?? 3_600_000, now);
  if (!parsed.ok) return notice(parsed.problem);
  const sub = await opts.store.subscribe({
    platform: q.platform,
    channelId: q.channelId,
    schedule: parsed.schedule,
    origin: 'user',
    now,
  });
  opts.onChange?.();
  const next = nextSlot(sub, now);
  return notice(
    `Subscribed: this channel gets a digest ${sub.label} (${sub.timeZone}).` +
      (next ? ` Next post: ${formatInstant(next.toISOString(), sub.timeZone)}.` : ''),
  );
}

/** Answers a digest command; a channel without digests, or an asker without the right, gets a notice. */
export async function runDigestCommand(
  cmd: DigestCommand,
  q: Question,
  opts: DigestRuntime | undefined,
): Promise<Reply> {
  if (!opts || q.platform === 'cli') return notice('Digests are not available here.');
  const now = (opts.now ?? (() => new Date()))();
  const id = subscriptionId(q.platform, q.channelId);
  const sub = await opts.store.subscription(id);
  const mayManage = q.canManageDigests === true;
  switch (cmd.action) {
    case 'usage':
      return notice(`I don't know "digest ${cmd.schedule}". ${digestUsage}`);
    case 'preview':
      return {
        kind: 'digest',
        forAskerOnly: true,
        digest: composeDigest({
          knowledge: opts.knowledge,
          sent: await opts.store.sentHashes(id),
          now,
          timeZone: sub?.timeZone ?? opts.defaultTimeZone,
        }),
      };
    case 'status':
      return { kind: 'digest-status', status: await digestStatus(sub, opts.store, id, now) };
    case 'subscribe':
      if (!mayManage) return notice("You don't have permission to change this channel's digest.");
      if (!cmd.schedule.trim()) return notice(`Which schedule? ${SCHEDULE_HELP}`);
      return subscribe(cmd, q, opts, now);
    case 'unsubscribe':
      if (!mayManage) return notice("You don't have permission to change this channel's digest.");
      if (!(await opts.store.unsubscribe(id))) return notice('This channel has no digest subscription.');
      opts.onChange?.();
      return notice('Unsubscribed: this channel gets no more digests.');
  }
}
