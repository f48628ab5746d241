/** The configuration report: every problem at once, names where ids belong, values .env lost to a `#`. */
import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../adapters/config.js';
import { commentCuts } from '../../adapters/env-file.js';

const report = (env: Record<string, string>, envFile?: string): string => {
  try {
    loadConfig(env, { envFile });
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

/** The ✖ lines of a report, each with the variable it names. */
const problems = (message: string) =>
  [...message.matchAll(/^✖ (.*)\n {2}→ at (\w+)$/gm)].map(([, what = '', name]) => ({ name, what }));

describe('configuration report', () => {
  it('lists a bad value, a missing required variable and a name-for-id together, in variable order', () => {
    const found = problems(
      report({
        DIGEST_TZ: 'Mars/Olympus',
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_MODE: 'http',
        DIGEST_CRON: '0 9 * * *',
        DIGEST_SLACK_CHANNELS: 'general',
      }),
    );
    expect(found).toEqual([
      { name: 'SLACK_SIGNING_SECRET', what: 'SLACK_SIGNING_SECRET is required when Slack is configured.' },
      { name: 'DIGEST_TZ', what: 'must be an IANA time zone such as Europe/Berlin' },
      {
        name: 'DIGEST_SLACK_CHANNELS',
        what: "`general` is a channel name; use the channel id (C0123ABCD), found in the channel's details",
      },
    ]);
  });

  it('does not call a variable missing when it is set but invalid', () => {
    const found = problems(
      report({ SLACK_BOT_TOKEN: 'nope', SLACK_SIGNING_SECRET: 'long-enough', SLACK_MODE: 'http' }),
    );
    expect(found).toEqual([{ name: 'SLACK_BOT_TOKEN', what: 'must start with xoxb-' }]);
  });

  it('tells a name from a mistyped id in every id list', () => {
    const found = problems(
      report({
        SLACK_ADMIN_USERS: '@alice,U0OK',
        DIGEST_CRON: '0 9 * * *',
        DIGEST_DISCORD_CHANNELS: '#general,123',
      }),
    );
    expect(found.map((p) => [p.name, p.what.split(';')[0]])).toEqual([
      ['SLACK_ADMIN_USERS', '`@alice` is a user name'],
      ['DIGEST_DISCORD_CHANNELS', '`#general` is a channel name'],
      ['DIGEST_DISCORD_CHANNELS', '`123` must be a Discord channel id (5 to 25 digits)'],
    ]);
  });

  it('checks DISCORD_SHARD_IDS against DISCORD_SHARDS: a number of shards, ids below it, each once', () => {
    expect(problems(report({ DISCORD_SHARD_IDS: '0,1' }))).toEqual([
      { name: 'DISCORD_SHARDS', what: 'DISCORD_SHARDS is required when DISCORD_SHARD_IDS is set.' },
    ]);
    expect(problems(report({ DISCORD_SHARDS: 'auto', DISCORD_SHARD_IDS: '0' }))).toEqual([
      {
        name: 'DISCORD_SHARD_IDS',
        what: 'DISCORD_SHARD_IDS needs DISCORD_SHARDS to be the total number of shards, not auto.',
      },
    ]);
    expect(problems(report({ DISCORD_SHARDS: '4', DISCORD_SHARD_IDS: '1,4,1,9' }))).toEqual([
      { name: 'DISCORD_SHARD_IDS', what: '`1` is listed twice' },
      { name: 'DISCORD_SHARD_IDS', what: '`4` is not a shard of DISCORD_SHARDS=4; shards go from 0 to 3' },
      { name: 'DISCORD_SHARD_IDS', what: '`9` is not a shard of DISCORD_SHARDS=4; shards go from 0 to 3' },
    ]);
    // A bad count is reported as such, not as missing, and hides no bad id.
    expect(problems(report({ DISCORD_SHARDS: 'many', DISCORD_SHARD_IDS: '0,one' }))).toEqual([
      { name: 'DISCORD_SHARDS', what: 'must be auto or a whole number of shards from 1 to 10000' },
      { name: 'DISCORD_SHARD_IDS', what: '`one` must be a shard number such as 0 or 3' },
    ]);
    // dotenv reads `0, #1` as `0,`: a list, so a # after a comma is a cut, not a comment.
    const cut = report(
      { DISCORD_SHARDS: '4', DISCORD_SHARD_IDS: '0,' },
      'DISCORD_SHARDS=4\nDISCORD_SHARD_IDS=0, #1\n',
    );
    expect(problems(cut).map((p) => p.name)).toEqual(['DISCORD_SHARD_IDS']);
    // Sharding alone does not configure Discord.
    expect(loadConfig({ DISCORD_SHARDS: '4', DISCORD_SHARD_IDS: '2' }).discord).toBeUndefined();
  });

  it('points at a .env value cut by # and never repeats a secret', () => {
    const envFile =
      'DIGEST_CRON=0 9 * * *\nDIGEST_SLACK_CHANNELS=#general\nSLACK_SIGNING_SECRET=abcd#efghijk\n';
    // As dotenv loaded it: the channel list empty, the secret cut to `abcd`.
    const message = report(
      { DIGEST_CRON: '0 9 * * *', DIGEST_SLACK_CHANNELS: '', SLACK_SIGNING_SECRET: 'abcd' },
      envFile,
    );
    expect(message).toContain(
      "✖ `#general` is a channel name and dotenv reads # as a comment; use the channel id (C0123ABCD), found in the channel's details\n  → at DIGEST_SLACK_CHANNELS",
    );
    expect(
      problems(message)
        .filter((p) => p.name === 'SLACK_SIGNING_SECRET')
        .map((p) => p.what),
    ).toEqual([
      'must be the app signing secret',
      expect.stringContaining('dotenv reads # and everything after it as a comment'),
    ]);
    expect(message).not.toContain('efghijk');
  });
});

describe('commentCuts', () => {
  const names = ['PORT', 'LOG_LEVEL', 'SLACK_SIGNING_SECRET', 'DIGEST_SLACK_CHANNELS'];
  const isList = (n: string) => n === 'DIGEST_SLACK_CHANNELS';
  // By default the environment is what dotenv loaded from `text`.
  const cuts = (text: string, env: Record<string, string> = parse(text)) =>
    commentCuts(text, env, names, isList).map((c) => `${c.name}:${c.word}`);

  it('finds a # right after = or stuck to the value, and #word in a list', () => {
    expect(cuts('DIGEST_SLACK_CHANNELS=#general')).toEqual(['DIGEST_SLACK_CHANNELS:general']);
    expect(cuts('DIGEST_SLACK_CHANNELS=C0AAA, #ops')).toEqual(['DIGEST_SLACK_CHANNELS:ops']);
    expect(cuts('export SLACK_SIGNING_SECRET=abc#def')).toEqual(['SLACK_SIGNING_SECRET:def']);
    expect(cuts('LOG_LEVEL= #info')).toEqual(['LOG_LEVEL:info']);
  });

  it('leaves ordinary comments, quoted values and other variables alone', () => {
    expect(cuts('PORT=3000 # the default\nLOG_LEVEL= # unset\nLOG_LEVEL=#')).toEqual([]);
    expect(cuts('SLACK_SIGNING_SECRET="abc#def"\nDIGEST_SLACK_CHANNELS=\'#general\'\nOTHER=#x')).toEqual([]);
  });

  it('ignores a line that a real variable or a later line overrides', () => {
    expect(cuts('DIGEST_SLACK_CHANNELS=#general', { DIGEST_SLACK_CHANNELS: 'C0REAL' })).toEqual([]);
    expect(cuts('DIGEST_SLACK_CHANNELS=#general\nDIGEST_SLACK_CHANNELS=C0AAA')).toEqual([]);
  });
});
