import type { AnalyzedQuery, Scored } from './match.js';
import { asksOtherMonth, asksOtherPeriod } from './periods.js';
import { outOfScope } from './scope.js';
import type { SearchIndex } from './search-index.js';
import { asksUnrecordedActor } from './speaker.js';

/**
 * Our own cutoffs on our own scores (fuse.js's `threshold` only filters typo candidates).
 * Tuned on the evaluation set's tuning split; tests/eval enforces the resulting accuracy.
 */
export const CUTOFFS = {
  /** below this the best fact does not answer the question */
  answer: 0.5,
  /** the same, when the question has a word no fact knows ("feeding", "gist"): it may be about that word */
  answerWithUnknown: 0.52,
  /** a runner-up this close to the best is a near-tie */
  tie: 0.03,
  /** the rarest matched word must be in at most ~35% of facts: "china russia" alone is too vague */
  informative: Math.log(1 + 1 / 0.35),
  /** a subject word (name, topic) this rare marks a known subject with an uncovered attribute */
  subject: 2.0,
  /** a subject word of another fact this rare, missing from the best fact ("Putin", asked of the intel release)… */
  foreignSubject: 1.8,
  /** …and carrying this share of the question's weight means the question is about something the fact lacks */
  foreignShare: 0.2,
} as const;

export type Decision =
  | { kind: 'empty' }
  | { kind: 'answered'; best: Scored; confidence: number }
  | { kind: 'ambiguous'; options: Scored[]; confidence: number }
  | { kind: 'unknown'; subject?: { name: string; facts: Scored[] }; confidence: number };

export function decide(index: SearchIndex, query: AnalyzedQuery, ranked: Scored[]): Decision {
  if (query.tokens.length === 0) return { kind: 'empty' };
  const [top] = ranked;
  const cutoff = query.tokens.some((t) => !t.known && !t.generic)
    ? CUTOFFS.answerWithUnknown
    : CUTOFFS.answer;
  const unknown = (): Decision => ({
    kind: 'unknown',
    subject: findSubject(index, query, ranked),
    confidence: top?.score ?? 0,
  });
  if (!top || top.score < cutoff || top.anchor < CUTOFFS.informative) return unknown();
  if (outOfScope(index, query)) return unknown();
  // The top fact may not answer what is asked (another period, speaker or kind of figure): a near-tie that does
  // answer takes its place, and only facts that answer are offered as a choice. When the top fact lacks the kind of
  // number asked for, its stand-in must match the question's most specific word as well: "How much nitrocellulose…"
  // is not about semiconductors just because that fact has numbers.
  const anchor = asksOtherKindOfFigure(query, top) ? top.anchor : CUTOFFS.informative;
  const fits: Scored[] = [];
  for (const r of ranked) {
    if (top.score - r.score >= CUTOFFS.tie || fits.length === 3) break;
    if (r.score >= cutoff && r.anchor >= anchor && answersWhatIsAsked(index, query, r)) fits.push(r);
  }
  const [best, second] = fits;
  if (!best) return unknown();
  if (second && best.score - second.score < CUTOFFS.tie) {
    const options = fits.filter((r) => best.score - r.score < CUTOFFS.tie);
    return { kind: 'ambiguous', options, confidence: best.score };
  }
  const margin = second ? best.score - second.score : best.score;
  return { kind: 'answered', best, confidence: Math.min(1, best.score * (0.8 + Math.min(margin, 0.2))) };
}

/** The fact covers the subject, period, speaker and kind of answer the question asks for. */
function answersWhatIsAsked(index: SearchIndex, query: AnalyzedQuery, candidate: Scored): boolean {
  return !(
    namesOtherSubject(index, query, candidate) ||
    asksOtherPeriod(query, candidate) ||
    asksOtherMonth(query, candidate) ||
    asksUnreportedReaction(query, candidate) ||
    asksUnrecordedActor(index, query, candidate) ||
    namesOtherSource(index, query, candidate) ||
    asksOtherKindOfFigure(query, candidate)
  );
}

/**
 * A "how much / what share / how many / what sum / which firms" question answered by a fact with no number (or no
 * percentage, count, money figure or named firm) would answer something else.
 */
