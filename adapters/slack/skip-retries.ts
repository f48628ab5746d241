/** Global middleware: an Events API delivery whose event_id was already handled is dropped. */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../../src/types.js';
import type { SeenIds } from '../seen-ids.js';

export function skipRetries(seen: SeenIds, log: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    // Bolt has already acked the delivery, so a dropped retry still gets its 200 and Slack stops.
    if (typeof eventId === 'string' && !(await seen.first(`event:${eventId}`))) {
      log.info('slack retry ignored', {
        eventId,
        retryNum: context.retryNum,
        retryReason: context.retryReason,
      });
      return;
    }
    await next();
  };
}
