/** Structural checks on a core Reply, shared by the property tests. */
import type { Reply } from '../../src/types.js';

const KINDS = ['answer', 'figures', 'sources', 'help', 'notice'];
const ANSWER_KINDS = ['answered', 'ambiguous', 'unknown'];

/** Structural checks on a Reply; returns every problem found. */
export function replyProblems(reply: Reply): string[] {
  const out: string[] = [];
  if (!KINDS.includes(reply.kind)) out.push(`kind ${String(reply.kind)}`);
  if (reply.kind === 'answer') {
    const a = reply.answer;
    if (!ANSWER_KINDS.includes(a.kind)) out.push(`answer kind ${String(a.kind)}`);
    if (typeof a.question !== 'string') out.push('question is not a string');
    if (!(a.confidence >= 0 && a.confidence <= 1)) out.push(`confidence ${a.confidence}`);
    if (a.kind === 'answered' && (a.facts.length === 0 || !a.headline)) out.push('answered without a fact');
    if (a.kind === 'ambiguous' && a.options.length < 2) out.push('ambiguous with < 2 options');
    if (a.kind === 'unknown' && a.topics.length === 0) out.push('unknown without topics');
  }
  if (reply.kind === 'notice' && reply.text.trim() === '') out.push('empty notice');
  return out;
}
