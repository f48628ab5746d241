/**
 * The digest store in SQL (Kysely), one implementation for SQLite and PostgreSQL: subscriptions, what each channel
 * was sent, and slot claims as leases. Every statement is one that both dialects run the same way.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DigestStore, DigestSubscription, NewSubscription } from '../../src/digest/store.js';
import { subscriptionId } from '../../src/digest/store.js';
import type { Platform } from '../../src/types.js';
import type { Guard } from './guard.js';
import type { Schema, SubscriptionsTable } from './schema.js';
import { sqlSlotQueries } from './sql-slot-queries.js';
import { changed, iso } from './sql-values.js';

const toSubscription = (r: Selectable<SubscriptionsTable>): DigestSubscription => ({
  id: r.id,
  platform: r.platform as Platform,
  channelId: r.channel_id,
  cron: r.cron,
  timeZone: r.time_zone,
  label: r.label,
  origin: r.origin === 'config' ? 'config' : 'user',
  createdAt: r.created_at,
  ...(r.paused_at ? { paused: { reason: r.pause_reason ?? '', at: r.paused_at } } : {}),
});

const row = (s: NewSubscription) => ({
  id: subscriptionId(s.platform, s.channelId),
  platform: s.platform,
  channel_id: s.channelId,
  cron: s.schedule.cron,
  time_zone: s.schedule.timeZone,
  label: s.schedule.label,
  origin: s.origin,
  created_at: s.now.toISOString(),
});

export function createSqlDigestStore(
  db: Kysely<Schema>,
  guard: Guard,
  close: () => Promise<void>,
): DigestStore {
  const subscription = async (id: string) => {
    const r = await db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toSubscription(r) : undefined;
  };
  return {
    subscription: (id) => guard(() => subscription(id)),
    subscriptions: () =>
      guard(async () =>
        (await db.selectFrom('subscriptions').selectAll().orderBy('id').execute()).map(toSubscription),
      ),
    subscribe: (s) =>
      guard(async () => {
        const r = row(s);
        await db
          .insertInto('subscriptions')
          .values(r)
          .onConflict((oc) =>
            oc.column('id').doUpdateSet({
              cron: r.cron,
              time_zone: r.time_zone,
              label: r.label,
              origin: r.origin,
              created_at: r.created_at,
              paused_at: null,
              pause_reason: null,
            }),
          )
          .execute();
        return (await subscription(r.id)) as DigestSubscription;
      }),
    // One statement, so two instances starting together cannot both insert: a user-made subscription is left alone.
    ensureConfigured: (s) =>
      guard(async () => {
        const r = row({ ...s, origin: 'config' });
        await db
          .insertInto('subscriptions')
          .values(r)
          .onConflict((oc) =>
            oc
              .column('id')
              .doUpdateSet({ cron: r.cron, time_zone: r.time_zone, label: r.label })
              .where('subscriptions.origin', '=', 'config'),
          )
          .execute();
        return (await subscription(r.id)) as DigestSubscription;
      }),
    unsubscribe: (id) =>
      guard(async () =>
        changed(await db.deleteFrom('subscriptions').where('id', '=', id).executeTakeFirst()),
      ),
    sentHashes: (id) =>
      guard(async () => {
        const rows = await db
          .selectFrom('sent_facts')
          .select(['fact_id', 'hash'])
          .where('subscription_id', '=', id)
          .execute();
        return new Map(rows.map((r) => [r.fact_id, r.hash]));
      }),
    pause: (id, reason, now) =>
      guard(async () => {
        await db
          .updateTable('subscriptions')
          .set({ paused_at: iso(now), pause_reason: reason })
          .where('id', '=', id)
          .execute();
      }),
    resume: (id) =>
      guard(async () => {
        await db
          .updateTable('subscriptions')
          .set({ paused_at: null, pause_reason: null })
          .where('id', '=', id)
          .execute();
      }),
    ...sqlSlotQueries(db, guard),
    close,
  };
}
