/** The tables both databases hold, for Kysely's typed queries. Times are ISO instants stored as text. */
import type { Generated } from 'kysely';

export interface SubscriptionsTable {
  id: string;
  platform: string;
  channel_id: string;
  cron: string;
  time_zone: string;
  label: string;
  origin: string;
  created_at: string;
  paused_at: string | null;
  pause_reason: string | null;
}

export interface SentFactsTable {
  subscription_id: string;
  fact_id: string;
  hash: string;
  sent_at: string;
}

export interface SlotsTable {
  subscription_id: string;
  slot_time: string;
  state: string;
  attempts: number;
  error: string | null;
  updated_at: string;
  owner: string | null;
  lease_until: string | null;
}

/** Ids of platform events already handled (Slack event ids), so a retry reaching another instance is dropped. */
export interface HandledEventsTable {
  id: string;
  expires_at: string;
}

export interface ConversationsTable {
  key: string;
  context: string;
  expires_at: string;
}

export interface UnansweredTable {
  id: Generated<number>;
  at: string;
  platform: string;
  channel_id: string;
  reason: string;
  question: string;
}

export interface FeedbackTable {
  id: Generated<number>;
  at: string;
  platform: string;
  channel_id: string;
  helpful: number;
  fact_id: string | null;
  question: string;
}

export interface AnsweredTable {
  id: Generated<number>;
  at: string;
  platform: string;
  fact_id: string;
}

export interface Schema {
  subscriptions: SubscriptionsTable;
  sent_facts: SentFactsTable;
  slots: SlotsTable;
  handled_events: HandledEventsTable;
  conversations: ConversationsTable;
  unanswered: UnansweredTable;
  feedback: FeedbackTable;
  answered: AnsweredTable;
}
