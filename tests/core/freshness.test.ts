import { describe, expect, it } from 'vitest';
import { composeAnswer } from '../../src/answer/compose.js';
import { checkKnowledge, loadKnowledge } from '../../src/knowledge/load.js';
import type { Fact, Reply } from '../../src/types.js';
import { createRecordingLog } from '../fakes/recording-log.js';
import { testSitrep } from '../support/engine.js';
import { factYaml, knowledgeDir } from './knowledge-fixture.js';

const fact = (id: string, extra = '') => factYaml(id, extra, '2025-01-01');
const base = knowledgeDir;

const located = (dir: string, today: string) =>
  checkKnowledge(dir, { today }).problems.map(
    (p) => `${p.severity} ${p.file.replace(/^.*\//, '')} ${p.factId} ${p.field}: ${p.message}`,
  );

describe('freshness checks', () => {
  it('warns about a fact past its review_by date, naming file, fact and field, and still loads', () => {
    const dir = base({
      'facts/metals.yml': `facts:${fact('old', '\n    review_by: 2026-06-30')}${fact('new')}`,
    });
    expect(located(dir, '2026-07-01')).toEqual([
      'warning metals.yml old review_by: stale: review by 2026-06-30 has passed',
    ]);
    const kb = checkKnowledge(dir, { today: '2026-07-01' }).knowledge;
    expect(kb?.facts.find((f) => f.id === 'old')?.reviewBy).toBe('2026-06-30');
    expect(kb?.facts.find((f) => f.id === 'new')?.reviewBy).toBeUndefined();
    expect(() => loadKnowledge(dir, { today: '2026-07-01' })).not.toThrow();
  });

  it('treats a fact as fresh up to and including its review date', () => {
    const dir = base({ 'facts/metals.yml': `facts:${fact('old', '\n    review_by: 2026-06-30')}` });
    expect(located(dir, '2026-06-30')).toEqual([]);
    expect(located(dir, new Date('2026-06-01T12:00:00Z').toISOString())).toEqual([]);
  });

  it('applies default_review_days from freshness.yml relative to added, unless the fact sets review_by', () => {
    const dir = base({
      'freshness.yml': 'default_review_days: 365\n',
      'facts/metals.yml': `facts:${fact('defaulted')}${fact('pinned', '\n    review_by: 2027-01-01')}`,
    });
    expect(located(dir, '2026-01-01')).toEqual([]);
    expect(located(dir, '2026-01-02')).toEqual([
      'warning metals.yml defaulted review_by: stale: review by 2026-01-01 has passed',
    ]);
    expect(checkKnowledge(dir, { today: '2026-01-02' }).knowledge?.reviewDays).toBe(365);
  });

  it('has no default without freshness.yml, and reports a broken freshness.yml as an error', () => {
    const plain = base({ 'facts/metals.yml': `facts:${fact('a')}` });
    expect(located(plain, '2099-01-01')).toEqual([]);
    expect(checkKnowledge(plain).knowledge?.reviewDays).toBeUndefined();

    const broken = base({
      'freshness.yml': 'default_review_days: -3\n',
      'facts/metals.yml': `facts:${fact('a')}`,
    });
    const result = checkKnowledge(broken, { today: '2026-01-01' });
    expect(result.knowledge).toBeUndefined();
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        file: expect.stringMatching(/freshness\.yml$/),
        field: 'default_review_days',
      }),
    );
  });

  it('rejects a review_by that is not an ISO date', () => {
    const dir = base({ 'facts/metals.yml': `facts:${fact('a', '\n    review_by: next spring')}` });
    expect(located(dir, '2026-01-01')).toEqual([
      'error metals.yml a facts.0.review_by: must be an ISO date YYYY-MM-DD',
    ]);
  });

  it('loads the real base with its default review period and no stale facts today', () => {
    const { knowledge, problems } = checkKnowledge('knowledge', { today: '2026-11-28' });
    expect(knowledge?.reviewDays).toBe(365);
    expect(problems.filter((p) => p.message.startsWith('stale'))).toEqual([]);
    const later = checkKnowledge('knowledge', { today: '2030-01-01' });
    expect(later.knowledge).toBeDefined();
    expect(later.problems.filter((p) => p.message.startsWith('stale')).length).toBe(knowledge?.facts.length);
  });
});

describe('stale-fact caveat in answers', () => {
  const stale: Fact = {
    id: 'metals-ban',
    claim: 'The UK and US barred new Russian metal from the exchanges.',
    attribution: 'the UK and US governments',
    certainty: 'official-action',
    figures: [],
    topics: ['metals'],
    entities: [],
    examples: ['what did the us and uk ban'],
    doesNotSay: [],
    sources: [],
    date: '2024-04-12',
    added: '2025-01-01',
    reviewBy: '2026-06-30',
    caveat: 'Old stock can still trade.',
    related: [],
    file: 'knowledge/facts/metals.yml',
  };
  const compose = (f: Fact, extra: { today?: string; reviewDays?: number } = {}, clock?: () => Date) =>
    composeAnswer({ question: 'q', fact: f, byId: new Map(), confidence: 1, ...extra }, clock);
  const caveats = (a: ReturnType<typeof compose>) => (a.kind === 'answered' ? a.caveats : []);

  it('warns, dated by the fact, when the answer rests on a fact past its review date', () => {
    expect(caveats(compose(stale, { today: '2026-07-01' }))).toEqual([
      'As of 2024-04-12: this fact is past its review date (2026-06-30) and may be out of date.',
      'Old stock can still trade.',
    ]);
  });

  it('falls back to the added date and the base default review period', () => {
    const undated = { ...stale, date: undefined, reviewBy: undefined };
    expect(caveats(compose(undated, { today: '2026-07-01' }))).toEqual(['Old stock can still trade.']);
    expect(caveats(compose(undated, { today: '2026-07-01', reviewDays: 30 }))[0]).toBe(
      'As of 2025-01-01: this fact is past its review date (2025-01-31) and may be out of date.',
    );
  });

  it('uses the clock when no date is given, and adds nothing while the fact is fresh', () => {
    expect(caveats(compose(stale, {}, () => new Date('2026-06-30T23:00:00Z')))).toEqual([
      'Old stock can still trade.',
    ]);
    expect(caveats(compose(stale, {}, () => new Date('2026-07-01T00:00:00Z')))[0]).toMatch(
      /^As of 2024-04-12: this fact is past its review date \(2026-06-30\)/,
    );
  });
});

describe('freshness of repeated answers', () => {
  it('adds the stale note once the review date passes, even to a question already answered before', async () => {
    let now = new Date('2026-11-28T12:00:00Z');
    const { log } = createRecordingLog();
    const sitrep = await testSitrep({ knowledge: loadKnowledge('knowledge'), log, clock: () => now });
    const ask = () =>
      sitrep.respond({ text: 'figure machine tools', platform: 'cli', channelId: 'c', userId: 'u' });
    const notes = (r: Reply) =>
      r.kind === 'answer' && r.answer.kind === 'answered' ? r.answer.caveats.join(' ') : 'not answered';
    expect(notes(await ask())).toContain('AP reported the share as nearly 70%');
    expect(notes(await ask())).not.toMatch(/review date/);
    now = new Date('2030-01-01T08:00:00Z');
    expect(notes(await ask())).toMatch(/past its review date/);
  });
});
