/** Fixed properties of the lexical signal. The answer/refuse decision is learned (decide.ts), not cut here. */
export const LEXICAL = {
  /** Only facts sharing a word in at most ~35% of facts are candidates: "china russia" alone matches everything. */
  informative: Math.log(1 + 1 / 0.35),
  /** Lexical scores this close are too close to skip a fact's example scan. */
  tie: 0.03,
  /** A subject word (name, topic) this rare marks a known subject (for "I know about X, but…"). */
  subject: 2.0,
  /** A subject word of another fact at least this rare, missing from the candidate, names something else… */
  foreignSubject: 1.8,
  /** …when it carries this share of the question's weight. */
  foreignShare: 0.2,
} as const;
