/** fast-check arbitraries for hostile chat input: every kind of text a user (or a platform) can send. */
import fc from 'fast-check';

/** Snippets that have broken chat bots before: pings, markup, control and bidi characters, surrogates. */
export const NASTY = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<!subteam^S0123ABC|@analysts>',
  '<@U0ALICE>',
  '<@U0SITREP>',
  '<#C0GENERAL|general>',
  '<https://evil.example|click me>',
  '<mailto:a@b.c|mail>',
  '@everyone',
  '@here',
  '<@&123456789012345678>',
  '<@123456789012345678>',
  '<@!123456789012345678>',
  '<#123456789012345678>',
  '&lt;!channel&gt;',
  '&amp;lt;',
  '&',
  '<',
  '>',
  '|',
  '`',
  '```',
  '**bold** __u__ ~~s~~ ||spoiler||',
  '# heading\n- item\n1. one',
  '[masked](https://evil.example)',
  '> quote',
  '{"f":"x","q":"y","s":"z"}',
  '<script>alert(1)</script>',
  '<b>html</b>&nbsp;',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\r\n',
  '\t',
  '\u200b',
  '\u200e',
  '\u200f',
  '\u202e',
  '\u2066',
  '\u2069',
  '\ufeff',
  '\ufffd',
  '\ud800',
  '\udfff',
  '\udc00\ud800',
  '😀',
  '👩‍👩‍👧‍👦',
  '🇺🇦',
  'é',
  'e\u0301',
  'ﷺ',
  'مرحبا',
  '中国',
  'figure ',
  'figures',
  'ask ',
  'sources',
  'help',
  '?',
  'machine tools',
  "how much of Russia's chips came from China?",
  '70% $900m £5bn',
] as const;

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const controlChar = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
const anyUnit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme', maxLength: 1, minLength: 1 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 1, minLength: 1 }) },
  { weight: 1, arbitrary: loneSurrogate },
  { weight: 1, arbitrary: controlChar },
);

/** Short hostile text: snippets and random code points mixed, sometimes behind a command word. */
export const hostileText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '', '', 'ask ', 'figure ', 'figures ', '?', 'help ', '  '),
    fc.array(
      fc.oneof(
        { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
        { weight: 2, arbitrary: fc.string({ unit: anyUnit, maxLength: 30 }) },
        { weight: 1, arbitrary: fc.constantFrom(' ', '  ', '\n', '\u00a0', '\u3000') },
      ),
      { maxLength: 12 },
    ),
  )
  .map(([head, parts]) => head + parts.join(''));

/** A hostile piece repeated to `size` characters. */
export function repeatTo(piece: string, size: number): string {
  const unit = piece || '<!channel> @everyone ';
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/**
 * Huge text (1 to 100 KB) asked as a question. `figure <huge>` is left to its own test: it is slow today
 * (see tests/property/core-input.test.ts), and a generator hitting it would blow the time budget.
 */
export const hugeText: fc.Arbitrary<string> = fc
  .tuple(hostileText, fc.integer({ min: 1_000, max: 100_000 }))
  .map(([piece, size]) => `ask ${repeatTo(piece, size)}`);

/** Everything: empty, whitespace-only, short hostile and (rarely) huge text. */
export const anyInput: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n\t ', '\u200b', '\u3000\u00a0') },
  { weight: 12, arbitrary: hostileText },
  { weight: 1, arbitrary: hugeText },
);

/** Text that would ping someone on Slack if sent raw (outside `verbatim` escaping). */
export const SLACK_PING = /<[!@#]|<!(channel|here|everyone)>/;
/** Text that would ping someone on Discord (in message content) or render as a mention (in an embed). */
export const DISCORD_PING = /@(everyone|here)|<@[!&]?\d+>/;

/** True when `text` has no unpaired UTF-16 surrogate (what platforms reject or mangle). */
export function isWellFormed(text: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}
