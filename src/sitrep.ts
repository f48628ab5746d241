import { composeAnswer, suggestedQuestion, unknownAnswer } from './answer/compose.js';
import { figureRows, sourceRows } from './catalogue.js';
import { parseCommand, USAGE } from './commands.js';
import { type DigestOptions, runDigestCommand } from './digest/command.js';
import { decide } from './engine/decide.js';
import { answerFigure, createFigureFinder } from './engine/figure-finder.js';
import { analyze, score } from './engine/match.js';
import { buildIndex } from './engine/search-index.js';
import type { Correction } from './engine/typo.js';
import type {
  Answer,
  Command,
  Fact,
  FeedbackEvent,
  KnowledgeBase,
  Logger,
  Question,
  Reply,
} from './types.js';

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
}

export interface SitrepOptions {
  knowledge: KnowledgeBase;
  log: Logger;
  /** Without it, `digest …` commands answer that digests are not available. */
  digests?: DigestOptions;
}

export function createSitrep({ knowledge, log, digests }: SitrepOptions): Sitrep {
  const index = buildIndex(knowledge);
  const byId = new Map<string, Fact>(knowledge.facts.map((f) => [f.id, f]));
  const typoCache = new Map<string, Correction | null>();
  const figures = createFigureFinder(knowledge);

  const ask = (text: string): Answer => {
    const query = analyze(index, text, typoCache);
    const ranked = score(index, query);
    const decision = decide(index, query, ranked);
    switch (decision.kind) {
      case 'empty':
        return unknownAnswer(text, 'empty', knowledge.topics);
      case 'answered':
        return composeAnswer({
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

  const run = (cmd: Command, q: Question): Reply => {
    switch (cmd.name) {
      case 'ask':
        if (!cmd.text)
          return {
            kind: 'notice',
            text: 'Ask me a question, e.g. "ask how much of Russia\'s chips came from China?"',
          };
        return { kind: 'answer', answer: ask(cmd.text) };
      case 'figure':
        if (!cmd.text)
          return {
            kind: 'notice',
            text: 'Which figure? Try "figure machine tools", or "figures" for the list.',
          };
        return { kind: 'answer', answer: answerFigure(figures, index, cmd.text, byId, knowledge.topics) };
      case 'figures':
        return { kind: 'figures', rows: figureRows(knowledge) };
      case 'sources':
        return { kind: 'sources', sources: sourceRows(knowledge) };
      case 'help':
        return {
          kind: 'help',
          usage: USAGE,
          topics: knowledge.topics,
          examples: knowledge.topics.slice(0, 4).map((t) => t.sample),
        };
      case 'digest':
        return runDigestCommand(cmd, q, digests && { ...digests, knowledge });
    }
  };

  return {
    ask,
    run,
    respond: (q) => run(parseCommand(q.text), q),
    completeFigure: (partial, limit = 25) => figures.complete(partial, limit),
    feedback(e) {
      log.info('feedback', { ...e });
    },
  };
}
