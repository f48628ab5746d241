import { contentTokens, normalize } from './text/normalize.js';

export interface QuestionGroup {
  /** The most frequent wording in the group. */
  representative: string;
  /** Total count over every wording. */
  count: number;
  /** Every wording with its count, most frequent first. */
  questions: { text: string; count: number }[];
}

/** Token-set Jaccard at or above this puts two questions in one group. */
const SIMILAR = 0.5;

interface Item {
  text: string;
  count: number;
  key: string;
  tokens: string[];
}

/**
 * Groups questions that ask the same thing in different words. Each question joins the first group whose
 * representative is similar enough (leader clustering), so the result does not depend on input order.
 */
export function groupSimilar(questions: { text: string; count: number }[]): QuestionGroup[] {
  const items: Item[] = questions
    .map(({ text, count }) => {
      const key = normalize(text);
      return { text, count, key, tokens: [...new Set(contentTokens(key))].sort() };
    })
    .sort((a, b) => b.count - a.count || compare(a.text, b.text));
  const groups: { leader: Item; members: Item[] }[] = [];
  for (const item of items) {
    const group = groups.find((g) => similar(g.leader, item));
    if (group) group.members.push(item);
    else groups.push({ leader: item, members: [item] });
  }
  return groups
    .map(({ leader, members }) => ({
      representative: leader.text,
      count: members.reduce((n, m) => n + m.count, 0),
      questions: members.map(({ text, count }) => ({ text, count })),
    }))
    .sort((a, b) => b.count - a.count || compare(a.representative, b.representative));
}

function similar(a: Item, b: Item): boolean {
  if (a.tokens.length === 0 || b.tokens.length === 0) return a.key === b.key;
  return fuzzyJaccard(a.tokens, b.tokens) >= SIMILAR;
}

/** Jaccard over token sets where a typo (same first letter, small edit distance) counts as the same token. */
export function fuzzyJaccard(a: string[], b: string[]): number {
  const unused = [...b];
  let shared = 0;
  for (const t of a) {
    const i = unused.findIndex((u) => closeTokens(t, u));
    if (i >= 0) {
      unused.splice(i, 1);
      shared++;
    }
  }
  return shared / (a.length + b.length - shared);
}

// like the engine's typo rule, a typo keeps its first letter and words with digits never match loosely
function closeTokens(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 3 || a[0] !== b[0] || /\d/.test(a + b)) return false;
  const allowed = shorter >= 8 ? 2 : 1;
  return Math.abs(a.length - b.length) <= allowed && editDistance(a, b, allowed) <= allowed;
}

/** Levenshtein distance, giving up early once it exceeds `cap`. */
function editDistance(a: string, b: string, cap: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    if (Math.min(...row) > cap) return cap + 1;
    prev = row;
  }
  return prev[b.length] ?? cap + 1;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
