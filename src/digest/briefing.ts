/**
 * A briefing on request ("what's new?", "brief me", `briefing metals`): what a digest carries, shaped for a reply.
 * The headline figure of each topic, and the latest developments newest first with each topic that has no figure
 * represented, each with its source; nothing about what a channel was sent before.
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
  const figured = new Set(digest.figures.map((f) => f.factId));
  const withFigureTopic = new Set(facts.filter((f) => figured.has(f.id)).map((f) => f.topics[0]));
  // The newest fact of each topic without a figure comes first, so every topic asked about is in the briefing.
  const uncovered = topics
    .filter((t) => !withFigureTopic.has(t.id))
    .map((t) => digest.developments.find((d) => facts.find((f) => f.id === d.factId)?.topics[0] === t.id))
    .filter((d) => d !== undefined);
  const all = [...new Set([...uncovered, ...digest.developments])];
  const developments = all.slice(0, limit).sort((a, b) => b.date.localeCompare(a.date));
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
