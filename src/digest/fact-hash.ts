import { createHash } from 'node:crypto';
import type { Fact } from '../types.js';

/**
 * A short hash of what a fact says. Only user-visible content counts: moving a fact to another file or
 * rewording its examples does not make it "updated" in a digest.
 */
export function factHash(fact: Fact): string {
  const content = {
    claim: fact.claim,
    attribution: fact.attribution,
    certainty: fact.certainty,
    figures: fact.figures,
    sources: fact.sources,
    date: fact.date ?? null,
    caveat: fact.caveat ?? null,
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}
