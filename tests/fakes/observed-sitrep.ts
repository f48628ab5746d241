import type { Sitrep } from '../../src/sitrep.js';
import type { FeedbackEvent } from '../../src/types.js';

/**
 * The real core, seen from a test: votes are kept for assertions, and questions containing `explodeOn` make it
 * throw, to exercise an adapter's apology path. Everything else passes straight through.
 */
export function observeSitrep(core: Sitrep, explodeOn?: string): { sitrep: Sitrep; votes: FeedbackEvent[] } {
  const votes: FeedbackEvent[] = [];
  const explode = (text: string) => {
    if (explodeOn && text.includes(explodeOn)) throw new Error('core exploded');
  };
  const sitrep = {
    respond: (q) => {
      explode(q.text);
      return core.respond(q);
    },
    run: (cmd, q) => {
      explode(q.text);
      return core.run(cmd, q);
    },
    ask: (text) => core.ask(text),
    completeFigure: (partial, limit) => core.completeFigure(partial, limit),
    reload: (kb) => core.reload(kb),
    knowledge: () => core.knowledge(),
    feedback: (e) => {
      votes.push(e);
      core.feedback(e);
    },
  } satisfies Sitrep;
  return { sitrep, votes };
}
