/** Builds a channel's digest from the fact base and what the channel was last sent. Pure. */
import { headline } from '../answer/compose.js';
import { figureRows } from '../catalogue.js';
import type { Citation, Digest, DigestChange, Fact, FigureRow, KnowledgeBase } from '../types.js';
import { factHash } from './fact-hash.js';
import { dateIn } from './time.js';

export interface ComposeDigestInput {
  knowledge: KnowledgeBase;
  /** Fact id -> hash the channel was last sent; empty for a first digest. */
  sent: ReadonlyMap<string, string>;
  now: Date;
  timeZone: string;
  limits?: { changes?: number; developments?: number };
}

const DEFAULT_LIMITS = { changes: 8, developments: 5 };

const when = (f: Fact) => f.date ?? f.added;
const newestFirst = (a: Fact, b: Fact) => when(b).localeCompare(when(a)) || a.id.localeCompare(b.id);

function newestSource(fact: Fact): Citation | undefined {
  const s = [...fact.sources].sort((a, b) => b.published.localeCompare(a.published))[0];
  return s ? { ...s, factId: fact.id } : undefined;
}

/** One figure per topic: the first figure of the newest fact whose main topic it is. */
function headlineFigures(kb: KnowledgeBase): FigureRow[] {
  const rows = figureRows(kb);
  const facts = kb.facts.filter((f) => f.figures.length > 0).sort(newestFirst);
  return kb.topics.flatMap((t) => {
    const fact = facts.find((f) => f.topics[0] === t.id);
    const row = fact && rows.find((r) => r.factId === fact.id);
    return row ? [row] : [];
  });
}

export function composeDigest({ knowledge, sent, now, timeZone, limits }: ComposeDigestInput): Digest {
  const max = { ...DEFAULT_LIMITS, ...limits };
  const hashes: Record<string, string> = {};
  const changes: DigestChange[] = [];
  for (const fact of [...knowledge.facts].sort(newestFirst)) {
    const hash = factHash(fact);
    hashes[fact.id] = hash;
    const before = sent.get(fact.id);
    if (before === hash) continue;
    changes.push({
      factId: fact.id,
      status: before === undefined ? 'new' : 'updated',
      headline: headline(fact),
      date: when(fact),
      source: newestSource(fact),
    });
  }
  const date = dateIn(now, timeZone);
  const asOf = knowledge.facts
    .flatMap((f) => f.sources.map((s) => s.published))
    .sort()
    .at(-1);
  return {
    title: `Sitrep digest — ${date}`,
    date,
    changes: changes.slice(0, max.changes),
    moreChanges: Math.max(0, changes.length - max.changes),
    nothingNew: changes.length === 0,
    figures: headlineFigures(knowledge),
    developments: [...knowledge.facts]
      .sort(newestFirst)
      .slice(0, max.developments)
      .map((f) => ({ factId: f.id, date: when(f), headline: headline(f), source: newestSource(f) })),
    asOf,
    hashes,
  };
}
