import type { Fact } from '../types.js';

const DAY_MS = 86_400_000;

/** What an answer needs to say "As of …" on a fact past its review date. */
export interface Freshness {
  /** YYYY-MM-DD */
  today: string;
  reviewDays?: number;
}

/** YYYY-MM-DD of an instant (UTC), or the string itself when it already is a date. */
export function isoDay(today: Date | string): string {
  return typeof today === 'string' ? today.slice(0, 10) : today.toISOString().slice(0, 10);
}

/** The date a fact is due for review: its own `review_by`, else `added` plus the base default, else none. */
export function reviewDate(fact: Pick<Fact, 'added' | 'reviewBy'>, reviewDays?: number): string | undefined {
  if (fact.reviewBy) return fact.reviewBy;
  if (reviewDays === undefined) return undefined;
  const added = Date.parse(`${fact.added}T00:00:00Z`);
  if (Number.isNaN(added)) return undefined;
  return new Date(added + reviewDays * DAY_MS).toISOString().slice(0, 10);
}

/** The review date when it has passed on `today`; a fact is still fresh on its review date itself. */
export function pastReview(
  fact: Pick<Fact, 'added' | 'reviewBy'>,
  today: Date | string,
  reviewDays?: number,
): string | undefined {
  const due = reviewDate(fact, reviewDays);
  return due !== undefined && isoDay(today) > due ? due : undefined;
}
