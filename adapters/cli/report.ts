import { existsSync } from 'node:fs';
import { formatReport } from '../../src/insights.js';
import { insightsDbPath, openSqliteInsightsStore } from '../store/sqlite-insights-store.js';

/** `npm run report [-- --since YYYY-MM-DD]`: what users asked that Sitrep could not answer, and how facts fare. */
function main(argv: string[]): void {
  const dataDir = process.env.DATA_DIR?.trim() || 'data';
  const sinceAt = argv.indexOf('--since');
  const since = sinceAt >= 0 ? argv[sinceAt + 1] : undefined;
  if (since !== undefined && Number.isNaN(Date.parse(since))) {
    process.stderr.write(`--since needs a date such as 2026-11-01, got "${since}"\n`);
    process.exit(1);
  }
  const path = insightsDbPath(dataDir);
  if (!existsSync(path)) {
    process.stdout.write(
      `No insights yet: ${path} does not exist. Sitrep creates it once it records questions.\n`,
    );
    return;
  }
  const store = openSqliteInsightsStore({ dataDir, readonly: true });
  try {
    process.stdout.write(`${formatReport(store.summary({ since }))}\n`);
  } finally {
    store.close();
  }
}

main(process.argv.slice(2));
