import { isGeneric, normalize } from '../text/normalize.js';
import type { AnalyzedQuery } from './match.js';
import type { SearchIndex } from './search-index.js';

/**
 * The facts report who said what; the bot has no view or forecast of its own to give ("will China stop…?"), and text
 * that tries to instruct it ("ignore your instructions", "repeat after me") asks for no fact. These are patterns of
 * English, not of the fact base: they need no curation when facts are added.
 */
const NOT_FOR_FACTS =
  /\bwill (?:\w+ ){0,8}?(?:stop|end|halt|cease|change course|back down|give in|comply|win|lose|collapse|survive|be lifted|be eased|be removed|be scrapped|keep|continue|peak|grow|rise|increase|decrease|decline|fall|drop)\b|(?<!\b(?:thinks?|thought|hopes?|hoped|believes?|says?|said|expects?|expected|argues?|argued|claims?)\b.*)\bwill (?:\w+ ){0,4}?(?:ease|calm|lower|reduce|succeed|work|fail|matter|improve|resolve|achieve|pay off|backfire|hurt|escalate|worsen|deter|make a difference)\b|\bnext (?:year|month|quarter|week)\b|\b(?:do you (?:think|believe|reckon|expect)|your (?:view|opinion|take|prediction|guess)|wishful thinking|predict(?:ion)?s?|ignore (?:(?:all|any|the|your|previous|prior|above|earlier) )*(?:instructions|rules|prompts?)|disregard (?:\w+ ){0,3}?(?:instructions|rules|prompts?)|repeat after me|pretend|you are now|^act as|act as (?:a|an|my|if)|system prompt|jailbreak|developer mode)\b/;

/** What will happen, or whether something is good: a judgement no source reported as fact. */
const JUDGEMENT =
  /\b(?:is|are|was|were) (?:it|this|that|they|the \w+(?: \w+)?) (?:really )?(?:going|likely|expected) to\b|\b(?:who|what|which|how|when) (?:is |s |are )?going to\b|\bhow long (?:can|could|will)\b|\beventually\b|\bin the (?:long run|future)\b|\b(?:is|was|are|were) (?:it|this|that|they|the \w+(?: \w+)?) (?:really |actually )?(?:fair|good|bad|wise|smart|justified|effective|working|worth it|a (?:good|bad) (?:idea|move|thing)|a mistake|(?:right|wrong) (?:to|for))\b|\bwho (?:is |s )?(?:to blame|winning|lying)\b|\b(?:is|are) (?:\w+ ){1,3}?(?:lying|bluffing|the bad guys?|being (?:too|honest|truthful|naive|played))\b|\bhow likely\b|\b(?:is|are) (?:\w+ ){1,5}?(?:likely|going) to (?:ease|calm|lower|reduce|succeed|work|help|fail|end|stop|change|win|lose|collapse|be sanctioned|matter|improve|resolve|achieve|escalate|worsen)\b|\bshould (?:\w+ ){0,2}?(?:trust|believe|worry)\b|\bgood idea\b|\bshould (?:the|china|russia|europe|beijing|moscow|washington|we|they|i|my|our|you|us)\b|\b(?:smart|wise|clever|good|bad|right|wrong|dumb|stupid) (?:move|idea|call|decision|choice|strategy)\b|\bjust (?:empty )?(?:talk|words|rhetoric|posturing|bluster|for show)\b|\bempty (?:talk|words|threats?|rhetoric)\b/;

/**
 * "What is the nitrocellulose going to Russia used for?", "chips going to the front": goods headed somewhere, not
 * the future. Read on the text as typed, where a place is capitalised.
 */
const HEADED_TO = /\b[Gg]oing to (?=(?:the|a|an|its|their|his|her|these|those)\b|[A-Z])/g;

/** The question as `normalize` leaves it, with "going to <a place>" read as where goods go. */
const tenseReading = (text: string) => normalize(text.replace(HEADED_TO, 'headed to '));

/** `text`: the question as typed. */
export const asksJudgement = (text: string) => {
  const normalized = tenseReading(text);
  return NOT_FOR_FACTS.test(normalized) || JUDGEMENT.test(normalized);
};

export const asksForOpinionOrForecast = (query: AnalyzedQuery) => asksJudgement(query.text);

/**
 * A question put in the future ("will the EU follow?", "when will they talk again?", "is China going to attend?").
 * Most are forecasts, but some ask what was announced ("will the CME accept new Russian nickel?"), so this is one
 * input of the decision, weighed against how well a fact matches, not a reason to refuse by itself.
 */
const FUTURE =
  /^(?:\w+ ){0,3}?(?:will|shall|wo not)\b|\b(?:is|are) (?:\w+ ){1,4}?(?:going|likely|expected) to\b|\b(?:coming|next) (?:days|weeks|months|years|round|steps?)\b/;

/** `text`: the question as typed. */
export const putInFuture = (text: string) => FUTURE.test(tenseReading(text));

export const asksAboutFuture = (query: AnalyzedQuery) => putInFuture(query.text);

/** "What share of Russia's truck imports…": the word before "imports" names the goods asked about. */
const GOODS = /(\w+(?: \w+)?) (?:imports?|exports?|purchases|shipments|deliveries|supplies|sales)\b/g;

/** The question asks about goods no fact mentions ("tyre imports"). */
export function asksUnknownGoods(index: SearchIndex, query: AnalyzedQuery): boolean {
  for (const [, words] of query.corrected.matchAll(GOODS)) {
    const goods = index.tokenize(words as string).at(-1);
    if (goods && !index.idf.has(goods) && !isGeneric(goods)) return true;
  }
  return false;
}
