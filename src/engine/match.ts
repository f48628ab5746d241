import { isGeneric, isStopword, normalize, stem } from '../text/normalize.js';
import { detectIntent, type Intent } from './intent.js';
import { LEXICAL } from './lexical-constants.js';
import { MONTHS } from './periods.js';
import { GENERIC_WEIGHT, type IndexedFact, type Phrase, type SearchIndex } from './search-index.js';
import { type Correction, correctTypo, stopwordTypo } from './typo.js';

const stopwordFix = (w: string): Correction | null => {
  const word = stopwordTypo(w);
  return word ? { token: word, distance: 1 } : null;
};

const TYPO_PENALTY = 0.02;
/** An unknown word weighs about as much as the rarest known word: it may well be what the question is about. */
const UNKNOWN_WEIGHT = 0.8;
/** An unknown name (capitalised mid-sentence: "India", "EU") is even more likely to be the point of the question. */
const UNKNOWN_NAME_WEIGHT = 1.5;
/** Beyond this, a question is not a question but a paste; only its start is matched. */
export const MAX_QUERY_CHARS = 500;

export interface QueryToken {
  token: string;
  weight: number;
  known: boolean;
  generic: boolean;
  /** Written capitalised mid-sentence: probably a person, place or organisation. */
  name: boolean;
  /** A name found in no fact or glossary entry: someone or something we know nothing of. */
  unknownName: boolean;
  /** Written in capitals ("USG", "DIB"): jargon as often as a name. */
  acronym: boolean;
}

export interface AnalyzedQuery {
  /** The question as typed, cut at MAX_QUERY_CHARS. */
  text: string;
  normalized: string;
  /** `normalized` with typos corrected */
  corrected: string;
  tokens: QueryToken[];
  intent: Intent;
  corrections: number;
  /** "Is the LME still taking…?": a yes-or-no question, which asks for no number */
  yesNo: boolean;
}

export interface Scored {
  entry: IndexedFact;
  score: number;
  /** idf of the rarest matched word that is not generic: how specific the match is */
  anchor: number;
  /** Share of the question's weight the fact holds, by field weight. */
  coverage: number;
  /** Overlap with the fact's closest example phrasing, 0..1. */
  example: number;
}

export function analyze(
  index: SearchIndex,
  text: string,
  cache: Map<string, Correction | null>,
): AnalyzedQuery {
  const clipped = text.slice(0, MAX_QUERY_CHARS);
  const normalized = normalize(clipped);
  const names = namesIn(clipped);
  const acronyms = acronymsIn(clipped);
  let corrections = 0;
  const words = normalized.split(' ').map((w) => {
    const known = index.surface.has(w) || index.postings.has(stem(w));
    if (w.length === 0 || isStopword(w) || known) return w;
    const fix = stopwordFix(w) ?? correctTypo(index, w, cache);
    if (!fix) return w;
    corrections += fix.distance;
    return fix.token;
  });
  const seen = new Set<string>();
  const tokens: QueryToken[] = [];
  const corrected = words.join(' ');
  for (const token of index.tokenize(corrected)) {
    if (seen.has(token)) continue;
    seen.add(token);
    const idf = index.idf.get(token);
    const generic = isGeneric(token);
    const acronym = acronyms.has(token);
    const name = names.has(token) && !acronym;
    const unknown = (name ? UNKNOWN_NAME_WEIGHT : UNKNOWN_WEIGHT) * index.maxIdf;
    const weight = (idf ?? unknown) * (generic ? GENERIC_WEIGHT : 1);
    tokens.push({
      token,
      weight,
      known: idf !== undefined,
      generic,
      name,
      unknownName: idf === undefined && name,
      acronym,
    });
  }
  const yesNo = /^(?:is|are|was|were|can|could|does|do|did|has|have|will|may|should) /.test(normalized);
  return {
    text: clipped,
    normalized,
    corrected,
    tokens,
    intent: detectIntent(normalized),
    corrections,
    yesNo,
  };
}

/** Months and weekdays are capitalised but name no one; periods.ts judges them. */
const CALENDAR = new Set(
  [...MONTHS, ...'monday tuesday wednesday thursday friday saturday sunday'.split(' ')].map(stem),
);

