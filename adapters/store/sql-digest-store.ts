/**
 * The digest store in SQL (Kysely), one implementation for SQLite and PostgreSQL: subscriptions, what each channel
 * was sent, and slot claims as leases. Every statement is one that both dialects run the same way.
 */
import type { Kysely, Selectable } from 'kysely';
import type {
  DigestStore,
  DigestSubscription,
  NewSubscription,
  SlotRecord,
  SlotState,
} from '../../src/digest/store.js';
import { subscriptionId } from '../../src/digest/store.js';
import type { Platform } from '../../src/types.js';
import type { Guard } from './guard.js';
import type { Schema, SlotsTable, SubscriptionsTable } from './schema.js';

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

const toSlot = (r: Selectable<SlotsTable>): SlotRecord => ({
  subscriptionId: r.subscription_id,
  slot: r.slot_time,
  state: r.state as SlotState,
  attempts: Number(r.attempts),
  ...(r.error ? { error: r.error } : {}),
  updatedAt: r.updated_at,
});

const iso = (d: Date) => d.toISOString();
const changed = (r: {
  numUpdatedRows?: bigint;
  numDeletedRows?: bigint;
  numInsertedOrUpdatedRows?: bigint;
}) => Number(r.numUpdatedRows ?? r.numDeletedRows ?? r.numInsertedOrUpdatedRows ?? 0) > 0;

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
  const setSlot = (id: string, slot: Date, state: SlotState, error: string | null, now: Date) =>
    db
      .updateTable('slots')
      .set((eb) => ({ state, error, attempts: eb('attempts', '+', 1), updated_at: iso(now) }))
      .where('subscription_id', '=', id)
      .where('slot_time', '=', iso(slot))
      .execute();

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
    claimSlot: (id, slot, now, lease) =>
      guard(async () => {
        const r = await db
          .insertInto('slots')
          .values({
            subscription_id: id,
            slot_time: iso(slot),
            state: 'claimed',
            attempts: 0,
            updated_at: iso(now),
            owner: lease?.owner ?? null,
            lease_until: lease ? iso(lease.until) : null,
          })
          .onConflict((oc) => oc.columns(['subscription_id', 'slot_time']).doNothing())
          .executeTakeFirst();
        return changed(r);
      }),
    // A claim from before leases (no lease_until) counts as run out.
    takeOverSlot: (id, slot, now, lease) =>
      guard(async () =>
        changed(
          await db
            .updateTable('slots')
            .set({ owner: lease.owner, lease_until: iso(lease.until), updated_at: iso(now) })
            .where('subscription_id', '=', id)
            .where('slot_time', '=', iso(slot))
            .where('state', '=', 'claimed')
            .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', iso(now))]))
            .executeTakeFirst(),
        ),
      ),
    renewLease: (id, slot, lease) =>
      guard(async () =>
        changed(
          await db
            .updateTable('slots')
            .set({ lease_until: iso(lease.until) })
            .where('subscription_id', '=', id)
            .where('slot_time', '=', iso(slot))
            .where('state', '=', 'claimed')
            .where('owner', '=', lease.owner)
            .executeTakeFirst(),
        ),
      ),
    recordAttempt: (id, slot, error, now) =>
      guard(async () => void (await setSlot(id, slot, 'claimed', error, now))),
    markSent: (id, slot, hashes, now) =>
      guard(() =>
        db.transaction().execute(async (trx) => {
          await trx
            .updateTable('slots')
            .set((eb) => ({
              state: 'sent',
              error: null,
              attempts: eb('attempts', '+', 1),
              updated_at: iso(now),
            }))
            .where('subscription_id', '=', id)
            .where('slot_time', '=', iso(slot))
            .execute();
          await trx.deleteFrom('sent_facts').where('subscription_id', '=', id).execute();
          const rows = Object.entries(hashes).map(([fact_id, hash]) => ({
            subscription_id: id,
            fact_id,
            hash,
            sent_at: iso(now),
          }));
          if (rows.length > 0) await trx.insertInto('sent_facts').values(rows).execute();
        }),
      ),
    markFailed: (id, slot, error, now) =>
      guard(async () => void (await setSlot(id, slot, 'failed', error, now))),
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
    releaseSlot: (id, slot) =>
      guard(async () => {
        await db
          .deleteFrom('slots')
          .where('subscription_id', '=', id)
          .where('slot_time', '=', iso(slot))
          .where('state', '=', 'claimed')
          .execute();
      }),
    lastSlot: (id, state) =>
      guard(async () => {
        let q = db.selectFrom('slots').selectAll().where('subscription_id', '=', id);
        if (state) q = q.where('state', '=', state);
        const r = await q.orderBy('slot_time', 'desc').limit(1).executeTakeFirst();
        return r ? toSlot(r) : undefined;
      }),
    slots: (id) =>
      guard(async () =>
        (
          await db
            .selectFrom('slots')
            .selectAll()
            .where('subscription_id', '=', id)
            .orderBy('slot_time', 'desc')
            .execute()
        ).map(toSlot),
      ),
    close,
  };
}
