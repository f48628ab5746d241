/** A tiny fact base and helpers for digest tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Digest, Fact, KnowledgeBase } from '../../src/types.js';

export function fact(id: string, over: Partial<Fact> = {}): Fact {
  return {
    id,
    claim: `claim of ${id}`,
    attribution: 'senior US officials',
    certainty: 'asserted',
    figures: [],
    topics: ['metals'],
    entities: [],
    examples: [],
    doesNotSay: [],
    sources: [{ title: `Story on ${id}`, outlet: 'AP', published: '2024-04-12' }],
    added: '2026-11-01',
    related: [],
    file: 'facts/test.yml',
    ...over,
  };
}

export function base(facts: Fact[]): KnowledgeBase {
  return {
    facts,
    topics: [{ id: 'metals', label: 'Metals ban', description: 'The ban', sample: 'what was banned?' }],
    glossary: [],
  };
}

export const withFigure = (id: string, date: string): Fact =>
  fact(id, {
    date,
    figures: [{ id: `${id}-fig`, label: `Figure of ${id}`, value: 70, unit: 'percent', measures: 'share' }],
  });

/** A fresh temp directory, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-digest-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A poster that records what it posted, failing as told first. */
export function recordingPoster() {
  const posts: { channelId: string; digest: Digest; slot?: string }[] = [];
  const failures: unknown[] = [];
  return {
    posts,
    failNext: (...errors: unknown[]) => void failures.push(...errors),
    async post(channelId: string, digest: Digest, slot?: Date) {
      const failure = failures.shift();
      if (failure) throw failure;
      posts.push({ channelId, digest, slot: slot?.toISOString() });
    },
  };
}
