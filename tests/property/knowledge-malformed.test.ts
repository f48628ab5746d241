/**
 * Property: a fact base broken in any way gives a clear error naming file, fact id and field; loading never
 * crashes and never hands back half a base.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkKnowledge,
  formatProblem,
  KnowledgeError,
  type KnowledgeProblem,
  loadKnowledge,
} from '../../src/knowledge/load.js';
import { validBase, writeBase } from './knowledge-base-fixture.js';

type Json = Record<string, unknown>;
/** The i-th fact of a fact file in the fixture. */
const factOf = (b: ReturnType<typeof validBase>, file: string, i: number): Json => {
  const list = (b.facts[file] as Json).facts as Json[];
  return list[i] as Json;
};
const STACK_FRAME = /^\s+at .*:\d+:\d+\)?$/m;

/** Loads `dir` both ways and checks the invariants every base must keep; returns the problems. */
function load(dir: string): KnowledgeProblem[] {
  const { knowledge, problems } = checkKnowledge(dir);
  const errors = problems.filter((p) => p.severity === 'error');
  expect(knowledge === undefined).toBe(errors.length > 0);
  if (errors.length === 0) {
    expect(loadKnowledge(dir).facts.length).toBe(knowledge?.facts.length);
    return problems;
  }
  let thrown: unknown;
  try {
    loadKnowledge(dir);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(KnowledgeError);
  const message = (thrown as Error).message;
  expect(message).not.toMatch(STACK_FRAME);
  for (const p of errors) {
    expect(p.file).toMatch(/\S/);
    expect(p.message).toMatch(/\S/);
    expect(p.message).not.toMatch(STACK_FRAME);
    expect(message).toContain(formatProblem(p));
  }
  return problems;
}

/** The keys of each object kind, required ones flagged, as src/knowledge/schema.ts defines them. */
const FACT_KEYS = {
  id: true,
  claim: true,
  attribution: true,
  certainty: true,
  figures: false,
  topics: true,
  entities: false,
  examples: true,
  sources: false,
  date: false,
  added: true,
  caveat: false,
  related: false,
};
const FIGURE_KEYS = {
  id: true,
  label: true,
  value: true,
  unit: true,
  qualifier: false,
  period: false,
  measures: true,
  variants: false,
};
const SOURCE_KEYS = { title: true, outlet: true, url: false, published: true };
const VARIANT_KEYS = { qualifier: true, value: true, outlets: true };
const TOPIC_KEYS = { id: true, label: true, description: true, sample: true };
const GLOSSARY_KEYS = { term: true, synonyms: true };

/**
 * Values wrong for every key of every kind: no key takes null, a boolean or an object, every string needs at
 * least two characters (ids and dates a pattern), and every list holds strings or objects.
 */
const BAD = fc.constantFrom<unknown>(null, true, false, {}, '', ' ', '\n', [{}], [null], [true], {
  nested: { deep: [1] },
});

interface Target {
  file: 'topics' | 'glossary' | 'a.yml' | 'b.yml';
  /** Path from the file's root to the object to break. */
  path: (string | number)[];
  keys: Record<string, boolean>;
  factId?: string;
}

const TARGETS: Target[] = [
  { file: 'a.yml', path: ['facts', 0], keys: FACT_KEYS, factId: 'metals-ban' },
  { file: 'a.yml', path: ['facts', 1], keys: FACT_KEYS, factId: 'metals-exempt' },
  { file: 'b.yml', path: ['facts', 0], keys: FACT_KEYS, factId: 'chips-share' },
  { file: 'a.yml', path: ['facts', 0, 'figures', 0], keys: FIGURE_KEYS, factId: 'metals-ban' },
  { file: 'a.yml', path: ['facts', 0, 'sources', 0], keys: SOURCE_KEYS, factId: 'metals-ban' },
  {
    file: 'a.yml',
    path: ['facts', 0, 'figures', 0, 'variants', 0],
    keys: VARIANT_KEYS,
    factId: 'metals-ban',
  },
  { file: 'topics', path: ['topics', 1], keys: TOPIC_KEYS },
  { file: 'glossary', path: ['glossary', 0], keys: GLOSSARY_KEYS },
];

const at = (root: unknown, path: (string | number)[]): Json =>
  path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root) as Json;

