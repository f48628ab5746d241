import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeenIds } from '../../../adapters/seen-ids.js';
import { decodeFeedback, encodeFeedback } from '../../../adapters/slack/action-values.js';
import { escapeSlack, mentionUser, normalizeInbound, safeText } from '../../../adapters/slack/text.js';

describe('escaping and truncation', () => {
  it('escapes &, < and > (ampersand first, so nothing is double-decoded)', () => {
    expect(escapeSlack('<!channel> & <@U1> &lt;')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt; &amp;lt;');
  });

  it('safeText never exceeds its limit, never leaves a raw < or >, never cuts an entity in half', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', '&', '<', '>', ' ', '!', 'é', '😀') }),
        fc.integer({ min: 2, max: 80 }),
        (s, max) => {
          const out = safeText(s, max);
          expect(out.length).toBeLessThanOrEqual(max);
          expect(out).not.toMatch(/[<>]/);
          expect(out.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
        },
      ),
    );
  });

  it('only makes a mention out of a real-looking user id', () => {
    expect(mentionUser('U0ALICE')).toBe('<@U0ALICE>');
    expect(mentionUser('<!channel>')).toBe('&lt;!channel&gt;');
  });
});

describe('normalizeInbound', () => {
  it('drops the bot mention, decodes entities and shows links by their label', () => {
    const raw =
      '<@U0BOT> what about <https://example.com|the AP story> &amp; chips &lt;2023&gt; in <#C123|general>?';
    expect(normalizeInbound(raw, 'U0BOT')).toBe('what about the AP story & chips <2023> in #general?');
  });

  it('keeps other mentions and special tokens verbatim, for escaping on the way out', () => {
    expect(normalizeInbound('<!channel> hi <@U0OTHER>', 'U0BOT')).toBe('<!channel> hi <@U0OTHER>');
  });
});

describe('feedback values', () => {
  it('round-trip and fit in 2000 characters even for two long, different texts', () => {
    const value = { f: 'machine-tools-china-share', q: 'q"\\'.repeat(3000), s: 's'.repeat(9000) };
    const encoded = encodeFeedback(value);
    expect(encoded.length).toBeLessThanOrEqual(2000);
    const decoded = decodeFeedback(encoded);
    expect(decoded?.f).toBe('machine-tools-china-share');
    expect(decoded?.q.length).toBeGreaterThan(100);
    expect(decoded?.s.length).toBeGreaterThan(100);
    expect(decodeFeedback(encodeFeedback({ q: 'short', s: 'figure x' }))).toEqual({
      q: 'short',
      s: 'figure x',
    });
  });

  it('rejects values it did not make', () => {
    expect(decodeFeedback('not json')).toBeUndefined();
    expect(decodeFeedback('{"x":1}')).toBeUndefined();
  });
});

describe('seen ids', () => {
  it('reports the first sighting only, within the window', () => {
    let t = 0;
    const seen = createSeenIds({ max: 100, ttlMs: 1000, now: () => t });
    expect(seen.first('Ev1')).toBe(true);
    expect(seen.first('Ev1')).toBe(false);
    t = 1500;
    expect(seen.first('Ev1')).toBe(true);
  });

  it('stays bounded: the oldest ids are forgotten first', () => {
    const seen = createSeenIds({ max: 3, ttlMs: 60_000, now: () => 0 });
    for (const id of ['a', 'b', 'c', 'd']) expect(seen.first(id)).toBe(true);
    expect(seen.first('d')).toBe(false);
    expect(seen.first('a')).toBe(true);
  });
});
