import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../adapters/config.js';
import { openDigests } from '../../adapters/digest/digests.js';
import { openDigestStore } from '../../adapters/store/sqlite-digest-store.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Fact, KnowledgeBase } from '../../src/types.js';
import { recordingPoster, tempDir } from './fixtures.js';

const silent = { info() {}, warn() {}, error() {} };
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const until = async (condition: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('digests and live reload', () => {
  it('the next digest after a reload lists the added fact as new, and only it', async () => {
    const tmp = tempDir();
    const config = loadConfig({
      DATA_DIR: tmp.dir,
      DIGEST_CRON: '* * * * * *',
      DIGEST_SLACK_CHANNELS: 'C0DIGEST',
    });
    let knowledge: KnowledgeBase = loadKnowledge('knowledge');
    const store = openDigestStore(tmp.dir);
    const digests = await openDigests({ config, store, knowledge: () => knowledge, log: silent });
    const poster = recordingPoster();
    cleanup = async () => {
      await digests.stop();
      await store.close();
      tmp.cleanup();
    };
    await digests.start({ slack: poster });
    await until(() => poster.posts.length >= 1, 5_000);

    const added: Fact = {
      ...(knowledge.facts[0] as Fact),
      id: 'added-while-running',
      claim: 'A fact added while running.',
    };
    knowledge = { ...knowledge, facts: [...knowledge.facts, added] };
    // A post composed just before the swap may still land after it, so look for the first one that has it.
    const withAdded = () =>
      poster.posts.find((p) => p.digest.changes.some((c) => c.factId === 'added-while-running'));
    await until(() => withAdded() !== undefined, 5_000);
    expect(withAdded()?.digest.nothingNew).toBe(false);
    expect(withAdded()?.digest.changes.map((c) => c.factId)).toEqual(['added-while-running']);
  }, 15_000);
});
