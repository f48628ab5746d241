import { composeAnswer, suggestedQuestion, unknownAnswer } from './answer/compose.js';
import { parseCommand } from './commands.js';
import { type DigestOptions, runDigestCommand } from './digest/command.js';
import { decide } from './engine/decide.js';
import { answerFigure } from './engine/figure-finder.js';
import { analyze, score } from './engine/match.js';
import { formatReport, type InsightsStore } from './insights.js';
import { isoDay } from './knowledge/freshness.js';
import { memoized, prepare } from './prepared-base.js';
import { wellFormed } from './text/normalize.js';
import type { Answer, Command, FeedbackEvent, KnowledgeBase, Logger, Question, Reply } from './types.js';

/** The core: one instance answers every front end. */
export interface Sitrep {
  /** Parses `q.text` with the shared command grammar and answers it. Never throws on user input. */
  respond(q: Question): Reply;
  /** Answers an already-parsed command (e.g. a Discord subcommand). */
  run(cmd: Command, q: Question): Reply;
  /** Answers a question (the `ask` command). */
  ask(text: string): Answer;
  /** Figure names and topics matching a partial name, best first (for autocomplete). */
  completeFigure(partial: string, limit?: number): { name: string; value: string }[];
  /** Records a Helpful / Not helpful vote. */
  feedback(e: FeedbackEvent): void;
  /** Swaps in a new, already validated fact base; answers in progress finish on the old one. */
  reload(knowledge: KnowledgeBase): void;
  /** The fact base answers currently come from. */
  knowledge(): KnowledgeBase;
}

export interface SitrepOptions {
  knowledge: KnowledgeBase;
  log: Logger;
  /** Without it, `digest …` commands answer that digests are not available. */
  digests?: DigestOptions;
  /** Where refusals, votes and answer counts go for curators; without it they are only logged. */
  insights?: InsightsStore;
  clock?: () => Date;
}

export function createSitrep(opts: SitrepOptions): Sitrep {
  const { log, digests, insights } = opts;
  const clock = opts.clock ?? (() => new Date());
  let current = prepare(opts.knowledge);
  /** Answers built on a fact past its review date say so ("As of …"). */
  const freshness = () => ({ today: isoDay(clock()), reviewDays: current.knowledge.reviewDays });

  const ask = (text: string): Answer => {
    const { knowledge, index, byId, typoCache } = current;
    const query = analyze(index, text, typoCache);
    const ranked = score(index, query);
    const decision = decide(index, query, ranked);
    switch (decision.kind) {
      case 'empty':
        return unknownAnswer(text, 'empty', knowledge.topics);
      case 'answered':
        return composeAnswer({
          ...freshness(),
          question: text,
          fact: decision.best.entry.fact,
          byId,
          confidence: decision.confidence,
        });
      case 'ambiguous':
        return {
          kind: 'ambiguous',
          question: text,
          confidence: decision.confidence,
          options: decision.options.map(({ entry: { fact } }) => ({
            factId: fact.id,
            label: fact.figures[0]?.label ?? fact.claim,
            ask: suggestedQuestion(fact),
          })),
        };
      case 'unknown': {
        const { subject } = decision;
        if (!subject)
          return unknownAnswer(text, 'out-of-scope', knowledge.topics, { confidence: decision.confidence });
        return unknownAnswer(text, 'attribute-not-covered', knowledge.topics, {
          subject: subject.name,
          suggestions: subject.facts.map((s) => suggestedQuestion(s.entry.fact)),
          confidence: decision.confidence,
        });
      }
    }
  };

  /** Curators learn what was refused and which facts get used; a failing store never costs an answer. */
  const record = (answer: Answer, q: Question) => {
    if (!insights) return;
    const at = clock().toISOString();
    try {
      if (answer.kind === 'answered') {
        for (const f of answer.facts) insights.recordAnswered({ factId: f.id, platform: q.platform, at });
      } else {
        const reason = answer.kind === 'ambiguous' ? 'ambiguous' : answer.reason;
        insights.recordUnanswered({
          question: answer.question,
          platform: q.platform,
          channelId: q.channelId,
          reason,
          at,
        });
      }
    } catch (err) {
      log.warn('could not record insights', { error: err instanceof Error ? err.message : String(err) });
    }
  };

  const run = (raw: Command, q: Question): Reply => {
    const cmd = 'text' in raw ? { ...raw, text: wellFormed(raw.text) } : raw;
    const { knowledge, index, byId, figures } = current;
    switch (cmd.name) {
      case 'ask': {
        if (!cmd.text)
          return {
            kind: 'notice',
            text: 'Ask me a question, e.g. "ask how much of Russia\'s chips came from China?"',
          };
        const answer = memoized(current.answers, `ask\u0000${freshness().today}\u0000${cmd.text}`, () =>
          ask(cmd.text),
        );
        record(answer, q);
        return { kind: 'answer', answer };
      }
      case 'figure':
        if (!cmd.text)
          return {
            kind: 'notice',
            text: 'Which figure? Try "figure machine tools", or "figures" for the list.',
          };
        return {
          kind: 'answer',
          answer: memoized(current.answers, `figure\u0000${freshness().today}\u0000${cmd.text}`, () =>
            answerFigure(figures, index, cmd.text, byId, knowledge.topics, freshness()),
          ),
        };
      case 'figures':
      case 'sources':
      case 'help':
        return current.lists[cmd.name];
      case 'digest':
        return runDigestCommand(cmd, q, digests && { ...digests, knowledge });
      case 'report':
        if (!q.canManageDigests)
          return { kind: 'notice', text: 'Only people who may manage digests here can see the report.' };
        if (!insights) return { kind: 'notice', text: 'No report: this Sitrep does not record questions.' };
        return { kind: 'notice', text: formatReport(insights.summary({ limit: 10 })) };
    }
  };

  return {
    ask,
    run,
    respond: (q) => run(parseCommand(q.text), q),
    completeFigure: (partial, limit = 25) => current.figures.complete(partial, limit),
    feedback(e) {
      log.info('feedback', { ...e });
      try {
        const { userId: _dropped, ...vote } = e;
        insights?.recordFeedback({ ...vote, at: clock().toISOString() });
      } catch (err) {
        log.warn('could not record feedback', { error: err instanceof Error ? err.message : String(err) });
      }
    },
    reload(knowledge) {
      current = prepare(knowledge);
    },
    knowledge: () => current.knowledge,
  };
}
