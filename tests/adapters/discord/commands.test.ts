import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ApplicationCommandOptionType as Opt } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commandDefinitions,
  figureChoices,
  findSubcommand,
  type OptionReader,
} from '../../../adapters/discord/commands.js';
import { registerCommands } from '../../../adapters/discord/register-commands.js';
import { loadKnowledge } from '../../../src/knowledge/load.js';
import { type FakeDiscord, startFakeDiscord, TOKEN } from '../../fakes/discord/fake-discord.js';
import { createRecordingLog } from '../../fakes/recording-log.js';
import { testSitrep } from '../../support/engine.js';

const [sitrepCommand] = commandDefinitions;
const sub = (name: string) => sitrepCommand?.options?.find((o) => o.name === name);
const optionsOf = (name: string) => {
  const s = sub(name);
  return s && 'options' in s ? (s.options ?? []) : [];
};

describe('the /sitrep command definition', () => {
  it('is one command with the eight subcommands', () => {
    expect(commandDefinitions).toHaveLength(1);
    expect(sitrepCommand?.name).toBe('sitrep');
    expect(sitrepCommand?.options?.map((o) => [o.name, o.type])).toEqual(
      ['ask', 'figure', 'figures', 'sources', 'digest', 'briefing', 'report', 'help'].map((n) => [
        n,
        Opt.Subcommand,
      ]),
    );
  });

  it('requires a question for ask and offers autocomplete for figure names', () => {
    expect(optionsOf('ask')[0]).toMatchObject({ name: 'question', type: Opt.String, required: true });
    expect(optionsOf('figure')[0]).toMatchObject({
      name: 'name',
      type: Opt.String,
      required: true,
      autocomplete: true,
    });
  });

  it('gives every subcommand an optional boolean "public", last', () => {
    for (const o of sitrepCommand?.options ?? []) {
      expect(optionsOf(o.name).at(-1)).toMatchObject({ name: 'public', type: Opt.Boolean });
      expect(optionsOf(o.name).at(-1)?.required).toBeFalsy();
    }
  });

  it('maps subcommands to core commands', () => {
    const values: Record<string, string> = { question: 'why?', name: 'machine tools', action: 'subscribe' };
    const options = { getString: (name: string) => values[name] ?? null } as OptionReader;
    expect(findSubcommand('ask')?.toCommand(options)).toEqual({ name: 'ask', text: 'why?' });
    expect(findSubcommand('figure')?.toCommand(options)).toEqual({ name: 'figure', text: 'machine tools' });
    expect(findSubcommand('figures')?.toCommand(options)).toEqual({ name: 'figures' });
    expect(findSubcommand('digest')?.toCommand(options)).toEqual({
      name: 'digest',
      action: 'subscribe',
      schedule: '',
    });
    values.schedule = 'weekly mon 09:00 UTC';
    expect(findSubcommand('digest')?.toCommand(options)).toMatchObject({ schedule: 'weekly mon 09:00 UTC' });
  });
});

describe('figure autocomplete choices', () => {
  const knowledgeDir = fileURLToPath(new URL('../../../knowledge', import.meta.url));
  const core = testSitrep({ knowledge: loadKnowledge(knowledgeDir), log: createRecordingLog().log });

  it('stays within 25 choices of at most 100 characters', async () => {
    const sitrep = await core;
    for (const partial of ['', 'm', 'machine', 'x'.repeat(500)]) {
      const choices = figureChoices(sitrep, partial);
      expect(choices.length).toBeLessThanOrEqual(25);
      for (const c of choices) {
        expect(c.name.length).toBeGreaterThan(0);
        expect(c.name.length).toBeLessThanOrEqual(100);
        expect(c.value.length).toBeLessThanOrEqual(100);
      }
    }
    expect(
      figureChoices(sitrep, 'machine')
        .map((c) => c.name.toLowerCase())
        .join(' '),
    ).toContain('machine');
  });
});

describe('npm run discord:register', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord();
  });
  afterAll(() => fake.close());

  const config = () => ({ token: TOKEN, appId: fake.world.appId, apiUrl: fake.apiUrl });
  const commandPuts = () => fake.requests.entries.filter((r) => r.path.endsWith('/commands'));

  it('overwrites the guild commands in one PUT when a guild is set', async () => {
    const before = commandPuts().length;
    const { log, entries } = createRecordingLog();
    await registerCommands({ ...config(), guildId: fake.world.guildId }, log);
    const puts = commandPuts().slice(before);
    expect(puts.map((r) => [r.method, r.path])).toEqual([
      ['PUT', `/applications/${fake.world.appId}/guilds/${fake.world.guildId}/commands`],
    ]);
    expect(puts[0]?.headers.authorization).toBe(`Bot ${TOKEN}`);
    expect(puts[0]?.body).toEqual(JSON.parse(JSON.stringify(commandDefinitions)));
    expect(entries.at(-1)).toMatchObject({ msg: 'discord: commands registered', ctx: { count: 1 } });
  });

  it('overwrites the global commands in one PUT otherwise, never both', async () => {
    const before = commandPuts().length;
    await registerCommands(config(), createRecordingLog().log);
    expect(
      commandPuts()
        .slice(before)
        .map((r) => [r.method, r.path]),
    ).toEqual([['PUT', `/applications/${fake.world.appId}/commands`]]);
  });

  it('runs as a script that reads the environment (npm run discord:register)', async () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const before = commandPuts().length;
    const { stdout } = await promisify(execFile)(
      `${root}node_modules/.bin/tsx`,
      ['adapters/discord/register.ts'],
      {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          DISCORD_TOKEN: TOKEN,
          DISCORD_APP_ID: fake.world.appId,
          DISCORD_GUILD_ID: fake.world.guildId,
          DISCORD_API_URL: fake.apiUrl,
        },
      },
    );
    expect(stdout).toContain('commands registered');
    expect(
      commandPuts()
        .slice(before)
        .map((r) => r.path),
    ).toEqual([`/applications/${fake.world.appId}/guilds/${fake.world.guildId}/commands`]);
  });
});
