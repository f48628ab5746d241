/** Ids and payloads of Sitrep's interactive buttons. Values stay within Slack's 2000 characters. */
import { z } from 'zod';
import { LIMITS } from './blocks.js';
import { truncate } from './text.js';

export const ACTION = {
  share: 'sitrep_share',
  /** Prefix: every button that asks a question (related, choices, suggestions) gets a unique suffix. */
  ask: 'sitrep_ask',
  helpful: 'sitrep_helpful',
  unhelpful: 'sitrep_unhelpful',
} as const;

export const ASK_ACTION = new RegExp(`^${ACTION.ask}_\\d+$`);

const feedbackSchema = z.object({
  /** Fact the answer came from. */
  f: z.string().optional(),
  /** The question as the core understood it. */
  q: z.string(),
  /** The text to re-ask to re-render the same reply; left out when it equals `q`. */
  s: z.string().optional(),
});

export interface FeedbackValue {
  f?: string;
  q: string;
  s: string;
}

type Wire = z.infer<typeof feedbackSchema>;

const jsonLength = (text: string) => JSON.stringify(text).length - 2;

/** The longest prefix whose JSON-escaped form fits `budget`, with an ellipsis when cut. */
function fitJson(text: string, budget: number): string {
  if (jsonLength(text) <= budget) return text;
  let used = 1;
  let end = 0;
  for (const ch of text) {
    const n = jsonLength(ch);
    if (used + n > budget) break;
    used += n;
    end += ch.length;
  }
  return `${text.slice(0, end)}…`;
}

/** Serializes a vote payload; when too long, the shorter text is kept whole if it fits in half the room. */
export function encodeFeedback(v: FeedbackValue): string {
  const f = v.f === undefined ? undefined : truncate(v.f, 200);
  const s = v.s === v.q ? undefined : v.s;
  const room = LIMITS.actionValue - JSON.stringify({ f, q: '', s: s === undefined ? undefined : '' }).length;
  const qNeed = jsonLength(v.q);
  const sNeed = s === undefined ? 0 : jsonLength(s);
  const half = Math.floor(room / 2);
  let qBudget = room;
  if (s !== undefined && qNeed + sNeed > room)
    qBudget = sNeed <= half ? room - sNeed : Math.max(half, room - sNeed);
  const q = fitJson(v.q, qBudget);
  const wire: Wire = { f, q, s: s === undefined ? undefined : fitJson(s, room - jsonLength(q)) };
  return JSON.stringify(wire);
}

/** Parses a vote payload; undefined when it was not made by encodeFeedback. */
export function decodeFeedback(raw: string | undefined): FeedbackValue | undefined {
  try {
    const parsed = feedbackSchema.safeParse(JSON.parse(raw ?? ''));
    if (!parsed.success) return undefined;
    const { f, q, s } = parsed.data;
    return { ...(f === undefined ? {} : { f }), q, s: s ?? q };
  } catch {
    return undefined;
  }
}
