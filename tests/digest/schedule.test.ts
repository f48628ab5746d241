import { describe, expect, it, vi } from 'vitest';
import { latestSlot, nextSlot, parseSchedule } from '../../src/digest/schedule.js';

const ok = (text: string, tz = 'UTC', min = 0) => {
  const r = parseSchedule(text, tz, min);
  if (!r.ok) throw new Error(r.problem);
  return r.schedule;
};
const problem = (text: string, min = 0) => {
  const r = parseSchedule(text, 'UTC', min);
  return r.ok ? undefined : r.problem;
};

describe('parseSchedule', () => {
  it('reads daily, weekly and cron schedules, with an optional time zone', () => {
    expect(ok('daily 09:00 Europe/Berlin')).toEqual({
      cron: '0 9 * * *',
      timeZone: 'Europe/Berlin',
      label: 'daily 09:00',
    });
    expect(ok('weekly mon 09:30', 'America/New_York')).toEqual({
      cron: '30 9 * * 1',
      timeZone: 'America/New_York',
      label: 'weekly mon 09:30',
    });
    expect(ok('Weekly Friday 17:05 UTC')).toMatchObject({ cron: '5 17 * * 5', timeZone: 'UTC' });
    expect(ok('0 9 * * 1-5 Asia/Tokyo')).toMatchObject({ cron: '0 9 * * 1-5', timeZone: 'Asia/Tokyo' });
    expect(ok('*/2 * * * * *')).toMatchObject({ cron: '*/2 * * * * *' });
  });

  it('names the problem with a bad time, day, zone or cron', () => {
    expect(problem('daily 25:00')).toContain('daily 09:00');
    expect(problem('weekly someday 09:00')).toContain('weekly mon 09:00');
    expect(problem('daily 09:00 Mars/Olympus')).toContain('"Mars/Olympus" is not an IANA time zone');
    expect(problem('61 * * * *')).toContain('not a valid cron expression');
    expect(problem('every tuesday')).toContain("can't read");
    expect(problem('')).toContain('Which schedule?');
  });

  it('refuses schedules finer than the minimum interval', () => {
    expect(problem('*/5 * * * *', 3_600_000)).toContain('more than once every 60 minutes');
    expect(problem('daily 09:00', 3_600_000)).toBeUndefined();
  });

  it('compares every gap over a week of runs, not only the next two', () => {
    const at = (text: string, now: string) => {
      // Both the clock given and the wall clock, so a check that read either one alone is caught.
      vi.useFakeTimers({ toFake: ['Date'], now: new Date(now) });
      try {
        const r = parseSchedule(text, 'UTC', 3_600_000, new Date(now));
        return r.ok ? 'ok' : r.problem;
      } finally {
        vi.useRealTimers();
      }
    };
    // At 04:45 the next two runs are 04:46 and 04:00 tomorrow, almost a day apart.
    expect(at('0-46 4 * * *', '2026-12-02T04:45:00Z')).toContain('more than once every 60 minutes');
    expect(at('0,30 9 * * 1', '2026-12-02T04:45:00Z')).toContain('more than once every 60 minutes');
    expect(at('59,0 4,5 * * *', '2026-12-02T05:30:00Z')).toContain('more than once every 60 minutes');
    expect(at('0 4,5 * * *', '2026-12-02T04:45:00Z')).toBe('ok');
    expect(at('0 9 * * 1-5', '2026-12-02T04:45:00Z')).toBe('ok');
    expect(at('0 */2 * * *', '2026-12-02T04:45:00Z')).toBe('ok');
  });

  it('follows daylight saving: 09:00 Berlin is 08:00Z in winter and 07:00Z in summer', () => {
    const s = ok('daily 09:00 Europe/Berlin');
    expect(nextSlot(s, new Date('2025-03-29T12:00:00Z'))?.toISOString()).toBe('2025-03-30T07:00:00.000Z');
    expect(latestSlot(s, new Date('2025-03-30T06:59:59Z'))?.toISOString()).toBe('2025-03-29T08:00:00.000Z');
    expect(latestSlot(s, new Date('2025-03-30T07:00:00Z'))?.toISOString()).toBe('2025-03-30T07:00:00.000Z');
  });
});
