/** Minimal Block Kit builders that enforce Slack's size limits. Pure. */
import type { types } from '@slack/bolt';
import { safeText, truncate, truncateMrkdwn } from './text.js';

export type Block = types.KnownBlock;
type Button = types.Button;

export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  contextElements: 10,
  buttonText: 75,
  actionValue: 2000,
  actionsElements: 25,
  messageText: 3000,
} as const;

/** A mrkdwn section; `text` must already be escaped. Verbatim so Slack adds no links or mentions of its own. */
export function section(mrkdwn: string): Block {
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: truncateMrkdwn(mrkdwn, LIMITS.sectionText), verbatim: true },
  };
}

/** Sections of at most 10 fields each; every field must already be escaped. */
export function fieldSections(fields: string[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < fields.length; i += LIMITS.fields) {
    const chunk = fields.slice(i, i + LIMITS.fields);
    out.push({
      type: 'section',
      fields: chunk.map((f) => ({
        type: 'mrkdwn',
        text: truncateMrkdwn(f, LIMITS.fieldText),
        verbatim: true,
      })),
    });
  }
  return out;
}

/** A context block of up to 10 mrkdwn elements; every element must already be escaped. */
export function context(elements: string[]): Block {
  return {
    type: 'context',
    elements: elements
      .slice(0, LIMITS.contextElements)
      .map((text) => ({ type: 'mrkdwn', text: truncateMrkdwn(text, LIMITS.sectionText), verbatim: true })),
  };
}

/** Splits escaped lines into as few sections as fit, never splitting a line. */
export function lineSections(lines: string[], wrap: (body: string) => string = (b) => b): Block[] {
  const budget = LIMITS.sectionText - wrap('').length;
  const out: Block[] = [];
  let current: string[] = [];
  // Length of current.join('\n'), kept as lines are added instead of joining again for every line.
  let length = 0;
  const flush = () => {
    if (current.length > 0) out.push(section(wrap(current.join('\n'))));
    current = [];
    length = 0;
  };
  for (const raw of lines) {
    const line = truncateMrkdwn(raw, budget);
    if ((current.length > 0 ? length + 1 : 0) + line.length > budget) flush();
    length += (current.length > 0 ? 1 : 0) + line.length;
    current.push(line);
  }
  flush();
  return out;
}

export interface ButtonSpec {
  /** Unescaped label; escaped and cut to 75 characters here. */
  label: string;
  actionId: string;
  /** Unescaped data; cut to Slack's 2000-character limit. */
  value: string;
  style?: 'primary' | 'danger';
}

export function button(spec: ButtonSpec): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: safeText(spec.label, LIMITS.buttonText) || '…', emoji: true },
    action_id: spec.actionId,
    value: truncate(spec.value, LIMITS.actionValue),
    ...(spec.style ? { style: spec.style } : {}),
  };
}

/** Actions blocks of at most 25 buttons each; block ids get a suffix so they stay unique. */
export function actions(blockId: string, buttons: Button[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.actionsElements) {
    const id = i === 0 ? blockId : `${blockId}_${i / LIMITS.actionsElements}`;
    out.push({ type: 'actions', block_id: id, elements: buttons.slice(i, i + LIMITS.actionsElements) });
  }
  return out;
}

/**
 * Keeps a message within 50 blocks: the tail (buttons, attribution) always survives and the body
 * is cut, with a note that says so.
 */
export function capBlocks(body: Block[], tail: Block[]): Block[] {
  if (body.length + tail.length <= LIMITS.blocks) return [...body, ...tail];
  const room = Math.max(0, LIMITS.blocks - tail.length - 1);
  return [...body.slice(0, room), context(['_More results not shown._']), ...tail].slice(0, LIMITS.blocks);
}
