import { describe, expect, it } from 'vitest';
import { asksJudgement, putInFuture } from '../../src/engine/scope.js';

describe('questions no fact answers as such', () => {
  it.each([
    'Should my company stop buying Hikvision cameras?',
    "Is Yellen's warning just empty talk?",
    'Was declassifying this intelligence a smart move by the Biden team?',
    "Will Blinken's trip actually ease US-China tensions?",
    'Is the Swiss peace conference going to end the war in Ukraine?',
    'How likely is Russia to win the war thanks to Chinese support?',
    'Is China lying when it calls this normal trade?',
  ])('reads "%s" as asking for a judgement', (q) => {
    expect(asksJudgement(q)).toBe(true);
  });

  it.each([
    'Will the EU copy the US import ban on Russian metals?',
    'When will Biden and Xi talk again?',
    'Is China going to attend the Swiss peace conference?',
    'Are more Chinese optics firms going to be named in the coming weeks?',
  ])('reads "%s" as put in the future', (q) => {
    expect(putInFuture(q)).toBe(true);
  });

  it.each([
    'Who said the US would hold China accountable?',
    'When did Blinken visit China?',
    'What share of machine tools came from China?',
    'What is the nitrocellulose allegedly going to Russia used for?',
    'Are the chips going to the front made in China?',
    "9 in 10 of russia's imported microchips are chinese — is that right?",
    'Why does the US think European pressure will work on China?',
  ])('leaves "%s" as a question of fact', (q) => {
    expect(putInFuture(q)).toBe(false);
    expect(asksJudgement(q)).toBe(false);
  });
});
