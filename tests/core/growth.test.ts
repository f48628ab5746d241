/**
 * The base grows every week: facts added must not disturb answers about other facts, and must themselves be
 * answered, with no retuning. The later-developments kits (tests/acceptance/curator-kit and curator-kit-2) were written as a curator
 * would, from public reporting after April 2024; their questions were written apart, from the source notes only.
 */

import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load.js';
import type { Sitrep } from '../../src/sitrep.js';
import type { Answer } from '../../src/types.js';
import { evaluate, loadQuestions, pct, staleNotes, summary } from '../eval/evaluate.js';
import { loadSets, tuningSets } from '../eval/sets.js';
import { testSitrep } from '../support/engine.js';

const silent = { info() {}, warn() {}, error() {} };
const KIT = 'tests/acceptance/curator-kit';

function baseWith(file: string, extraTopic?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-growth-'));
  cpSync('knowledge', dir, { recursive: true });
  cpSync(file, join(dir, 'facts', 'added.yml'));
  if (extraTopic) appendFileSync(join(dir, 'topics.yml'), extraTopic);
  return dir;
}

const outcome = (a: Answer) => (a.kind === 'answered' ? (a.facts[0]?.id ?? '?') : a.kind);
// Every third question of the tuning sets (about 2,500): enough to catch a drift, in a fraction of the time.
const oldQuestions = [
  ...new Set(loadSets(Object.keys(tuningSets())).flatMap((s) => s.questions.map((q) => q.q))),
].filter((_, i) => i % 3 === 0);
const before = await testSitrep({ knowledge: loadKnowledge('knowledge'), log: silent });

async function changes(after: Sitrep) {
  const changed: { q: string; from: string; to: string }[] = [];
  for (const q of oldQuestions) {
    const [from, to] = [outcome(await before.ask(q)), outcome(await after.ask(q))];
    if (from !== to) changed.push({ q, from, to });
  }
  return changed;
}

describe('a growing base', () => {
  it('answers old questions as before when facts on other subjects are added', async () => {
    const topic = `  - id: test-unrelated
    label: Unrelated test topic
    description: Facts on subjects no other fact touches.
    sample: How was the coffee harvest?
`;
    const after = await testSitrep({
      knowledge: loadKnowledge(baseWith('tests/core/fixtures/unrelated-facts.yml', topic)),
      log: silent,
    });
    const changed = await changes(after);
    for (const c of changed) console.log(`changed: ${c.q} (${c.from} -> ${c.to})`);
    // A question on the very edge of the decision may tip either way when the base's word statistics move; none
    // may go to a fact about something else, and only a few may move at all.
    expect(changed.filter((c) => c.to.startsWith('test-'))).toEqual([]);
    expect(changed.length).toBeLessThanOrEqual(oldQuestions.length * 0.01);
  }, 120_000);

  it.each(KITS)(
    'answers questions about facts a curator adds ($kit), and refuses their near-misses, with no retuning',
    async ({ kit, facts, floor }) => {
      const after = await testSitrep({ knowledge: loadKnowledge(baseWith(`${kit}/${facts}`)), log: silent });
      const result = await evaluate(after, loadQuestions(`${kit}/later-questions.yml`));
      console.log(summary(kit, result));
      // Floors at the figures measured when the model was last fitted (docs/answer-engine.md reports them).
      expect(pct(result.correct, result.answerable)).toBeGreaterThanOrEqual(floor.answers);
      expect(pct(result.refused, result.refusable)).toBeGreaterThanOrEqual(floor.refusals);
      expect(result.stale).toEqual([]);
    },
    60_000,
  );

  it('reports a refusal item that a newly added fact answers as stale, with what it said the base lacked', async () => {
    const after = await testSitrep({
      knowledge: loadKnowledge(baseWith(`${KIT}/later-developments.yml`)),
      log: silent,
    });
    const written = '2026-12-02';
    const items = [
      {
        // One of the added fact's own examples, so that only the stale check is under test.
        q: 'What did NATO call China at the Washington summit?',
        expect: 'refuse' as const,
        kind: 'near-miss',
        lacks: 'the base has nothing on the NATO summit of July 2024',
        written,
      },
      {
        q: "what's the weather in oslo?",
        expect: 'refuse' as const,
        kind: 'out-of-scope',
        lacks: 'weather',
        written,
      },
    ];
    const result = await evaluate(after, items);
    expect(result.stale).toEqual([
      { q: items[0]?.q, factId: 'nato-decisive-enabler-declaration', lacks: items[0]?.lacks },
    ]);
    expect(staleNotes(result)[0]).toMatch(/NATO summit of July 2024.*nato-decisive-enabler-declaration/);
    expect(result).toMatchObject({ refusable: 1, refused: 1 });
    // Before the curator added the fact, the same item was an ordinary, correct refusal.
    expect(await evaluate(before, items)).toMatchObject({ refusable: 2, refused: 2, stale: [] });
  });
});

/**
 * Kit 1 (facts on May–December 2024) has been read and tuned on; kit 2 (facts on December 2024 – September 2025,
 * questions written from its source notes only) was measured without its items being read until 2026-12-03, when
 * its misses were read to choose between two decision models. Floors sit about two or three items under the figures:
 * refits on nearly the same data (one question dropped) have moved a kit's figures by that much.
 */
const KITS = [
  { kit: KIT, facts: 'later-developments.yml', floor: { answers: 66, refusals: 69 } },
  {
    kit: 'tests/acceptance/curator-kit-2',
    facts: 'later-developments-2025.yml',
    floor: { answers: 85, refusals: 70 },
  },
];
