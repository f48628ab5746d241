/** Runs the three apps of a load bench in paired rounds, so machine noise hits each of them alike. */
import { figures, type MemorySample, printFigures, printVerdict, sampleMemory } from './bench-report.js';
import { percentile, perSecond, type RoundResult } from './load-stats.js';

export type AppName = 'bare' | 'sized' | 'sitrep';

export interface PairedRounds {
  rounds: Record<AppName, RoundResult[]>;
  /** Post-GC memory after each measured round. */
  memory: MemorySample[];
  afterWarmUp: MemorySample;
}

const ORDERS: AppName[][] = [
  ['bare', 'sized', 'sitrep'],
  ['sized', 'sitrep', 'bare'],
  ['sitrep', 'bare', 'sized'],
];

/**
 * Two warm-up rounds, then `count` rounds in which every app runs once, in an order that rotates from round to round
 * (so none always runs right after a GC or right before one).
 */
export async function runPairedRounds(
  count: number,
  load: (app: AppName) => Promise<RoundResult>,
): Promise<PairedRounds> {
  for (let w = 0; w < 2; w++) for (const app of ORDERS[0] ?? []) await load(app);
  const afterWarmUp = sampleMemory();
  const rounds: Record<AppName, RoundResult[]> = { bare: [], sized: [], sitrep: [] };
  const memory: MemorySample[] = [];
  for (let r = 0; r < count; r++) {
    for (const app of ORDERS[r % ORDERS.length] ?? []) rounds[app].push(await load(app));
    memory.push(sampleMemory());
  }
  return { rounds, memory, afterWarmUp };
}

const median = (xs: number[]): number => {
  const sorted = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Median over rounds of `measure(Sitrep's round) / measure(other's round)`, pairing rounds run together. */
function pairedRatio(
  rounds: Record<AppName, RoundResult[]>,
  other: AppName,
  measure: (r: RoundResult) => number = perSecond,
): number {
  return median(
    rounds.sitrep.map((s, i) => {
      const o = rounds[other][i];
      return o ? measure(s) / measure(o) : Number.NaN;
    }),
  );
}

const ackP99 = (r: RoundResult): number => percentile(r.ackMs, 0.99);

/** What the targets compare: Sitrep's throughput against both bare apps, its p99 ack against the fixed-text one. */
function ratios(rounds: Record<AppName, RoundResult[]>) {
  return {
    bare: pairedRatio(rounds, 'bare'),
    sized: pairedRatio(rounds, 'sized'),
    ackP99: pairedRatio(rounds, 'bare', ackP99),
  };
}

export interface ReportLabels {
  /** Row names of the two bare apps, e.g. "bare Bolt (ceiling)". */
  bare: string;
  sized: string;
  /** "ack" for Slack, "callback" for Discord; `replyLabel` only where the reply is apart from the ack. */
  ackLabel: string;
  replyLabel?: string;
  /** "app" or "bot". */
  bareKind: string;
}

/** Prints the figures of the three apps and the target checks; true when every target is met. */
export function printReport(paired: PairedRounds, before: MemorySample, labels: ReportLabels): boolean {
  const { rounds, memory, afterWarmUp } = paired;
  const sitrep = figures('Sitrep', rounds.sitrep);
  printFigures(
    [figures(labels.bare, rounds.bare), figures(labels.sized, rounds.sized), sitrep],
    labels.ackLabel,
    labels.replyLabel,
  );
  console.log('');
  return printVerdict({
    sitrep,
    before,
    afterWarmUp,
    memory,
    ratio: ratios(rounds),
    ackLabel: labels.ackLabel,
    bareKind: labels.bareKind,
  });
}
