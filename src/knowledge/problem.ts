/** One problem in the fact base, located by file, fact id and field. */
export interface KnowledgeProblem {
  file: string;
  factId?: string;
  field?: string;
  message: string;
  severity: 'error' | 'warning';
  /** On warnings that appear as time passes (a review date gone by), so `--strict` does not fail CI on them. */
  clockDependent?: true;
}

export function formatProblem(p: KnowledgeProblem): string {
  const where = [p.file, p.factId && `fact ${p.factId}`, p.field && `field ${p.field}`]
    .filter(Boolean)
    .join(' › ');
  return `${p.severity === 'error' ? '✖' : '⚠ WARNING'} ${where}: ${p.message}`;
}
