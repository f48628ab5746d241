import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../src/digest/compose.js';
import { NOTHING_NEW } from '../../src/digest/digest-text.js';
import { factHash } from '../../src/digest/fact-hash.js';
import { renderText } from '../../src/render-text.js';
import { base, fact, withFigure } from './fixtures.js';

const NOW = new Date('2026-11-28T08:00:00Z');
const compose = (facts = FACTS, sent = new Map<string, string>(), timeZone = 'Europe/Berlin') =>
  composeDigest({ knowledge: base(facts), sent, now: NOW, timeZone });

const FACTS = [
  withFigure('ban-announced', '2024-04-12'),
  fact('lme-reaction', {
    date: '2024-04-15',
    sources: [{ title: 'LME', outlet: 'Reuters', published: '2024-04-16' }],
  }),
  fact('older', { date: '2023-01-01' }),
];

describe('composeDigest', () => {
  it('a first digest lists every fact as new, newest first, each with its source', () => {
    const d = compose();
    expect(d.title).toBe('Sitrep digest — 2026-11-28');
    expect(d.nothingNew).toBe(false);
    expect(d.changes.map((c) => [c.factId, c.status])).toEqual([
      ['lme-reaction', 'new'],
      ['ban-announced', 'new'],
      ['older', 'new'],
    ]);
    expect(d.changes[0]?.source).toMatchObject({ outlet: 'Reuters', published: '2024-04-16' });
    expect(d.changes[0]?.headline).toBe('According to senior US officials, claim of lme-reaction');
    expect(d.asOf).toBe('2024-04-16');
    expect(d.figures.map((f) => f.figureId)).toEqual(['ban-announced-fig']);
    expect(d.developments.map((x) => x.date)).toEqual(['2024-04-15', '2024-04-12', '2023-01-01']);
  });

  it('shows an edited fact as updated and leaves out an unchanged one', () => {
    const sent = new Map(FACTS.map((f) => [f.id, factHash(f)]));
    const edited = FACTS.map((f) => (f.id === 'older' ? { ...f, claim: 'a corrected claim' } : f));
    const added = fact('brand-new', { date: '2024-05-01' });
    const d = compose([...edited, added], sent);
    expect(d.changes.map((c) => [c.factId, c.status])).toEqual([
      ['brand-new', 'new'],
      ['older', 'updated'],
    ]);
    expect(renderText({ kind: 'digest', digest: d })).toContain(
      '[updated] According to senior US officials, a corrected claim',
    );
  });

  it('says once, above the figures, that nothing changed', () => {
    const d = compose(FACTS, new Map(FACTS.map((f) => [f.id, factHash(f)])));
    expect(d.nothingNew).toBe(true);
    expect(d.changes).toEqual([]);
    const lines = renderText({ kind: 'digest', digest: d }).split('\n');
    expect(lines.filter((l) => l === NOTHING_NEW)).toHaveLength(1);
    expect(lines.indexOf(NOTHING_NEW)).toBeLessThan(lines.indexOf('Headline figures:'));
    expect(lines).not.toContain('New since your last digest:');
  });

  it('records the hash of every fact, and ignores edits users never see (examples, file)', () => {
    const d = compose();
    expect(Object.keys(d.hashes).sort()).toEqual(['ban-announced', 'lme-reaction', 'older']);
    const f = FACTS[2] ?? fact('x');
    expect(factHash({ ...f, examples: ['new wording?'], file: 'elsewhere.yml' })).toBe(factHash(f));
    expect(factHash({ ...f, caveat: 'now with a caveat' })).not.toBe(factHash(f));
  });

  it('keeps a long first digest short, counting what it left out', () => {
    const many = Array.from({ length: 20 }, (_, i) => fact(`f${String(i).padStart(2, '0')}`));
    const d = composeDigest({
      knowledge: base(many),
      sent: new Map(),
      now: NOW,
      timeZone: 'UTC',
      limits: { changes: 5 },
    });
    expect(d.changes).toHaveLength(5);
    expect(d.moreChanges).toBe(15);
    expect(Object.keys(d.hashes)).toHaveLength(20);
  });

  it('dates the title in the subscription time zone', () => {
    const lateUtc = new Date('2026-11-28T23:30:00Z');
    expect(
      composeDigest({ knowledge: base(FACTS), sent: new Map(), now: lateUtc, timeZone: 'Asia/Tokyo' }).date,
    ).toBe('2026-11-29');
    expect(
      composeDigest({ knowledge: base(FACTS), sent: new Map(), now: lateUtc, timeZone: 'UTC' }).date,
    ).toBe('2026-11-28');
  });
});
