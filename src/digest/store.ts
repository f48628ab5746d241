/**
 * The digest store port. Synchronous on purpose: the adapter is SQLite (better-sqlite3), whose calls are short.
 * A call that finds the database locked fails fast with an error carrying `busy: true` (src/store-busy.ts); the
 * caller tries again later rather than waiting on the main thread.
 */
import type { Platform } from '../types.js';
import type { Schedule } from './schedule.js';

export interface DigestSubscription extends Schedule {
  /** `${platform}:${channelId}`: one subscription per channel. */
  id: string;
  platform: Platform;
  channelId: string;
  /** `config` subscriptions come from DIGEST_* variables and follow them on restart. */
  origin: 'user' | 'config';
  /** ISO instant; slots before it are never posted. */
  createdAt: string;
  paused?: { reason: string; at: string };
}

export type SlotState = 'claimed' | 'sent' | 'failed';

export interface SlotRecord {
  subscriptionId: string;
  /** ISO instant of the scheduled time. */
  slot: string;
  state: SlotState;
  attempts: number;
  error?: string;
  updatedAt: string;
}

export interface NewSubscription {
  platform: Platform;
  channelId: string;
  schedule: Schedule;
  origin: 'user' | 'config';
  now: Date;
}

export interface DigestStore {
  subscription(id: string): DigestSubscription | undefined;
  subscriptions(): DigestSubscription[];
  /** Creates or replaces the channel's subscription (and un-pauses it). */
  subscribe(s: NewSubscription): DigestSubscription;
  /** Creates it if absent; a config subscription already there takes the configured schedule. */
  ensureConfigured(s: Omit<NewSubscription, 'origin'>): DigestSubscription;
  /** Removes the subscription; what the channel was sent is kept so a re-subscription does not repeat it. */
  unsubscribe(id: string): boolean;
  /** Fact id -> content hash the channel was last sent. */
  sentHashes(id: string): Map<string, string>;
  /**
   * Claims a slot for posting; false when anyone (this or another process) already has it. With a `lease`, the claim
   * lasts until `lease.until` unless renewed: after that, `takeOverSlot` may take it.
   */
  claimSlot(id: string, slot: Date, now: Date, lease?: Lease): boolean;
  /** Takes over a slot still claimed by an owner whose lease ran out (it died mid-post); false otherwise. */
  takeOverSlot(id: string, slot: Date, now: Date, lease: Lease): boolean;
  /** Extends this owner's lease while its post is under way; false when the slot is no longer its own. */
  renewLease(id: string, slot: Date, lease: Lease): boolean;
  recordAttempt(id: string, slot: Date, error: string, now: Date): void;
  /** Marks the slot sent and replaces the channel's sent hashes, in one transaction. */
  markSent(id: string, slot: Date, hashes: Record<string, string>, now: Date): void;
  markFailed(id: string, slot: Date, error: string, now: Date): void;
  pause(id: string, reason: string, now: Date): void;
  /** Lifts a pause, keeping the schedule and what the channel was sent. */
  resume(id: string): void;
  /** Gives back a claimed slot that was not posted, so it can be claimed (and posted) later. */
  releaseSlot(id: string, slot: Date): void;
  /** The newest slot, or the newest in `state`. */
  lastSlot(id: string, state?: SlotState): SlotRecord | undefined;
  slots(id: string): SlotRecord[];
  close(): void;
}

export interface Lease {
  /** Who holds the claim (one id per running scheduler). */
  owner: string;
  until: Date;
}

export const subscriptionId = (platform: Platform, channelId: string) => `${platform}:${channelId}`;
