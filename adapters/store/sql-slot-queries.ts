/** The slot half of the SQL digest store: claims as leases, attempts, and what was sent. */
import type { Kysely, Selectable } from 'kysely';
import type { DigestStore, SlotRecord, SlotState } from '../../src/digest/store.js';
import type { Guard } from './guard.js';
import type { Schema, SlotsTable } from './schema.js';
import { changed, iso } from './sql-values.js';

const toSlot = (r: Selectable<SlotsTable>): SlotRecord => ({
  subscriptionId: r.subscription_id,
  slot: r.slot_time,
  state: r.state as SlotState,
  attempts: Number(r.attempts),
  ...(r.error ? { error: r.error } : {}),
  updatedAt: r.updated_at,
});

type SlotQueries = Pick<
  DigestStore,
  | 'claimSlot'
  | 'takeOverSlot'
  | 'renewLease'
  | 'recordAttempt'
  | 'markSent'
  | 'markFailed'
  | 'releaseSlot'
  | 'lastSlot'
  | 'slots'
>;

export function sqlSlotQueries(db: Kysely<Schema>, guard: Guard): SlotQueries {
  const setSlot = (id: string, slot: Date, state: SlotState, error: string | null, now: Date) =>
    db
      .updateTable('slots')
      .set((eb) => ({ state, error, attempts: eb('attempts', '+', 1), updated_at: iso(now) }))
      .where('subscription_id', '=', id)
      .where('slot_time', '=', iso(slot))
      .execute();

  return {
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
  };
}
