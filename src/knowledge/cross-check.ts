import { normalize } from '../text/normalize.js';
import type { Fact, GlossaryEntry, Topic } from '../types.js';
import type { KnowledgeProblem } from './problem.js';

/** What cross-checks need of a fact; one that failed its schema brings only its valid fields. */
export type CheckedFact = Pick<Fact, 'id' | 'file'> &
  Partial<Pick<Fact, 'figures' | 'sources' | 'topics' | 'related'>>;

/** Ids written in items or files that failed to parse: references to them are not reported as unknown. */
export interface Unparsed {
  facts: ReadonlySet<string>;
  /** 'all' when topics.yml could not be read at all. */
  topics: ReadonlySet<string> | 'all';
}

/** Checks that span facts and files: ids, references, sources of figures, glossary loops. */
export function crossCheck(
  kb: { facts: CheckedFact[]; topics: Topic[]; glossary: GlossaryEntry[] },
  context: { glossary: string; unparsed: Unparsed },
): KnowledgeProblem[] {
  const { glossary: glossaryFile, unparsed } = context;
  const problems: KnowledgeProblem[] = [];
  const error = (file: string, message: string, factId?: string, field?: string) =>
    problems.push({ file, factId, field, message, severity: 'error' });

  const topicIds = new Set(kb.topics.map((t) => t.id));
  const knownTopic = (t: string) => topicIds.has(t) || unparsed.topics === 'all' || unparsed.topics.has(t);
  const factIds = new Map<string, string>();
  const figureIds = new Map<string, string>();
  for (const f of kb.facts) {
    const seen = factIds.get(f.id);
    if (seen) error(f.file, `duplicate fact id (also in ${seen})`, f.id, 'id');
    else factIds.set(f.id, f.file);
    f.figures?.forEach((fig, i) => {
      const other = figureIds.get(fig.id);
      if (other)
        error(f.file, `duplicate figure id ${fig.id} (also in fact ${other})`, f.id, `figures.${i}.id`);
      else figureIds.set(fig.id, f.id);
    });
    if (f.figures?.length && f.sources?.length === 0) {
      error(f.file, 'a fact with figures needs at least one source', f.id, 'sources');
    }
    f.topics?.forEach((t, i) => {
      if (!knownTopic(t))
        error(f.file, `unknown topic "${t}" (see knowledge/topics.yml)`, f.id, `topics.${i}`);
    });
  }
  for (const f of kb.facts) {
    f.related?.forEach((r, i) => {
      if (!factIds.has(r) && !unparsed.facts.has(r))
        error(f.file, `related fact "${r}" does not exist`, f.id, `related.${i}`);
      if (r === f.id) error(f.file, 'a fact cannot be related to itself', f.id, `related.${i}`);
    });
  }

  const terms = new Map<string, number>();
  for (const [i, e] of kb.glossary.entries()) terms.set(normalize(e.term), i);
  const owner = new Map<string, string>();
  kb.glossary.forEach((e, i) => {
    e.synonyms.forEach((s, j) => {
      const syn = normalize(s);
      const term = normalize(e.term);
      const field = `glossary.${i}.synonyms.${j}`;
      if (syn === term) error(glossaryFile, `"${s}" is a synonym of itself`, undefined, field);
      else if (terms.has(syn))
        error(glossaryFile, `loop: synonym "${s}" is itself a glossary term`, undefined, field);
      const prev = owner.get(syn);
      if (prev && prev !== term)
        error(glossaryFile, `"${s}" maps to both "${prev}" and "${term}"`, undefined, field);
      owner.set(syn, term);
    });
  });
  return problems;
}
