/** How the SQL stores write instants and read what a statement changed, the same on SQLite and PostgreSQL. */

export const iso = (d: Date) => d.toISOString();

export const changed = (r: {
  numUpdatedRows?: bigint;
  numDeletedRows?: bigint;
  numInsertedOrUpdatedRows?: bigint;
}) => Number(r.numUpdatedRows ?? r.numDeletedRows ?? r.numInsertedOrUpdatedRows ?? 0) > 0;
