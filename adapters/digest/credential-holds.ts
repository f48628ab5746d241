/**
 * Platforms whose credentials were refused (a revoked token, a missing scope). No channel is at fault, so none is
 * paused: posting on that platform waits, and the credentials are checked again with backoff until they work.
 */
import type { DigestStore } from '../../src/digest/store.js';
import type { Logger, Platform } from '../../src/types.js';
import { CREDENTIALS_PAUSE, type DigestPoster, messageOf } from './poster.js';

export interface CredentialHolds {
  held(platform: Platform): boolean;
  /** Holds posting on `platform` (once; a platform already held stays on its backoff). */
  hold(platform: Platform, error: string): void;
  /** Checks every platform once, holding those whose credentials are refused; an unanswered check holds nothing. */
  checkAll(): Promise<void>;
}

export interface HoldRetry {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_HOLD_RETRY: HoldRetry = { baseMs: 5_000, maxMs: 300_000 };
const START_CHECK_MS = 5_000;

export function createCredentialHolds(o: {
  posters: Partial<Record<Platform, DigestPoster>>;
  log: Logger;
  /** Resolves after `ms`, or early (false) when the scheduler stops. */
  sleep(ms: number): Promise<boolean>;
  retry: HoldRetry;
  /** Called when a held platform's credentials work again. */
  resumed(platform: Platform): void;
}): CredentialHolds {
  const holds = new Set<Platform>();
  const works = (platform: Platform) => o.posters[platform]?.credentialsWork?.() ?? Promise.resolve(true);

  const watch = async (platform: Platform) => {
    for (let attempt = 1; ; attempt++) {
      const waitMs = Math.min(o.retry.maxMs, o.retry.baseMs * 2 ** (attempt - 1));
      if (!(await o.sleep(waitMs))) return;
      let error = 'credentials refused';
      try {
        if (await works(platform)) {
          holds.delete(platform);
          o.log.info('digests resumed: the credentials work again', { platform, checks: attempt });
          o.resumed(platform);
          return;
        }
      } catch (e) {
        // Cannot tell (network down): keep holding, as posting would fail the same way.
        error = messageOf(e);
      }
      // Every check logged would flood a long outage; powers of two keep it to a line per doubling.
      if ((attempt & (attempt - 1)) === 0)
        o.log.warn('digests still on hold', { platform, checks: attempt, error });
    }
  };

  const hold = (platform: Platform, error: string) => {
    if (holds.has(platform)) return;
    holds.add(platform);
    o.log.error('digests on hold: the platform refused the credentials; no channel is paused', {
      platform,
      error,
      nextCheckMs: o.retry.baseMs,
    });
    void watch(platform);
  };

  return {
    held: (platform) => holds.has(platform),
    hold,
    async checkAll() {
      const platforms = Object.keys(o.posters) as Platform[];
      await Promise.all(
        platforms.map(async (platform) => {
          let timer: NodeJS.Timeout | undefined;
          const late = new Promise<'late'>((resolve) => {
            timer = setTimeout(() => resolve('late'), START_CHECK_MS);
          });
          try {
            const result = await Promise.race([works(platform), late]);
            if (result === false) hold(platform, 'credentials refused at start');
          } catch (e) {
            o.log.warn('digests: could not check the credentials at start', {
              platform,
              error: messageOf(e),
            });
          } finally {
            clearTimeout(timer);
          }
        }),
      );
    },
  };
}

/** Earlier versions paused every channel on a credentials failure; those pauses were no channel's fault. */
export async function liftCredentialPauses(store: DigestStore, log: Logger): Promise<void> {
  try {
    for (const sub of await store.subscriptions()) {
      if (!sub.paused || !CREDENTIALS_PAUSE.test(sub.paused.reason)) continue;
      await store.resume(sub.id);
      log.info('digest resumed: it was paused for a credentials failure', {
        subscription: sub.id,
        reason: sub.paused.reason,
      });
    }
  } catch (e) {
    log.warn('digests: could not lift pauses from credential failures', { error: messageOf(e) });
  }
}
