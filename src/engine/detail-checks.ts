import type { AnalyzedQuery, Scored } from './match.js';
import { MONTHS } from './periods.js';

/**
 * Questions that ask for a precision a fact may not hold: the names of people, someone's exact words, the day of an
 * event. Each check reads what the fact itself holds, so a fact that does give names, a quote or a day answers.
 */

/** "names of the senior officials", "who were the AP reporters", "which German CEOs", "who did Blinken meet". */
const ROLE =
  '(?:officials?|reporters?|journalists?|ministers?|executives|ceos?|business leaders|diplomats?|counterparts?|delegates?|delegation|authors?|writers?|spokes(?:man|woman|person))';
/** A gap of up to two words that holds no verb: "which two senior officials", not "what do US officials". */
const ADJECTIVES = '(?:(?!(?:do|did|does|is|are|was|were|has|have|had|will|would|can|could)\\b)\\w+ ){0,2}?';
const VERB =
  '(?:say|said|says|think|thought|want|claim|allege|have|had|has|write|wrote|agree|agreed|are|were|do|did)\\b';
/** Firms are named in `firms`; otherKindOfFigure judges questions for them. */
const ABOUT_FIRMS = /\b(?:compan|firm|maker|manufacturer|supplier|entit|outfit|vendor|producer)/;
const ASKS_NAMES = [
  /\b(?:the|their|his|her|a|any|got a|with) names?\b(?! (?:of )?(?:the |a |an )?(?:firms?|compan(?:y|ies)|entit(?:y|ies)|groups?|suppliers?|makers?|manufacturers?|venture|factor(?:y|ies)|plants?|missiles?|drones?|models?|programmes?|programs?|city|venue|place|conference)\b)/,
  new RegExp(
    `\\bwho (?:exactly )?(?:were|was|are|is) (?:the |his |her |their |those |that |this )?${ADJECTIVES}${ROLE}\\b`,
  ),
  new RegExp(`\\b(?:which|what) (?:other )?${ADJECTIVES}${ROLE}\\b(?! ${VERB})`),
  new RegExp(`\\bname (?:the |those |these |any )?${ADJECTIVES}${ROLE}\\b`),
  /\bwho (?:\w+ )?(?:came along|travelled|traveled|went) with\b|\bwho (?:else )?(?:attended|took part|was there)\b/,
];

/** The question wants people named, and the fact names no person beyond those the question already does. */
export function asksNamesNotGiven(query: AnalyzedQuery, candidate: Scored): boolean {
  const q = query.normalized;
  if (ABOUT_FIRMS.test(q) || !ASKS_NAMES.some((p) => p.test(q))) return false;
  const asked = new Set(query.tokens.map((t) => t.token));
  return ![...candidate.entry.people].some((t) => !asked.has(t));
}

/** "word for word", "the exact wording", "his actual words", "what exactly did Xi say". */
const ASKS_WORDING =
  /\bword for word\b|\bverbatim\b|\b(?:exact|actual|precise) (?:words|wording|language|phrasing)\b|\bwhat (?:exactly|precisely) did (?:\w+ ){1,5}?(?:say|tell|write|promise)\b/;
/** A quotation in the claim: words in quotation marks. */
const QUOTED = /["“‘'][^"“”‘’']{4,}["”’']/;

/** The question asks for someone's exact words, and the fact gives them only in its own words. */
export function asksWordingNotGiven(query: AnalyzedQuery, candidate: Scored): boolean {
  return ASKS_WORDING.test(query.normalized) && !QUOTED.test(candidate.entry.fact.claim);
}

/** "on which day", "the exact date", "when exactly", "what time". */
const ASKS_DAY =
  /\b(?:which|what|exact|precise|specific) (?:exact |precise |specific )?(?:day|date|time)\b|\bwhen exactly\b|\bexactly when\b|\bwhat time\b|\bwhich day\b/;
const MONTH = MONTHS.join('|');
/** "12 April", "April 12", "12-14 April", "on the 26th". */
const DAY = new RegExp(
  `\\b\\d{1,2}(?:st|nd|rd|th)?(?:\\s?[-–]\\s?\\d{1,2})? (?:${MONTH})\\b|\\b(?:${MONTH}) \\d{1,2}\\b`,
);

/**
 * The question asks for the day of something, and the fact gives none: its claim names no day, and it is not dated
 * itself, or the question asks about another month than the one it is dated in ("which day in December 2023" of an
 * April fact that mentions a December ban).
 */
export function asksDayNotGiven(query: AnalyzedQuery, candidate: Scored): boolean {
  const { claim, date } = candidate.entry.fact;
  if (!ASKS_DAY.test(query.normalized) || DAY.test(claim.toLowerCase())) return false;
  if (!date) return true;
  const dated = MONTHS[Number(date.slice(5, 7)) - 1] as string;
  return MONTHS.some((m) => m !== dated && new RegExp(`\\b${m}\\b`).test(query.normalized));
}
