/** Imported first by the composition root, as `dotenv/config` was, so .env is loaded before any other module runs. */
import { loadEnvFile } from './env-file.js';

/** The text of the .env file that was loaded, if there was one. */
export const envFileText = loadEnvFile(process.env);
