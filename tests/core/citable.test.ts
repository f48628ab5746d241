/**
 * Every answer can be cited and checked: each fact cites at least one dated outlet a reader can look up, and no
 * answer, figures or sources list or digest names the article the base was first written from ("the seed").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { composeDigest } from '../../src/digest/compose.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { renderText } from '../../src/render-text.js';
import type { Sitrep } from '../../src/sitrep.js';
import type { KnowledgeBase, Question } from '../../src/types.js';
import { createRecordingLog } from '../fakes/recording-log.js';
import { testSitrep } from '../support/engine.js';

const SEED = /\bseed\b|wire rewrite/i;
let kb: KnowledgeBase;
let sitrep: Sitrep;
beforeAll(async () => {
  kb = loadKnowledge('knowledge');
  sitrep = await testSitrep({ knowledge: kb, log: createRecordingLog().log });
});

const q = (text: string): Question => ({ text, platform: 'cli', channelId: 'console', userId: 'me' });

describe('citable answers', () => {
  it('every fact cites at least one dated outlet, and none is the seed', () => {
    const problems: string[] = [];
    for (const fact of kb.facts) {
      if (!fact.sources.some((s) => s.outlet.trim() && /^\d{4}-\d{2}-\d{2}$/.test(s.published)))
        problems.push(`${fact.id}: no dated outlet`);
      for (const s of fact.sources)
        if (SEED.test(`${s.outlet} ${s.title}`)) problems.push(`${fact.id}: cites ${s.outlet}`);
      for (const [field, text] of [
        ['claim', fact.claim],
        ['caveat', fact.caveat ?? ''],
        ['attribution', fact.attribution],
      ])
        if (SEED.test(text ?? '')) problems.push(`${fact.id}: ${field} names the seed`);
    }
    expect(problems).toEqual([]);
  });

  it('no answer to any example question, no list and no digest names the seed', async () => {
    const texts: string[] = [];
    for (const fact of kb.facts)
      for (const example of fact.examples.slice(0, 3))
        texts.push(renderText(await sitrep.respond(q(example))));
    for (const command of ['figures', 'sources', 'help'])
      texts.push(renderText(await sitrep.respond(q(command))));
    const digest = composeDigest({ knowledge: kb, sent: new Map(), now: new Date(), timeZone: 'UTC' });
    texts.push(renderText({ kind: 'digest', digest }));
    expect(texts.length).toBeGreaterThan(kb.facts.length);
    expect(texts.filter((t) => SEED.test(t))).toEqual([]);
  });

  it('every answered example cites a dated outlet', async () => {
    const missing: string[] = [];
    for (const fact of kb.facts) {
      const answer = await sitrep.ask(fact.examples[0] ?? fact.claim);
      if (answer.kind !== 'answered') continue;
      if (!answer.citations.some((c) => c.outlet && /^\d{4}-\d{2}-\d{2}$/.test(c.published)))
        missing.push(fact.examples[0] ?? fact.id);
    }
    expect(missing).toEqual([]);
  });
});
