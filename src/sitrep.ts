import type { Command, FeedbackEvent, KnowledgeBase, Logger, Question, Reply } from './types.js';

/** The core: one instance answers every front end. */
export interface Sitrep {
  /** Parses `q.text` with the shared command grammar and answers it. Never throws on user input. */
  respond(q: Question): Reply;
  /** Answers an already-parsed command (e.g. a Discord subcommand). */
  run(cmd: Command, q: Question): Reply;
  /** Figure names and topics matching a partial name, best first (for autocomplete). */
  completeFigure(partial: string, limit?: number): { name: string; value: string }[];
  /** Records a Helpful / Not helpful vote. */
  feedback(e: FeedbackEvent): void;
}

export interface SitrepOptions {
  knowledge: KnowledgeBase;
  log: Logger;
}

export function createSitrep(_opts: SitrepOptions): Sitrep {
  throw new Error('not implemented yet');
}
