/** How the SQL stores meet a database that is locked, away or slow. */

/** Runs one store operation, turning a locked or unreachable database into an error with `busy: true`. */
export type Guard = <T>(operation: () => Promise<T>) => Promise<T>;

/**
 * Rejects with a `busy: true` error when `operation` takes longer than `ms` (the operation itself runs on). For the
 * lookups on a reply's path, where a slow database must cost the lookup, not the user's wait.
 */
export function within<T>(ms: number, operation: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`the database did not answer within ${ms} ms`), { busy: true })),
      ms,
    );
  });
  operation.catch(() => undefined);
  return Promise.race([operation, late]).finally(() => clearTimeout(timer));
}
