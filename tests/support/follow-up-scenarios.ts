/** The follow-ups every front end must read against the answer before them, and what a wrong turn looks like. */
export const MACHINE_TOOLS = "how much of Russia's machine-tool imports came from China?";

/** [question, follow-up, what the follow-up's answer must say] */
export const FOLLOW_UP_SCENARIOS: [string, string, RegExp][] = [
  [MACHINE_TOOLS, 'who said that?', /senior US officials/],
  [
    "what share of Russia's microelectronics came from China?",
    'source?',
    /Sources for that: .*AFP.*Reuters.*AP/,
  ],
  ['when did Scholz meet Xi?', 'where did they meet?', /Beijing/],
  [MACHINE_TOOLS, 'what are they used for?', /ballistic missiles/],
];

/** A follow-up must neither refuse nor ask back. */
export const REFUSED_OR_ASKED = /I can't answer|could mean more than one thing|don't cover/;
