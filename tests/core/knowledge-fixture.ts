import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TOPICS =
  'topics:\n  - { id: metals, label: Metals, description: The metals ban, sample: What was banned? }\n';

/** One fact in YAML, to be listed under `facts:`; `extra` adds or overrides lines. */
export const factYaml = (id: string, extra = '', added = '2026-11-28') => `
  - id: ${id}
    claim: The UK and US barred new Russian metal from the exchanges.
    attribution: the UK and US governments
    certainty: official-action
    topics: [metals]
    examples: ["what did the us and uk ban"]
    added: ${added}${extra}`;

/** A small knowledge directory in a temp folder: one topic, an empty glossary, plus `files`. */
export function knowledgeDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-kb-'));
  mkdirSync(join(dir, 'facts'));
  const all = { 'topics.yml': TOPICS, 'glossary.yml': 'glossary: []\n', ...files };
  for (const [name, text] of Object.entries(all)) writeFileSync(join(dir, name), text);
  return dir;
}
