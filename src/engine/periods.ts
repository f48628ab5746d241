import type { Fact } from '../types.js';
import type { AnalyzedQuery, Scored } from './match.js';

/** The day the fact happened and the days its sources were published (ISO dates). */
const datesOf = (fact: Fact): string[] =>
  [fact.date ?? '', ...fact.sources.map((s) => s.published)].filter(Boolean);

const PERIOD = /^(?:(?:19|20)\d\d|q[1-4])$/;
const WHOLE_YEAR =
  /\b(?:whole|full|entire|all) (?:of )?(?:the )?(?:year|(?:19|20)\d\d)\b|\b(?:annual|annually|yearly|per year|a year(?! ago| earlier| before)|all four quarters|(?:first|second) half|h[12])\b/;

/**
 * The question names a year or quarter the fact never mentions ("machine tools in Q3 2023" of a Q4 2023
 * figure): answering would give another period's figure as if it were the one asked for.
 */
export function asksOtherPeriod(query: AnalyzedQuery, candidate: Scored): boolean {
  const { fact } = candidate.entry;
  // A whole year asked of figures that are all quarterly: a quarter is not the year.
  const quarterly = fact.figures.length > 0 && fact.figures.every((f) => /\bq[1-4]\b/i.test(f.period ?? ''));
  if (quarterly && WHOLE_YEAR.test(query.normalized)) return true;
  const asked = query.tokens.filter((t) => PERIOD.test(t.token)).map((t) => t.token);
  // A figure is asked for: its own periods count, not the year the fact was reported in.
  if ((query.intent === 'how-much' || query.intent === 'share') && fact.figures.length > 0) {
    const periods = fact.figures
      .map((f) => `${f.period ?? ''} ${f.label} ${f.measures}`)
      .join(' ')
      .toLowerCase();
    return asked.some((p) => !periods.includes(p));
  }
  const dated = datesOf(fact).map((d) => d.slice(0, 4));
  return asked.some((p) => !candidate.entry.weights.has(p) && !dated.includes(p));
}

export const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
/** "May" is mostly the verb: only "in May", "May 2024" and the like name the month. */
const MONTH_PATTERNS = MONTHS.map((m) =>
  m === 'may'
    ? /\b(?:in|of|since|early|late|mid|during|by|until|from|last|this) may\b|\bmay (?:\d|of\b)|\b\d+ may\b/
    : new RegExp(`\\b${m}\\b`),
);

/**
 * The question names a month the fact never mentions and was not dated in ("Did Xi visit Europe in May?" of an
 * April fact): the question is about another event.
 */
export function asksOtherMonth(query: AnalyzedQuery, candidate: Scored): boolean {
  const asked = MONTH_PATTERNS.flatMap((pattern, i) => (pattern.test(query.normalized) ? [i] : []));
  if (asked.length === 0) return false;
  const { fact } = candidate.entry;
  const dated = datesOf(fact).map((d) => Number(d.slice(5, 7)) - 1);
  // A quarter covers its months: "Oct-Dec 2023" asks for a Q4 2023 figure.
  for (const f of fact.figures) {
    const quarter = Number(/\bq([1-4])\b/i.exec(f.period ?? '')?.[1] ?? 0);
    if (quarter) dated.push(3 * quarter - 3, 3 * quarter - 2, 3 * quarter - 1);
  }
  const mentioned = `${fact.claim} ${fact.examples.join(' ')} ${fact.figures.map((f) => f.period ?? '').join(' ')}`;
  const text = mentioned.toLowerCase();
  return asked.some((i) => !dated.includes(i) && !text.includes(MONTHS[i] as string));
}
