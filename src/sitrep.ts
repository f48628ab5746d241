import { composeAnswer } from './answer/compose.js';
import { entityAnswer } from './answer/entity-answer.js';
import { parseCommand } from './commands.js';
import { replyInConversation } from './conversation/answer-follow-up.js';
import { rememberReply } from './conversation/remember.js';
import { type ConversationStore, memoryConversationStore } from './conversation/store.js';
import { briefingTopics, composeBriefing } from './digest/briefing.js';
import { type DigestOptions, runDigestCommand } from './digest/command.js';
import { type DecisionModel, loadDecisionModel } from './engine/decision-model.js';
import { answerFigure } from './engine/figure-finder.js';
import { createExplainer, type Explained } from './explain.js';
import { formatReport, type InsightsStore } from './insights.js';
import { isoDay } from './knowledge/freshness.js';
import { memoized, type PreparedBase, prepare } from './prepared-base.js';
import { insightsRecorder } from './record-insights.js';
import type { Embedder } from './semantic/embedder.js';
import { buildSemanticIndex } from './semantic/semantic-index.js';
import { memoryVectorCache, type VectorCache } from './semantic/vector-cache.js';
import { whileStoreBusy } from './store-busy.js';
import { stripChatNoise } from './text/chat-noise.js';
import { wellFormed } from './text/normalize.js';
import type { Answer, Command, FeedbackEvent, KnowledgeBase, Logger, Question, Reply } from './types.js';

/** The core: one instance answers every front end. */
export interface Sitrep {
  /** Parses `q.text` with the shared command grammar and answers it. Never rejects on user input. */
  respond(q: Question): Promise<Reply>;
  /** Answers an already-parsed command (e.g. a Discord subcommand). */
  run(cmd: Command, q: Question): Promise<Reply>;
  /** Answers a question (the `ask` command). */
  ask(text: string): Promise<Answer>;
  /** Every signal and the decision for a question, for `ask --explain`. */
  explain(text: string): Promise<Explained>;
  /** Figure names and topics matching a partial name, best first (for autocomplete). */
  completeFigure(partial: string, limit?: number): { name: string; value: string }[];
  /** Records a Helpful / Not helpful vote. */
  feedback(e: FeedbackEvent): void;
  /** Embeds what changed and swaps in a new, already validated fact base; answers in progress finish on the old one. */
  reload(knowledge: KnowledgeBase): Promise<void>;
  /** The fact base answers currently come from. */
  knowledge(): KnowledgeBase;
  /**
   * Continues conversation `from` under `to` as well: a Discord reply to the message Sitrep just sent belongs to the
   * conversation that message answered.
   */
  linkConversation(from: string, to: string): Promise<void>;
}

export interface SitrepOptions {
  knowledge: KnowledgeBase;
  log: Logger;
  /** The sentence-embedding model (src/semantic/use-lite.ts in production). */
  embedder: Embedder;
  /** Fact vectors by content hash; without it every start embeds the whole base. */
  vectors?: VectorCache;
  /** Hears how embedding a base goes (a cold start takes a while). */
  onEmbedProgress?: (done: number, total: number) => void;
  /** Keep only the current base's vectors in `vectors` (the app's own cache; not a cache shared by several bases). */
  pruneVectors?: boolean;
  /** The fitted decision; defaults to src/engine/decision-model.json. */
  model?: DecisionModel;
  /** Without it, `digest …` commands answer that digests are not available. */
  digests?: DigestOptions;
  /** Where refusals, votes and answer counts go for curators; without it they are only logged. */
  insights?: InsightsStore;
  /** Where conversations keep their last answer; in memory (30 minutes, 10,000 conversations) by default. */
  conversations?: ConversationStore;
  clock?: () => Date;
}

/** Developments in the briefing "more" gives. */
const WHOLE_BRIEFING = 20;

