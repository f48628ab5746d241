import { KnowledgeError } from '../../src/knowledge/load.js';
import { ConfigError } from '../config.js';
import { ModelError } from '../semantic.js';
import { PlatformRefusedError } from '../start-failure.js';
import { StoreError } from '../store/sqlite-kit.js';

/** Known start-up problems print their own message (naming the variable or file); anything else is a bug. */
export function exitOnStartupError(err: unknown): never {
  if (
    err instanceof ConfigError ||
    err instanceof KnowledgeError ||
    err instanceof StoreError ||
    err instanceof ModelError ||
    err instanceof PlatformRefusedError
  ) {
    process.stderr.write(`${err.message}\n`);
  } else {
    process.stderr.write(
      `Unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
  }
  process.exit(1);
}
