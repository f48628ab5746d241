/**
 * The digest store port, one implementation over SQLite (default) or PostgreSQL (adapters/store). A call that finds
 * the database locked or unreachable fails fast with an error carrying `busy: true` (src/store-busy.ts); the caller
 * tries again later.
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
  subscription(id: string): Promise<DigestSubscription | undefined>;
  subscriptions(): Promise<DigestSubscription[]>;
  /** Creates or replaces the channel's subscription (and un-pauses it). */
  subscribe(s: NewSubscription): Promise<DigestSubscription>;
  /** Creates it if absent; a config subscription already there takes the configured schedule. */
  ensureConfigured(s: Omit<NewSubscription, 'origin'>): Promise<DigestSubscription>;
  /** Removes the subscription; what the channel was sent is kept so a re-subscription does not repeat it. */
  unsubscribe(id: string): Promise<boolean>;
  /** Fact id -> content hash the channel was last sent. */
  sentHashes(id: string): Promise<Map<string, string>>;
  /**
   * Claims a slot for posting; false when anyone (this or another process) already has it. With a `lease`, the claim
   * lasts until `lease.until` unless renewed: after that, `takeOverSlot` may take it.
   */
  claimSlot(id: string, slot: Date, now: Date, lease?: Lease): Promise<boolean>;
  /** Takes over a slot still claimed by an owner whose lease ran out (it died mid-post); false otherwise. */
  takeOverSlot(id: string, slot: Date, now: Date, lease: Lease): Promise<boolean>;
  /** Extends this owner's lease while its post is under way; false when the slot is no longer its own. */
  renewLease(id: string, slot: Date, lease: Lease): Promise<boolean>;
  recordAttempt(id: string, slot: Date, error: string, now: Date): Promise<void>;
  /** Marks the slot sent and replaces the channel's sent hashes, in one transaction. */
  markSent(id: string, slot: Date, hashes: Record<string, string>, now: Date): Promise<void>;
  markFailed(id: string, slot: Date, error: string, now: Date): Promise<void>;
  pause(id: string, reason: string, now: Date): Promise<void>;
  /** Lifts a pause, keeping the schedule and what the channel was sent. */
  resume(id: string): Promise<void>;
  /** Gives back a claimed slot that was not posted, so it can be claimed (and posted) later. */
  releaseSlot(id: string, slot: Date): Promise<void>;
  /** The newest slot, or the newest in `state`. */
  lastSlot(id: string, state?: SlotState): Promise<SlotRecord | undefined>;
  slots(id: string): Promise<SlotRecord[]>;
  close(): Promise<void>;
}

export interface Lease {
  /** Who holds the claim (one id per running scheduler). */
  owner: string;
  until: Date;
}

export const subscriptionId = (platform: Platform, channelId: string) => `${platform}:${channelId}`;
