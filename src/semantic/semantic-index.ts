import type { Fact, KnowledgeBase } from '../types.js';
import { type Embedder, unitLength } from './embedder.js';
import { type EmbedOptions, embedCached, type VectorCache } from './vector-cache.js';

/** How a fact is asked about, in words: what it says, its figures and the phrasings curators wrote for it. */
export function factTexts(fact: Fact): string[] {
  return [
    fact.claim,
    ...fact.figures.map((f) => (f.period ? `${f.label} (${f.period})` : f.label)),
    ...fact.examples,
  ];
}

/** Fact vectors, aligned with `knowledge.facts`. */
export interface SemanticIndex {
  dims: number;
  /** One unit-length mean vector per fact, row after row: a cheap first pass over a large base. */
  centroids: Float32Array;
  /** Every text vector of each fact, row after row. */
  rows: Float32Array[];
  /** Vectors of each fact's `does_not_say` questions: what it looks like but does not answer. */
  misses: Float32Array[];
}

export interface SemanticScore {
  /** Best cosine between the question and one of the fact's texts. */
  best: number;
  /** Mean of the two best: a fact asked about in several ways is a surer match than one lucky phrasing. */
  top2: number;
  /** Cosine with what the fact says (its claim), apart from how people ask about it. */
  claim: number;
  /** Best cosine with one of the questions the fact does not answer; 0 when it lists none. */
  miss: number;
  /** Cosine with the mean of the fact's texts: unlike `best`, about as high for a new fact as for an old one. */
  centroid: number;
}

export async function buildSemanticIndex(
  knowledge: KnowledgeBase,
  embedder: Embedder,
  cache: VectorCache,
  options: EmbedOptions = {},
): Promise<SemanticIndex> {
  const perFact = knowledge.facts.map(factTexts);
  const missTexts = knowledge.facts.map((f) => f.doesNotSay);
  const vectors = await embedCached(embedder, cache, [...perFact.flat(), ...missTexts.flat()], options);
  const dims = vectors[0]?.length ?? 0;
  const centroids = new Float32Array(perFact.length * dims);
  const rows: Float32Array[] = [];
  let at = 0;
  perFact.forEach((texts, i) => {
    const flat = new Float32Array(texts.length * dims);
    const mean = new Float32Array(dims);
    texts.forEach((_, j) => {
      const v = vectors[at++] as Float32Array;
      flat.set(v, j * dims);
      for (let k = 0; k < dims; k++) mean[k] = (mean[k] as number) + (v[k] as number);
    });
    centroids.set(unitLength(mean), i * dims);
    rows.push(flat);
  });
  const misses = missTexts.map((texts) => {
    const flat = new Float32Array(texts.length * dims);
    for (let j = 0; j < texts.length; j++) flat.set(vectors[at++] as Float32Array, j * dims);
    return flat;
  });
  return { dims, centroids, rows, misses };
}

export interface Nearest {
  /** Fact positions, nearest first. */
  facts: number[];
  /** Mean and spread of the question's similarity to every fact: how far the best stand out from the base. */
  mean: number;
  spread: number;
}

/** Facts whose centroid is nearest the question: the semantic side's candidates. */
export function nearestFacts(index: SemanticIndex, question: Float32Array, limit: number): Nearest {
  const n = index.rows.length;
  const sims = new Float32Array(n);
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const s = dotAt(index.centroids, i * index.dims, question);
    sims[i] = s;
    sum += s;
    squares += s * s;
  }
  const mean = n ? sum / n : 0;
  const spread = n ? Math.sqrt(Math.max(0, squares / n - mean * mean)) : 0;
  // Partial selection keeps a 10,000-fact base cheap: only the best `limit` are kept sorted.
  const best: number[] = [];
  for (let i = 0; i < n; i++) {
    if (best.length === limit && (sims[i] as number) <= (sims[best[limit - 1] as number] as number)) continue;
    if (best.length === limit) best.pop();
    let at = best.length;
    while (at > 0 && (sims[best[at - 1] as number] as number) < (sims[i] as number)) at--;
    best.splice(at, 0, i);
  }
  return { facts: best, mean, spread };
}

/** How close the question is to one fact's texts. */
export function semanticScore(index: SemanticIndex, fact: number, question: Float32Array): SemanticScore {
  const flat = index.rows[fact] as Float32Array;
  let first = -1;
  let second = -1;
  for (let at = 0; at < flat.length; at += index.dims) {
    const s = dotAt(flat, at, question);
    if (s > first) [first, second] = [s, first];
    else if (s > second) second = s;
  }
  let miss = 0;
  const misses = index.misses[fact] as Float32Array;
  for (let at = 0; at < misses.length; at += index.dims) miss = Math.max(miss, dotAt(misses, at, question));
  return {
    best: first,
    top2: second < -0.5 ? first : (first + second) / 2,
    claim: dotAt(flat, 0, question),
    miss,
    centroid: dotAt(index.centroids, fact * index.dims, question),
  };
}

function dotAt(flat: Float32Array, offset: number, v: Float32Array): number {
  let sum = 0;
  for (let k = 0; k < v.length; k++) sum += (flat[offset + k] as number) * (v[k] as number);
  return sum;
}
