import { isGeneric } from '../text/normalize.js';
import { LEXICAL } from './lexical-constants.js';
import type { AnalyzedQuery, Scored } from './match.js';
import { namesOf, outlets, type SearchIndex } from './search-index.js';

/** "What did Xi tell Blinken…", "How did the Kremlin react…": the words before the verb name who spoke. */
const SPEECH = [
  /\bwhat did (.{2,60}?) (?:say|said|tell|told|promise|pledge|warn|claim|announce|reply|respond|ask)\b/d,
  /\bhow (?:did|has|have|does|do|is|was) (.{2,60}?) (?:react|reacted|reacting|respond|responded|responding|reply|replied|push back|hit back)\b/d,
  /\b(?:did|has|have) (.{2,40}?) (?:acknowledge|acknowledged|admit|admitted|confirm|confirmed|comment|commented|respond|responded|reply|replied|react|reacted|deny|denied)\b/d,
];
/** "Has the EU banned…", "What did the G7 agree…": the words before the verb name who acted. Meeting is mutual. */
const ACTION = [
  /\b(?:did|has|have|will) (.{2,40}?) (?:ban|banned|sanction|sanctioned|join|joined|impose|imposed|agree|agreed|sign|signed|attend|attended|approve|approved|adopt|adopted|introduce|introduced)\b/d,
  /\bwhat did (.{2,60}?) (?:agree|offer|propose)\b/d,
];
/** A claim that reports speech: only then can its opening subject be the speaker. */
const REPORTS_SPEECH =
  /\b(?:said|says|told|warned|cautioned|urged|asked|called|described|pledged|stated|insisted|argued|accused|raised|brought up|noted)\b/;

/** The words of `phrase`, found at `start` in the normalized question, as the typo corrector read them. */
function typoCorrected(query: AnalyzedQuery, start: number, phrase: string): string {
  const first = query.normalized.slice(0, start).split(' ').length - 1;
  return query.corrected
    .split(' ')
    .slice(first, first + phrase.split(' ').length)
    .join(' ');
}

/**
 * The question asks what someone said, how they reacted or whether they acted, and the fact records nobody of that
 * name doing so. A speaker must be the fact's source (its attribution or an outlet that reported it), the subject
 * a claim of speech opens with ("Janet Yellen went… she cautioned") or named in a claim with the very verb asked
 * about ("pledged"); an actor must at least be one of the names the fact holds. Otherwise "What did Xi tell Blinken?" would get Blinken's trip, where he met Xi, and "Has the EU banned
 * Russian aluminium?" the US ban. A name no fact knows is nobody the facts record.
 */
export function asksUnrecordedActor(index: SearchIndex, query: AnalyzedQuery, candidate: Scored): boolean {
  const speech = SPEECH.map((p) => p.exec(query.normalized)).find(Boolean);
  const match = speech ?? ACTION.map((p) => p.exec(query.normalized)).find(Boolean);
  const at = match?.indices?.[1]?.[0];
  if (!match?.[1] || at === undefined) return false;
  const actors = index
    .tokenize(typoCorrected(query, at, match[1]))
    .filter(
      (t) =>
        !isGeneric(t) && (index.subjectNames.has(t) || (index.idf.get(t) ?? Infinity) >= LEXICAL.subject),
    );
  if (actors.length === 0) return false;
  const { fact } = candidate.entry;
  // Whoever a fact names may have acted in it; only its source, or whom the claim reports speaking, spoke.
  const opening = REPORTS_SPEECH.test(fact.claim) ? fact.claim.split(/\s+/).slice(0, 4).join(' ') : '';
  // "What did the G7 leaders pledge?" of a claim where they "pledged": whoever it names did that.
  const verb = match[0].split(' ').at(-1)?.slice(0, 5) ?? '';
  const reported = verb.length === 5 && fact.claim.toLowerCase().includes(verb) ? fact.claim : opening;
  const recorded = speech
    ? `${fact.attribution} ${outlets(fact)} ${reported}`
    : `${fact.attribution} ${namesOf(fact).join(' ')}`;
  const tokens = new Set(index.tokenize(recorded));
  return !actors.some((t) => tokens.has(t));
}
