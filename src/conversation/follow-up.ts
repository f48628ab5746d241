/**
 * Messages that only make sense against the previous answer. Each kind is recognised by the shape of the message
 * (a question word and a pronoun, "source?", "and X?", a number), never by topic words, so a growing base needs no
 * new patterns. Whatever is recognised still goes through the same calibrated decision as any question.
 */
import { stripPadding } from '../text/chat-noise.js';
import { normalize } from '../text/normalize.js';

export type FollowUp =
  /** "who said that?", "how sure are they?" */
  | { kind: 'attribution' }
  /** "source?", "link?", "who reported it?" */
  | { kind: 'sources' }
  /** "more", "details", "why?" */
  | { kind: 'more' }
  /** "2", "2.", "the first one": a choice from a "did you mean" list */
  | { kind: 'choice'; index: number }
  /** "and chips?", "what about drones?": the same question about another subject */
  | { kind: 'about'; subject: string }
  /** "where did they meet?", "what are they used for?": refers back, read with the previous question */
  | { kind: 'refers' };

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];
const ORDINAL_SHORT = ['1st', '2nd', '3rd', '4th', '5th', '6th'];

const ATTRIBUTION =
  /\b(who (said|says|claimed|claims|made|is saying|saying|stated|told|briefed)|says who|according to (whom|who)|whose (claim|figure|number)|how (sure|certain|confident)|is (that|this|it) (confirmed|verified|official))\b/;
const SOURCES =
  /^(sources?|links?|citations?|cite|refs?|references?|proof|receipts|sauce|src)$|\b(what(s| is| are)? the sources?|which (outlets?|sources?)|who reported|(where|what)('?s| is| was| does| did)? (that|this|it) (is |was )?(from|come from|reported)|cite (that|this|it)|sources? (for|on) (that|this|it)|links? (to|for) (that|this|it)|any (sources?|links?)|got a (source|link))\b/;
const MORE =
  /^(more|details?|tell me more|go on|more (details|info|please)|elaborate|expand|why|why (is|was) (that|it)|how come|context|background)$/;
const ABOUT = /^(and what about|and how about|what about|how about|same for|what of|and for|and)\s+(.+)$/;
const REFERS = /\b(that|this|it|they|them|those|these|there|he|she|his|her|their|its)\b/;
const QUESTION_WORD = /^(who|what|when|where|why|how|which|whose)\b/;

function choiceOf(text: string): number | undefined {
  const digits = /^(?:(?:option|number|no|choice)\s*)?(\d{1,2})(?:st|nd|rd|th)?$/.exec(text);
  if (digits) return Number(digits[1]);
  const words = text.replace(/^(the|option|choice)\s+/, '').replace(/\s+(one|option|choice)$/, '');
  const i = ORDINALS.indexOf(words);
  if (i >= 0) return i + 1;
  const j = ORDINAL_SHORT.indexOf(words);
  return j >= 0 ? j + 1 : undefined;
}

/** The follow-up a message is, if it reads as one; undefined for a message that stands on its own. */
export function followUpOf(message: string): FollowUp | undefined {
  const text = stripPadding(normalize(message));
  if (!text) return undefined;
  const words = text.split(' ');
  const index = choiceOf(text);
  if (index !== undefined) return { kind: 'choice', index };
  if (SOURCES.test(text)) return { kind: 'sources' };
  if (ATTRIBUTION.test(text) && words.length <= 5) return { kind: 'attribution' };
  if (MORE.test(text)) return { kind: 'more' };
  const about = ABOUT.exec(text);
  if (about && words.length <= 6) return { kind: 'about', subject: about[2] ?? '' };
  if (words.length <= 7 && (REFERS.test(text) || (QUESTION_WORD.test(text) && words.length <= 3)))
    return { kind: 'refers' };
  return undefined;
}
