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
  /** Numbers in the claim, as written there ("14068"), that are not figures; years, dates need no entry. */
  not_figures: z
    .array(z.string().regex(/^\d[\d,.]*$/, 'must be a number as written in the claim'))
    .default([]),
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

/** A file holding one list (`facts:`, `topics:`, `glossary:`); its items are validated one by one. */
export const listFileSchema = (key: string, min: number) =>
  z.strictObject({ [key]: z.array(z.unknown()).min(min) });

export const topicSchema = z.strictObject({
  id: kebabId,
  label: z.string().min(2),
  description: z.string().min(5),
  sample: z.string().min(5),
});

export const glossaryEntrySchema = z.strictObject({
  term: z.string().min(2),
  synonyms: z.array(z.string().min(2)).min(1),
});

/** knowledge/freshness.yml, optional: when facts without `review_by` fall due for review. */
export const freshnessFileSchema = z.strictObject({
  default_review_days: z.number().int().positive().optional(),
});

/** One entry of knowledge/entities.yml: who or what a name in facts' `entities`/`firms` is. */
export const entitySchema = z.strictObject({
  name: z.string().trim().min(2),
  aliases: z.array(z.string().trim().min(2)).default([]),
  kind: z.enum(['person', 'government', 'body', 'exchange', 'firm', 'country']),
  description: z
    .string()
    .trim()
    .min(5)
    .max(200)
    .regex(/^[^\r\n]+$/, 'must be one line'),
  source: z.strictObject({
    outlet: z.string().trim().min(2),
    title: z.string().min(3).optional(),
    url: z.url().optional(),
    published: isoDate,
  }),
});
