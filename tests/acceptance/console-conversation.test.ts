/** Follow-ups and briefings in the console: questions piped into `npm start` with no platform variables. */
import { afterEach, describe, expect, it } from 'vitest';
import { killAll, startApp } from './app-process.js';

afterEach(killAll);

const LINES = [
  "how much of Russia's machine-tool imports came from China?",
  'who said that?',
  'what are they used for?',
  "what share of Russia's microelectronics came from China?",
  'source?',
  'when did Scholz meet Xi?',
  'where did they meet?',
  'tl;dr',
  'briefing metals',
];

describe('console conversation', () => {
  it('answers follow-ups against the last answer, and briefs on request', async () => {
    const app = startApp({}, { stdin: 'pipe' });
    app.child.stdin?.end(`${LINES.join('\n')}\nquit\n`);
    expect((await app.waitForExit(60_000)).code).toBe(0);
    // Each answer ends with an empty line; the banner comes first.
    const replies = app.stdout().split('Sitrep local console')[1]?.split('\n\n') ?? [];
    const first = (i: number) => (replies[i] ?? '').trim().split('\n')[0] ?? '';
    expect(first(1)).toMatch(/senior US officials/);
    expect(replies[2]).toContain('ballistic missiles');
    expect(first(4)).toMatch(/^Sources for that: .*AFP/);
    expect(first(6)).toContain('Beijing');
    expect(replies[7]).toContain("China's share of Russia's microelectronics imports");
    expect(replies[8]).toMatch(/aluminium/);
    expect(replies[8]).not.toContain('machine-tool');
    expect(app.stdout()).not.toMatch(/could mean several things|I can't answer/);
  }, 90_000);
});
