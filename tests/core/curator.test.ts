import { describe, expect, it } from 'vitest';
import type { InsightsStore, InsightsSummary } from '../../src/insights.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Question, Reply } from '../../src/types.js';
import { testSitrep } from '../support/engine.js';

function recordingInsights() {
  const events: { type: string; e: object }[] = [];
  const store = {
    recordUnanswered: (e) => void events.push({ type: 'unanswered', e }),
    recordFeedback: (e) => void events.push({ type: 'feedback', e }),
    recordAnswered: (e) => void events.push({ type: 'answered', e }),
    summary: async (): Promise<InsightsSummary> => ({
      unanswered: [{ text: 'weather?', count: 2 }],
      votes: [],
      answered: [],
    }),
  } satisfies InsightsStore;
  return { store, events };
}

const knowledge = loadKnowledge('knowledge');
const silent = { info() {}, warn() {}, error() {} };
const q = (text: string, extra: Partial<Question> = {}): Question => ({
  text,
  platform: 'slack',
  channelId: 'C1',
  userId: 'U1',
  ...extra,
});

describe('curator loop in the core', () => {
  it('records refusals and answers from chat, with no user id, but not from direct ask() calls', async () => {
    const { store, events } = recordingInsights();
    const sitrep = await testSitrep({
      knowledge,
      log: silent,
      insights: store,
      clock: () => new Date('2026-11-28T09:00:00Z'),
    });
    await sitrep.respond(q("what's the weather in Paris?"));
    await sitrep.respond(q('figure machine tools'));
    await sitrep.respond(q("how much of Russia's machine tool imports came from China?"));
    await sitrep.ask('asked by the evaluation, not a user');
    expect(events).toEqual([
      {
        type: 'unanswered',
        e: {
          question: "what's the weather in Paris?",
          platform: 'slack',
          channelId: 'C1',
          reason: 'out-of-scope',
          at: '2026-11-28T09:00:00.000Z',
        },
      },
      {
        type: 'answered',
        e: { factId: 'machine-tools-china-share-q4-2023', platform: 'slack', at: '2026-11-28T09:00:00.000Z' },
      },
    ]);
    sitrep.feedback({
      helpful: false,
      factId: 'x',
      question: 'y',
      platform: 'slack',
      channelId: 'C1',
      userId: 'U1',
    });
    expect(JSON.stringify(events.at(-1))).not.toContain('U1');
  });

  it('a failing store never costs an answer', async () => {
    const broken = {
      ...recordingInsights().store,
      recordUnanswered: () => {
        throw new Error('disk full');
      },
    };
    const warned: unknown[] = [];
    const sitrep = await testSitrep({
      knowledge,
      log: { ...silent, warn: (...a) => warned.push(a) },
      insights: broken,
    });
    expect((await sitrep.respond(q('what is the weather?'))).kind).toBe('answer');
    expect(warned).toHaveLength(1);
  });

  it('shows the report only to those who may manage digests', async () => {
    const sitrep = await testSitrep({ knowledge, log: silent, insights: recordingInsights().store });
    expect(await sitrep.respond(q('report'))).toMatchObject({
      kind: 'notice',
      text: expect.stringMatching(/Only people/),
    });
    const report = await sitrep.respond(q('report', { canManageDigests: true }));
    expect(report).toMatchObject({ kind: 'notice', text: expect.stringMatching(/weather\?/) });
  });

  it('reload swaps the fact base for answers, figures and autocomplete', async () => {
    const sitrep = await testSitrep({ knowledge, log: silent });
    expect((await sitrep.ask("how much of Russia's machine tool imports came from China?")).kind).toBe(
      'answered',
    );
    expect(sitrep.completeFigure('machine', 25).map((c) => c.value)).toContain('machine-tools-china-share');
    const withoutMachineTools = {
      ...knowledge,
      facts: knowledge.facts.filter((f) => !f.topics.includes('machine-tools')),
    };
    await sitrep.reload(withoutMachineTools);
    expect(sitrep.knowledge()).toBe(withoutMachineTools);
    expect((await sitrep.ask("how much of Russia's machine tool imports came from China?")).kind).not.toBe(
      'answered',
    );
    expect(sitrep.completeFigure('machine', 25).map((c) => c.value)).not.toContain(
      'machine-tools-china-share',
    );
  });

  it('says "As of" on answers built on facts past their review date, by question and by figure', async () => {
    const at = (iso: string) => testSitrep({ knowledge, log: silent, clock: () => new Date(iso) });
    const caveats = (r: Reply) =>
      r.kind === 'answer' && r.answer.kind === 'answered' ? r.answer.caveats.join(' ') : '';
    const question = "how much of Russia's machine tool imports came from China?";
    const now = await at('2026-11-28T12:00:00Z');
    const later = await at('2028-06-01T12:00:00Z');
    expect(caveats(await now.respond(q(question)))).not.toMatch(/^As of/);
    expect(caveats(await later.respond(q(question)))).toMatch(/^As of .*review date/);
    expect(caveats(await later.respond(q('figure machine tools')))).toMatch(/^As of/);
  });
});
