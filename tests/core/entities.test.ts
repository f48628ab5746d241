import { beforeAll, describe, expect, it } from 'vitest';
import { entityAnswer, entityQuestion } from '../../src/answer/entity-answer.js';
import { checkReport } from '../../src/knowledge/check-report.js';
import { checkKnowledge, loadKnowledge } from '../../src/knowledge/load.js';
import type { Answer, KnowledgeBase } from '../../src/types.js';
import { factYaml, knowledgeDir } from './knowledge-fixture.js';

let kb: KnowledgeBase;
beforeAll(() => {
  kb = loadKnowledge('knowledge');
});

const answered = (question: string) => {
  const answer = entityAnswer(kb, question);
  if (answer?.kind !== 'answered') throw new Error(`"${question}" was not answered`);
  return answer as Extract<Answer, { kind: 'answered' }>;
};

describe('entityQuestion', () => {
  it.each([
    ['who is Kurt Campbell?', 'Kurt Campbell'],
    ["who's campbell", 'campbell'],
    ['Who was Liu Pengyu?', 'Liu Pengyu'],
    ['what is the CME?', 'CME'],
    ["what's the LME", 'LME'],
    ['and what is Dalian Machine Tool Group?', 'Dalian Machine Tool Group'],
    ['tell me about Hikvision.', 'Hikvision'],
    ['WHO IS BLINKEN??', 'BLINKEN'],
  ])('reads "%s" as a question about %s', (text, x) => {
    expect(entityQuestion(text)).toBe(x);
  });

  it.each(['what did Campbell say?', 'how big was the machine-tool share?', 'Kurt Campbell', 'what is the?'])(
    'does not read "%s" as a who/what question',
    (text) => {
      expect(entityQuestion(text)).toBeUndefined();
    },
  );
});

