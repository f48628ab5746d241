import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FORBIDDEN = [
  { pattern: /from\s+['"](\.\.\/)+adapters\//, what: 'adapters/' },
  { pattern: /from\s+['"]@slack\//, what: '@slack/*' },
  { pattern: /from\s+['"]discord\.js['"]/, what: 'discord.js' },
  { pattern: /from\s+['"]dotenv/, what: 'dotenv' },
  { pattern: /import\s+['"]dotenv/, what: 'dotenv' },
  { pattern: /process\.env/, what: 'process.env' },
  { pattern: /from\s+['"]better-sqlite3['"]/, what: 'better-sqlite3' },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('architecture', () => {
  it('the core (src/) never reaches adapters, platform SDKs, dotenv, SQLite or process.env', () => {
    const files = sourceFiles('src');
    expect(files.length).toBeGreaterThan(5);
    const violations = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return FORBIDDEN.filter((f) => f.pattern.test(text)).map((f) => `${file} imports ${f.what}`);
    });
    expect(violations).toEqual([]);
  });
});
