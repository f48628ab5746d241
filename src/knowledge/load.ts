import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import type { Fact, GlossaryEntry, KnowledgeBase, Topic } from '../types.js';
import { crossCheck } from './cross-check.js';
import { pastReview } from './freshness.js';
import { factFileSchema, freshnessFileSchema, glossaryFileSchema, topicsFileSchema } from './schema.js';

/** One problem in the fact base, located by file, fact id and field. */
export interface KnowledgeProblem {
  file: string;
  factId?: string;
  field?: string;
  message: string;
  severity: 'error' | 'warning';
}

/** Raised at start (or reload) when the base is broken; the message lists every problem. */
export class KnowledgeError extends Error {
  override name = 'KnowledgeError';
  constructor(readonly problems: KnowledgeProblem[]) {
    super(`Knowledge base is invalid:\n${problems.map(formatProblem).join('\n')}`);
  }
}

export function formatProblem(p: KnowledgeProblem): string {
  const where = [p.file, p.factId && `fact ${p.factId}`, p.field && `field ${p.field}`]
    .filter(Boolean)
    .join(' › ');
  return `${p.severity === 'error' ? '✖' : '⚠'} ${where}: ${p.message}`;
}

export interface KnowledgeCheck {
  knowledge?: KnowledgeBase;
  problems: KnowledgeProblem[];
}

export interface CheckOptions {
  /** The day staleness is judged on; defaults to now. */
  today?: Date | string;
}

/** Loads and validates everything under `dir`; never throws for content problems. Stale facts are warnings. */
export function checkKnowledge(dir: string, { today = new Date() }: CheckOptions = {}): KnowledgeCheck {
  const problems: KnowledgeProblem[] = [];
  const rel = (path: string) => relative(process.cwd(), path) || path;

  const readYaml = <T>(path: string, schema: z.ZodType<T>): { data?: T; raw?: unknown } => {
    let raw: unknown;
    try {
      raw = parseYaml(readFileSync(path, 'utf8'));
    } catch (err) {
      problems.push({ file: rel(path), message: errorMessage(err), severity: 'error' });
      return {};
    }
    const parsed = schema.safeParse(raw);
    if (parsed.success) return { data: parsed.data, raw };
    for (const issue of parsed.error.issues) {
      problems.push({
        file: rel(path),
        factId: factIdAt(raw, issue.path),
        field: issue.path.map(String).join('.') || undefined,
        message: issue.message,
        severity: 'error',
      });
    }
    return { raw };
  };

  const topics: Topic[] = readYaml(join(dir, 'topics.yml'), topicsFileSchema).data?.topics ?? [];
  const glossary: GlossaryEntry[] =
    readYaml(join(dir, 'glossary.yml'), glossaryFileSchema).data?.glossary ?? [];
  const facts: Fact[] = [];
  const factsDir = join(dir, 'facts');
  let files: string[] = [];
  try {
    files = readdirSync(factsDir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort();
  } catch (err) {
    problems.push({ file: rel(factsDir), message: errorMessage(err), severity: 'error' });
  }
  for (const name of files) {
    const path = join(factsDir, name);
    const data = readYaml(path, factFileSchema).data;
    for (const { review_by, does_not_say, ...f } of data?.facts ?? [])
      facts.push({
        ...f,
        doesNotSay: does_not_say,
        ...(review_by ? { reviewBy: review_by } : {}),
        file: rel(path),
      });
  }
  const freshnessPath = join(dir, 'freshness.yml');
  const reviewDays = existsSync(freshnessPath)
    ? readYaml(freshnessPath, freshnessFileSchema).data?.default_review_days
    : undefined;
  for (const f of facts) {
    const due = pastReview(f, today, reviewDays);
    if (due) {
      const message = `stale: review by ${due} has passed`;
      problems.push({ file: f.file, factId: f.id, field: 'review_by', message, severity: 'warning' });
    }
  }
  if (facts.length === 0 && !problems.some((p) => p.severity === 'error')) {
    problems.push({ file: rel(factsDir), message: 'no facts found', severity: 'error' });
  }

  problems.push(...crossCheck({ facts, topics, glossary }, { glossary: rel(join(dir, 'glossary.yml')) }));
  const ok = !problems.some((p) => p.severity === 'error');
  const knowledge = ok
    ? {
        facts,
        topics,
        glossary,
        ...(reviewDays ? { reviewDays } : {}),
      }
    : undefined;
  return { knowledge, problems };
}

/** Loads the base or throws a KnowledgeError naming file, fact id and field of every error. */
export function loadKnowledge(dir: string, options: CheckOptions = {}): KnowledgeBase {
  const { knowledge, problems } = checkKnowledge(dir, options);
  if (!knowledge) throw new KnowledgeError(problems.filter((p) => p.severity === 'error'));
  return knowledge;
}

function factIdAt(raw: unknown, path: PropertyKey[]): string | undefined {
  if (path[0] !== 'facts' || typeof path[1] !== 'number') return undefined;
  const list = (raw as { facts?: unknown[] } | null)?.facts;
  const fact = Array.isArray(list) ? list[path[1]] : undefined;
  const id = (fact as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id.trim() ? id : `#${path[1] + 1}`;
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.message;
  return String(err);
}
