import { existsSync } from 'node:fs';
import { formatReport, type InsightsStore } from '../../src/insights.js';
import { openPostgresDatabase } from '../store/database.js';
import { createSqlInsightsStore } from '../store/sql-insights-store.js';
import { insightsDbPath, openSqliteInsightsStore } from '../store/sqlite-insights-store.js';

type Opened = { store: InsightsStore; close(): Promise<void> | void };

/** The insights of DATABASE_URL when set, else DATA_DIR's insights.db read-only (undefined when it does not exist). */
async function openInsights(dataDir: string, databaseUrl: string | undefined): Promise<Opened | undefined> {
  if (databaseUrl) {
    const database = await openPostgresDatabase(databaseUrl);
    return { store: createSqlInsightsStore(database.db, database.guard), close: database.close };
  }
  const path = insightsDbPath(dataDir);
  if (!existsSync(path)) {
    process.stdout.write(
      `No insights yet: ${path} does not exist. Sitrep creates it once it records questions.\n`,
    );
    return undefined;
  }
  const store = openSqliteInsightsStore({ dataDir, readonly: true });
  return { store, close: () => store.close() };
}

/** `npm run report [-- --since YYYY-MM-DD]`: what users asked that Sitrep could not answer, and how facts fare. */
async function main(argv: string[]): Promise<void> {
  const dataDir = process.env.DATA_DIR?.trim() || 'data';
  const sinceAt = argv.indexOf('--since');
  const since = sinceAt >= 0 ? argv[sinceAt + 1] : undefined;
  if (since !== undefined && Number.isNaN(Date.parse(since))) {
    process.stderr.write(`--since needs a date such as 2026-11-01, got "${since}"\n`);
    process.exit(1);
  }
  const opened = await openInsights(dataDir, process.env.DATABASE_URL?.trim() || undefined);
  if (!opened) return;
  try {
    process.stdout.write(`${formatReport(await opened.store.summary({ since }))}\n`);
  } finally {
    await opened.close();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
