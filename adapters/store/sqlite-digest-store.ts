/** The digest store on its own SQLite file (tests, tools); the running bot opens it through adapters/store/stores.ts. */
import type { DigestStore } from '../../src/digest/store.js';
import { openSqliteDatabase } from './database.js';
import { createSqlDigestStore } from './sql-digest-store.js';
import type { SqliteTuning } from './sqlite-kit.js';

export { DB_FILE } from './database.js';

/**
 * Opens (creating and migrating) `<dataDir>/sitrep.db`. Safe to share between processes. Throws StoreError naming
 * the file when it cannot be used (corrupt, read-only, locked past busy_timeout). Every write that finds the
 * database locked is retried a few times, then throws StoreBusyError having written nothing.
 */
export function openDigestStore(dataDir: string, tuning: SqliteTuning = {}): DigestStore {
  const { db, guard, close } = openSqliteDatabase(dataDir, tuning);
  return createSqlDigestStore(db, guard, close);
}
