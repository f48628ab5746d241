/**
 * Answers a follow-up from the conversation's last answer. "who said that?", "source?" and "more" speak of that
 * answer's fact; a choice asks the chosen option; "and X?" and a message that refers back are asked again with the
 * previous question beside them, through the same decision as any question, and kept only if that answers them.
 * Undefined means: treat the message as a new question.
 */
import type { Answer, Fact, Reply } from '../types.js';
import { type FollowUp, followUpOf } from './follow-up.js';
import type { ConversationContext } from './store.js';

export interface FollowUpDeps {
  ask(text: string): Promise<Answer>;
  /** The answer and the ranked candidates, each with the ranker's probability that it is the fact asked about. */
  explain(text: string): Promise<{ answer: Answer; judged: { p: number; entry: { fact: Fact } }[] }>;
  /** The full answer of one fact, as asking for it would give. */
  answerOf(fact: Fact, question: string): Answer;
  byId: Map<string, Fact>;
  /** The whole briefing `command` ("briefing metals") asked for, for "more" after one. */
  wholeBriefing?(command: string): Promise<Reply>;
}

const CERTAINTY: Record<Fact['certainty'], string> = {
  'official-action': 'an official action, on the record',
  asserted: 'stated as fact by them',
  likely: 'described by them as likely',
  reported: 'reported, not confirmed',
  disputed: 'disputed',
};

/** How close to the best candidate the previous fact must be to keep a pronoun's reference, and its floor. */
const CONTINUITY = 0.5;
const MIN_P = 0.3;

const outletsOf = (fact: Fact) =>
  [...new Set(fact.sources.map((s) => `${s.outlet} (${s.published})`))].join(', ');

function retold(answer: Answer, headline: string, question: string): Answer {
  return answer.kind === 'answered' ? { ...answer, question, headline } : answer;
}

export async function answerFollowUp(
  followUp: FollowUp,
  message: string,
  context: ConversationContext,
  deps: FollowUpDeps,
): Promise<Answer | undefined> {
  const fact = context.factIds.map((id) => deps.byId.get(id)).find((f) => f !== undefined);
  switch (followUp.kind) {
    case 'choice': {
      const option = context.options?.[followUp.index - 1];
      return option ? deps.ask(option.ask) : undefined;
    }
    case 'attribution':
      if (!fact) return undefined;
      return retold(
        deps.answerOf(fact, message),
        `That comes from ${fact.attribution} (${CERTAINTY[fact.certainty]}), as reported by ${outletsOf(fact)}.`,
        message,
      );
    case 'sources':
      if (!fact) return undefined;
      return retold(deps.answerOf(fact, message), `Sources for that: ${outletsOf(fact)}.`, message);
    case 'more': {
      if (!fact) return undefined;
      const answer = deps.answerOf(fact, message);
      const notes = answer.kind === 'answered' ? answer.caveats.join(' ') : '';
      return retold(answer, `More on that: ${fact.claim}${notes ? ` ${notes}` : ''}`, message);
    }
    case 'about': {
      const fresh = await deps.ask(followUp.subject);
      if (fresh.kind === 'answered' && !context.factIds.includes(fresh.facts[0]?.id ?? '')) return fresh;
      const framed = await deps.ask(`${followUp.subject} ${context.question}`);
      if (framed.kind === 'answered' && !context.factIds.includes(framed.facts[0]?.id ?? ''))
        return { ...framed, question: message };
      return undefined;
    }
    case 'refers': {
      const { answer, judged } = await deps.explain(`${message} ${context.question}`);
      if (answer.kind === 'answered' && context.factIds.includes(answer.facts[0]?.id ?? ''))
        return { ...answer, question: message };
      // "they" refers back: the previous fact wins when the ranker finds it about as likely as the best one.
      const best = judged[0]?.p ?? 0;
      const previous = judged.find((j) => context.factIds.includes(j.entry.fact.id));
      if (previous && previous.p >= Math.max(CONTINUITY * best, MIN_P))
        return deps.answerOf(previous.entry.fact, message);
      return answer.kind === 'answered' ? { ...answer, question: message } : undefined;
    }
  }
}

const NO_CHOICE: Reply = {
  kind: 'notice',
  text: 'There is no list to pick from here (or it has expired). Ask your question in words.',
};

/**
 * The reply to a message in a conversation, with the question the conversation goes on from; undefined when the
 * message stands on its own. A number with no list to pick from says so rather than reaching the engine.
 */
export async function replyInConversation(
  text: string,
  context: ConversationContext | undefined,
  deps: FollowUpDeps,
): Promise<{ reply: Reply; question: string } | undefined> {
  const kind = followUpOf(text);
  if (kind?.kind === 'choice' && !context?.options?.[kind.index - 1])
    return { reply: NO_CHOICE, question: context?.question ?? '' };
  if (!context || !kind) return undefined;
  if (kind.kind === 'more' && context.briefing && deps.wholeBriefing)
    return { reply: await deps.wholeBriefing(context.question), question: context.question };
  const answer = await answerFollowUp(kind, text, context, deps);
  return (
    answer && { reply: { kind: 'answer', answer }, question: `${text} ${context.question}`.slice(0, 300) }
  );
}
