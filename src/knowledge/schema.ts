import { z } from 'zod';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be an ISO date YYYY-MM-DD', abort: true })
  .refine((s) => {
    const day = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(s);
  }, 'must be a real date');
const kebabId = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case, e.g. machine-tools-china-share');
const qualifier = z.enum(['over', 'nearly', 'about', 'exactly', 'up to', 'at least']);

export const sourceSchema = z.strictObject({
  title: z.string().min(3),
  outlet: z.string().min(2),
  url: z.url().optional(),
  published: isoDate,
});

export const figureSchema = z.strictObject({
  id: kebabId,
  label: z.string().min(3),
  value: z.number().finite(),
  unit: z.enum(['percent', 'USD', 'GBP', 'count']),
  qualifier: qualifier.optional(),
  period: z.string().min(2).optional(),
  measures: z.string().min(3),
  variants: z
    .array(
      z.strictObject({ qualifier, value: z.number().finite(), outlets: z.array(z.string().min(2)).min(1) }),
    )
    .optional(),
});

export const factSchema = z.strictObject({
  id: kebabId,
  claim: z.string().min(10),
  attribution: z.string().min(2),
  certainty: z.enum(['official-action', 'asserted', 'likely', 'reported', 'disputed']),
  figures: z.array(figureSchema).default([]),
  topics: z.array(kebabId).min(1),
  entities: z.array(z.string().min(1)).default([]),
  firms: z.array(z.string().min(2)).optional(),
  examples: z.array(z.string().min(3)).min(1),
  does_not_say: z.array(z.string().min(3)).default([]),
  sources: z.array(sourceSchema).default([]),
  date: isoDate.optional(),
  added: isoDate,
  review_by: isoDate.optional(),
  caveat: z.string().min(5).optional(),
  related: z.array(kebabId).default([]),
});

/** One file under knowledge/facts/. */
export const factFileSchema = z.strictObject({ facts: z.array(factSchema).min(1) });

export const topicsFileSchema = z.strictObject({
  topics: z
    .array(
      z.strictObject({
        id: kebabId,
        label: z.string().min(2),
        description: z.string().min(5),
        sample: z.string().min(5),
      }),
    )
    .min(1),
});

export const glossaryFileSchema = z.strictObject({
  glossary: z.array(z.strictObject({ term: z.string().min(2), synonyms: z.array(z.string().min(2)).min(1) })),
});

/** knowledge/freshness.yml, optional: when facts without `review_by` fall due for review. */
export const freshnessFileSchema = z.strictObject({
  default_review_days: z.number().int().positive().optional(),
});
