import { stripPadding } from './text/chat-noise.js';
import type { Command, DigestAction } from './types.js';

const digestActions: readonly DigestAction[] = ['subscribe', 'unsubscribe', 'status', 'preview', 'usage'];

function parseDigest(rest: string): Command {
  const [action = 'status', ...schedule] = rest.split(/\s+/).filter(Boolean);
  const known = digestActions.find((a) => a === action.toLowerCase());
  // An unknown action becomes `usage`, carrying the word so the notice can name it.
  return known
    ? { name: 'digest', action: known, schedule: schedule.join(' ') }
    : { name: 'digest', action: 'usage', schedule: action };
}

/**
 * Asking for a briefing in words, as people type it in chat (typos and shorthand included): "what's new?",
 * "latest", "brief me on metals", "tl;dr", "catch me up", "what happened this week". The topic, if any, is last.
 */
const BRIEFING =
  /^(?:(?:so\s+)?(?:what'?s|whats|wats|what is)\s+(?:new|the latest|up|happening|going on)(?:\s+(?:today|this week|lately))?|latest(?:\s+news)?|any\s*(?:news|updates?)|anything new|updates?|news|(?:give me (?:a |the )?)?(?:quick\s+)?(?:brief|breif|briefing|rundown|sitrep|summary|summery|recap|overview)|(?:brief|breif) me(?:\s+(?:up|in))?|sum(?:marize|marise)?(?:\s+up)?|tl\s*;?\s*dr|catch me up|what happened (?:this|last) (?:week|month))(?:\s+(?:on|about|for)\s+(.+?))?[\s?!.]*$/i;

function parseBriefing(text: string): Command | undefined {
  const m = BRIEFING.exec(stripPadding(text));
  if (!m) return undefined;
  return m[1] ? { name: 'briefing', topic: m[1] } : { name: 'briefing' };
}

/** The shared grammar: `ask <q>` (or bare text), `figure <name>`, `figures`, `sources`, `digest …`, `help`. */
export function parseCommand(text: string): Command {
  const trimmed = text.trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return { name: 'help' };
  const head = (match[1] ?? '').toLowerCase();
  const rest = (match[2] ?? '').trim();
  switch (head) {
    case 'ask':
      return { name: 'ask', text: rest };
    case 'figure':
      return { name: 'figure', text: rest };
    case 'figures':
      return rest ? { name: 'figure', text: rest } : { name: 'figures' };
    case 'sources':
      return { name: 'sources' };
    case 'digest':
      return parseDigest(rest);
    case 'report':
      return { name: 'report' };
    case 'briefing':
      return rest ? { name: 'briefing', topic: rest } : { name: 'briefing' };
    case 'help':
    case '?':
      return { name: 'help' };
    default:
      return parseBriefing(trimmed) ?? { name: 'ask', text: trimmed };
  }
}

/** Usage lines shown by `help`; adapters prefix them with their own trigger (/sitrep, @Sitrep). */
export const USAGE: { command: string; description: string }[] = [
  {
    command: '<question>',
    description: 'Ask anything about the situation, e.g. "how much of Russia\'s chips came from China?"',
  },
  { command: 'ask <question>', description: 'The same, explicitly.' },
  {
    command: 'figure <name>',
    description: 'A headline figure by name or topic, e.g. "figure machine tools".',
  },
  { command: 'figures', description: 'Every figure Sitrep knows, in one table.' },
  { command: 'sources', description: 'The outlets and documents the facts come from.' },
  {
    command: 'digest subscribe daily 09:00 [Europe/Berlin]',
    description: 'A digest in this channel on a schedule ("weekly mon 09:00" or cron also work).',
  },
  { command: 'digest status | preview | unsubscribe', description: "This channel's digest." },
  {
    command: 'briefing [topic]',
    description: 'The headline figures and latest developments ("what\'s new?", "brief me on metals").',
  },
  {
    command: 'report',
    description: 'What people asked that Sitrep could not answer (digest managers only).',
  },
  { command: 'help', description: 'This message.' },
];
