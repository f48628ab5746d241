import type { Fact, Figure, FigureLine, Qualifier } from '../types.js';

const QUALIFIER_WORDS: Record<Qualifier, string> = {
  over: 'over',
  nearly: 'nearly',
  about: 'about',
  exactly: '',
  'up to': 'up to',
  'at least': 'at least',
};

const CURRENCY = { USD: '$', GBP: '£' } as const;

/** "$900 million", "70%", "more than 100" without the qualifier. */
export function formatValue(value: number, unit: Figure['unit']): string {
  if (unit === 'percent') return `${trim(value)}%`;
  if (unit === 'count') return value.toLocaleString('en-US');
  const symbol = CURRENCY[unit];
  if (Math.abs(value) >= 1e9) return `${symbol}${trim(value / 1e9)} billion`;
  if (Math.abs(value) >= 1e6) return `${symbol}${trim(value / 1e6)} million`;
  return `${symbol}${value.toLocaleString('en-US')}`;
}

export function formatFigure(f: Pick<Figure, 'value' | 'unit' | 'qualifier'>): string {
  const q = f.qualifier ? QUALIFIER_WORDS[f.qualifier] : '';
  return [q, formatValue(f.value, f.unit)].filter(Boolean).join(' ');
}

export function figureLine(fact: Fact, f: Figure): FigureLine {
  return {
    figureId: f.id,
    factId: fact.id,
    label: f.label,
    text: formatFigure(f),
    period: f.period,
    derived: false,
  };
}

/** Variants reported by other outlets, e.g. 'AP reported "nearly 70%"'. */
export function variantCaveats(fact: Fact): string[] {
  return fact.figures.flatMap((f) =>
    (f.variants ?? []).map(
      (v) =>
        `${v.outlets.join(', ')} reported ${f.label.toLowerCase()} as ${formatFigure({ ...v, unit: f.unit })}.`,
    ),
  );
}

/** How every front end marks a figure Sitrep worked out rather than a source stated. */
export const DERIVED_LABEL = 'computed by Sitrep';

/** The bound an implied amount keeps from the share it comes from: "over 70%" of a total is "more than" its part. */
const IMPLIED_BOUND: Record<Qualifier, string> = {
  over: 'more than',
  'at least': 'at least',
  nearly: 'nearly',
  'up to': 'up to',
  about: 'about',
  exactly: '',
};

/**
 * When a fact states a share and the total it is a share of (same period), the implied amount.
 * It is ours, not the source's, so it is marked derived.
 */
export function derivedLines(fact: Fact): FigureLine[] {
  const shares = fact.figures.filter((f) => f.unit === 'percent');
  const totals = fact.figures.filter((f) => f.unit === 'USD' && f.period);
  const lines: FigureLine[] = [];
  for (const share of shares) {
    const total = totals.find((t) => t.period === share.period);
    if (!total) continue;
    const implied = Math.round((share.value / 100) * total.value);
    lines.push({
      figureId: `${share.id}-implied`,
      factId: fact.id,
      label: `${share.label} in money (${formatFigure(share)} of ${formatFigure(total)})`,
      text: [impliedBound(share, total), formatValue(implied, total.unit)].filter(Boolean).join(' '),
      period: share.period,
      derived: true,
    });
  }
  return lines;
}

/** The share's own bound; an exact share of an approximate total is only "about" that much. */
function impliedBound(share: Figure, total: Figure): string {
  const bound = IMPLIED_BOUND[share.qualifier ?? 'exactly'];
  if (bound) return bound;
  return total.qualifier && total.qualifier !== 'exactly' ? 'about' : '';
}

function trim(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1).replace(/\.0$/, '');
}
