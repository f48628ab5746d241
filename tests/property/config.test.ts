/** Table-driven: every bad value of every variable fails loadConfig with a message naming the variable. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../adapters/config.js';

type Env = Record<string, string | undefined>;
const STACK_FRAME = /^\s+at .*:\d+:\d+\)?$/m;

/** A complete, valid environment for both platforms in HTTP mode; each case changes one variable. */
const VALID: Env = {
  LOG_LEVEL: 'info',
  KNOWLEDGE_DIR: 'knowledge',
  DATA_DIR: 'data',
  PORT: '3000',
  HOST: '127.0.0.1',
  SLACK_BOT_TOKEN: 'xoxb-123-456-abc',
  SLACK_SIGNING_SECRET: 'abcdef0123456789',
  SLACK_MODE: 'http',
  SLACK_API_URL: 'https://slack.com/api/',
  SLACK_COMMAND: '/sitrep',
  DISCORD_TOKEN: 'discord-token-0123456789',
  DISCORD_APP_ID: '123456789012345678',
  DISCORD_GUILD_ID: '223456789012345678',
  DISCORD_API_URL: 'https://discord.com/api',
  DISCORD_SHARDS: '4',
};

/** Bad values per variable (each must be refused with the variable named). */
const BAD: Record<string, string[]> = {
  LOG_LEVEL: ['verbose', 'INFO', 'trace', '1', 'info,warn'],
  PORT: ['0', '-1', '65536', '99999', '80.5', 'abc', '3000abc', 'NaN', 'Infinity'],
  SLACK_BOT_TOKEN: ['xoxp-user-token', 'xapp-1-abc', 'nope', 'XOXB-123', ' xoxb'],
  SLACK_SIGNING_SECRET: ['short', '1234567'],
  SLACK_APP_TOKEN: ['xoxb-123', 'app-token', 'XAPP-1'],
  SLACK_MODE: ['socketmode', 'HTTP', 'events', 'ws'],
  SLACK_API_URL: [
    'slack.com/api',
    'ftp://slack.com/api',
    'not a url',
    'javascript:alert(1)',
    'file:///etc/passwd',
  ],
  SLACK_COMMAND: ['sitrep', '/Sitrep', '/', '/sit rep', `/${'a'.repeat(32)}`, '//sitrep'],
  DISCORD_TOKEN: ['short', '123456789'],
  DISCORD_APP_ID: ['abc', '1234', '12345678901234567890123456', '1234-5678', '0x1234567'],
  DISCORD_GUILD_ID: ['guild', '1234', '1e10000', '12345678901234567890123456'],
  DISCORD_API_URL: ['discord.com/api', 'ws://discord.com', 'wss://gateway.discord.gg', 'nonsense'],
  DISCORD_SHARDS: ['0', '-1', 'AUTO', 'two', '1.5', '2,3', '0x4', '1e2', '10001'],
  // Checked against DISCORD_SHARDS=4: each must be a number, below 4, listed once.
  DISCORD_SHARD_IDS: ['a', '-1', '0,x', '1.0', '4', '0,9', '1,1', '3, 2,3'],
  // Digest variables (added with the digests work; re-read adapters/config.ts when more land).
  SLACK_ADMIN_USERS: ['alice', 'U0ALICE,bob', 'C0123ABCD', 'u0alice'],
  DIGEST_CRON: ['every monday', '* * *', '61 * * * *', '0 9 * * 8', 'nonsense cron here x'],
  DIGEST_TZ: ['Mars/Olympus', 'CET+1', 'Europe/Nowhere', 'GMT+25'],
  DIGEST_GRACE_MINUTES: ['-1', '10081', '1.5', 'soon'],
  DIGEST_SLACK_CHANNELS: ['general', 'C0GENERAL,#random', 'U0ALICE'],
  DIGEST_DISCORD_CHANNELS: ['general', '1234', '123456789012345678,abc'],
};

