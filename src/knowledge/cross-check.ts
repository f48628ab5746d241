import { normalize, stem } from '../text/normalize.js';
import type { Fact, GlossaryEntry, Topic } from '../types.js';
import type { KnowledgeProblem } from './load.js';

/** Checks that span facts and files: ids, references, sources of figures, glossary loops. */
export function crossCheck(
  kb: { facts: Fact[]; topics: Topic[]; glossary: GlossaryEntry[]; outside?: string[] },
  paths: { glossary: string; outside: string },
): KnowledgeProblem[] {
  const glossaryFile = paths.glossary;
  const problems: KnowledgeProblem[] = [];
  const error = (file: string, message: string, factId?: string, field?: string) =>
    problems.push({ file, factId, field, message, severity: 'error' });

  const topicIds = new Set(kb.topics.map((t) => t.id));
  const factIds = new Map<string, string>();
  const figureIds = new Map<string, string>();
  for (const f of kb.facts) {
    const seen = factIds.get(f.id);
    if (seen) error(f.file, `duplicate fact id (also in ${seen})`, f.id, 'id');
    else factIds.set(f.id, f.file);
    f.figures.forEach((fig, i) => {
      const other = figureIds.get(fig.id);
      if (other)
        error(f.file, `duplicate figure id ${fig.id} (also in fact ${other})`, f.id, `figures.${i}.id`);
      else figureIds.set(fig.id, f.id);
    });
    if (f.figures.length > 0 && f.sources.length === 0) {
      error(f.file, 'a fact with figures needs at least one source', f.id, 'sources');
    }
    f.topics.forEach((t, i) => {
      if (!topicIds.has(t))
        error(f.file, `unknown topic "${t}" (see knowledge/topics.yml)`, f.id, `topics.${i}`);
    });
  }
  for (const f of kb.facts) {
    f.related.forEach((r, i) => {
      if (!factIds.has(r)) error(f.file, `related fact "${r}" does not exist`, f.id, `related.${i}`);
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
  // A warning, not an error: a curator adding a fact about zinc should not be blocked; the word simply stops
  // counting as outside (search-index.ts drops known words).
  for (const [word, where] of outsideConflicts(kb)) {
    const message = `"${word}" is not outside the fact base: ${where} uses it; remove it from the list`;
    problems.push({ file: paths.outside, field: 'outside', message, severity: 'warning' });
  }
  return problems;
}

/** Outside words that a fact or the glossary uses (stemmed, as the search compares them), with where. */
function outsideConflicts(kb: {
  facts: Fact[];
  topics: Topic[];
  glossary: GlossaryEntry[];
  outside?: string[];
}): [string, string][] {
  if (!kb.outside?.length) return [];
  const usedBy = new Map<string, string>();
  const use = (text: string, where: string) => {
    for (const w of normalize(text).split(' ')) if (!usedBy.has(stem(w))) usedBy.set(stem(w), where);
  };
  for (const f of kb.facts) {
    const figures = f.figures.map((g) => `${g.label} ${g.measures} ${g.period ?? ''}`);
    const outlets = f.sources.map((s) => s.outlet);
    use(
      [
        f.claim,
        f.attribution,
        f.caveat ?? '',
        ...f.examples,
        ...f.entities,
        ...(f.firms ?? []),
        ...figures,
        ...outlets,
      ].join(' '),
      `fact ${f.id}`,
    );
  }
  for (const g of kb.glossary) use([g.term, ...g.synonyms].join(' '), `glossary term "${g.term}"`);
  for (const t of kb.topics) use(t.label, `topic ${t.id}`);
  return kb.outside.flatMap((w) => {
    const where = usedBy.get(stem(normalize(w)));
    return where ? [[w, where] as [string, string]] : [];
  });
}