/** Stemmed tokens of short words in capitals ("USG", "RFs", "SecState" is a name). */
function acronymsIn(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\b\p{Lu}{2,5}s?\b/gu)) out.add(stem(normalize(m[0])));
  return out;
}

/** Stemmed tokens of words written capitalised after the first word of a sentence. */
function namesIn(text: string): Set<string> {
  const names = new Set<string>();
  // In Title Case or ALL CAPS, capitals say nothing about names.
  const words = text.match(/\p{L}+/gu) ?? [];
  if (words.filter((w) => /^\p{Lu}/u.test(w)).length >= words.length * 0.75) return names;
  for (const m of text.matchAll(/(?<=[\p{Ll}\d,;:'"()]\s+)\p{Lu}[\p{L}\d]*/gu)) {
    const token = stem(normalize(m[0]));
    if (!CALENDAR.has(token)) names.add(token);
  }
  return names;
}

/** Scores every fact sharing a specific word with the query, best first. */
export function score(index: SearchIndex, query: AnalyzedQuery): Scored[] {
  // Only facts sharing a specific word can be lexical candidates, so common words add none.
  const candidates = new Set<number>();
  for (const t of query.tokens) {
    if (t.generic || (index.idf.get(t.token) ?? 0) < LEXICAL.informative) continue;
    for (const i of index.postings.get(t.token) ?? []) candidates.add(i);
  }
  return scoreFacts(index, query, candidates);
}

/**
 * Lexical scores of the given facts (indexes into `index.facts`), best first. Coverage first; the example overlap
 * adds at most 0.25, so a fact that cannot come within a near-tie of the leader keeps its lower bound and skips the
 * costly example scan (thousands of candidates in a big base).
 */
export function scoreFacts(index: SearchIndex, query: AnalyzedQuery, facts: Iterable<number>): Scored[] {
  const total = query.tokens.reduce((sum, t) => sum + t.weight, 0);
  if (total === 0) return [];
  const partial: Scored[] = [];
  let leader = 0;
  for (const i of facts) {
    const entry = index.facts[i] as IndexedFact;
    let covered = 0;
    let anchor = 0;
    for (const t of query.tokens) {
      const w = entry.weights.get(t.token);
      if (w === undefined) continue;
      covered += t.weight * w;
      if (!t.generic) anchor = Math.max(anchor, t.weight);
    }
    const base = 0.75 * (covered / total) + intentBonus(entry, query) - TYPO_PENALTY * query.corrections;
    leader = Math.max(leader, base);
    partial.push({ entry, score: base, anchor, coverage: covered / total, example: 0 });
  }
  for (const r of partial) {
    r.example = r.score + 0.25 < leader - LEXICAL.tie ? 0 : closestPhrase(r.entry.examples, query, total);
    r.score = Math.max(0, Math.min(1, r.score + 0.25 * r.example));
  }
  return partial.sort((a, b) => b.score - a.score);
}

/**
 * Overlap with the closest of `phrases` (a fact's examples or `does_not_say` questions), penalising its words the
 * query lacks. `total`: the query's token weights summed.
 */
export function closestPhrase(phrases: Phrase[], query: AnalyzedQuery, total: number): number {
  let best = 0;
  for (const example of phrases) {
    let shared = 0;
    let sharedExampleWeight = 0;
    for (const t of query.tokens) {
      if (!example.tokens.has(t.token)) continue;
      shared += t.weight;
      sharedExampleWeight += t.known ? t.weight : 0;
    }
    const missing = Math.max(0, example.weight - sharedExampleWeight);
    best = Math.max(best, shared / (total + 0.5 * missing));
  }
  return best;
}

function intentBonus(entry: IndexedFact, query: AnalyzedQuery): number {
  const { fact } = entry;
  switch (query.intent) {
    case 'share':
      return fact.figures.some((f) => f.unit === 'percent') ? 0.03 : 0;
    case 'how-much':
      return fact.figures.length > 0 ? 0.03 : 0;
    case 'when':
      return fact.date ? 0.02 : 0;
    case 'who':
      return fact.entities.length > 2 ? 0.02 : 0;
    default:
      // A general question is best answered by the headline fact, the one with the numbers; a yes-or-no question
      // ("Is the LME still taking Russian metal?") asks for no number.
      return fact.figures.length > 0 && !query.yesNo ? 0.03 : 0;
  }
}
