/**
 * A briefing on request ("what's new?", "brief me", `briefing metals`): what a digest carries, shaped for a reply.
 * The headline figure of each topic, and the latest developments newest first with every topic represented, each
 * with its source; nothing about what a channel was sent before.
 */
import { normalize } from '../text/normalize.js';
import type { Digest, KnowledgeBase, Topic } from '../types.js';
import { composeDigest } from './compose.js';
import { factHash } from './fact-hash.js';

/** Developments in a briefing; "more" asks for this many again. */
export const BRIEFING_DEVELOPMENTS = 6;

/** Topics whose id or label holds the words asked for ("metals", "machine tools"); all when none is asked. */
export function briefingTopics(topics: Topic[], asked: string | undefined): Topic[] {
  const want = normalize(asked ?? '').trim();
  if (!want) return topics;
  const words = want.split(' ');
  return topics.filter((t) => {
    const label = normalize(`${t.id.replace(/-/g, ' ')} ${t.label}`);
    return words.every((w) => label.includes(w.replace(/s$/, '')));
  });
}

export function composeBriefing(
  kb: KnowledgeBase,
  topics: Topic[],
  now: Date,
  timeZone: string,
  limit = BRIEFING_DEVELOPMENTS,
): Digest {
  const ids = new Set(topics.map((t) => t.id));
  const facts = kb.facts.filter((f) => f.topics.some((t) => ids.has(t)));
  const sent = new Map(facts.map((f) => [f.id, factHash(f)]));
  const digest = composeDigest({
    knowledge: { ...kb, facts, topics },
    sent,
    now,
    timeZone,
    limits: { developments: facts.length },
  });
  // Each topic's lead comes first, so every topic asked about is in the briefing: its newest fact, and among facts
  // of the same day the one the curators put first in the base.
  const when = (id: string) => digest.developments.find((d) => d.factId === id)?.date ?? '';
  const leads = topics
    .map((t) =>
      facts
        .filter((f) => f.topics[0] === t.id)
        .reduce<string | undefined>(
          (best, f) => (best === undefined || when(f.id) > when(best) ? f.id : best),
          undefined,
        ),
    )
    .map((id) => digest.developments.find((d) => d.factId === id))
    .filter((d) => d !== undefined);
  const all = [...new Set([...leads, ...digest.developments])];
  // Never fewer than one per topic: a briefing that leaves a topic out misleads more than a longer one.
  const developments = all
    .slice(0, Math.max(limit, leads.length))
    .sort((a, b) => b.date.localeCompare(a.date));
  return {
    ...digest,
    title: `Sitrep briefing — ${digest.date}${topics.length === kb.topics.length ? '' : `: ${topics.map((t) => t.label).join(', ')}`}`,
    briefing: true,
    nothingNew: false,
    developments,
    // Left out of the reply, for the "more" hint.
    moreChanges: all.length - developments.length,
  };
}
