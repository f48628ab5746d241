import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitEmbed, truncate, userText } from '../../../adapters/discord/limits.js';
import { limitViolations } from './discord-limits.js';

describe('text limits', () => {
  it('never returns more than asked, and never splits an emoji', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.integer({ min: 1, max: 120 }),
        (s, max) => {
          const out = truncate(s, max);
          expect(out.length).toBeLessThanOrEqual(max);
          expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
        },
      ),
    );
  });

  it('echoes user text with no live mention, whatever it contains', () => {
    const piece = fc.constantFrom(
      '@everyone',
      '@here',
      '<@123456789012>',
      '<@&42424242>',
      '<#987654321>',
      '*',
      '_',
      ' ',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 5 })), { maxLength: 60 }), (parts) => {
        const out = userText(parts.join(''), 200);
        expect(out.length).toBeLessThanOrEqual(200);
        expect(out).not.toMatch(/@everyone|@here|<@!?&?\d+>|<#\d+>/);
      }),
    );
  });

  it('fits any embed into Discord’s limits', () => {
    const long = fc.string({ maxLength: 8000 });
    fc.assert(
      fc.property(
        long,
        long,
        fc.array(fc.record({ name: long, value: long }), { maxLength: 40 }),
        (t, d, fields) => {
          const embed = fitEmbed({ title: `t${t}`, description: `d${d}`, fields, footer: { text: `f${t}` } });
          expect(limitViolations({ embeds: [embed] })).toEqual([]);
        },
      ),
      { numRuns: 50 },
    );
  });
});
