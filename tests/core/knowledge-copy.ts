import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkKnowledge } from '../../src/knowledge/load.js';

/** A temp copy of the real knowledge/ with each file's text edited; throws when an edit changes nothing. */
export function editedBase(edits: Record<string, (text: string) => string>): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'sitrep-kb-copy-')), 'knowledge');
  cpSync('knowledge', dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    const before = readFileSync(path, 'utf8');
    const after = edit(before);
    if (after === before) throw new Error(`edit of ${file} changed nothing`);
    writeFileSync(path, after);
  }
  return dir;
}

/** Replaces the one occurrence of `from` (an edit that matches twice or never is a broken test). */
export const once = (from: string, to: string) => (text: string) => {
  if (text.split(from).length !== 2) throw new Error(`"${from}" does not occur exactly once`);
  return text.replace(from, to);
};

/** The errors of a check as "file fact field: message", the file without its temp folder. */
export function errorsOf(dir: string): string[] {
  return checkKnowledge(dir, { today: '2026-12-01' })
    .problems.filter((p) => p.severity === 'error')
    .map((p) => `${p.file.replace(/^.*knowledge\//, '')} ${p.factId} ${p.field}: ${p.message}`);
}
