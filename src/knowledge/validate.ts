import type { z } from 'zod';
import { listFileSchema } from './schema.js';

/** A schema problem; `path` runs from the file's root, e.g. `facts.0.figures.1.value`. */
export interface Issue {
  path?: string;
  message: string;
}

export interface Item<T> {
  index: number;
  raw: unknown;
  data?: T;
  issues: Issue[];
}

/** Validates a file holding one list item by item, so a bad item hides neither the others nor its problems. */
export function validateList<T>(
  raw: unknown,
  key: string,
  item: z.ZodType<T>,
  min: number,
): { fileIssues: Issue[]; items: Item<T>[] } {
  const file = listFileSchema(key, min).safeParse(raw);
  const fileIssues = file.success ? [] : toIssues(file.error.issues, []);
  const list = (raw as Record<string, unknown> | null)?.[key];
  const items = (Array.isArray(list) ? list : []).map((rawItem, index): Item<T> => {
    const parsed = item.safeParse(rawItem);
    if (parsed.success) return { index, raw: rawItem, data: parsed.data, issues: [] };
    return { index, raw: rawItem, issues: toIssues(parsed.error.issues, [key, index]) };
  });
  return { fileIssues, items };
}

/** The fields of `raw` that pass their own schema: what later checks can still use when the whole fails. */
export function validFields<S extends z.ZodObject>(schema: S, raw: unknown): Partial<z.output<S>> {
  if (!raw || typeof raw !== 'object') return {};
  const fields: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const parsed = field.safeParse((raw as Record<string, unknown>)[key]);
    if (parsed.success && parsed.data !== undefined) fields[key] = parsed.data;
  }
  return fields as Partial<z.output<S>>;
}

/** The id a fact is reported under: its own when it is a non-blank string, else its position ("#2"). */
export function idOf(raw: unknown, index: number): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.trim() ? id : `#${index + 1}`;
}

function toIssues(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[]): Issue[] {
  return issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.') || undefined,
    message: issue.message,
  }));
}
