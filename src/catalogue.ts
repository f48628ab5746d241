import { formatFigure } from './answer/format.js';
import type { FigureRow, KnowledgeBase, SourceRow } from './types.js';

/** Every figure, in fact-file order, for the `figures` table. */
export function figureRows(kb: KnowledgeBase): FigureRow[] {
  return kb.facts.flatMap((fact) =>
    fact.figures.map((f) => ({
      figureId: f.id,
      factId: fact.id,
      label: f.label,
      text: formatFigure(f),
      period: f.period,
      outlet: [...new Set(fact.sources.map((s) => s.outlet))].join(', '),
    })),
  );
}

/** Distinct sources with how many facts cite each, newest first. */
export function sourceRows(kb: KnowledgeBase): SourceRow[] {
  const rows = new Map<string, SourceRow>();
  for (const fact of kb.facts) {
    for (const s of fact.sources) {
      const key = `${s.outlet}|${s.title}|${s.published}`;
      const row = rows.get(key) ?? { ...s, factCount: 0 };
      row.factCount += 1;
      rows.set(key, row);
    }
  }
  return [...rows.values()].sort(
    (a, b) => b.published.localeCompare(a.published) || a.outlet.localeCompare(b.outlet),
  );
}