export async function createSitrep(opts: SitrepOptions): Promise<Sitrep> {
  const { log, digests, insights, embedder } = opts;
  const clock = opts.clock ?? (() => new Date());
  const conversations = opts.conversations ?? memoryConversationStore();
  const model = opts.model ?? loadDecisionModel();
  const vectors = opts.vectors ?? memoryVectorCache();
  const build = async (knowledge: KnowledgeBase) =>
    prepare(
      knowledge,
      await buildSemanticIndex(knowledge, embedder, vectors, {
        progress: opts.onEmbedProgress,
        only: opts.pruneVectors ?? false,
      }),
    );
  let current: PreparedBase = await build(opts.knowledge);
  let reloads = 0;
  /** Answers built on a fact past its review date say so ("As of …"). */
  const freshness = () => ({ today: isoDay(clock()), reviewDays: current.knowledge.reviewDays });
  const explain = createExplainer({ model, embedder, base: () => current, freshness });

  /** "who is X?", "what's the CME?": an entity's description, when X is one the base describes. */
  const describeEntity = (text: string): Answer | undefined => entityAnswer(current.knowledge, text);

  const ask = async (text: string): Promise<Answer> => describeEntity(text) ?? (await explain(text)).answer;

  const recorder = insightsRecorder(insights, log, clock);
  const record = recorder.answer;

  /** A message read against its conversation's last answer; undefined when it stands on its own. */
  const followUpReply = async (q: Question, text: string) => {
    const base = current;
    const context = q.conversation ? await conversations.get(q.conversation) : undefined;
    const result = await replyInConversation(text, context, {
      ask,
      explain,
      byId: base.byId,
      wholeBriefing: (command) => {
        const cmd = parseCommand(command);
        return run(cmd.name === 'briefing' ? { ...cmd, limit: WHOLE_BRIEFING } : cmd, q);
      },
      answerOf: (fact, question) =>
        composeAnswer({ ...freshness(), question, fact, byId: base.byId, confidence: 1 }),
    });
    if (result?.reply.kind === 'answer') record(result.reply.answer, q);
    return result;
  };

  const isTopicName = (text: string) => {
    if (text.trim().split(/\s+/).length > 4) return false;
    const { topics } = current.knowledge;
    const named = briefingTopics(topics, text).length;
    return named > 0 && named < topics.length;
  };

  const run = async (raw: Command, q: Question): Promise<Reply> => {
    const cmd = 'text' in raw ? { ...raw, text: wellFormed(raw.text) } : raw;
    const base = current;
    const { knowledge, index, byId, figures } = base;
    switch (cmd.name) {
      case 'ask': {
        if (!stripChatNoise(cmd.text))
          return {
            kind: 'notice',
            text: 'Ask me a question, e.g. "ask how much of Russia\'s chips came from China?"',
          };
        const answer = await memoized(base.answers, `ask\u0000${freshness().today}\u0000${cmd.text}`, () =>
          ask(cmd.text),
        );
        record(answer, q);
        // A bare topic name ("metals ban", "drones") asks for no one fact: the topic's briefing answers it.
        if (answer.kind === 'unknown' && answer.reason === 'attribute-not-covered' && isTopicName(cmd.text))
          return run({ name: 'briefing', topic: cmd.text }, q);
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
          answer: await memoized(base.answers, `figure\u0000${freshness().today}\u0000${cmd.text}`, () =>
            answerFigure(figures, index, cmd.text, byId, knowledge.topics, freshness()),
          ),
        };
      case 'figures':
      case 'sources':
      case 'help':
        return base.lists[cmd.name];
      case 'briefing': {
        const topics = briefingTopics(knowledge.topics, cmd.topic);
        if (topics.length === 0)
          return {
            kind: 'notice',
            text: `I have no topic "${cmd.topic}". Topics: ${knowledge.topics.map((t) => t.label).join(', ')}.`,
          };
        const zone = digests?.defaultTimeZone ?? 'UTC';
        return { kind: 'digest', digest: composeBriefing(knowledge, topics, clock(), zone, cmd.limit) };
      }
      case 'digest':
        return whileStoreBusy(() => runDigestCommand(cmd, q, digests && { ...digests, knowledge }));
      case 'report': {
        if (!q.canManageDigests)
          return { kind: 'notice', text: 'Only people who may manage digests here can see the report.' };
        const store = insights;
        if (!store) return { kind: 'notice', text: 'No report: this Sitrep does not record questions.' };
        return whileStoreBusy(async () => ({
          kind: 'notice',
          text: formatReport(await store.summary({ limit: 10 })),
          forAskerOnly: true,
        }));
      }
    }
  };

  return {
    ask,
    explain,
    run,
    async respond(q) {
      const cmd = parseCommand(stripChatNoise(q.text));
      const followUp = cmd.name === 'ask' && q.conversation ? await followUpReply(q, cmd.text) : undefined;
      const reply = followUp?.reply ?? (await run(cmd, q));
      const briefing = cmd.name === 'briefing' ? `briefing ${cmd.topic ?? ''}`.trim() : undefined;
      if (q.conversation)
        await rememberReply(conversations, q.conversation, reply, followUp?.question ?? briefing);
      return reply;
    },
    completeFigure: (partial, limit = 25) => current.figures.complete(partial, limit),
    feedback: recorder.feedback,
    async reload(knowledge) {
      // Two saves in quick succession: the later base wins even if the earlier one finishes embedding last.
      const generation = ++reloads;
      const next = await build(knowledge);
      if (generation === reloads) current = next;
    },
    knowledge: () => current.knowledge,
    async linkConversation(from, to) {
      const context = await conversations.get(from);
      if (context) await conversations.set(to, context);
    },
  };
}
