/**
 * The docs name only what exists, and name all of it: every `npm run` script and configuration variable mentioned in
 * the README, docs/ and .env.example exists, and every script and variable is documented.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(path, 'utf8');
const readme = read('README.md');
const docs = readdirSync('docs')
  .filter((f) => f.endsWith('.md'))
  .map((f) => read(`docs/${f}`))
  .join('\n');
const envExample = read('.env.example');
const scripts = Object.keys(
  (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts,
);
/** The variables the configuration schema reads: its keys are written `NAME: optional(…)`. */
const configVars = ['adapters/config.ts', 'adapters/config-schema.ts']
  .filter((f) => existsSync(f))
  .flatMap((f) => [...read(f).matchAll(/^\s+([A-Z][A-Z0-9_]+): optional\(/gm)].map((m) => m[1]));
/** Variables of the bot's own families; benchmark knobs (BENCH_*) are the scripts' own, documented in docs/. */
const CONFIG_NAME = /\b(?:LOG_LEVEL|KNOWLEDGE_DIR|DATA_DIR|PORT|HOST|(?:SLACK|DISCORD|DIGEST)_[A-Z_]+)\b/g;

const mentionedScripts = (text: string) =>
  new Set([...text.matchAll(/npm run ([a-z][\w:-]*)/g)].map((m) => m[1] ?? ''));

describe('docs and code agree', () => {
  it('finds the configuration variables', () => {
    expect(configVars.length).toBeGreaterThan(15);
  });

  it('every `npm run` script the docs name exists', () => {
    const named = mentionedScripts(`${readme}\n${docs}\n${envExample}`);
    expect([...named].filter((s) => !scripts.includes(s))).toEqual([]);
  });

  it('every script is documented in the README or docs/', () => {
    const named = mentionedScripts(`${readme}\n${docs}`);
    const builtIn = ['start', 'test'];
    expect(scripts.filter((s) => !builtIn.includes(s) && !named.has(s))).toEqual([]);
  });

  it('every variable the docs name is one the configuration reads', () => {
    const named = new Set([...`${readme}\n${docs}\n${envExample}`.matchAll(CONFIG_NAME)].map((m) => m[0]));
    expect([...named].filter((v) => !configVars.includes(v))).toEqual([]);
  });

  it('every variable the configuration reads is in the README table and in .env.example', () => {
    expect(configVars.filter((v) => !readme.includes(`\`${v}\``) && !readme.includes(`\`${v} /`))).toEqual(
      [],
    );
    expect(configVars.filter((v) => !new RegExp(`^${v}=`, 'm').test(envExample))).toEqual([]);
  });
});
