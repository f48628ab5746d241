import { isoDay, pastReview } from '../knowledge/freshness.js';
import type { Answer, Citation, Fact, Topic } from '../types.js';
import { derivedLines, figureLine, variantCaveats } from './format.js';

const LOWER_FIRST = /^(The|A|An|It|Its|There|This|These|Some|Most|More|Over|Nearly|About|Chinese and)\b/;

/** "According to senior US officials, China supplied ..." */
export function headline(fact: Fact): string {
  const claim = LOWER_FIRST.test(fact.claim)
    ? fact.claim[0]?.toLowerCase() + fact.claim.slice(1)
    : fact.claim;
  return `According to ${fact.attribution}, ${claim}`;
}

/** The phrasing users are offered to ask about a fact next. */
export function suggestedQuestion(fact: Fact): string {
  const q = fact.examples.find((e) => e.trim().endsWith('?')) ?? fact.examples[0] ?? fact.claim;
  return q.charAt(0).toUpperCase() + q.slice(1);
}

export function citations(facts: Fact[]): Citation[] {
  return facts.flatMap((f) => f.sources.map((s) => ({ ...s, factId: f.id })));
}

export interface ComposeInput {
  question: string;
  fact: Fact;
  byId: Map<string, Fact>;
  confidence: number;
  /** Figure to show first, e.g. the one a `figure` command named. */
  focusFigureId?: string;
  /** YYYY-MM-DD the answer is given on, for the review-date caveat; defaults to the clock's date. */
  today?: string;
  /** The base's default review period (KnowledgeBase.reviewDays) for facts without `review_by`. */
  reviewDays?: number;
}

/** The clock is a parameter so callers that pass no `today` still get a real date, and tests can pin it. */
export function composeAnswer(
  { question, fact, byId, confidence, focusFigureId, today, reviewDays }: ComposeInput,
  clock: () => Date = () => new Date(),
): Answer {
  const figures = [...fact.figures]
    .sort((a, b) => Number(b.id === focusFigureId) - Number(a.id === focusFigureId))
    .map((f) => figureLine(fact, f));
  const related = fact.related.map((id) => byId.get(id)).filter((f): f is Fact => f !== undefined);
  return {
    kind: 'answered',
    question,
    facts: [fact],
    headline: headline(fact),
    figures: [...figures, ...derivedLines(fact)],
    caveats: [
      ...staleCaveat(fact, today ?? isoDay(clock()), reviewDays),
      // a curated caveat already explains how sources differ; the generated one is the fallback
      ...(fact.caveat ? [fact.caveat] : variantCaveats(fact)),
    ],
    citations: citations([fact]),
    suggestions: related.slice(0, 3).map(suggestedQuestion),
    confidence,
  };
}

function staleCaveat(fact: Fact, today: string, reviewDays?: number): string[] {
  const due = pastReview(fact, today, reviewDays);
  if (!due) return [];
  return [
    `As of ${fact.date ?? fact.added}: this fact is past its review date (${due}) and may be out of date.`,
  ];
}

export function unknownAnswer(
  question: string,
  reason: Extract<Answer, { kind: 'unknown' }>['reason'],
  topics: Topic[],
  extra: { subject?: string; suggestions?: string[]; confidence?: number } = {},
): Answer {
  return {
    kind: 'unknown',
    question,
    reason,
    subject: extra.subject,
    suggestions: extra.suggestions ?? topics.slice(0, 3).map((t) => t.sample),
    topics,
    confidence: extra.confidence ?? 0,
  };
}
