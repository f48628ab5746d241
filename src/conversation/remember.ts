import type { Reply } from '../types.js';
import type { ConversationStore } from './store.js';

/**
 * Keeps what a follow-up needs of a reply: an answer's facts, a "did you mean" list's options. A refusal or a list
 * leaves the conversation's earlier answer in place. `question` replaces the answer's own question when the answer
 * came from a follow-up, so the next one still has the whole thread's subject.
 */
export async function rememberReply(
  store: ConversationStore,
  key: string,
  reply: Reply,
  question?: string,
): Promise<void> {
  if (reply.kind === 'digest' && reply.digest.briefing) {
    await store.set(key, { question: question ?? 'briefing', factIds: [], briefing: true });
    return;
  }
  if (reply.kind !== 'answer') return;
  const a = reply.answer;
  if (a.kind === 'answered')
    await store.set(key, { question: question ?? a.question, factIds: a.facts.map((f) => f.id) });
  else if (a.kind === 'ambiguous')
    await store.set(key, { question: a.question, factIds: [], options: a.options });
}
