import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteInsightsStore } from '../../adapters/store/sqlite-insights-store.js';
import { formatReport, groupSimilar, type InsightsSummary, scrubSecrets } from '../../src/insights.js';
import type { Logger } from '../../src/types.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'sitrep-insights-'));

describe('grouping similar unanswered questions', () => {
  const asked = [
    { text: 'how many troops does russia have', count: 3 },
    { text: 'How many troops does Russia have?', count: 5 },
    { text: 'russian troop numbers', count: 1 },
    { text: 'what is the price of oil', count: 2 },
    { text: 'price of oil today', count: 2 },
    { text: 'how many tropps does russia have', count: 1 },
    { text: 'weather in paris', count: 4 },
  ];

  it('merges rewordings and typos under the most frequent wording, biggest group first, ties by text', () => {
    const groups = groupSimilar(asked);
    expect(groups.map((g) => [g.representative, g.count])).toEqual([
      ['How many troops does Russia have?', 10],
      ['price of oil today', 4],
      ['weather in paris', 4],
    ]);
    expect(groups[0]?.questions.map((q) => q.text)).toEqual([
      'How many troops does Russia have?',
      'how many troops does russia have',
      'how many tropps does russia have',
      'russian troop numbers',
    ]);
  });

  it('gives the same groups whatever the input order', () => {
    expect(groupSimilar([...asked].reverse())).toEqual(groupSimilar(asked));
  });

  it('keeps unrelated questions apart, and groups content-free ones only when identical', () => {
    const groups = groupSimilar([
      { text: 'chips from china', count: 1 },
      { text: 'drones from iran', count: 1 },
      { text: 'what?', count: 2 },
      { text: 'why?', count: 1 },
    ]);
    expect(groups.map((g) => g.count)).toEqual([2, 1, 1, 1]);
  });
});

describe('the curator report', () => {
  const summary: InsightsSummary = {
    since: '2026-11-01T00:00:00.000Z',
    unanswered: [
      { text: 'how many troops does russia have', count: 3 },
      { text: 'russian troop numbers', count: 1 },
      { text: 'price of oil \u001b[31mtoday', count: 2 },
    ],
    votes: [
      { factId: 'machine-tools-china-share-q4-2023', helpful: 1, notHelpful: 4 },
      { factId: 'metals-exchange-ban', helpful: 3, notHelpful: 0 },
    ],
    answered: [
      { factId: 'metals-exchange-ban', count: 37 },
      { factId: 'machine-tools-china-share-q4-2023', count: 12 },
    ],
  };

  it('lists grouped unanswered questions, facts voted not helpful and answers per fact', () => {
    expect(formatReport(summary)).toBe(
      [
        'Sitrep insights (since 2026-11-01)',
        '',
        'Most frequent unanswered questions:',
        '  4× "how many troops does russia have"',
        '      1× "russian troop numbers"',
        '  2× "price of oil [31mtoday"',
        '',
        'Facts with the most "Not helpful" votes:',
        '  machine-tools-china-share-q4-2023: 4 not helpful, 1 helpful',
        '',
        'Answers per fact:',
        '  metals-exchange-ban: 37',
        '  machine-tools-china-share-q4-2023: 12',
      ].join('\n'),
    );
  });

  it('says so when nothing has been recorded', () => {
    const report = formatReport({ unanswered: [], votes: [], answered: [] });
    expect(report).toMatch(/^Sitrep insights \(all time\)/);
    expect(report.match(/\(none\)/g)).toHaveLength(3);
  });
});

describe('secret scrubbing', () => {
  const slack = `xoxb-${'1234567890'}-${'1234567890123'}-AbCdEfGhIjKlMnOpQrStUvWx`;
  const discord = `${'MTIzNDU2Nzg5MDEyMzQ1Njc4'}.GaBcDe.${'abcdefghijklmnopqrstuvwxyz0123456789'}`;

  it('redacts Slack and Discord tokens and bounds the length', () => {
    expect(scrubSecrets(`my token is ${slack} ok`)).toBe('my token is [redacted] ok');
    expect(scrubSecrets(`xapp-1-A0-123-abc and ${discord}!`)).toBe('[redacted] and [redacted]!');
    expect(scrubSecrets('a'.repeat(2000))).toHaveLength(500);
    expect(scrubSecrets(`${'x'.repeat(490)} ${slack}`)).toBe(`${'x'.repeat(490)} [redacted`);
  });

  it('never writes a token to the database files', async () => {
    const dataDir = tempDir();
    const store = openSqliteInsightsStore({ dataDir });
    const at = '2026-11-28T10:00:00.000Z';
    store.recordUnanswered({
      question: `why does ${slack} not work`,
      platform: 'slack',
      channelId: 'C0123',
      reason: 'out-of-scope',
      at,
    });
    store.recordFeedback({
      helpful: false,
      question: `bot token ${discord}`,
      platform: 'discord',
      channelId: discord,
      at,
    });
    // Closing writes what is still queued.
    await store.close();
    const rows = JSON.stringify(readAllRows(join(dataDir, 'insights.db')));
    expect(rows).toContain('why does [redacted] not work');
    const bytes = readdirSync(dataDir)
      .map((f) => readFileSync(join(dataDir, f)).toString('latin1'))
      .join('');
    for (const secret of [slack, discord, 'AbCdEfGhIjKlMnOpQrStUvWx', 'abcdefghijklmnopqrstuvwxyz0123']) {
      expect(rows).not.toContain(secret);
      expect(bytes).not.toContain(secret);
    }
  });
});

describe('sqlite insights store', () => {
  it('uses WAL, migrates once, and logs instead of throwing when it cannot record', async () => {
    const dataDir = tempDir();
    await openSqliteInsightsStore({ dataDir }).close();
    const again = openSqliteInsightsStore({ dataDir });
    again.recordAnswered({ factId: 'a', platform: 'cli', at: '2026-11-28T00:00:00Z' });
    await again.close();
    const db = new Database(join(dataDir, 'insights.db'), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.close();

    const warned: unknown[] = [];
    const log: Logger = { info() {}, warn: (...a) => warned.push(a), error() {} };
    const reader = openSqliteInsightsStore({ dataDir, readonly: true, log });
    expect(() => reader.recordAnswered({ factId: 'b', platform: 'cli', at: '2026-11-28' })).not.toThrow();
    expect(warned).toHaveLength(1);
    expect((await reader.summary()).answered).toEqual([{ factId: 'a', count: 1 }]);
    await reader.close();
  });
});

function readAllRows(path: string): unknown[] {
  const db = new Database(path, { readonly: true });
  try {
    return ['unanswered', 'feedback', 'answered'].flatMap((t) => db.prepare(`SELECT * FROM ${t}`).all());
  } finally {
    db.close();
  }
}
