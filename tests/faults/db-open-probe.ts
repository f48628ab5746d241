/**
 * Run as a child (`node --import tsx`), possibly as another user: opens the digest store under argv[2] and prints
 * what happened as one JSON line, so a test running as root can still meet a directory it may not write.
 */
import { openDigestStore } from '../../adapters/store/sqlite-digest-store.js';

try {
  await openDigestStore(process.argv[2] ?? '').close();
  process.stdout.write(`${JSON.stringify({ opened: true })}\n`);
} catch (e) {
  const err = e as Error;
  process.stdout.write(`${JSON.stringify({ opened: false, name: err.name, message: err.message })}\n`);
}
