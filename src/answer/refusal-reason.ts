/**
 * Why a question Sitrep cannot answer was refused, when the reason is in the question itself rather than in the
 * fact base: it was cut at the length limit, it is not in English, or it asks for a forecast or an opinion. Used only
 * once the engine has decided not to answer, so it changes what a refusal says, never whether there is one.
 */
import { francAll } from 'franc-min';
import { MAX_QUERY_CHARS } from '../engine/match.js';
import { asksJudgement } from '../engine/scope.js';
import { normalize } from '../text/normalize.js';

export type QuestionProblem = 'too-long' | 'not-english' | 'forecast';

/** Languages told apart; a short English question is then rarely taken for another one. */
const LANGUAGES = ['eng', 'fra', 'deu', 'spa', 'ita', 'por', 'pol', 'rus', 'ukr', 'cmn', 'jpn', 'arb', 'tur'];
/** English must score this far below the best language (franc's scores are relative, the best is 1). */
const ENGLISH_BELOW = 0.7;
/** Below this share of words the base knows, a question may be in another language. */
const KNOWN_SHARE = 0.5;

/** Asks what will happen (not what someone said will happen, which a source may have reported). */
const FORECAST =
  /^\s*(will|won't)\b|^\s*(is|are)\s+[\w'-]+(\s+[\w'-]+)?\s+(going|likely|expected)\s+to\b|\b(predict|forecast)(s|ing)?\b|\bnext (week|month|year)\b/i;
const OPINION =
  /^\s*(do|does) you (think|believe|feel|reckon)\b|\byour (personal )?(opinion|view|take)\b|\bshould (the (us|west|eu|g7|uk)|china|russia|europe|nato|washington|beijing|moscow)\b/i;

/**
 * Another script, or Latin-script words the base mostly does not know that franc reads as another language.
 * Trigram language guesses alone take many short English questions ("scholz china trip dates") for Dutch or
 * Italian; English questions, even off topic, use mostly words the base's facts, examples and glossary have.
 */
function notEnglish(text: string, knownWord: (word: string) => boolean): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length < 8) return false;
  const latin = letters.filter((c) => /\p{Script=Latin}/u.test(c)).length;
  if (latin / letters.length < 0.5) return true;
  const words = normalize(text)
    .split(' ')
    .filter((w) => /\p{L}{3,}/u.test(w));
  if (words.length === 0 || words.filter(knownWord).length / words.length >= KNOWN_SHARE) return false;
  const scores = francAll(text, { only: LANGUAGES });
  const [best] = scores[0] ?? [];
  const english = scores.find(([lang]) => lang === 'eng')?.[1] ?? 0;
  return best !== undefined && best !== 'eng' && best !== 'und' && english < ENGLISH_BELOW;
}

/** `knownWord`: whether a normalized word is one the fact base uses (or an English stopword). */
export function questionProblem(
  text: string,
  knownWord: (word: string) => boolean,
): QuestionProblem | undefined {
  if (text.length > MAX_QUERY_CHARS) return 'too-long';
  if (notEnglish(text, knownWord)) return 'not-english';
  if (FORECAST.test(text) || OPINION.test(text) || asksJudgement(text)) return 'forecast';
  return undefined;
}

/** The first line of a refusal for a problem in the question; `quoted` is the question as the front end shows it. */
export function problemLead(problem: QuestionProblem, quoted: string, kept: string): string {
  switch (problem) {
    case 'too-long':
      return `Your question is longer than ${MAX_QUERY_CHARS} characters, so I read only its start (${kept}) and found nothing there I can answer. Try a shorter question.`;
    case 'not-english':
      return 'I answer in English only, from English-language reporting. Please ask again in English.';
    case 'forecast':
      return `I can't answer ${quoted}: I report what sources said, and I don't forecast or give opinions.`;
  }
}

export const isQuestionProblem = (reason: string): reason is QuestionProblem =>
  reason === 'too-long' || reason === 'not-english' || reason === 'forecast';
