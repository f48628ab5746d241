/** The `.env` file: loading it as `dotenv/config` did, and spotting values that dotenv cut short at a `#`. */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { config, parse } from 'dotenv';

type Env = Record<string, string | undefined>;

/** A variable whose value in the .env file lost everything from a `#` on. */
export interface CommentCut {
  name: string;
  /** What follows the `#` up to the next space or comma, e.g. `general` for `#general`. */
  word: string;
}

/** The file dotenv reads: DOTENV_PATH or DOTENV_CONFIG_PATH (as `dotenv/config` honours them), else ./.env. */
export function envFilePath(env: Env): string {
  const path = env.DOTENV_PATH ?? env.DOTENV_CONFIG_PATH ?? '.env';
  return resolve(path.replace(/^~(?=$|\/)/, homedir()));
}

/** Loads the .env file into `env` (variables already set win); returns its text, or undefined without one. */
export function loadEnvFile(env: Env): string | undefined {
  const path = envFilePath(env);
  if (!existsSync(path)) return undefined;
  config({ path, processEnv: env, quiet: true });
  return readFileSync(path, 'utf8');
}

const LINE = /^\s*(?:export\s+)?([\w.-]+)\s*=(.*)$/;

/**
 * Whether dotenv's "# starts a comment" took part of the value: a `#` stuck to the text before it (`abc#def`), or
 * one followed directly by a word where nothing but spaces precedes it (`=#general`) or, in a list, at all.
 * `PORT=3000 # the default` and `KEY= # note` are ordinary comments.
 */
function cutWord(raw: string, isList: boolean): string | undefined {
  const value = raw.trimStart();
  if (/^['"`]/.test(value)) return undefined;
  const at = value.indexOf('#');
  if (at < 0) return undefined;
  const before = value.slice(0, at);
  const word = /^[^\s,#]*/.exec(value.slice(at + 1))?.[0] ?? '';
  const stuck = /\S$/.test(before);
  const leading = before.trim() === '';
  return stuck || (word !== '' && (leading || isList)) ? word : undefined;
}

/**
 * The variables in `names` whose .env line was cut at a `#`, where the value in effect is still the file's (a real
 * environment variable with another value shadows the line, so it does not matter).
 */
export function commentCuts(
  text: string,
  env: Env,
  names: readonly string[],
  isList: (name: string) => boolean,
): CommentCut[] {
  const parsed = parse(text);
  const cuts = new Map<string, CommentCut>();
  for (const line of text.split(/\r?\n/)) {
    const [, name, raw] = LINE.exec(line) ?? [];
    if (name === undefined || raw === undefined || !names.includes(name)) continue;
    if ((env[name] ?? '') !== (parsed[name] ?? '')) continue;
    // The last line of a name is the one dotenv keeps.
    const word = cutWord(raw, isList(name));
    if (word === undefined) cuts.delete(name);
    else cuts.set(name, { name, word });
  }
  return [...cuts.values()];
}
