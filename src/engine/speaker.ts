import { isGeneric } from '../text/normalize.js';
import { CUTOFFS } from './decide.js';
import type { AnalyzedQuery, Scored } from './match.js';
import { namesOf, type SearchIndex } from './search-index.js';

/** "What did Xi tell Blinken…", "How did the Kremlin react…": the words before the verb name who spoke. */
const SPEECH = [
  /\bwhat did (.{2,60}?) (?:say|said|tell|told|promise|pledge|warn|claim|announce|reply|respond|agree|offer|propose|ask)\b/,
  /\bhow (?:did|has|have|does|do|is|was) (.{2,60}?) (?:react|reacted|reacting|respond|responded|responding|reply|replied|push|hit)\b/,
  /\b(?:did|has|have) (.{2,40}?) (?:acknowledge|acknowledged|admit|admitted|confirm|confirmed|comment|commented|respond|responded|reply|replied|react|reacted|deny|denied)\b/,
];
/** "Has the EU banned…", "Did Japan join…": the words before the verb name who acted. Meeting is mutual: not here. */
const ACTION =
  /\b(?:did|has|have|will) (.{2,40}?) (?:ban|banned|sanction|sanctioned|join|joined|impose|imposed|agree|agreed|sign|signed|attend|attended|approve|approved|adopt|adopted|introduce|introduced|retaliate)\b/;
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
 * name doing so. A speaker must be the fact's source (its attribution or an outlet that reported it) or the subject
 * its claim opens with ("Janet Yellen went… she cautioned"); an actor must at least be one of the names the fact
 * holds. Otherwise "What did Xi tell Blinken?" would get Blinken's trip, where he met Xi, and "Has the EU banned
 * Russian aluminium?" the US ban. A name no fact knows is nobody the facts record.
 */
export function asksUnrecordedSpeaker(index: SearchIndex, query: AnalyzedQuery, best: Scored): boolean {
  const speech = SPEECH.map((p) => p.exec(query.normalized)).find(Boolean);
  const match = speech ?? ACTION.exec(query.normalized);
  if (!match?.[1]) return false;
  const actors = index
    .tokenize(typoCorrected(query, match.index + match[0].indexOf(match[1]), match[1]))
    .filter(
      (t) =>
        !isGeneric(t) && (index.subjectNames.has(t) || (index.idf.get(t) ?? Infinity) >= CUTOFFS.subject),
    );
  if (actors.length === 0) return false;
  const { fact } = best.entry;
  // Whoever a fact names may have acted in it; only its source, or the subject of a claim that reports speech, spoke.
  const opening = REPORTS_SPEECH.test(fact.claim) ? fact.claim.split(/\s+/).slice(0, 4).join(' ') : '';
  const outlets = fact.sources.map((source) => source.outlet).join(' ');
  const recorded = speech
    ? `${fact.attribution} ${outlets} ${opening}`
    : `${fact.attribution} ${namesOf(fact).join(' ')}`;
  const tokens = new Set(index.tokenize(recorded));
  return !actors.some((t) => tokens.has(t));
}
