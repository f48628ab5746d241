/** A refusal says why: a forecast or opinion, a question cut at the length limit, another language, or not covered. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { renderText } from '../../src/render-text.js';
import type { Sitrep } from '../../src/sitrep.js';
import type { Answer } from '../../src/types.js';
import { createRecordingLog } from '../fakes/recording-log.js';
import { testSitrep } from '../support/engine.js';

let sitrep: Sitrep;
beforeAll(async () => {
  sitrep = await testSitrep({ knowledge: loadKnowledge('knowledge'), log: createRecordingLog().log });
});

const reason = (a: Answer) => (a.kind === 'unknown' ? a.reason : a.kind);
const text = (a: Answer) => renderText({ kind: 'answer', answer: a });

describe('refusals name the real reason', () => {
  it.each([
    'will China stop supporting Russia?',
    'do you think the metals ban will work?',
    'is Russia going to win the war next year?',
    'Is the metals ban actually working?',
    "who's going to come out on top in Ukraine?",
    'Will the chip shipments to Russia eventually dry up?',
    'How long can the Russian war economy hold out?',
  ])('a forecast or opinion: %s', async (q) => {
    const a = await sitrep.ask(q);
    expect(reason(a)).toBe('forecast');
    expect(text(a)).toContain("I report what sources said, and I don't forecast or give opinions");
    expect(text(a)).not.toContain('I only cover');
  });

  it.each([
    'Combien de machines-outils la Chine a-t-elle vendues à la Russie ?',
    'Wie viele Werkzeugmaschinen hat China an Russland geliefert?',
    'Сколько станков Китай поставил России?',
    '中国向俄罗斯出口了多少机床？',
  ])('another language: %s', async (q) => {
    const a = await sitrep.ask(q);
    expect(reason(a)).toBe('not-english');
    expect(text(a)).toContain('I answer in English only');
  });

  it('a question past the length limit says it was cut and what was kept', async () => {
    const q = `${'I have been wondering about football for a long time and '.repeat(10)}who won the 1998 world cup?`;
    expect(q.length).toBeGreaterThan(500);
    const a = await sitrep.ask(q);
    expect(reason(a)).toBe('too-long');
    expect(text(a)).toContain('longer than 500 characters, so I read only its start ("I have been wondering');
  });

  it.each(['who won the 1998 world cup?', 'tell me a joke', 'what is the capital of france'])(
    'plain English outside the base stays "not covered": %s',
    async (q) => {
      const a = await sitrep.ask(q);
      expect(reason(a)).toBe('out-of-scope');
      expect(text(a)).toContain('I only cover');
    },
  );

  it('a near-miss that names no subject but ranks one topic well is refused as that topic, offering its facts', async () => {
    const a = await sitrep.ask('what share of the aluminium stocks was russian a year earlier?');
    expect(reason(a)).toBe('attribute-not-covered');
    expect(text(a)).toContain('I know about Ban on Russian metals');
    expect(text(a)).not.toContain('I only cover');
    expect(a.kind === 'unknown' && a.suggestions.some((s) => /LME/.test(s))).toBe(true);
  });

  it('every refusal still says what Sitrep can answer instead', async () => {
    for (const q of ['will China stop supporting Russia?', 'Сколько станков Китай поставил России?']) {
      const a = await sitrep.ask(q);
      expect(a.kind === 'unknown' && a.suggestions.length).toBeGreaterThan(0);
    }
  });
});