function fileObject(base: ReturnType<typeof validBase>, t: Target): Json {
  if (t.file === 'topics') return base.topics;
  if (t.file === 'glossary') return base.glossary;
  return base.facts[t.file] as Json;
}

const fileName = (t: Target) =>
  t.file === 'topics' ? 'topics.yml' : t.file === 'glossary' ? 'glossary.yml' : `facts/${t.file}`;

/** A mutation that must be rejected: a required key removed, any key set to a wrong value, or an unknown key. */
const mutation = fc.constantFrom(...TARGETS).chain((target) =>
  fc.oneof(
    fc
      .constantFrom(
        ...Object.entries(target.keys)
          .filter(([, required]) => required)
          .map(([k]) => k),
      )
      .map((key) => ({ target, key, op: 'delete' as const, value: undefined as unknown })),
    fc
      .tuple(fc.constantFrom(...Object.keys(target.keys)), BAD)
      .map(([key, value]) => ({ target, key, op: 'set' as const, value })),
    fc
      .constantFrom('colour', 'Claim', 'extra')
      .map((key) => ({ target, key, op: 'unknown' as const, value: 'surplus' })),
  ),
);

describe('a malformed fact base', () => {
  it('names file, fact id and field of any broken key, and loads nothing', () => {
    fc.assert(
      fc.property(mutation, ({ target, key, op, value }) => {
        const base = validBase();
        const object = at(fileObject(base, target), target.path);
        if (op === 'delete') delete object[key];
        else object[key] = value;
        const { dir, remove } = writeBase(base);
        try {
          const errors = load(dir).filter((p) => p.severity === 'error');
          expect(errors.length).toBeGreaterThan(0);
          const fieldPath = [...target.path, key].join('.');
          const objectPath = target.path.join('.');
          const located = errors.find(
            (p) =>
              p.file.endsWith(fileName(target)) &&
              (p.field === fieldPath ||
                p.field?.startsWith(`${fieldPath}.`) ||
                (op === 'unknown' && p.field === objectPath && p.message.includes(key))),
          );
          expect(located, JSON.stringify(errors)).toBeDefined();
          if (target.factId) {
            const brokenId = key === 'id' && target.path.length === 2;
            // A broken id is shown as the fact's position, unless it is a non-blank string, shown as it is.
            const expectedId = !brokenId
              ? target.factId
              : typeof value === 'string' && value.trim()
                ? value
                : `#${Number(target.path[1]) + 1}`;
            expect(located?.factId).toBe(
              op === 'delete' && brokenId ? `#${Number(target.path[1]) + 1}` : expectedId,
            );
          }
        } finally {
          remove();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('survives any JSON value anywhere (never throws, never half-loads)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TARGETS),
        fc.string({ maxLength: 12 }),
        fc.jsonValue({ maxDepth: 3 }),
        (target, key, value) => {
          const base = validBase();
          at(fileObject(base, target), target.path)[key] = value;
          const { dir, remove } = writeBase(base);
          try {
            load(dir);
          } finally {
            remove();
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('survives any text as any file (bad YAML, binary, wrong shapes), naming the file', () => {
    const garbage = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.constantFrom(
        '',
        '---',
        'null',
        '42',
        '- a\n- b',
        'facts:',
        'facts: []',
        'facts: {}',
        'topics: []',
        'glossary: [1]',
        'facts:\n  - id: a\n  id: b',
        'a: &a [*a]',
        'x: &x [1]\ny: [*x, *x, *x]',
        'facts: [\n',
        'key: "unterminated',
        '\t- tab indented',
        'a: 1\na: 2',
        `${'['.repeat(500)}${']'.repeat(500)}`,
        '\u0000\u0001\u0002',
        '\ufeff\ud800',
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom('topics', 'glossary', 'a.yml', 'b.yml'), garbage, (which, text) => {
        const base = validBase() as {
          topics: Json | string;
          glossary: Json | string;
          facts: Record<string, Json | string>;
        };
        if (which === 'topics' || which === 'glossary') base[which] = text;
        else base.facts[which] = text;
        const { dir, remove } = writeBase(base);
        try {
          const errors = load(dir).filter((p) => p.severity === 'error');
          const name = which === 'topics' ? 'topics.yml' : which === 'glossary' ? 'glossary.yml' : which;
          expect(
            errors.some((p) => p.file.endsWith(name)),
            JSON.stringify(errors),
          ).toBe(true);
        } finally {
          remove();
        }
      }),
      { numRuns: 120 },
    );
  });

  it('names the fact and field of cross-file problems', () => {
    const cases: [
      string,
      (b: ReturnType<typeof validBase>) => void,
      { file: string; factId: string; field: string },
    ][] = [
      [
        'duplicate fact id',
        (b) => (factOf(b, 'b.yml', 0).id = 'metals-ban'),
        { file: 'b.yml', factId: 'metals-ban', field: 'id' },
      ],
      [
        'unknown topic',
        (b) => (factOf(b, 'b.yml', 0).topics = ['chips', 'nowhere']),
        { file: 'b.yml', factId: 'chips-share', field: 'topics.1' },
      ],
      [
        'missing related fact',
        (b) => (factOf(b, 'b.yml', 0).related = ['gone']),
        { file: 'b.yml', factId: 'chips-share', field: 'related.0' },
      ],
      [
        'related to itself',
        (b) => (factOf(b, 'b.yml', 0).related = ['chips-share']),
        { file: 'b.yml', factId: 'chips-share', field: 'related.0' },
      ],
      [
        'figure without a source',
        (b) => delete factOf(b, 'a.yml', 0).sources,
        { file: 'a.yml', factId: 'metals-ban', field: 'sources' },
      ],
      [
        'duplicate figure id',
        (b) => {
          factOf(b, 'a.yml', 1).figures = factOf(b, 'a.yml', 0).figures;
        },
        { file: 'a.yml', factId: 'metals-exempt', field: 'figures.0.id' },
      ],
    ];
    for (const [what, breakIt, expected] of cases) {
      const base = validBase();
      breakIt(base);
      const { dir, remove } = writeBase(base);
      try {
        const found = load(dir).find(
          (p) => p.file.endsWith(expected.file) && p.factId === expected.factId && p.field === expected.field,
        );
        expect(found, what).toBeDefined();
      } finally {
        remove();
      }
    }
  });

  it('names the path when a file or folder is missing or is the wrong kind of thing', () => {
    const cases: [string, (dir: string) => void, string][] = [
      ['no topics.yml', (dir) => rmSync(join(dir, 'topics.yml')), 'topics.yml'],
      ['no glossary.yml', (dir) => rmSync(join(dir, 'glossary.yml')), 'glossary.yml'],
      ['no facts folder', (dir) => rmSync(join(dir, 'facts'), { recursive: true }), 'facts'],
      [
        'facts is a file',
        (dir) => {
          rmSync(join(dir, 'facts'), { recursive: true });
          writeFileSync(join(dir, 'facts'), 'x');
        },
        'facts',
      ],
      [
        'a fact file is a folder',
        (dir) => {
          rmSync(join(dir, 'facts', 'b.yml'));
          mkdirSync(join(dir, 'facts', 'b.yml'));
        },
        'b.yml',
      ],
    ];
    for (const [what, breakIt, names] of cases) {
      const { dir, remove } = writeBase(validBase());
      try {
        breakIt(dir);
        const errors = load(dir).filter((p) => p.severity === 'error');
        expect(errors.length, what).toBeGreaterThan(0);
        expect(
          errors.some((p) => p.file.endsWith(names)),
          what,
        ).toBe(true);
      } finally {
        remove();
      }
    }
  });

  // An empty facts/ folder (or one holding only .json or .bak files) would start a bot that can answer nothing.
  it('refuses a facts folder with no fact files', () => {
    const { dir, remove } = writeBase({ ...validBase(), facts: { 'notes.txt': 'not yaml' } });
    try {
      expect(load(dir).filter((p) => p.severity === 'error').length).toBeGreaterThan(0);
    } finally {
      remove();
    }
  });

  it('refuses an impossible date', () => {
    const base = validBase();
    factOf(base, 'a.yml', 0).added = '2024-13-45';
    const { dir, remove } = writeBase(base);
    try {
      expect(load(dir).some((p) => p.field === 'facts.0.added')).toBe(true);
    } finally {
      remove();
    }
  });

  it('loads the untouched fixture (so the mutations above are what breaks it)', () => {
    const { dir, remove } = writeBase(validBase());
    try {
      expect(load(dir).filter((p) => p.severity === 'error')).toEqual([]);
    } finally {
      remove();
    }
  });
});
