/** A small valid fact base as plain objects, written to a temp dir so tests can break it in one place. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

type Json = Record<string, unknown>;

export interface BaseFiles {
  topics: Json;
  glossary: Json;
  /** File name under facts/ -> file content object. */
  facts: Record<string, Json>;
}

const fact = (id: string, extra: Json = {}): Json => ({
  id,
  topics: ['metals'],
  entities: ['Russia', 'United States'],
  claim: 'The UK and US barred new Russian metal from the exchanges.',
  attribution: 'the UK and US governments',
  certainty: 'official-action',
  examples: ['what did the us and uk ban', 'metals ban?'],
  sources: [
    {
      title: 'US and UK ban Russian metals',
      outlet: 'Reuters',
      published: '2024-04-13',
      url: 'https://example.com/a',
    },
  ],
  date: '2024-04-12',
  added: '2026-11-28',
  caveat: 'Existing stock is not covered.',
  related: [],
  ...extra,
});

/** Fresh objects every call, so a test may mutate them freely. */
export function validBase(): BaseFiles {
  return {
    topics: {
      topics: [
        { id: 'metals', label: 'Metals', description: 'The metals ban', sample: 'What was banned?' },
        {
          id: 'chips',
          label: 'Chips',
          description: 'Chips to Russia',
          sample: 'Which chips went to Russia?',
        },
      ],
    },
    glossary: { glossary: [{ term: 'aluminium', synonyms: ['aluminum'] }] },
    facts: {
      'a.yml': {
        facts: [
          fact('metals-ban', {
            related: ['chips-share'],
            figures: [
              {
                id: 'metal-share',
                label: 'Share of LME metal from Russia',
                value: 36,
                unit: 'percent',
                qualifier: 'about',
                period: '2023',
                measures: 'share of aluminium on LME warrants that was Russian',
                variants: [{ qualifier: 'nearly', value: 40, outlets: ['AP'] }],
              },
            ],
          }),
          fact('metals-exempt', { caveat: undefined, date: undefined }),
        ],
      },
      'b.yml': { facts: [fact('chips-share', { topics: ['chips', 'metals'] })] },
    },
  };
}

/** Writes `files` (objects as YAML, strings verbatim) to a new temp dir; returns it and a cleanup. */
export function writeBase(files: {
  topics: Json | string;
  glossary: Json | string;
  facts: Record<string, Json | string>;
}): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-kb-prop-'));
  mkdirSync(join(dir, 'facts'));
  const text = (v: Json | string) => (typeof v === 'string' ? v : stringify(v));
  writeFileSync(join(dir, 'topics.yml'), text(files.topics));
  writeFileSync(join(dir, 'glossary.yml'), text(files.glossary));
  for (const [name, content] of Object.entries(files.facts))
    writeFileSync(join(dir, 'facts', name), text(content));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
