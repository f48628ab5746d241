import type { Figure } from '../types.js';

/** A number written in a claim that stands for an amount: "$900 million" is 900000000 USD. */
export interface ClaimNumber {
  /** As written, currency, scale and percent sign included: "$900 million". */
  text: string;
  /** The digits alone, as `not_figures` lists them: "900". */
  digits: string;
  value: number;
  unit: string;
}

export interface ClaimProblem {
  field: string;
  message: string;
  severity: 'error' | 'warning';
}

const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DAY = '(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?';
/** Dates and year ranges, blanked out before numbers are read: "2 April", "14 to 16 April", "April 13", "2021-22". */
const DATES = [
  new RegExp(`\\b${DAY}(?:\\s*(?:-|–|to|and)\\s*${DAY})?\\s+${MONTH}(?![a-z])`, 'g'),
  new RegExp(`\\b${MONTH}\\s+${DAY}(?![\\d%]|\\s*(?:%|percent|per cent))`, 'g'),
  /\b(?:1[89]|20)\d\d\s*[-–/]\s*(?:(?:1[89]|20)\d\d|\d\d)\b/g,
];
// Not after a letter or digit: G7, Q4 and H1 are names, not amounts.
const NUMBER = /(?<![\w.,])\d+(?:,\d{3})*(?:\.\d+)?/g;
const SCALES: Record<string, number> = { thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, billion: 1e9, bn: 1e9 };
const CURRENCIES: Record<string, string> = { $: 'USD', US$: 'USD', '£': 'GBP', '€': 'EUR' };

/** The numbers in `claim` that must be figures: years, dates, ordinals, decades, durations, names left out. */
export function claimNumbers(claim: string): ClaimNumber[] {
  const text = DATES.reduce((t, re) => t.replace(re, (m) => ' '.repeat(m.length)), claim);
  return [...text.matchAll(NUMBER)].flatMap((m) => {
    const n = readNumber(text.slice(0, m.index), m[0], text.slice(m.index + m[0].length));
    return n ? [n] : [];
  });
}

function readNumber(before: string, digits: string, after: string): ClaimNumber | undefined {
  if (/[A-Za-z][-‑]$/.test(before)) return undefined; // a designation: Su-57, S-400, Garpiya-3
  if (/^(?:st|nd|rd|th|['’]?s)\b/.test(after)) return undefined; // 14th, 1990s
  if (/^[\s-]?(?:year|month|week|day|hour|minute)s?\b/i.test(after)) return undefined; // no unit is a time
  const currency = /(US\$|\$|£|€)\s?$/.exec(before)?.[1];
  const scale = /^\s?(thousand|million|billion)\b|^(k|m|bn)\b/i.exec(after);
  const rest = after.slice(scale?.[0].length ?? 0);
  const percent = /^\s?%|^\s(?:percent|per cent)\b/.exec(rest);
  if (!scale && !percent && /^[A-Za-z]/.test(rest)) return undefined; // 5G, 3D
  const plain = !currency && !scale && !percent;
  if (plain && /^(?:1[89]|20)\d\d$/.test(digits)) return undefined; // a year
  const factor = SCALES[(scale?.[1] ?? scale?.[2] ?? '').toLowerCase()] ?? 1;
  return {
    text: `${currency ?? ''}${digits}${scale?.[0] ?? ''}${percent?.[0] ?? ''}`,
    digits,
    value: Number(digits.replaceAll(',', '')) * factor,
    unit: currency ? (CURRENCIES[currency] ?? currency) : percent ? 'percent' : 'count',
  };
}

/** Whether a figure, or one of its reported variants, has this value in this unit. */
export function matchesFigure(n: Pick<ClaimNumber, 'value' | 'unit'>, figure: Figure): boolean {
  if (n.unit !== figure.unit) return false;
  const values = [figure.value, ...(figure.variants ?? []).map((v) => v.value)];
  return values.some((v) => Math.abs(v - n.value) <= 1e-9 * Math.max(1, Math.abs(v)));
}

/**
 * Every amount in a claim must be one of the fact's figures, or be listed in `not_figures` (e.g. an executive
 * order's number). A `not_figures` entry that is not in the claim is a warning.
 */
export function claimFigureProblems(fact: {
  claim: string;
  figures: Figure[];
  not_figures: string[];
}): ClaimProblem[] {
  const marked = new Set(fact.not_figures);
  const problems: ClaimProblem[] = claimNumbers(fact.claim)
    .filter((n) => !marked.has(n.digits) && !fact.figures.some((f) => matchesFigure(n, f)))
    .map((n) => ({
      field: 'claim',
      message: `"${n.text}" (${n.value} ${n.unit}) matches no figure of the fact (${listFigures(fact.figures)}); fix the claim or the figure, or list "${n.digits}" in not_figures if it is not a figure`,
      severity: 'error',
    }));
  fact.not_figures.forEach((digits, i) => {
    if (!containsNumber(fact.claim, digits))
      problems.push({
        field: `not_figures.${i}`,
        message: `"${digits}" does not occur in the claim`,
        severity: 'warning',
      });
  });
  return problems;
}

function listFigures(figures: Figure[]): string {
  if (figures.length === 0) return 'it has none';
  return figures.map((f) => `${f.value} ${f.unit}`).join(', ');
}

function containsNumber(claim: string, digits: string): boolean {
  return [...claim.matchAll(NUMBER)].some((m) => m[0] === digits);
}
