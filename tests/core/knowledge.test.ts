import { describe, expect, it } from 'vitest';
import { checkKnowledge, KnowledgeError, loadKnowledge } from '../../src/knowledge/load.js';
import { factYaml, knowledgeDir } from './knowledge-fixture.js';

const fact = factYaml;
const base = knowledgeDir;

const problemsOf = (dir: string) =>
  checkKnowledge(dir).problems.map((p) => ({ ...p, file: p.file.replace(/^.*\//, '') }));

describe('knowledge validation', () => {
  it('loads the real base without problems', () => {
    const { knowledge, problems } = checkKnowledge('knowledge');
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(knowledge?.facts.length).toBeGreaterThanOrEqual(30);
  });

  it('names file, fact id and field of a schema error', () => {
    const dir = base({
      'facts/metals.yml': `facts:${fact('metals-ban').replace('official-action', 'maybe')}`,
    });
    expect(problemsOf(dir)).toContainEqual(
      expect.objectContaining({ file: 'metals.yml', factId: 'metals-ban', field: 'facts.0.certainty' }),
    );
  });

  it('reports duplicate ids, unknown topics, unknown related facts and figures without a source', () => {
    const figure =
      '\n    figures: [{ id: lme-share, label: LME share, value: 91, unit: percent, measures: share of stocks }]';
    const dir = base({
      'facts/a.yml': `facts:${fact('dup')}${fact('lonely', `${figure}\n    related: [nowhere]`)}`,
      'facts/b.yml': `facts:${fact('dup').replace('[metals]', '[weather]')}`,
    });
    const messages = problemsOf(dir).map((p) => `${p.file} ${p.factId} ${p.field}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^b\.yml dup id: duplicate fact id/),
        expect.stringMatching(/^b\.yml dup topics\.0: unknown topic "weather"/),
        expect.stringMatching(/^a\.yml lonely related\.0: related fact "nowhere" does not exist/),
        expect.stringMatching(/^a\.yml lonely sources: a fact with figures needs at least one source/),
      ]),
    );
  });

  it('reports glossary loops and synonyms claimed by two terms', () => {
    const glossary =
      'glossary:\n  - { term: chips, synonyms: [microelectronics] }\n  - { term: microelectronics, synonyms: [chips] }\n  - { term: drones, synonyms: [uav] }\n  - { term: space, synonyms: [uav] }\n';
    const dir = base({ 'glossary.yml': glossary, 'facts/a.yml': `facts:${fact('ok')}` });
    const messages = problemsOf(dir).map((p) => p.message);
    expect(messages).toContainEqual(
      expect.stringMatching(/loop: synonym "microelectronics" is itself a glossary term/),
    );
    expect(messages).toContainEqual(expect.stringMatching(/"uav" maps to both "drones" and "space"/));
  });

  it('refuses to load a broken base with an error listing every problem, and reports bad YAML by file', () => {
    const dir = base({ 'facts/a.yml': 'facts: [unclosed' });
    expect(() => loadKnowledge(dir)).toThrow(KnowledgeError);
    expect(() => loadKnowledge(dir)).toThrow(/a\.yml/);
  });
});
