/**
 * Chat markup that carries no question: mentions, broadcast pings, channel references, links, emoji, invisible
 * characters and quote markers. Stripped before anything reads the text, so `@channel what about machine tools?` is
 * the same question as `what about machine tools?` on every front end.
 */
const NOISE: [RegExp, string][] = [
  // Slack: <@U123>, <@U123|name>, <!here>, <!subteam^S1|@team>, <#C123|general>; a link keeps its label.
  [/<(?:https?|mailto):[^|>]*\|([^>]*)>/g, ' $1 '],
  [/<[@!#][^>]*>/g, ' '],
  // Discord: <@123>, <@!123>, <@&123>, <#123>, <:emoji:123>, <a:emoji:123>, <t:1712900000:R>
  [/<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|<t:\d+(?::\w)?>/g, ' '],
  [/<?\bhttps?:\/\/[^\s>]+>?/g, ' '],
  [/(^|\s)@\w[\w.-]*/g, ' '],
  [/:[a-z0-9_+-]+:/g, ' '],
  [/\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}\u{FE0F}]/gu, ' '],
  // zero-width, soft hyphen and bidirectional controls
  [/[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g, ''],
  [/^\s*(?:>|&gt;)+/gm, ' '],
];

/** Chat padding around a request: "hey sitrep,", "ok so", "um", "pls", "thanks". */
const PADDING =
  /^(?:(?:hey|hi|ok|okay|so|yo|um|and so)\b[\s,]*)+(?:sitrep\b[\s,]*)?|[\s,]+(?:pls|please|plz|thx|thanks|ty)[\s?!.]*$/gi;

export const stripPadding = (text: string): string => text.replace(PADDING, '').trim();

export function stripChatNoise(text: string): string {
  let out = text;
  // Most questions have none of these characters; they skip every pass.
  if (
    !/[<@:>&\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]|https?:|\p{Extended_Pictographic}/u.test(out)
  )
    return out.trim();
  for (const [pattern, by] of NOISE) out = out.replace(pattern, by);
  return out
    .replace(/\s+/g, ' ')
    .replace(/ ([?!.,;:])/g, '$1')
    .trim();
}
