/** The curated fact base, as the loader hands it to the core. */

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
