import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../adapters/config.js';

const problem = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  return undefined;
};

describe('digest configuration', () => {
  it('reads DIGEST_* and SLACK_ADMIN_USERS with their defaults', () => {
    expect(loadConfig({}).digest).toEqual({
      timeZone: 'UTC',
      graceMinutes: 60,
      leaseSeconds: 30,
      slackChannels: [],
      discordChannels: [],
    });
    const c = loadConfig({
      DIGEST_CRON: '*/2 * * * * *',
      DIGEST_TZ: 'Europe/Berlin',
      DIGEST_GRACE_MINUTES: '15',
      DIGEST_LEASE_SECONDS: '5',
      DIGEST_SLACK_CHANNELS: 'C0AAA, C0BBB',
      DIGEST_DISCORD_CHANNELS: '123456789012345678',
      SLACK_ADMIN_USERS: 'U0ADMIN',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'secret-secret',
      SLACK_MODE: 'http',
    });
    expect(c.digest).toEqual({
      cron: '*/2 * * * * *',
      timeZone: 'Europe/Berlin',
      graceMinutes: 15,
      leaseSeconds: 5,
      slackChannels: ['C0AAA', 'C0BBB'],
      discordChannels: ['123456789012345678'],
    });
    expect(c.slack?.adminUsers).toEqual(['U0ADMIN']);
  });

  it('fails at start on a bad cron, zone, channel list or grace, naming the variable', () => {
    expect(problem({ DIGEST_CRON: '61 * * * *' })).toContain('DIGEST_CRON');
    expect(problem({ DIGEST_TZ: 'Mars/Olympus' })).toContain('DIGEST_TZ');
    expect(problem({ DIGEST_SLACK_CHANNELS: 'general' })).toContain('DIGEST_SLACK_CHANNELS');
    expect(problem({ DIGEST_GRACE_MINUTES: '-5' })).toContain('DIGEST_GRACE_MINUTES');
    expect(problem({ DIGEST_DISCORD_CHANNELS: '123456789' })).toContain('DIGEST_CRON is required');
    expect(problem({ SLACK_ADMIN_USERS: 'alice' })).toContain('SLACK_ADMIN_USERS');
  });
});
