import { REST, Routes } from 'discord.js';
import type { Logger } from '../../src/types.js';
import type { DiscordConfig } from '../config.js';
import { commandDefinitions } from './commands.js';

/**
 * Replaces all of the app's commands with ours in one bulk overwrite: in the configured guild when
 * DISCORD_GUILD_ID is set (instant, for development), otherwise globally. Never both, so no duplicates.
 */
export async function registerCommands(
  config: DiscordConfig,
  log: Logger,
): Promise<{ scope: string; count: number }> {
  const rest = new REST({ api: config.apiUrl }).setToken(config.token);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.appId, config.guildId)
    : Routes.applicationCommands(config.appId);
  const scope = config.guildId ? `guild ${config.guildId}` : 'global';
  const saved = await rest.put(route, { body: commandDefinitions });
  const count = Array.isArray(saved) ? saved.length : 0;
  log.info('discord: commands registered', { scope, count, names: commandDefinitions.map((c) => c.name) });
  return { scope, count };
}