function asksOtherKindOfFigure(query: AnalyzedQuery, candidate: Scored): boolean {
  const { figures, firms, claim } = candidate.entry.fact;
  const q = query.normalized;
  const counting = COUNTING.test(q);
  const counted = figures.some((f) => f.unit === 'count') || COUNT_WORDS.test(claim);
  return (
    (query.intent === 'how-much' && figures.length === 0 && !(counting && counted)) ||
    (query.intent === 'share' && !figures.some((f) => f.unit === 'percent')) ||
    (counting && !counted) ||
    (MONEY.test(q) && !figures.some((f) => f.unit === 'USD' || f.unit === 'GBP')) ||
    (ASKS_FIRMS.test(q) && !firms?.length)
  );
}

/** "…imports came from Germany": the word after "from" names where the goods came from. */
const SOURCE = /\bfrom (?:the )?([a-z]+)/g;

/** The question asks about goods from a country or firm (a subject of some fact) that the fact does not mention. */
function namesOtherSource(index: SearchIndex, query: AnalyzedQuery, candidate: Scored): boolean {
  for (const [, word] of query.corrected.matchAll(SOURCE)) {
    const source = index.tokenize(word as string)[0];
    if (source && index.subjectNames.has(source) && !candidate.entry.weights.has(source)) return true;
  }
  return false;
}

/** The question names a person, place or thing (another fact's subject, or a capitalised name) the fact lacks. */
function namesOtherSubject(index: SearchIndex, query: AnalyzedQuery, candidate: Scored): boolean {
  const total = query.tokens.reduce((n, t) => n + t.weight, 0);
  const foreign = query.tokens
    .filter(
      (t) =>
        t.known &&
        !t.generic &&
        t.weight >= CUTOFFS.foreignSubject &&
        !candidate.entry.weights.has(t.token) &&
        (t.name || index.subjectNames.has(t.token)),
    )
    .reduce((n, t) => n + t.weight, 0);
  return total > 0 && foreign / total >= CUTOFFS.foreignShare;
}

/** A sum of money is asked for ("dollar value", "how much revenue"): a share or a count does not answer it. */
const MONEY =
  /\b(?:usd|dollars?|gbp|pounds? sterling|worth|valued?|costs?|turnover)\b|(?<!pay (?:a|the) )\bprices?\b|\b(?:annual|yearly|total) (?:sales|revenues?|income|earnings)\b/;

/** The question wants companies named ("which Chinese firms…", "names of the groups"). */
const ASKS_FIRMS =
  /\b(?:which|what) (?:(?!(?:did|does|do|is|are|was|were|has|have|the|a)\b)\w+ ){0,2}(?:compan(?:y|ies)|firms?|entit(?:y|ies)|factor(?:y|ies)|groups?(?! of seven)|manufacturers?|makers?|suppliers?|producers?|plants?|vendors?|businesses)\b|\b(?:names? (?:of|the)|list (?:the|all|of)) (?:\w+ ){0,3}?(?:compan(?:y|ies)|firms?|entit(?:y|ies)|factor(?:y|ies)|plants?|groups?|manufacturers?|makers?|suppliers?|producers?)\b/;

/** A claim that counts in words ("AP quoted two officials") answers "how many" too. */
const COUNT_WORDS =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens of|hundreds of) (?:[a-z]+ ){0,3}?(?:officials|entities|groups|firms|companies|people|sources|countries|ministers)\b/i;

/** "How many drones…" asks for a count; "how many of…" is a share and "how many dollars" an amount. */
const COUNTING =
  /\bhow many\b(?! of\b| usd\b| gbp\b| dollars?\b| pounds?\b| percent\b| billion\b| million\b)/;

/** Glossary terms for a reaction: "how did X react / reply / deny". */
const REACTION = ['respons', 'deny'];

/** The question asks how someone reacted, and the fact reports no reaction at all. */
function asksUnreportedReaction(query: AnalyzedQuery, candidate: Scored): boolean {
  return (
    query.tokens.some((t) => REACTION.includes(t.token)) &&
    !REACTION.some((r) => candidate.entry.weights.has(r))
  );
}

/** The known subject (a name or topic) a refused question was about, with the facts about it. */
function findSubject(
  index: SearchIndex,
  query: AnalyzedQuery,
  ranked: Scored[],
): { name: string; facts: Scored[] } | undefined {
  const token = query.tokens
    .filter((t) => t.known && !t.generic && (index.idf.get(t.token) ?? 0) >= CUTOFFS.subject)
    .find((t) => ranked.some((r) => r.entry.subjects.has(t.token)))?.token;
  if (!token) return undefined;
  const facts = ranked.filter((r) => r.entry.subjects.has(token)).slice(0, 3);
  return { name: index.subjectNames.get(token) ?? token.replace(/_/g, ' '), facts };
}
