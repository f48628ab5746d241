import { groupSimilar } from './insights-group.js';
import { sanitize } from './render-text.js';
import type { Answer, Platform } from './types.js';

export { groupSimilar, type QuestionGroup } from './insights-group.js';

/** Why a question went unanswered: a refusal reason, or a near-tie the user was asked to resolve. */
export type UnansweredReason = Extract<Answer, { kind: 'unknown' }>['reason'] | 'ambiguous';

/** ISO instant, e.g. `new Date().toISOString()`. */
type Instant = string;

export interface UnansweredEvent {
  question: string;
  platform: Platform;
  /** The platform's channel id; never a user name. */
  channelId: string;
  reason: UnansweredReason;
  at: Instant;
}

export interface FeedbackRecord {
  helpful: boolean;
  factId?: string;
  question: string;
  platform: Platform;
  channelId: string;
  at: Instant;
}

export interface AnsweredEvent {
  factId: string;
  platform: Platform;
  at: Instant;
}

export interface InsightsSummary {
  /** Lower bound of the period covered, when one was asked for. */
  since?: Instant;
  /** Unanswered questions, identical texts counted together, most frequent first. */
  unanswered: { text: string; count: number }[];
  /** Votes per fact, most "Not helpful" first. */
  votes: { factId: string; helpful: number; notHelpful: number }[];
  /** Answers given per fact, most first. */
  answered: { factId: string; count: number }[];
}

/** What the curator loop records: questions Sitrep could not answer, votes, and which facts get used. */
export interface InsightsStore {
  recordUnanswered(e: UnansweredEvent): void;
  recordFeedback(e: FeedbackRecord): void;
  recordAnswered(e: AnsweredEvent): void;
  /** `limit` caps the fact lists; unanswered texts are capped higher so grouping sees enough of them. */
  summary(opts?: { since?: Instant; limit?: number }): Promise<InsightsSummary>;
}

/** Longest text an insights store keeps for any field. */
export const MAX_STORED_TEXT = 500;

const SECRETS = [
  /xox[a-z]-[A-Za-z0-9-]+/g, // Slack bot, user, app-config and refresh tokens
  /xapp-[A-Za-z0-9-]+/g, // Slack app-level tokens
  /[\w-]{24,}\.[\w-]{6}\.[\w-]{27,}/g, // Discord bot tokens
];

/** Replaces anything that looks like a Slack or Discord token with "[redacted]", then bounds the length. */
export function scrubSecrets(text: string, max = MAX_STORED_TEXT): string {
  // cutting first keeps the token patterns linear; the margin lets a token straddling `max` still match whole
  let clean = text.slice(0, max * 2);
  for (const pattern of SECRETS) clean = clean.replace(pattern, '[redacted]');
  return clean.slice(0, max);
}

/** The curator's report: what users asked that Sitrep could not answer, and how its facts fare. */
export function formatReport(summary: InsightsSummary, top = 10): string {
  const period = summary.since ? `since ${summary.since.slice(0, 10)}` : 'all time';
  const groups = groupSimilar(summary.unanswered).slice(0, top);
  const disliked = summary.votes.filter((v) => v.notHelpful > 0).slice(0, top);
  const answered = summary.answered.slice(0, top);
  const none = ['  (none)'];
  const quote = (text: string) => `"${sanitize(text, 120)}"`;
  return [
    `Sitrep insights (${period})`,
    '',
    'Most frequent unanswered questions:',
    ...(groups.length === 0
      ? none
      : groups.flatMap((g) => [
          `  ${g.count}× ${quote(g.representative)}`,
          ...g.questions
            .filter((q) => q.text !== g.representative)
            .slice(0, 3)
            .map((q) => `      ${q.count}× ${quote(q.text)}`),
        ])),
    '',
    'Facts with the most "Not helpful" votes:',
    ...(disliked.length === 0
      ? none
      : disliked.map((v) => `  ${v.factId}: ${v.notHelpful} not helpful, ${v.helpful} helpful`)),
    '',
    'Answers per fact:',
    ...(answered.length === 0 ? none : answered.map((a) => `  ${a.factId}: ${a.count}`)),
  ].join('\n');
}