describe('entityAnswer on the real base', () => {
  it('says who Kurt Campbell is, from a dated AFP report, with the fact he appears in', () => {
    const a = answered('who is Kurt Campbell?');
    expect(a.headline).toBe('Kurt Campbell: US Deputy Secretary of State.');
    expect(a.citations[0]).toMatchObject({ outlet: 'AFP', published: '2024-04-09' });
    expect(a.facts.map((f) => f.id)).toEqual(['hold-china-accountable']);
    expect(a.confidence).toBe(1);
  });

  it('answers "what\'s the CME?" with its description, the metals fact and HM Treasury first', () => {
    const a = answered("what's the CME?");
    expect(a.headline).toMatch(/^CME: Metals exchange .*Russian aluminium, copper or nickel/);
    expect(a.facts[0]?.id).toBe('metals-exchange-ban');
    expect(a.citations[0]).toMatchObject({ outlet: 'HM Treasury', published: '2024-04-12' });
    expect(a.citations.slice(1).map((c) => c.outlet)).toEqual(['US Treasury', 'Reuters']);
  });

  it('answers "what is Dalian Machine Tool Group?" from Reuters', () => {
    const a = answered('what is Dalian Machine Tool Group?');
    expect(a.headline).toMatch(/^Dalian Machine Tool Group: Machine-tool supplier .*\.$/);
    expect(a.citations[0]).toMatchObject({ outlet: 'Reuters', published: '2024-04-12' });
    expect(a.facts[0]?.id).toBe('dalian-machine-tool-named');
  });

  it("answers from the fact citing the entry's own source first", () => {
    const a = answered('who is Janet Yellen?');
    expect(a.headline).toBe('Janet Yellen: US Treasury Secretary.');
    expect(a.facts.map((f) => f.id)).toEqual(['yellen-china-trip', 'blinken-china-visit']);
  });

  it('finds entries by alias and by the words of a single name, ignoring case, "the" and punctuation', () => {
    expect(answered('what is the Chicago Mercantile Exchange').headline).toMatch(/^CME: /);
    expect(answered('who is campbell').headline).toMatch(/^Kurt Campbell: /);
    expect(answered('tell me about the U.S. Treasury Department').headline).toMatch(/^US Treasury: /);
    expect(answered('what is Dalian?').headline).toMatch(/^Dalian Machine Tool Group: /);
  });

  it('cites a dated outlet first and offers up to three questions of the facts naming the entry', () => {
    for (const entry of kb.entities ?? []) {
      const a = answered(`who is ${entry.name}?`);
      expect(a.citations[0]?.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(a.citations[0]?.title.length).toBeGreaterThan(2);
      expect(a.suggestions.length).toBeGreaterThan(0);
      expect(a.suggestions.length).toBeLessThanOrEqual(3);
    }
  });

  it.each([
    'who is Elvis?',
    'what is the weather?',
    'what is China?',
    'what is the US?',
    'what is a machine tool?',
    'what is Wuhan?',
    'what is the Treasury?',
    'who is Kurt Campbell and what did he say?',
    'what did Kurt Campbell say?',
  ])('leaves "%s" to the engine', (question) => {
    expect(entityAnswer(kb, question)).toBeUndefined();
  });
});

const ENTITY = (extra = '') => `
  - name: CME
    kind: exchange
    source: { outlet: HM Treasury, published: 2024-04-12 }${extra}`;
const FACTS = { 'facts/a.yml': `facts:${factYaml('ok', '\n    entities: [CME, Russia]')}` };

describe('knowledge/entities.yml checks', () => {
  it('reports a bad entry naming file, entry and field', () => {
    const dir = knowledgeDir({ ...FACTS, 'entities.yml': `entities:${ENTITY()}` });
    const { knowledge, problems } = checkKnowledge(dir);
    expect(knowledge).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/entities\.yml$/),
        field: 'entities.0.description',
        message: expect.stringMatching(/^entity "CME": /),
        severity: 'error',
      }),
    ]);
  });

  it('requires a YYYY-MM-DD date and an outlet on the source', () => {
    const entry = `
  - name: CME
    kind: exchange
    description: A metals exchange
    source: { outlet: H, published: 12 April 2024 }`;
    const dir = knowledgeDir({ ...FACTS, 'entities.yml': `entities:${entry}` });
    const fields = checkKnowledge(dir).problems.map((p) => p.field);
    expect(fields).toEqual(['entities.0.source.outlet', 'entities.0.source.published']);
  });

  it('makes a name or alias two entries share an error, and an entry no fact names a warning', () => {
    const twice = `entities:${ENTITY('\n    description: A metals exchange')}
  - name: Chicago Mercantile Exchange
    aliases: [cme]
    kind: exchange
    description: A metals exchange in Chicago
    source: { outlet: HM Treasury, published: 2024-04-12 }`;
    const { problems } = checkKnowledge(knowledgeDir({ ...FACTS, 'entities.yml': twice }));
    expect(problems).toEqual([
      expect.objectContaining({ field: 'entities.1.aliases.0', severity: 'error' }),
      expect.objectContaining({
        field: 'entities.1.name',
        message:
          'entity "Chicago Mercantile Exchange": no fact lists "Chicago Mercantile Exchange" in its entities or firms',
        severity: 'warning',
      }),
    ]);
  });

  it('reports no entry as unused while a fact file does not parse', () => {
    const broken = {
      'facts/a.yml': 'facts:\n  - id: ok\n   claim: [',
      'entities.yml': `entities:${ENTITY()}`,
    };
    const problems = checkKnowledge(knowledgeDir(broken)).problems;
    expect(problems.filter((p) => p.file.endsWith('entities.yml')).map((p) => p.field)).toEqual([
      'entities.0.description',
    ]);
  });

  it('loads an empty list when the file is missing', () => {
    expect(loadKnowledge(knowledgeDir(FACTS)).entities).toEqual([]);
  });

  it('passes --strict on the real base, with every entry loaded', () => {
    const check = checkKnowledge('knowledge');
    expect(check.problems.filter((p) => p.file.endsWith('entities.yml'))).toEqual([]);
    expect(checkReport(check, 'knowledge', true).code).toBe(0);
    expect(check.knowledge?.entities?.length).toBeGreaterThan(15);
  });
});
