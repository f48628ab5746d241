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
  // A failing core rejects, as the real one would: adapters await it.
  const rejectOn = <T>(text: string, next: () => Promise<T>) =>
    Promise.resolve().then(() => {
      explode(text);
      return next();
    });
  const sitrep = {
    respond: (q) => rejectOn(q.text, () => core.respond(q)),
    run: (cmd, q) => rejectOn(q.text, () => core.run(cmd, q)),
    ask: (text) => core.ask(text),
    explain: (text) => core.explain(text),
    completeFigure: (partial, limit) => core.completeFigure(partial, limit),
    reload: (kb) => core.reload(kb),
    knowledge: () => core.knowledge(),
    linkConversation: (from, to) => core.linkConversation(from, to),
    feedback: (e) => {
      votes.push(e);
      core.feedback(e);
    },
  } satisfies Sitrep;
  return { sitrep, votes };
}
