/** Text normalisation shared by indexing and querying, so both sides speak the same vocabulary. */

const STOPWORDS = new Set(
  `a an the of to in on at for from by with and or but is are was were be been being it its this that these those
  what which who whom whose when where why how do does did done has have had i me my we our you your he she they them
  their there here as than then so if about into over under up down out can could would should will shall may might
  must any some all each much many more most very just also only not no yes please tell give show say said says let
  know get got find need want think like according per via whether s still already inside itself himself herself
  themselves again ever never yet too even such own same other another both either neither across through during
  before after above below between while because until against among off onto upon within without toward towards
  earlier later formerly anything something everything nothing anyone someone everyone actually really basically exactly currently
  right now okay ok so well deal hey hi hello thanks thank cheers guys bot sitrep lol pls plz just quick question
  explain explained describe mean means tell us
  teh hte waht wat whta abt thier thru im ive dont doesnt didnt isnt wasnt arent werent cant
  whats whos wheres whens hows whys thats theres heres
  tl dr thx ngl wdym fyi imo imho btw afaik iirc tbh rn ty
  overview summarise summarize recap rundown gist tldr briefly bit piece point points specific specifically actual
  accurate correct real verify check simple simply plain paragraph sentence para bullet bullets clarify remind recall
  else regarding re concerning wrt cos coz kindly mate team folks yo sorry btw fyi asap urgently deadline draft memo
  note notes desk editor readers audience boss client clients citation reference wondering curious interested
  looking working asking several various essentially literally word wording phrase phrasing verbatim barely formally
  precisely approximately timeline heard hear kind kinds type types sort sorts`.split(/\s+/),
);

/**
 * Words that carry little meaning on their own in this domain. They count a little towards a match
 * but never make a question in scope by themselves.
 */
const GENERIC = new Set(
  `send sent sending provide provided providing supply supplied supplying help helped helping support supported
  come came coming go going went use used make made making take took new latest recent recently last year years month week
  day today now current currently number amount figure figures percent percentage share total value big biggest
  large largest main role part thing things stuff info information detail details story news update happen happened
  happening doing people official officials report reported reports period periods cover covers covered headline
  numbers number stats statistics data give gave given giving gives hand handed handing see saw seen sell sells selling sold`.split(
    /\s+/,
  ),
);

const ABBREVIATIONS: Record<string, string> = {
  jan: 'january',
  feb: 'february',
  mar: 'march',
  apr: 'april',
  jun: 'june',
  jul: 'july',
  aug: 'august',
  sep: 'september',
  sept: 'september',
  oct: 'october',
  nov: 'november',
  dec: 'december',
  yr: 'year',
  yrs: 'years',
  govt: 'government',
  dept: 'department',
  sec: 'secretary',
  fm: 'foreign minister',
  fms: 'foreign ministers',
};

/** Lowercase, strip accents and possessives, spell out common abbreviations, turn punctuation into spaces. */
export function normalize(text: string): string {
  return expandAbbreviations(stripPunctuation(text));
}

function expandAbbreviations(normalized: string): string {
  return normalized.replace(/\b[a-z]{2,4}\b/g, (w) => ABBREVIATIONS[w] ?? w);
}

/** Most questions are plain ASCII: they skip the Unicode decomposition, which costs more than the rest together. */
function foldUnicode(text: string): string {
  if (!/[\u0080-\uffff]/.test(text)) return text.replace(/`/g, "'");
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
    .replace(/\u00a3/g, ' gbp ');
}

function stripPunctuation(text: string): string {
  let t = foldUnicode(text).toLowerCase();
  // Each pass only where its character occurs: most questions have no apostrophe, digit, % or $.
  if (t.includes("'"))
    t = t
      .replace(/n't\b/g, ' not')
      .replace(/(\w)'s\b/g, '$1')
      .replace(/(\w)s'(\s|$)/g, '$1s$2');
  if (/\d/.test(t))
    t = t
      .replace(/(\d)\s?(bn|b)\b/g, '$1 billion')
      .replace(/(\d)\s?(mn|m)\b/g, '$1 million')
      .replace(
        /\b(\d{1,2}) (?:in|out of) (10|100)\b/g,
        (_, a, b) => ` ${Math.round((100 * a) / b)} percent `,
      );
  if (t.includes('%')) t = t.replace(/%/g, ' percent ');
  if (t.includes('$')) t = t.replace(/\$/g, ' usd ');
  return t.replace(/[^a-z0-9]+/g, ' ').trim();
}

/** A light stemmer: plural and a few verb endings, enough to join "imports"/"imported"/"import". */
export function stem(word: string): string {
  if (word.length <= 3 || /^\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4 && !w.endsWith('eed')) w = w.slice(0, -2);
  else if (/(ch|sh|x|ss)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  // "produce", "produced", "producing" all end up as "produc"
  return w.length > 3 && w.endsWith('e') ? w.slice(0, -1) : w;
}

export const isStopword = (word: string): boolean => STOPWORDS.has(word);
export const stopwords = (): ReadonlySet<string> => STOPWORDS;
/** Generic words are checked after stemming, so the list is stemmed the same way. */
const GENERIC_STEMS = new Set([...GENERIC].map(stem));
export const isGeneric = (word: string): boolean => GENERIC_STEMS.has(word);

/** Normalised, stemmed content tokens (stopwords removed). */
export function contentTokens(normalized: string): string[] {
  return (
    normalized
      .split(' ')
      // A lone letter ("w/", "u") carries nothing; a lone digit may ("9 in 10").
      .filter((w) => (w.length > 1 || /\d/.test(w)) && !isStopword(w))
      .map(stem)
  );
}

/** Lone UTF-16 surrogates (never valid on the wire) become U+FFFD so they can't be echoed back. */
export function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}
