import type { GlossaryEntry } from '../types.js';
import { normalize } from './normalize.js';

/** Rewrites synonyms (single words or phrases) into their canonical term, longest phrase first. */
export type Expander = (normalized: string) => string;

export function createExpander(glossary: GlossaryEntry[]): Expander {
  // A phrase term becomes one word ("machine tools" -> "machine_tools") so it counts once, like a single-word term.
  const pairs = glossary
    .flatMap((e) => {
      const term = normalize(e.term);
      const to = term.replace(/ /g, '_');
      return [term, ...e.synonyms.map(normalize)].map((from) => ({ from, to }));
    })
    .filter((p) => p.from.length > 0 && p.from !== p.to)
    .sort((a, b) => b.from.length - a.from.length);
  if (pairs.length === 0) return (s) => s;
  const byFrom = new Map(pairs.map((p) => [p.from, p.to]));
  const pattern = new RegExp(
    `(?<![a-z0-9])(${pairs.map((p) => escapeRegex(p.from)).join('|')})(?![a-z0-9])`,
    'g',
  );
  return (normalized) => normalized.replace(pattern, (m) => byFrom.get(m) ?? m);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