/** Good values per variable that must be accepted (and what they become). */
const GOOD: [string, string, (c: ReturnType<typeof loadConfig>) => unknown, unknown][] = [
  ['LOG_LEVEL', 'silent', (c) => c.logLevel, 'silent'],
  ['PORT', '1', (c) => c.slack?.port, 1],
  ['PORT', '65535', (c) => c.slack?.port, 65535],
  ['SLACK_COMMAND', '/sitrep_2-dev', (c) => c.slack?.command, '/sitrep_2-dev'],
  ['SLACK_API_URL', 'http://127.0.0.1:1234/api/', (c) => c.slack?.apiUrl, 'http://127.0.0.1:1234/api/'],
  ['DISCORD_API_URL', 'http://127.0.0.1:9/api', (c) => c.discord?.apiUrl, 'http://127.0.0.1:9/api'],
  ['KNOWLEDGE_DIR', '/srv/kb', (c) => c.knowledgeDir, '/srv/kb'],
  ['LOG_LEVEL', '   ', (c) => c.logLevel, 'info'],
  ['PORT', '', (c) => c.slack?.port, 3000],
  ['DIGEST_TZ', 'Europe/Berlin', (c) => c.slack !== undefined, true],
  ['DISCORD_SHARDS', '', (c) => c.discord?.shards, undefined],
  ['DISCORD_SHARDS', 'auto', (c) => c.discord?.shards, 'auto'],
  ['DISCORD_SHARDS', '1', (c) => c.discord?.shards, { count: 1, ids: [0] }],
  ['DISCORD_SHARD_IDS', ' 3, 1 ', (c) => c.discord?.shards, { count: 4, ids: [3, 1] }],
  ['DISCORD_SHARD_IDS', '0,1,2,3', (c) => c.discord?.shards, { count: 4, ids: [0, 1, 2, 3] }],
];

function failure(env: Env): string {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    const message = (e as Error).message;
    expect(message).toMatch(/^Invalid configuration/);
    expect(message).not.toMatch(STACK_FRAME);
    return message;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('accepts the valid environment (so each case below fails for its one change)', () => {
    const config = loadConfig(VALID);
    expect(config.slack?.mode).toBe('http');
    expect(config.discord?.guildId).toBe(VALID.DISCORD_GUILD_ID);
    expect(config.discord?.shards).toEqual({ count: 4, ids: [0, 1, 2, 3] });
  });

  const cases = Object.entries(BAD).flatMap(([name, values]) => values.map((v) => [name, v] as const));
  it.each(cases)('refuses %s=%j, naming it', (name, value) => {
    expect(failure({ ...VALID, [name]: value })).toContain(name);
  });

  it.each(Object.keys(BAD))('refuses a bad %s even when its platform is not configured', (name) => {
    const value = BAD[name]?.[0] ?? '';
    expect(failure({ [name]: value })).toContain(name);
  });

  it('reports every bad variable at once', () => {
    const message = failure({ ...VALID, PORT: 'abc', SLACK_BOT_TOKEN: 'nope', DISCORD_APP_ID: 'x' });
    for (const name of ['PORT', 'SLACK_BOT_TOKEN', 'DISCORD_APP_ID']) expect(message).toContain(name);
  });

  it.each(GOOD)('accepts %s=%j', (name, value, read, expected) => {
    expect(read(loadConfig({ ...VALID, [name]: value }))).toEqual(expected);
  });

  const missing: [string, Env, string[]][] = [
    ['Slack without a signing secret', { SLACK_BOT_TOKEN: 'xoxb-1' }, ['SLACK_SIGNING_SECRET']],
    ['Slack without a bot token', { SLACK_SIGNING_SECRET: 'abcdef0123456789' }, ['SLACK_BOT_TOKEN']],
    [
      'Socket Mode without an app token',
      { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abcdefgh', SLACK_MODE: 'socket' },
      ['SLACK_APP_TOKEN'],
    ],
    ['only an app token', { SLACK_APP_TOKEN: 'xapp-1' }, ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET']],
    ['Discord without an app id', { DISCORD_TOKEN: 'discord-token-0123456789' }, ['DISCORD_APP_ID']],
    ['Discord without a token', { DISCORD_APP_ID: '123456789012345678' }, ['DISCORD_TOKEN']],
    ['only a guild id', { DISCORD_GUILD_ID: '123456789012345678' }, ['DISCORD_TOKEN', 'DISCORD_APP_ID']],
    [
      'blank token with a set app id',
      { DISCORD_TOKEN: '  ', DISCORD_APP_ID: '123456789012345678' },
      ['DISCORD_TOKEN'],
    ],
  ];
  it.each(missing)('refuses %s, naming what is missing', (_what, env, names) => {
    const message = failure(env);
    for (const n of names) expect(message).toContain(n);
  });

  it('treats empty and blank values as unset, so a blank .env starts the console', () => {
    const blank = Object.fromEntries(Object.keys(VALID).map((k) => [k, ' ']));
    const config = loadConfig(blank);
    expect(config.slack).toBeUndefined();
    expect(config.discord).toBeUndefined();
  });

  // KNOWN GAP (reported): PORT goes through Number(), so hex, exponent and padded forms are accepted as ports.
  it.each(['0x50', '1e3', ' 80 ', '8080.0'])('refuses PORT=%j', (value) => {
    expect(failure({ ...VALID, PORT: value })).toContain('PORT');
  });
});
