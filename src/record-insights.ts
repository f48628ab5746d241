import type { InsightsStore } from './insights.js';
import type { Answer, FeedbackEvent, Logger, Question } from './types.js';

/** Curators learn what was refused, which facts get used and how answers were voted; a failing store costs nothing. */
export function insightsRecorder(insights: InsightsStore | undefined, log: Logger, clock: () => Date) {
  const safely = (what: string, write: (store: InsightsStore, at: string) => void) => {
    if (!insights) return;
    try {
      write(insights, clock().toISOString());
    } catch (err) {
      log.warn(`could not record ${what}`, { error: err instanceof Error ? err.message : String(err) });
    }
  };
  return {
    answer(answer: Answer, q: Question) {
      safely('insights', (store, at) => {
        if (answer.kind === 'answered') {
          for (const f of answer.facts) store.recordAnswered({ factId: f.id, platform: q.platform, at });
          return;
        }
        const reason = answer.kind === 'ambiguous' ? 'ambiguous' : answer.reason;
        store.recordUnanswered({
          question: answer.question,
          platform: q.platform,
          channelId: q.channelId,
          reason,
          at,
        });
      });
    },
    feedback(e: FeedbackEvent) {
      log.info('feedback', { ...e });
      const { userId: _dropped, ...vote } = e;
      safely('feedback', (store, at) => store.recordFeedback({ ...vote, at }));
    },
  };
}
