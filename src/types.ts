/** Normalized types every front end speaks. Nothing here knows about Slack or Discord. */

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

export interface Source {
  title: string;
  outlet: string;
  url?: string;
  /** ISO date, YYYY-MM-DD */
  published: string;
}

export type Qualifier = 'over' | 'nearly' | 'about' | 'exactly' | 'up to' | 'at least';
export type Unit = 'percent' | 'USD' | 'GBP' | 'count';

export interface Figure {
  /** Stable id, unique across the base, e.g. `machine-tools-china-share`. */
  id: string;
  /** Short name users look figures up by, e.g. "China's share of Russia's machine-tool imports". */
  label: string;
  value: number;
  unit: Unit;
  qualifier?: Qualifier;
  /** e.g. "Q4 2023", "2023", "March 2024" */
  period?: string;
  /** What the number measures, in words. */
  measures: string;
  /** Other reported wordings, e.g. AP's "nearly 70%" where the main one is "over 70%". */
  variants?: { qualifier: Qualifier; value: number; outlets: string[] }[];
}

/** How sure the one who asserts the claim is, or how established it is. */
export type Certainty = 'official-action' | 'asserted' | 'likely' | 'reported' | 'disputed';

export interface Fact {
  id: string;
  claim: string;
  /** Who asserts it, as it should read after "According to", e.g. "senior US officials". */
  attribution: string;
  certainty: Certainty;
  figures: Figure[];
  topics: string[];
  /** Countries, governments, people and outlets the fact is about. */
  entities: string[];
  /** Companies and institutes the fact names: only such a fact answers "which firms…?". */
  firms?: string[];
  /** Phrasings users might type; never copied from an evaluation set. */
  examples: string[];
  /**
   * Questions about the same subject that this fact, and the base, do not answer ("how long did the call last?"):
   * a question closer to these than to the examples is refused.
   */
  doesNotSay: string[];
  sources: Source[];
  /** ISO date the event or statement happened, when known. */
  date?: string;
  /** ISO date the fact was added to the base. */
  added: string;
  /** ISO date after which the fact should be re-checked (`review_by`); unset falls back to the base default. */
  reviewBy?: string;
  /** Where sources differ or one outlet's wording is loose, said briefly (naming the outlet). */
  caveat?: string;
  /** Ids of facts worth suggesting next. */
  related: string[];
  /** File the fact was loaded from (set by the loader). */
  file: string;
}

export interface Topic {
  id: string;
  label: string;
  description: string;
  /** A question that shows what the bot can answer on this topic. */
  sample: string;
}

export interface GlossaryEntry {
  /** The canonical term synonyms expand to, e.g. "microelectronics". */
  term: string;
  synonyms: string[];
}

export type EntityKind = 'person' | 'government' | 'body' | 'exchange' | 'firm' | 'country';

/** Who or what a name in facts' `entities` or `firms` is, in one line, with where that is reported. */
export interface EntityEntry {
  /** As written in facts' `entities` or `firms`, e.g. "Kurt Campbell". */
  name: string;
  /** Other spellings users type, e.g. "Campbell", "Chicago Mercantile Exchange". */
  aliases: string[];
  kind: EntityKind;
  /** One line, e.g. "US Deputy Secretary of State". */
  description: string;
  source: Omit<Source, 'title'> & { title?: string };
}

export interface KnowledgeBase {
  facts: Fact[];
  topics: Topic[];
  glossary: GlossaryEntry[];
  /**
   * knowledge/entities.yml. The loader always sets it (empty when the file is missing); optional only so bases
   * built by hand, e.g. in tests, need not list it.
   */
  entities?: EntityEntry[];
  /** Days after `added` a fact without `review_by` is due for review (knowledge/freshness.yml). */
  reviewDays?: number;
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
