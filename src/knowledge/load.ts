import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import type { Fact, KnowledgeBase } from '../types.js';
import { claimFigureProblems } from './claim-figures.js';
import { type CheckedFact, crossCheck } from './cross-check.js';
import { checkEntities } from './entities.js';
import { pastReview } from './freshness.js';
import { formatProblem, type KnowledgeProblem } from './problem.js';
import { idsInText, readYaml } from './read-yaml.js';
import { factSchema, freshnessFileSchema, glossaryEntrySchema, topicSchema } from './schema.js';
import { type Item, idOf, validateList, validFields } from './validate.js';

export { formatProblem, type KnowledgeProblem } from './problem.js';

/** Raised at start (or reload) when the base is broken; the message lists every problem. */
export class KnowledgeError extends Error {
  override name = 'KnowledgeError';
  constructor(readonly problems: KnowledgeProblem[]) {
    super(`Knowledge base is invalid:\n${problems.map(formatProblem).join('\n')}`);
  }
}

export interface KnowledgeCheck {
  knowledge?: KnowledgeBase;
  problems: KnowledgeProblem[];
}

export interface CheckOptions {
  /** The day staleness is judged on; defaults to now. */
  today?: Date | string;
}

type FactInput = z.output<typeof factSchema>;

/**
 * Loads and validates everything under `dir`; never throws for content problems. Each fact is validated on
 * its own, so every problem of every fact is listed in one run, and a fact that fails to parse causes no
 * knock-on errors elsewhere. Stale facts are warnings.
 */
export function checkKnowledge(dir: string, { today = new Date() }: CheckOptions = {}): KnowledgeCheck {
  const problems: KnowledgeProblem[] = [];
  const rel = (path: string) => relative(process.cwd(), path) || path;

  /** Reads a list file, reporting every problem; adds to `failed` the ids of items that did not parse. */
  const readList = <T>(path: string, key: string, schema: z.ZodType<T>, min: number, failed: Set<string>) => {
    const file = rel(path);
    const read = readYaml(path);
    if (!read.ok) {
      for (const message of read.messages) problems.push({ file, message, severity: 'error' });
      for (const id of idsInText(read.text ?? '')) failed.add(id);
      return undefined;
    }
    const { fileIssues, items } = validateList(read.raw, key, schema, min);
    for (const { path: field, message } of fileIssues)
      problems.push({ file, field, message, severity: 'error' });
    for (const item of items) {
      const factId = key === 'facts' ? idOf(item.raw, item.index) : undefined;
      for (const { path: field, message } of item.issues)
        problems.push({ file, factId, field, message, severity: 'error' });
      const id = (item.raw as { id?: unknown } | null)?.id;
      if (!item.data && typeof id === 'string') failed.add(id);
    }
    return items;
  };
  const valid = <T>(items: Item<T>[] | undefined): T[] =>
    (items ?? []).flatMap((i) => (i.data ? [i.data] : []));

  const failedTopics = new Set<string>();
  const topicItems = readList(join(dir, 'topics.yml'), 'topics', topicSchema, 1, failedTopics);
  const glossaryPath = join(dir, 'glossary.yml');
  const glossary = valid(readList(glossaryPath, 'glossary', glossaryEntrySchema, 0, new Set()));

  const facts: Fact[] = [];
  const checked: CheckedFact[] = [];
  const failedFacts = new Set<string>();
  const factNames = new Set<string>();
  let allFactsParsed = true;
  const factsDir = join(dir, 'facts');
  for (const path of factFiles(factsDir, problems, rel)) {
    const file = rel(path);
    const items = readList(path, 'facts', factSchema, 1, failedFacts);
    allFactsParsed &&= items?.every((i) => i.data) ?? false;
    for (const item of items ?? []) {
      const fields = item.data ?? validFields(factSchema, item.raw);
      if (item.data) facts.push(toFact(item.data, file));
      if (fields.id) checked.push({ ...checkable(fields), id: fields.id, file });
      for (const name of [...(fields.entities ?? []), ...(fields.firms ?? [])]) factNames.add(name);
      problems.push(...claimProblems(fields, file, idOf(item.raw, item.index)));
    }
  }

  const reviewDays = readReviewDays(join(dir, 'freshness.yml'), problems, rel);
  for (const f of facts) {
    const due = pastReview(f, today, reviewDays);
    const message = `stale: review by ${due} has passed`;
    const where = { file: f.file, factId: f.id, field: 'review_by' };
    if (due) problems.push({ ...where, message, severity: 'warning', clockDependent: true });
  }
  if (facts.length === 0 && !problems.some((p) => p.severity === 'error')) {
    problems.push({ file: rel(factsDir), message: 'no facts found', severity: 'error' });
  }

  // A topics.yml that could not be read at all leaves every topic unknowable, not unknown.
  const topicsUnparsed = topicItems === undefined && failedTopics.size === 0 ? 'all' : failedTopics;
  const topics = valid(topicItems);
  problems.push(
    ...crossCheck(
      { facts: checked, topics, glossary },
      { glossary: rel(glossaryPath), unparsed: { facts: failedFacts, topics: topicsUnparsed } },
    ),
  );
  const entitiesPath = join(dir, 'entities.yml');
  const { entities, problems: entityProblems } = checkEntities(entitiesPath, rel(entitiesPath), {
    factNames: allFactsParsed ? factNames : undefined,
  });
  problems.push(...entityProblems);
  const ok = !problems.some((p) => p.severity === 'error');
  const base = { facts, topics, glossary, entities };
  const knowledge = ok ? { ...base, ...(reviewDays ? { reviewDays } : {}) } : undefined;
  return { knowledge, problems };
}

/** Loads the base or throws a KnowledgeError naming file, fact id and field of every error. */
export function loadKnowledge(dir: string, options: CheckOptions = {}): KnowledgeBase {
  const { knowledge, problems } = checkKnowledge(dir, options);
  if (!knowledge) throw new KnowledgeError(problems.filter((p) => p.severity === 'error'));
  return knowledge;
}

function factFiles(factsDir: string, problems: KnowledgeProblem[], rel: (p: string) => string): string[] {
  try {
    return readdirSync(factsDir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => join(factsDir, f));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    problems.push({ file: rel(factsDir), message, severity: 'error' });
    return [];
  }
}

function readReviewDays(path: string, problems: KnowledgeProblem[], rel: (p: string) => string) {
  if (!existsSync(path)) return undefined;
  const read = readYaml(path);
  if (!read.ok) {
    for (const message of read.messages) problems.push({ file: rel(path), message, severity: 'error' });
    return undefined;
  }
  const parsed = freshnessFileSchema.safeParse(read.raw);
  if (parsed.success) return parsed.data.default_review_days;
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join('.') || undefined;
    problems.push({ file: rel(path), field, message: issue.message, severity: 'error' });
  }
  return undefined;
}

function toFact({ review_by, does_not_say, not_figures: _notFigures, ...f }: FactInput, file: string): Fact {
  return { ...f, doesNotSay: does_not_say, ...(review_by ? { reviewBy: review_by } : {}), file };
}

/** The fields cross-checks read, from a valid fact or from the valid fields of a broken one. */
function checkable({ figures, sources, topics, related }: Partial<FactInput>) {
  return { figures, sources, topics, related };
}

function claimProblems(fields: Partial<FactInput>, file: string, factId: string): KnowledgeProblem[] {
  const { claim, figures, not_figures } = fields;
  if (claim === undefined || figures === undefined || not_figures === undefined) return [];
  return claimFigureProblems({ claim, figures, not_figures }).map((p) => ({ ...p, file, factId }));
}
