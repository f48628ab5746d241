import { existsSync } from 'node:fs';
import type { EntityEntry } from '../types.js';
import type { KnowledgeProblem } from './problem.js';
import { readYaml } from './read-yaml.js';
import { entitySchema } from './schema.js';
import { validateList, validFields } from './validate.js';

/**
 * The form names are compared in, by the checks and by answers alike: lower case, no accents, apostrophes or
 * full stops ("U.S." is "us"), other punctuation as spaces, no leading "the".
 */
export function entityKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the\b\s*/, '');
}

/** The names and aliases an entry is found by, from a valid entry or from the valid fields of a broken one. */
interface Named {
  index: number;
  label: string;
  name?: string;
  aliases?: string[];
}

/**
 * Reads knowledge/entities.yml (a missing file is an empty list). Every problem names the file, the entry (its
 * name, else its position) and the field. `factNames` are the names facts list in `entities` and `firms`;
 * undefined when some fact did not parse, so that no entry is reported unused because of it.
 */
export function checkEntities(
  path: string,
  file: string,
  { factNames }: { factNames?: Iterable<string> },
): { entities: EntityEntry[]; problems: KnowledgeProblem[] } {
  if (!existsSync(path)) return { entities: [], problems: [] };
  const read = readYaml(path);
  if (!read.ok) {
    return { entities: [], problems: read.messages.map((message) => ({ file, message, severity: 'error' })) };
  }
  const problems: KnowledgeProblem[] = [];
  const { fileIssues, items } = validateList(read.raw, 'entities', entitySchema, 0);
  for (const { path: field, message } of fileIssues)
    problems.push({ file, field, message, severity: 'error' });
  const entities: EntityEntry[] = [];
  const named: Named[] = [];
  for (const item of items) {
    const label = labelOf(item.raw, item.index);
    for (const { path: field, message } of item.issues)
      problems.push({ file, field, message: `entity ${label}: ${message}`, severity: 'error' });
    if (item.data) entities.push(item.data);
    const { name, aliases } = item.data ?? validFields(entitySchema, item.raw);
    named.push({ index: item.index, label, name, aliases });
  }
  problems.push(...duplicateNames(named, file));
  if (factNames) problems.push(...unusedNames(named, new Set([...factNames].map(entityKey)), file));
  return { entities, problems };
}

/** How an entry is named in problems: `"Kurt Campbell"`, or its position (`#3`) when it has no usable name. */
function labelOf(raw: unknown, index: number): string {
  const name = (raw as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name.trim() ? `"${name.trim()}"` : `#${index + 1}`;
}

/** A name or alias two entries share is an error: a question could not tell which one it means. */
function duplicateNames(named: Named[], file: string): KnowledgeProblem[] {
  const owner = new Map<string, Named>();
  const problems: KnowledgeProblem[] = [];
  for (const entry of named) {
    const spellings = [
      ...(entry.name ? [{ text: entry.name, field: 'name' }] : []),
      ...(entry.aliases ?? []).map((text, j) => ({ text, field: `aliases.${j}` })),
    ];
    const own = new Set<string>();
    for (const { text, field } of spellings) {
      const key = entityKey(text);
      const where = { file, field: `entities.${entry.index}.${field}` };
      const other = owner.get(key);
      if (other && other !== entry) {
        const message = `entity ${entry.label}: "${text}" is also a name or alias of entity ${other.label}`;
        problems.push({ ...where, message, severity: 'error' });
      } else if (own.has(key)) {
        const message = `entity ${entry.label}: "${text}" repeats another of its names`;
        problems.push({ ...where, message, severity: 'warning' });
      }
      own.add(key);
      if (!other) owner.set(key, entry);
    }
  }
  return problems;
}

/** An entry no fact names can never be answered (answers list the facts it appears in). */
function unusedNames(named: Named[], factKeys: Set<string>, file: string): KnowledgeProblem[] {
  return named
    .filter((e) => e.name !== undefined && !factKeys.has(entityKey(e.name)))
    .map((e) => ({
      file,
      field: `entities.${e.index}.name`,
      message: `entity ${e.label}: no fact lists "${e.name}" in its entities or firms`,
      severity: 'warning' as const,
    }));
}
