/** Text helpers for Slack: escaping, limit-safe truncation and inbound normalization. Pure. */
import { wellFormed } from '../../src/text/normalize.js';

const ELLIPSIS = '…';

const NEEDS_ESCAPE = /[&<>]/;

/** Escapes &, < and > so user text can never become a link, mention or `<!channel>` ping. */
export function escapeSlack(text: string): string {
  // Most text has none of the three; one scan then replaces three regex passes and their copies.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Undoes Slack's own entity encoding of inbound text. `&amp;` goes last so `&amp;lt;` stays `&lt;`. */
export function unescapeSlack(text: string): string {
  // Every entity starts with '&'.
  if (!text.includes('&')) return text;
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Cuts plain (unescaped) text to `max` characters, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Avoid splitting a surrogate pair, which Slack would reject as invalid UTF-8.
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, cut) + ELLIPSIS;
}

/**
 * Cuts mrkdwn to `max` characters without leaving half an entity (`&am`) or half a link (`<http://…`),
 * either of which would render as garbage or swallow the text after it.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = truncate(text, max).slice(0, -1);
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  const open = cut.lastIndexOf('<');
  if (open >= 0 && open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  return cut + ELLIPSIS;
}

/** Escapes then truncates: the usual way user or core text lands in a Block Kit text object. */
export function safeText(text: string, max: number): string {
  return truncateMrkdwn(escapeSlack(text), max);
}

/**
 * Turns the text of a Slack message or slash command into the plain question the core expects:
 * drops mentions of the bot, shows links by their label, decodes entities. Other mentions and
 * `<!channel>`-style tokens are kept verbatim; they are escaped again whenever they are echoed.
 */
export function normalizeInbound(text: string, botUserId?: string): string {
  let out = text;
  // Mentions, links and channel references all start with '<'; plain text skips the four passes.
  if (out.includes('<')) {
    if (botUserId) out = out.replace(botMention(botUserId), ' ');
    out = out
      .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, '$2')
      .replace(/<((?:https?|mailto):[^|>]+)>/g, '$1')
      .replace(/<#[A-Z0-9]+\|([^>]+)>/g, '#$1');
  }
  return wellFormed(unescapeSlack(out)).replace(/\s+/g, ' ').trim();
}

/** The bot's own user id never changes while it runs, so its mention pattern is compiled once, not per message. */
let mentionCache: { id: string; pattern: RegExp } | undefined;
function botMention(botUserId: string): RegExp {
  if (mentionCache?.id !== botUserId) {
    mentionCache = { id: botUserId, pattern: new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g') };
  }
  return mentionCache.pattern;
}

/** A mention of a Slack user when the id looks like one; anything else is escaped, never linked. */
export function mentionUser(userId: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : escapeSlack(userId);
}

/** Makes a URL safe inside `<url|label>`: the delimiters must not appear raw. */
export function linkUrl(url: string): string {
  return escapeSlack(url).replace(/\|/g, '%7C');
}
