import Fuse from 'fuse.js';
import { type ComposeInput, composeAnswer, unknownAnswer } from '../answer/compose.js';
import { normalize } from '../text/normalize.js';
import type { Answer, Fact, KnowledgeBase, Topic } from '../types.js';
import { LEXICAL } from './lexical-constants.js';
import { analyze, score } from './match.js';
import type { SearchIndex } from './search-index.js';
import type { Correction } from './typo.js';

/** A figure name is terse ("machine tools"), so it needs less of the question covered than a full question. */
const FIGURE_CUTOFF = 0.45;
export const MAX_FIGURE_NAME = 200;

interface Entry {
  name: string;
  value: string;
  /** `name` normalised once, so an exact lookup does not normalise every entry per request. */
  normalizedName: string;
  keywords: string;
  fact: Fact;
  figureId?: string;
}

export interface FigureFinder {
  entries: Entry[];
  fuse: Fuse<Entry>;
  typoCache: Map<string, Correction | null>;
  complete(partial: string, limit: number): { name: string; value: string }[];
}

export function createFigureFinder(kb: KnowledgeBase): FigureFinder {
  const withFigures = kb.facts.filter((f) => f.figures.length > 0);
  const entry = (name: string, rest: Omit<Entry, 'name' | 'normalizedName'>): Entry => ({
    name,
    normalizedName: normalize(name),
    ...rest,
  });
  const entries: Entry[] = [
    ...withFigures.flatMap((fact) =>
      fact.figures.map((f) =>
        entry(f.period ? `${f.label} (${f.period})` : f.label, {
          value: f.id,
          keywords: `${f.measures} ${fact.topics.join(' ')}`,
          fact,
          figureId: f.id,
        }),
      ),
    ),
    ...kb.topics.flatMap((t) => {
      const fact =
        withFigures.find((f) => f.topics[0] === t.id) ?? withFigures.find((f) => f.topics.includes(t.id));
      return fact ? [entry(`${t.label} (topic)`, { value: t.id, keywords: t.description, fact })] : [];
    }),
  ];
  const fuse = new Fuse(entries, {
    keys: [
      { name: 'name', weight: 3 },
      { name: 'keywords', weight: 1 },
    ],
    includeScore: true,
    ignoreLocation: true,
    threshold: 0.45,
  });
  return {
    entries,
    fuse,
    typoCache: new Map(),
    complete(partial, limit) {
      const hits = partial.trim() ? fuse.search(partial.trim(), { limit }).map((h) => h.item) : entries;
      return hits.slice(0, limit).map((e) => ({ name: e.name.slice(0, 100), value: e.value.slice(0, 100) }));
    },
  };
}

/** `figure <name>`: by figure id or topic first, then by fuzzy name; otherwise say which figures exist. */
export function answerFigure(
  finder: FigureFinder,
  index: SearchIndex,
  text: string,
  byId: Map<string, Fact>,
  topics: Topic[],
  freshness: Pick<ComposeInput, 'today' | 'reviewDays'> = {},
): Answer {
  // A figure name is a few words; matching a pasted essay would only cost time (fuse.js is linear in it).
  const name = text.slice(0, MAX_FIGURE_NAME);
  const normalizedName = normalize(name);
  const key = normalizedName.replace(/ /g, '-');
  const exact = finder.entries.find((e) => e.value === key || e.normalizedName === normalizedName);
  if (exact)
    return composeAnswer({
      ...freshness,
      question: text,
      fact: exact.fact,
      byId,
      confidence: 1,
      focusFigureId: exact.figureId,
    });

  const query = analyze(index, name, finder.typoCache);
  const [best] = score(index, query).filter((s) => s.entry.fact.figures.length > 0);
  if (best && best.score >= FIGURE_CUTOFF && best.anchor >= LEXICAL.informative) {
    const tokens = new Set(query.tokens.map((t) => t.token));
    const focus = [...best.entry.fact.figures].sort(
      (a, b) => overlap(index, b.label, tokens) - overlap(index, a.label, tokens),
    )[0];
    return composeAnswer({
      ...freshness,
      question: text,
      fact: best.entry.fact,
      byId,
      confidence: best.score,
      focusFigureId: focus?.id,
    });
  }
  const near = finder.fuse
    .search(name, { limit: 3 })
    .map((h) => `figure ${h.item.name.replace(/ \((topic|[^)]*\d[^)]*)\)$/, '')}`);
  return unknownAnswer(text, 'no-such-figure', topics, {
    suggestions: near.length > 0 ? near : ['figures'],
    confidence: best?.score ?? 0,
  });
}

function overlap(index: SearchIndex, label: string, tokens: Set<string>): number {
  return index.tokenize(label).filter((t) => tokens.has(t)).length;
}
