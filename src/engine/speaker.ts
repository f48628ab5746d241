import type { AnalyzedQuery, Scored } from './match.js';
import type { SearchIndex } from './search-index.js';

/** "What did Xi tell Blinken…", "How did the Kremlin react…": the words before the verb name who spoke. */
const SPEECH = [
  /\bwhat did (.{2,60}?) (?:say|said|tell|told|promise|pledge|warn|claim|announce|reply|respond|agree|offer|propose|ask)\b/,
  /\bhow (?:did|has|have|does|do|is|was) (.{2,60}?) (?:react|reacted|reacting|respond|responded|responding|reply|replied|push|hit)\b/,
];

/**
 * The question asks what someone said or how they reacted, and the best fact records nobody of that name speaking: neither its
 * attribution nor the subject its claim opens with ("Janet Yellen went… she cautioned") is that person.
 * "What did Xi tell Blinken?" of a fact where Blinken met Xi would otherwise answer with Blinken's trip.
 */
export function asksUnrecordedSpeaker(index: SearchIndex, query: AnalyzedQuery, best: Scored): boolean {
  const phrase = SPEECH.map((p) => p.exec(query.normalized)?.[1]).find(Boolean);
  if (!phrase) return false;
  const speaker = index.tokenize(phrase).filter((t) => index.subjectNames.has(t));
  if (speaker.length === 0) return false;
  const { fact } = best.entry;
  const opening = fact.claim.split(/\s+/).slice(0, 4).join(' ');
  const speakers = new Set(index.tokenize(`${fact.attribution} ${opening}`));
  return !speaker.some((t) => speakers.has(t));
}
