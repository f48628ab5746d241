import { describe, expect, it } from 'vitest';
import { followUpOf } from '../../src/conversation/follow-up.js';
import { memoryConversationStore } from '../../src/conversation/store.js';

const ctx = (question: string) => ({ question, factIds: ['f'] });

describe('conversation memory', async () => {
  it('forgets a conversation 30 minutes after its last reply', async () => {
    let t = 0;
    const store = memoryConversationStore({ now: () => t });
    await store.set('a', ctx('q'));
    t = 29 * 60_000;
    expect((await store.get('a'))?.question).toBe('q');
    t = 29 * 60_000 + 30 * 60_000 + 1;
    expect(await store.get('a')).toBeUndefined();
  });

  it('stays bounded over 100,000 conversations, dropping the least recently used', async () => {
    const store = memoryConversationStore({ max: 10_000 });
    await store.set('kept', ctx('kept'));
    for (let i = 0; i < 100_000; i++) {
      await store.set(`c${i}`, ctx(`q${i}`));
      if (i % 1000 === 0) await store.get('kept');
    }
    expect(store.size()).toBe(10_000);
    expect((await store.get('kept'))?.question).toBe('kept');
    expect(await store.get('c0')).toBeUndefined();
    expect((await store.get('c99999'))?.question).toBe('q99999');
  });
});

describe('what reads as a follow-up', async () => {
  it.each([
    ['who said that?', 'attribution'],
    ['says who', 'attribution'],
    ['how sure are they?', 'attribution'],
    ['source?', 'sources'],
    ['sources', 'sources'],
    ['link?', 'sources'],
    ['where is that from?', 'sources'],
    ['which outlets?', 'sources'],
    ['more', 'more'],
    ['details', 'more'],
    ['why?', 'more'],
    ['and chips?', 'about'],
    ['what about drones?', 'about'],
    ['where did they meet?', 'refers'],
    ['what are they used for?', 'refers'],
    ['when?', 'refers'],
    ["who's saying that?", 'attribution'],
    ['source pls', 'sources'],
    ['sauce?', 'sources'],
    ["where's that from?", 'sources'],
    ['can you cite that', 'sources'],
    ['ok so who said that?', 'attribution'],
    ['and what about drones?', 'about'],
    ['more please', 'more'],
  ])('%s → %s', (text, kind) => {
    expect(followUpOf(text)?.kind).toBe(kind);
  });

  it.each([
    ['1', 1],
    ['2.', 2],
    ['#3', 3],
    ['the first one', 1],
    ['second', 2],
    ['option 2', 2],
  ])('%s picks choice %i', (text, index) => {
    expect(followUpOf(text)).toEqual({ kind: 'choice', index });
  });

  it.each([
    "how much of Russia's machine-tool imports came from China?",
    'who said that China is supplying Russia with drone engines?',
    'what share of russian chips came from china last year',
    'when did Blinken visit Beijing?',
  ])('a question that stands on its own is not one: %s', (text) => {
    expect(followUpOf(text)).toBeUndefined();
  });
});
