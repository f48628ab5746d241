import { entityKey } from '../knowledge/entities.js';
import type { Answer, Citation, EntityEntry, Fact } from '../types.js';
import { citations, suggestedQuestion } from './compose.js';

/** "who is X", "who's X", "who was X", "what is (the) X", "what's X", "tell me about X", after an optional "and". */
const ENTITY_QUESTION =
  /^(?:and[\s,]+)?(?:who\s+is|who['’]s|who\s+was|what\s+is|what['’]s|tell\s+me\s+about)\s+(.+?)[\s?!.]*$/i;

/**
 * Words that on their own never pick an entry by part of its name: "what is the US?" is not the US Treasury, nor
 * "what is a machine tool?" Dalian Machine Tool Group.
 */
const GENERIC = new Set(
  `the of in and for a an us uk u s united states kingdom china chinese russia russian europe european germany
  german washington london north free group technology technologies institute research exchange metal metals
  foundation embassy treasury administration government department ministry minister secretary state president
  machine tool tools global sensor electro optics`.split(/\s+/),
);

/** The X of a who/what question, without a leading "the"; undefined for any other kind of question. */
export function entityQuestion(text: string): string | undefined {
  const asked = ENTITY_QUESTION.exec(text.trim())?.[1]
    ?.replace(/^the\b\s*/i, '')
    .trim();
  return asked ? asked : undefined;
}

/**
 * Answers "who is X?" / "what is X?" from knowledge/entities.yml: who X is, with the facts naming X. Undefined
 * unless the question has that form, X is an entry's name or alias (or the words of only one entry's name) and
 * some fact names it, so it never answers a question it does not understand.
 */
export function entityAnswer(
  kb: { facts: Fact[]; entities?: EntityEntry[] },
  asked: string,
): Answer | undefined {
  const x = entityQuestion(asked);
  const entry = x === undefined ? undefined : findEntity(kb.entities ?? [], x);
  if (!entry) return undefined;
  const facts = byOwnSource(factsNaming(kb.facts, entry.name), entry);
  const [fact] = facts;
  if (!fact) return undefined;
  const own = entryCitation(entry, facts, fact.id);
  const sameAsOwn = (c: Citation) =>
    c.outlet === own.outlet && c.published === own.published && c.title === own.title;
  return {
    kind: 'answered',
    question: asked,
    facts,
    headline: `${entry.name}: ${entry.description.replace(/[\s.]+$/, '')}.`,
    figures: [],
    caveats: [],
    citations: [own, ...citations([fact]).filter((c) => !sameAsOwn(c))],
    suggestions: [...new Set(facts.map(suggestedQuestion))].slice(0, 3),
    confidence: 1,
  };
}

/** The entry X names exactly (name or alias), else the only one whose name holds all of X's words. */
export function findEntity(entries: EntityEntry[], asked: string): EntityEntry | undefined {
  const key = entityKey(asked);
  if (!key) return undefined;
  const exact = entries.find((e) => [e.name, ...e.aliases].some((n) => entityKey(n) === key));
  if (exact) return exact;
  const words = key.split(' ');
  if (words.every((w) => GENERIC.has(w))) return undefined;
  const partial = entries.filter((e) => {
    const name = new Set(entityKey(e.name).split(' '));
    return words.every((w) => name.has(w));
  });
  return partial.length === 1 ? partial[0] : undefined;
}

/** Facts listing `name` in their entities or firms, in base order. */
export function factsNaming(facts: Fact[], name: string): Fact[] {
  const key = entityKey(name);
  return facts.filter((f) => [...f.entities, ...(f.firms ?? [])].some((n) => entityKey(n) === key));
}

/** Facts citing the entry's own source (same outlet and day) first: the report the description comes from. */
function byOwnSource(facts: Fact[], { source }: EntityEntry): Fact[] {
  const cites = (f: Fact) =>
    f.sources.some((s) => s.outlet === source.outlet && s.published === source.published);
  return [...facts.filter(cites), ...facts.filter((f) => !cites(f))];
}

/**
 * The entry's source as a citation. An entry may leave out the title; it is then taken from a source of the same
 * outlet and day among the facts naming the entry, the same report.
 */
function entryCitation(entry: EntityEntry, facts: Fact[], factId: string): Citation {
  const { source } = entry;
  const same = facts
    .flatMap((f) => f.sources)
    .find((s) => s.outlet === source.outlet && s.published === source.published);
  return { ...source, title: source.title ?? same?.title ?? `${source.outlet} report`, factId };
}
