import { type APIEmbed, escapeMarkdown } from 'discord.js';

/** Discord's documented message, embed and component limits. */
export const LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  buttonsPerRow: 5,
  rows: 5,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Shortens to at most `max` characters, ending in an ellipsis, never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}

/** Breaks @everyone, @here and <@id>/<@&id>/<#id> so they never render as pings, even if allowed_mentions failed. */
export function neutralizeMentions(text: string): string {
  // Most text has neither character; skipping both regex passes then is the common, cheap case.
  if (!text.includes('@') && !text.includes('<')) return text;
  return text.replace(/@(everyone|here)/g, '@\u200b$1').replace(/<(@[!&]?|#)(\d+)>/g, '<$1\u200b$2>');
}

const ESCAPE_ALL = {
  heading: true,
  bulletedList: true,
  numberedList: true,
  maskedLink: true,
} as const;

/**
 * Every character escapeMarkdown (with ESCAPE_ALL) acts on: \ ` * _ ~ | # - [ ] ( ), and a digit before a dot for
 * numbered lists. Text with none of them comes back unchanged, so its dozen regex passes can be skipped.
 */
const MARKDOWN = /[\\`*_~|#[\]()-]|\d\./;

/** Text a user typed, made safe to echo: Markdown escaped, mentions broken, cut to `max`. */
export function userText(text: string, max: number): string {
  // Cut before escaping so a huge input is cheap, and again after because escaping adds backslashes.
  const flat = truncate(text.replace(/\s+/g, ' ').trim(), max);
  const escaped = MARKDOWN.test(flat) ? escapeMarkdown(flat, ESCAPE_ALL) : flat;
  return truncate(neutralizeMentions(escaped), max);
}

/** Our own text (knowledge base, labels): only mentions are broken. */
export function ownText(text: string, max: number): string {
  return truncate(neutralizeMentions(text), max);
}

/** Characters Discord counts towards the 6000 total of an embed. */
export function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    fields
  );
}

/** Applies every per-part limit, then drops trailing fields and shortens the description until the total fits. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (fitted.title !== undefined) fitted.title = truncate(fitted.title, LIMITS.title);
  if (fitted.description !== undefined) fitted.description = truncate(fitted.description, LIMITS.description);
  if (fitted.footer) fitted.footer = { ...fitted.footer, text: truncate(fitted.footer.text, LIMITS.footer) };
  if (fitted.author) fitted.author = { ...fitted.author, name: truncate(fitted.author.name, LIMITS.author) };
  if (fitted.fields) {
    fitted.fields = fitted.fields.slice(0, LIMITS.fields).map((f) => ({
      ...f,
      name: truncate(f.name, LIMITS.fieldName) || '\u200b',
      value: truncate(f.value, LIMITS.fieldValue) || '\u200b',
    }));
  }
  while (embedLength(fitted) > LIMITS.embedTotal && fitted.fields && fitted.fields.length > 0) {
    fitted.fields = fitted.fields.slice(0, -1);
  }
  const over = embedLength(fitted) - LIMITS.embedTotal;
  if (over > 0 && fitted.description) {
    fitted.description = truncate(fitted.description, Math.max(1, fitted.description.length - over));
  }
  return fitted;
}
