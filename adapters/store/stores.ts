/**
 * Every stateful part. By default SQLite files under DATA_DIR (sitrep.db, insights.db) with conversations and Slack
 * event ids in this process's memory, as one instance needs; with DATABASE_URL, all of it in one PostgreSQL database
 * that several instances share.
 */
import { type ConversationStore, memoryConversationStore } from '../../src/conversation/store.js';
import type { DigestStore } from '../../src/digest/store.js';
import type { InsightsStore } from '../../src/insights.js';
import type { Logger } from '../../src/types.js';
import { memorySeenIds, type SeenIds } from '../seen-ids.js';
import { openPostgresDatabase, openSqliteDatabase, type SqlDatabase } from './database.js';
import { createSqlConversationStore } from './sql-conversation-store.js';
import { createSqlDigestStore } from './sql-digest-store.js';
import { createSqlEventLedger } from './sql-event-ledger.js';
import { createSqlInsightsStore } from './sql-insights-store.js';
import { openSqliteInsightsStore } from './sqlite-insights-store.js';

export interface Stores {
  kind: SqlDatabase['kind'];
  /** The file or the URL without its password. */
  where: string;
  digests: DigestStore;
  insights: InsightsStore;
  conversations: ConversationStore;
  /** Slack event ids already handled. */
  events: SeenIds;
  /** Writes what is still queued, then closes every connection. */
  close(): Promise<void>;
}

export interface OpenStores {
  dataDir: string;
  databaseUrl?: string;
  log: Logger;
}

/** Opens and migrates the database; throws StoreError naming the file or the (redacted) URL when it cannot. */
export async function openStores(o: OpenStores): Promise<Stores> {
  const database = o.databaseUrl ? await openPostgresDatabase(o.databaseUrl) : openSqliteDatabase(o.dataDir);
  const { db, guard } = database;
  const shared = database.kind === 'postgres';
  const insights = shared
    ? createSqlInsightsStore(db, guard, { log: o.log })
    : openSqliteInsightsStore({ dataDir: o.dataDir, log: o.log });
  return {
    kind: database.kind,
    where: database.where,
    digests: createSqlDigestStore(db, guard, async () => undefined),
    insights,
    conversations: shared ? createSqlConversationStore(db, guard, { log: o.log }) : memoryConversationStore(),
    events: shared ? createSqlEventLedger(db, guard, { log: o.log }) : memorySeenIds(),
    async close() {
      await insights.close();
      await database.close();
    },
  };
}
