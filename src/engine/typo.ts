import { stopwords } from '../text/normalize.js';
import type { SearchIndex } from './search-index.js';

/** Damerau-Levenshtein distance (optimal string alignment), small strings only. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    const prev = d[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = v;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

export interface Correction {
  token: string;
  distance: number;
}

/**
 * The vocabulary word a misspelt token most likely meant. fuse.js proposes candidates; we accept one only
 * within a small edit distance, because a loose match ("oil" -> "optics") would put a foreign question in scope.
 */
export function correctTypo(
  index: SearchIndex,
  token: string,
  cache: Map<string, Correction | null>,
): Correction | null {
  if (token.length < 4 || /\d/.test(token)) return null;
  const cached = cache.get(token);
  if (cached !== undefined) return cached;
  const allowed = token.length >= 8 ? 2 : 1;
  // A four-letter word is only trusted as a dropped letter ("chin" -> "china"), never as a changed one.
  const fits = (word: string) => token.length > 4 || word.length === 5;
  const vocabulary = index.vocabulary.get(token[0] as string);
  // fuse.js ranks by shared runs of letters, so a short word with a dropped letter ("chna") can rank below longer
  // words that share more ("charges"): words of about the token's length are checked as well.
  const proposed = new Set([
    ...(vocabulary?.fuse.search(token, { limit: 8 }).map((hit) => hit.item) ?? []),
    ...(token.length <= 7
      ? (vocabulary?.words.filter((w) => Math.abs(w.length - token.length) <= allowed) ?? [])
      : []),
  ]);
  let best: Correction | null = null;
  for (const word of proposed) {
    const distance = editDistance(token, word);
    if (distance > allowed || !fits(word)) continue;
    if (!best || distance < best.distance) best = { token: word, distance };
  }
  if (cache.size > 5000) cache.clear();
  cache.set(token, best);
  return best;
}

const VOWEL = /[aeiou]/;

/**
 * A misspelt function word ("whn", "abuot", "thier", "whan"): unknown words weigh as much as the rarest known one, so
 * an uncorrected "whn" would look like the point of the question. Tried before the base's words: "whan" is far more
 * often "when" than "Wuhan".
 */
export function stopwordTypo(token: string): string | undefined {
  if (token.length < 3 || token.length > 7 || /\d/.test(token)) return undefined;
  const swapped = (word: string) =>
    word.length === token.length && [...word].sort().join() === [...token].sort().join();
  /**
   * How likely a slip `word` -> `token` is, lower first: a dropped or swapped letter, then (from four letters) a
   * vowel typed for a vowel ("whan": "when" before "what"), then any changed letter. Undefined for a letter too many:
   * "wheat" is a word, not "what" misspelt.
   */
  const slip = (word: string) => {
    if (word.length === token.length + 1 || swapped(word)) return 0;
    if (word.length !== token.length || token.length < 4) return undefined;
    const at = [...word].findIndex((c, k) => c !== token[k]);
    return VOWEL.test(word[at] ?? '') && VOWEL.test(token[at] ?? '') ? 1 : 2;
  };
  let best: { word: string; rank: number } | undefined;
  for (const word of stopwords()) {
    if (word.length < 3 || word[0] !== token[0] || editDistance(token, word) !== 1) continue;
    const rank = slip(word);
    if (rank !== undefined && (!best || rank < best.rank)) best = { word, rank };
  }
  return best?.word;
}
