import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const manifest = parse(readFileSync(new URL('../../../slack/manifest.yml', import.meta.url), 'utf8'));

describe('slack/manifest.yml', () => {
  it('asks for the scopes the adapter uses', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'commands',
        'app_mentions:read',
        'chat:write',
        'im:history',
        'im:read',
        'im:write',
      ]),
    );
  });

  it('declares /sitrep, the app_mention and message.im events, interactivity and Socket Mode', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/sitrep']);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_mention', 'message.im']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });

  it("names every command of the shared grammar in /sitrep's usage hint", () => {
    const hint: string = manifest.features.slash_commands[0].usage_hint;
    for (const word of ['figure', 'figures', 'sources', 'digest', 'report', 'help'])
      expect(hint).toContain(word);
  });
});
