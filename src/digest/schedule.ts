/** Digest schedules: "daily 09:00 [tz]", "weekly mon 09:00 [tz]" or a cron expression, as cron + IANA zone. */
import { Cron } from 'croner';

export interface Schedule {
  /** Cron pattern (5 fields, or 6 with seconds). */
  cron: string;
  timeZone: string;
  /** How the user wrote it, normalized, e.g. "daily 09:00". */
  label: string;
}

export type ScheduleResult = { ok: true; schedule: Schedule } | { ok: false; problem: string };

const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

export const SCHEDULE_HELP =
  'Use "daily 09:00", "weekly mon 09:00" or a cron expression such as "0 9 * * 1-5", optionally followed by a time zone such as Europe/Berlin.';

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Creates a croner job that never runs, only computes times. Throws on a bad pattern. */
function calculator(s: Pick<Schedule, 'cron' | 'timeZone'>): Cron {
  return new Cron(s.cron, { timezone: s.timeZone, paused: true, mode: '5-or-6-parts' });
}

/** Validates a cron pattern and zone; returns the problem in words, or undefined when fine. */
export function cronProblem(cron: string, timeZone: string): string | undefined {
  if (!isTimeZone(timeZone)) return `"${timeZone}" is not an IANA time zone (e.g. Europe/Berlin, UTC).`;
  try {
    if (!calculator({ cron, timeZone }).nextRun()) return `"${cron}" never runs.`;
    return undefined;
  } catch (e) {
    return `"${cron}" is not a valid cron expression (${e instanceof Error ? e.message : String(e)}).`;
  }
}

const looksLikeZone = (token: string) => token.includes('/') || /^(utc|gmt)$/i.test(token);

function fromWords(words: string[]): { cron: string; label: string } | string | undefined {
  const [kind, ...rest] = words;
  if (kind === 'daily') {
    const time = TIME.exec(rest[0] ?? '');
    if (!time || rest.length !== 1) return 'A daily schedule needs a time, e.g. "daily 09:00".';
    return { cron: `${Number(time[2])} ${Number(time[1])} * * *`, label: `daily ${rest[0]}` };
  }
  if (kind === 'weekly') {
    const day = DAYS[(rest[0] ?? '').slice(0, 3)];
    const time = TIME.exec(rest[1] ?? '');
    if (day === undefined || !time || rest.length !== 2)
      return 'A weekly schedule needs a day and a time, e.g. "weekly mon 09:00".';
    return {
      cron: `${Number(time[2])} ${Number(time[1])} * * ${day}`,
      label: `weekly ${rest[0]} ${rest[1]}`,
    };
  }
  return undefined;
}

/** Runs compared for the shortest gap: 200 runs at least an hour apart span more than a week. */
const GAP_RUNS = 200;

/**
 * The shortest time between two of the next runs after `from`. A schedule can post an hour apart at one moment
 * and a minute apart later ("0-46 4 * * *" seen at 04:45), so every gap over a week of runs is compared.
 */
function shortestGapMs(s: Pick<Schedule, 'cron' | 'timeZone'>, from: Date): number {
  const runs = calculator(s).nextRuns(GAP_RUNS, from);
  let shortest = Number.POSITIVE_INFINITY;
  for (let i = 1; i < runs.length; i++)
    shortest = Math.min(shortest, (runs[i]?.getTime() ?? 0) - (runs[i - 1]?.getTime() ?? 0));
  return shortest;
}

/**
 * Parses a schedule the way users type it. `minIntervalMs` refuses schedules that would ever post more often
 * (user subscriptions); configuration may go finer.
 */
export function parseSchedule(
  text: string,
  defaultZone: string,
  minIntervalMs = 0,
  now = new Date(),
): ScheduleResult {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return { ok: false, problem: `Which schedule? ${SCHEDULE_HELP}` };
  const last = tokens[tokens.length - 1] ?? '';
  const timeZone = looksLikeZone(last) ? (tokens.pop() ?? defaultZone) : defaultZone;
  const words = fromWords(tokens.map((t, i) => (i < 2 ? t.toLowerCase() : t)));
  if (typeof words === 'string') return { ok: false, problem: words };
  const cron = words?.cron ?? tokens.join(' ');
  const label = words?.label ?? cron;
  if (!words && tokens.length !== 5 && tokens.length !== 6)
    return { ok: false, problem: `I can't read "${text.trim()}" as a schedule. ${SCHEDULE_HELP}` };
  const problem = cronProblem(cron, timeZone);
  if (problem) return { ok: false, problem };
  if (minIntervalMs > 0 && shortestGapMs({ cron, timeZone }, now) < minIntervalMs)
    return {
      ok: false,
      problem: `"${label}" would post more than once every ${Math.round(minIntervalMs / 60_000)} minutes.`,
    };
  return { ok: true, schedule: { cron, timeZone, label } };
}

/** The first slot strictly after `after`. */
export function nextSlot(s: Pick<Schedule, 'cron' | 'timeZone'>, after: Date): Date | undefined {
  return calculator(s).nextRun(after) ?? undefined;
}

/** The latest slot at or before `now`. */
export function latestSlot(s: Pick<Schedule, 'cron' | 'timeZone'>, now: Date): Date | undefined {
  return calculator(s).previousRuns(1, new Date(now.getTime() + 1))[0];
}
