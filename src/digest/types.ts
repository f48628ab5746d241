import type { Citation, FigureRow } from '../types.js';

/** One fact in "New since your last digest". */
export interface DigestChange {
  factId: string;
  status: 'new' | 'updated';
  /** "According to ..., ..." */
  headline: string;
  date?: string;
  source?: Citation;
}

/** One line of "Latest developments", newest first. */
export interface DigestDevelopment {
  factId: string;
  date: string;
  headline: string;
  source?: Citation;
}

/** A channel's digest, normalized; adapters render it. */
export interface Digest {
  /** "Sitrep digest — 2026-11-28" */
  title: string;
  /** YYYY-MM-DD in the subscription's time zone. */
  date: string;
  changes: DigestChange[];
  /** Changes left out to keep the post short. */
  moreChanges: number;
  /** True when nothing was added or changed since the channel's last digest. */
  nothingNew: boolean;
  /** A briefing asked for in chat: no "new since your last digest" part. */
  briefing?: true;
  figures: FigureRow[];
  developments: DigestDevelopment[];
  /** Publication date of the newest source, YYYY-MM-DD. */
  asOf?: string;
  /** Content hash of every fact, recorded as this channel's "last sent" once the digest is posted. */
  hashes: Record<string, string>;
}

export interface DigestStatus {
  subscribed: boolean;
  /** e.g. "daily 09:00" or a cron expression. */
  schedule?: string;
  timeZone?: string;
  /** ISO instants. */
  nextPost?: string;
  lastPost?: string;
  /** Why posting stopped (channel gone, bot removed), when it did. */
  paused?: { reason: string; at: string };
  lastFailure?: { slot: string; error: string };
}
