import { asksDayNotGiven, asksNamesNotGiven, asksWordingNotGiven } from './detail-checks.js';
import { LEXICAL } from './lexical-constants.js';
import type { AnalyzedQuery, Scored } from './match.js';
import { asksOtherMonth, asksOtherPeriod, MONTHS } from './periods.js';
import type { SearchIndex } from './search-index.js';
import { asksUnrecordedActor } from './speaker.js';

/**
 * Ways a fact can resemble a question without answering it. Each is one signal for the learned decision
 * (features.ts), never a veto on its own.
 */
export type FitCheck = (index: SearchIndex, query: AnalyzedQuery, candidate: Scored) => boolean;

/** Named so that `ask --explain` and the model file read the same. */
export const FIT_CHECKS = {
  otherSubject: namesOtherSubject,
  otherPeriod: (_, q, c) => asksOtherPeriod(q, c),
  otherMonth: (_, q, c) => asksOtherMonth(q, c),
  unreportedReaction: (_, q, c) => asksUnreportedReaction(q, c),
  unrecordedActor: asksUnrecordedActor,
  otherSource: namesOtherSource,
  otherKindOfFigure: (_, q, c) => asksOtherKindOfFigure(q, c),
  namesNotGiven: (_, q, c) => asksNamesNotGiven(q, c),
  wordingNotGiven: (_, q, c) => asksWordingNotGiven(q, c),
  dayNotGiven: (_, q, c) => asksDayNotGiven(q, c),
} satisfies Record<string, FitCheck>;

/**
 * A "how much / what share / how many / what sum / which firms" question answered by a fact with no number (or no
 * percentage, count, money figure or named firm) would answer something else.
 */
function asksOtherKindOfFigure(query: AnalyzedQuery, candidate: Scored): boolean {
  const { figures, firms, claim, date } = candidate.entry.fact;
  const q = query.corrected;
  const counting = COUNTING.test(q);
  const counted =
    figures.some((f) => f.unit === 'count') ||
    COUNT_WORDS.test(claim) ||
    (COUNTS_FIRMS.test(q) && (firms?.length ?? 0) > 0) ||
    (TIME_UNITS.test(q) && (DATE_SPAN.test(claim) || (INTERVAL.test(q) && (date || DATE.test(claim)))));
  return (
    (query.intent === 'how-much' && !query.yesNo && figures.length === 0 && !(counting && counted)) ||
    (query.intent === 'share' && !figures.some((f) => f.unit === 'percent')) ||
    (counting && !counted) ||
    (MONEY.test(q) && !figures.some((f) => f.unit === 'USD' || f.unit === 'GBP')) ||
    (ASKS_FIRMS.test(q) && !firms?.length) ||
    asksOtherCurrency(
      q,
      figures.map((f) => f.unit),
    )
  );
}

/** Currencies by the words people use for them; a figure in one is not a figure in another. */
const CURRENCIES: [string, RegExp][] = [
  ['USD', /\b(?:usd|dollars?)\b/],
  ['GBP', /\b(?:gbp|pounds? sterling|sterling|pounds)\b/],
  ['EUR', /\b(?:eur|euros?)\b/],
  ['CNY', /\b(?:cny|rmb|yuan|renminbi)\b/],
  ['RUB', /\b(?:rub|roubles?|rubles?)\b/],
  ['JPY', /\b(?:jpy|yen)\b/],
];

/** "…in euros": the question names a currency that none of the fact's figures is in. */
function asksOtherCurrency(q: string, units: string[]): boolean {
  const asked = CURRENCIES.filter(([, pattern]) => pattern.test(q)).map(([unit]) => unit);
  return asked.some((unit) => !units.includes(unit));
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
        t.weight >= LEXICAL.foreignSubject &&
        !candidate.entry.weights.has(t.token) &&
        (t.name || index.subjectNames.has(t.token)),
    )
    .reduce((n, t) => n + t.weight, 0);
  return total > 0 && foreign / total >= LEXICAL.foreignShare;
}

/** A sum of money is asked for ("dollar value", "how much revenue"): a share or a count does not answer it. */
const MONEY =
  /\b(?:usd|dollars?|gbp|pounds? sterling|worth|costs?|turnover)\b|(?<!by )\bvalued?\b|(?<!pay (?:a|the) )\bprices?\b|\b(?:annual|yearly|total) (?:sales|revenues?|income|earnings)\b/;

/** The question wants companies named ("which Chinese firms…", "names of the groups"). */
const ASKS_FIRMS =
  /\b(?:which|what) (?:(?!(?:did|does|do|is|are|was|were|has|have|the|a|to|for|about|with|of|from|in|on|by)\b)\w+ ){0,2}(?:compan(?:y|ies)|firms?|entit(?:y|ies)|factor(?:y|ies)|groups?(?! of seven)|manufacturers?|makers?|suppliers?|producers?|plants?|vendors?|businesses)\b|\b(?:names? (?:of|the)|list (?:the|all|of)) (?:\w+ ){0,3}?(?:compan(?:y|ies)|firms?|entit(?:y|ies)|factor(?:y|ies)|plants?|groups?|manufacturers?|makers?|suppliers?|producers?)\b/;

/** A claim that counts in words ("AP quoted two officials") answers "how many" too. */
const COUNT_WORDS =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens of|hundreds of) (?:[a-z]+ ){0,3}?(?:officials|entities|groups|firms|companies|people|sources|countries|ministers)\b/i;

/** "How many drones…" asks for a count; "how many of…" is a share and "how many dollars" an amount. */
const COUNTING =
  /\bhow many\b(?! of\b| usd\b| gbp\b| dollars?\b| pounds?\b| percent(?:age)?\b| billions?\b| millions?\b| trillions?\b)/;

/** "How many firms were named": a fact that names them gives the count. */
const COUNTS_FIRMS =
  /\bhow many (?:\w+ )?(?:firms|companies|entities|groups|suppliers|makers|manufacturers)\b/;

/** "How many days…" is a length of time: a span of dates ("from 17 to 19 April") gives it. */
const TIME_UNITS = /\bhow many (?:hours|days|nights|weeks|months|years)\b/;
/** "How many days before the briefing…": the distance between two dated events. */
const INTERVAL = /\b(?:before|after|earlier|later|ahead of|since|between)\b/;
const DATE = new RegExp(
  `\\b\\d{1,2} (?:${MONTHS.map((m) => m[0]?.toUpperCase() + m.slice(1)).join('|')})\\b`,
);
const DATE_SPAN =
  /\b(?:from|between) \d{1,2}(?: [A-Z][a-z]+)? (?:to|and|until) \d{1,2} [A-Z][a-z]+\b|\b\d{1,2}\s?[-–]\s?\d{1,2} [A-Z][a-z]+\b/;

/** Glossary terms for a reaction: "how did X react / reply / deny". */
const REACTION = ['respons', 'deny'];

/** The question asks how someone reacted, and the fact reports no reaction at all. */
function asksUnreportedReaction(query: AnalyzedQuery, candidate: Scored): boolean {
  return (
    query.tokens.some((t) => REACTION.includes(t.token)) &&
    !REACTION.some((r) => candidate.entry.weights.has(r))
  );
}
