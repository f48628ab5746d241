import 'dotenv/config';
import type { Logger } from '../../src/types.js';
import { ConfigError, loadConfig } from '../config.js';
import { registerCommands } from './register-commands.js';

const line = (level: string) => (msg: string, ctx?: Record<string, unknown>) =>
  console.log(JSON.stringify({ level, msg, ...ctx }));
const log: Logger = { info: line('info'), warn: line('warn'), error: line('error') };

try {
  const config = loadConfig(process.env);
  if (!config.discord)
    throw new ConfigError('Discord is not configured. Set DISCORD_TOKEN and DISCORD_APP_ID.');
  await registerCommands(config.discord, log);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exitCode = 1;
}
