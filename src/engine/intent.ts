/** What kind of answer the question asks for; used to break near-ties, never to decide scope. */
export type Intent = 'how-much' | 'share' | 'who' | 'when' | 'where' | 'why' | 'what';

const RULES: [Intent, RegExp][] = [
  ['share', /\b(share|percent|percentage|proportion|fraction|what part|how much of)\b/],
  [
    'how-much',
    /\b(how (much|many)|worth|value|amount|total|billion|million|figures|figure (?:for|of|on)|numbers|stats|statistics)\b/,
  ],
  ['when', /^(when|what date|what day)\b|\bwhen (did|was|is|will)\b|\b(dates?|timeline)\b/],
  ['who', /^(who|which (firms?|compan(y|ies)|entit(y|ies)|officials?|people))\b|\bnamed?\b/],
  ['where', /^where\b|\bwhere (did|was|is|will)\b/],
  ['why', /^why\b|\b(reason|purpose|what for)\b/],
];

export function detectIntent(normalized: string): Intent {
  for (const [intent, pattern] of RULES) if (pattern.test(normalized)) return intent;
  return 'what';
}
