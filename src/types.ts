/** Normalized types every front end speaks. Nothing here knows about Slack or Discord. */

import type { Digest, DigestStatus } from './digest/types.js';
import type { Fact, Source, Topic } from './knowledge/types.js';

export type * from './digest/types.js';
export type * from './knowledge/types.js';

export type Platform = 'slack' | 'discord' | 'console' | 'cli';

/** A question (or command text) as a front end hands it to the core. */
export interface Question {
  text: string;
  platform: Platform;
  channelId: string;
  userId: string;
  threadId?: string;
  /**
   * The conversation the message belongs to (a Slack thread or DM, a Discord thread, reply chain or DM, the console
   * session), chosen by the adapter: a follow-up is read against the last answer given in it.
   */
  conversation?: string;
  /** Whether the asker may change this channel's digest subscription; set by the adapter. Unset means no. */
  canManageDigests?: boolean;
}

/** A figure as shown to users: "over 70%", "$900 million". */
export interface FigureLine {
  figureId: string;
  factId: string;
  label: string;
  text: string;
  period?: string;
  /** True when computed by Sitrep (e.g. share x total), not stated by a source. */
  derived: boolean;
}

export interface Citation extends Source {
  factId: string;
}

export type Answer =
  | {
      kind: 'answered';
      question: string;
      /** The fact answered from, first; supporting facts after it. */
      facts: Fact[];
      /** "According to senior US officials, ..." */
      headline: string;
      figures: FigureLine[];
      caveats: string[];
      citations: Citation[];
      /** Up to three related questions to ask next. */
      suggestions: string[];
      /** Estimated probability (0..1) that this is the fact asked about. */
      confidence: number;
      /** The runner-up, offered as "Not what you meant?" when it too may be what was asked. */
      alternative?: { factId: string; label: string; ask: string };
    }
  | {
      kind: 'ambiguous';
      question: string;
      /** The near-tied candidates; `ask` is a question that selects each one. */
      options: { factId: string; label: string; ask: string }[];
      confidence: number;
    }
  | {
      kind: 'unknown';
      question: string;
      /**
       * `too-long`: cut at the length limit and nothing answerable in what was kept; `not-english`; `forecast`:
       * asks what will happen or what Sitrep thinks, where sources only report what was said.
       */
      reason:
        | 'empty'
        | 'out-of-scope'
        | 'attribute-not-covered'
        | 'no-such-figure'
        | 'too-long'
        | 'not-english'
        | 'forecast';
      /** The known subject the question was about, when the attribute is what is missing. */
      subject?: string;
      /** What the bot can answer instead. */
      suggestions: string[];
      topics: Topic[];
      confidence: number;
    };

export interface FigureRow {
  figureId: string;
  factId: string;
  label: string;
  text: string;
  period?: string;
  outlet: string;
}

export interface SourceRow extends Source {
  factCount: number;
}

export type Command =
  | { name: 'ask'; text: string }
  | { name: 'figure'; text: string }
  | { name: 'figures' }
  | { name: 'sources' }
  | { name: 'help' }
  | { name: 'report' }
  /** The headline figures and latest developments, of every topic or of those `topic` names. */
  | {
      name: 'briefing';
      topic?: string /** Developments shown; a reply-sized briefing by default. */;
      limit?: number;
    }
  | { name: 'digest'; action: DigestAction; schedule: string };

/** `usage` is what an unknown action parses to; `schedule` then holds the unknown word. */
export type DigestAction = 'subscribe' | 'unsubscribe' | 'status' | 'preview' | 'usage';

/** What the core returns for any command; adapters render it. */
export type Reply =
  | { kind: 'answer'; answer: Answer }
  | { kind: 'figures'; rows: FigureRow[] }
  | { kind: 'sources'; sources: SourceRow[] }
  | { kind: 'help'; usage: { command: string; description: string }[]; topics: Topic[]; examples: string[] }
  /** `forAskerOnly`: a preview is shown to the asker, never posted in the channel. */
  | { kind: 'digest'; digest: Digest; forAskerOnly?: true }
  | { kind: 'digest-status'; status: DigestStatus }
  /**
   * Something the user can fix, e.g. "figure needs a name". `forAskerOnly` (the curator report) may be shown only
   * to the asker, whichever way it was asked (a mention, a shared or tampered button).
   */
  | { kind: 'notice'; text: string; forAskerOnly?: true };

/** A reply that must never be posted where others can see it. */
export const forAskerOnly = (reply: Reply): boolean =>
  (reply.kind === 'digest' || reply.kind === 'notice') && reply.forAskerOnly === true;

export interface FeedbackEvent {
  helpful: boolean;
  factId?: string;
  question: string;
  platform: Platform;
  channelId: string;
  userId: string;
}

/** Structured log port; the composition root decides where it goes. */
export interface Logger {
  info(msg: string, ctx?: Record<string, unknown>): void;
  warn(msg: string, ctx?: Record<string, unknown>): void;
  error(msg: string, ctx?: Record<string, unknown>): void;
}
