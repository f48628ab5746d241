/** Follow-ups, briefings and choices through the core, in conversations keyed as the adapters key them. */
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryConversationStore } from '../../src/conversation/store.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { renderText } from '../../src/render-text.js';
import type { Sitrep } from '../../src/sitrep.js';
import type { Reply } from '../../src/types.js';
import { createRecordingLog } from '../fakes/recording-log.js';
import { testSitrep } from '../support/engine.js';

let sitrep: Sitrep;
let t = 0;
const store = memoryConversationStore({ now: () => t });
beforeAll(async () => {
  sitrep = await testSitrep({
    knowledge: loadKnowledge('knowledge'),
    log: createRecordingLog().log,
    conversations: store,
  });
});

let n = 0;
/** A fresh conversation; `say` answers each message in it, as one thread would. */
function conversation(key = `c${++n}`) {
  return async (text: string) => {
    const reply = await sitrep.respond({
      text,
      platform: 'cli',
      channelId: 'x',
      userId: 'me',
      conversation: key,
    });
    return { reply, text: renderText(reply) };
  };
}
const answeredFact = (r: Reply) =>
  r.kind === 'answer' && r.answer.kind === 'answered' ? r.answer.facts[0]?.id : r.kind;

const MACHINE_TOOLS = "how much of Russia's machine-tool imports came from China?";
const CHIPS = "what share of Russia's microelectronics imports came from China?";

describe('follow-ups in a conversation', () => {
  it('"who said that?" after the machine-tools answer names the senior US officials', async () => {
    const say = conversation();
    await say(MACHINE_TOOLS);
    const { reply, text } = await say('who said that?');
    expect(answeredFact(reply)).toBe('machine-tools-china-share-q4-2023');
    expect(text.split('\n')[0]).toMatch(/senior US officials/);
  });

  it('"source?" after the microelectronics answer lists its outlets', async () => {
    const say = conversation();
    await say(CHIPS);
    const { text } = await say('source?');
    expect(text.split('\n')[0]).toMatch(/^Sources for that: .*AFP.*Reuters.*AP/);
  });

  it('"where did they meet?" after "when did Scholz meet Xi?" says Beijing', async () => {
    const say = conversation();
    expect(answeredFact((await say('when did Scholz meet Xi?')).reply)).toMatch(/scholz/);
    const { reply, text } = await say('where did they meet?');
    expect(reply.kind === 'answer' && reply.answer.kind).toBe('answered');
    expect(text.split('\n')[0]).toContain('Beijing');
  });

  it('"what are they used for?" after the machine-tools answer says ballistic missiles', async () => {
    const say = conversation();
    await say(MACHINE_TOOLS);
    const { reply, text } = await say('what are they used for?');
    expect(reply.kind === 'answer' && reply.answer.kind).toBe('answered');
    expect(text.split('\n')[0]).toContain('ballistic missiles');
  });

  it('"and chips?" asks the same about microelectronics', async () => {
    const say = conversation();
    await say(MACHINE_TOOLS);
    expect(answeredFact((await say('and chips?')).reply)).toBe('microelectronics-china-share-2023');
  });

  it('the same follow-up in another conversation, or after 30 minutes, is a new question', async () => {
    const say = conversation();
    await say(MACHINE_TOOLS);
    const elsewhere = await conversation()('who said that?');
    expect(answeredFact(elsewhere.reply)).not.toBe('machine-tools-china-share-q4-2023');
    t += 31 * 60_000;
    const later = await say('who said that?');
    expect(answeredFact(later.reply)).not.toBe('machine-tools-china-share-q4-2023');
  });

  it('a number, "2." or "the first one" picks a choice from a "did you mean" list; with no list it says so', async () => {
    const options = [
      { factId: 'machine-tools-china-share-q4-2023', label: 'Machine tools', ask: MACHINE_TOOLS },
      { factId: 'microelectronics-china-share-2023', label: 'Microelectronics', ask: CHIPS },
    ];
    for (const [text, index] of [
      ['2', 1],
      ['2.', 1],
      ['the first one', 0],
    ] as const) {
      const key = `choices${++n}`;
      // As a "did you mean" reply leaves it (the engine rarely ties on this base).
      await store.set(key, { question: 'china share', factIds: [], options });
      expect(answeredFact((await conversation(key)(text)).reply), text).toBe(options[index]?.factId);
    }
    expect((await conversation()('1')).text).toMatch(/no list to pick from/);
  });
});

describe('briefings', () => {
  it.each([
    "what's new?",
    'brief me',
    'tl;dr',
    'catch me up',
    'whats new',
    'breif me',
    'latest',
    'catch me up pls',
    "hey sitrep, what's new?",
    'quick summary',
  ])('%s gives the machine-tools and microelectronics shares and the metals measures', async (text) => {
    const { reply, text: shown } = await conversation()(text);
    expect(reply.kind === 'digest' && reply.digest.briefing).toBe(true);
    expect(shown).toContain("China's share of Russia's machine-tool imports");
    expect(shown).toContain("China's share of Russia's microelectronics imports");
    expect(shown).toMatch(/London Metal Exchange/);
    expect(shown).not.toContain('since your last digest');
  });

  it('a bare topic name the engine cannot pin to one fact ("metals ban") gets that topic\'s briefing', async () => {
    const { reply } = await conversation()('metals ban');
    expect(reply.kind === 'digest' && reply.digest.title).toMatch(/metals/i);
  });

  it('`briefing metals` gives only the metals topic', async () => {
    const { reply, text } = await conversation()('briefing metals');
    expect(reply.kind === 'digest' && reply.digest.title).toMatch(/metals/i);
    expect(text).not.toContain('machine-tool');
    expect(text).toMatch(/aluminium/);
  });
});

describe('who or what is X', () => {
  it.each([
    ['who is Kurt Campbell?', /^Kurt Campbell: US Deputy Secretary of State/],
    ["what's the CME?", /^CME: /],
    ['what is Dalian Machine Tool Group?', /^Dalian Machine Tool Group: /],
  ])('%s is answered with who or what it is and its source', async (q, lead) => {
    const { reply, text } = await conversation()(q);
    expect(text.split('\n')[0]).toMatch(lead);
    expect(
      reply.kind === 'answer' && reply.answer.kind === 'answered' && reply.answer.citations[0]?.published,
    ).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('a briefing, then "more"', () => {
  it('offers the rest, and "more" gives every development of the same topics', async () => {
    const say = conversation();
    const first = await say('brief me');
    const shown = first.reply.kind === 'digest' ? first.reply.digest.developments.length : 0;
    expect(first.text).toMatch(/Say "more" for \d+ more developments/);
    const more = await say('more');
    expect(more.reply.kind === 'digest' && more.reply.digest.briefing).toBe(true);
    expect(more.reply.kind === 'digest' && more.reply.digest.developments.length).toBeGreaterThan(shown);
    const metals = conversation();
    await metals('briefing metals');
    expect((await metals('more')).text).not.toContain('machine-tool');
  });
});
