import { readFileSync } from 'node:fs';
import { parseDocument, type YAMLError } from 'yaml';

/** A YAML file's data, or one readable line per problem; `text` is kept when the file could be read. */
export type YamlRead = { ok: true; raw: unknown } | { ok: false; messages: string[]; text?: string };

export function readYaml(path: string): YamlRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return { ok: false, messages: [firstLine(err)] };
  }
  try {
    const doc = parseDocument(text);
    if (doc.errors.length > 0) return { ok: false, messages: yamlMessages(doc.errors), text };
    return { ok: true, raw: doc.toJS() };
  } catch (err) {
    // toJS throws on alias loops and alias bombs.
    return { ok: false, messages: [firstLine(err)], text };
  }
}

/** One message per line: the parser's further errors on the same line are knock-ons of the first. */
export function yamlMessages(errors: readonly YAMLError[]): string[] {
  const lines = new Set<number>();
  const messages: string[] = [];
  for (const e of errors) {
    const line = e.linePos?.[0].line;
    if (line !== undefined && lines.has(line)) continue;
    if (line !== undefined) lines.add(line);
    messages.push(yamlMessage(e));
  }
  return messages;
}

/** "Bad thing at line 6, column 1:\n\n<excerpt>" becomes "YAML syntax error at line 6, column 1: Bad thing" */
export function yamlMessage(e: YAMLError): string {
  const what = firstLine(e)
    .replace(/\s+at line \d+, column \d+\s*:?\s*$/, '')
    .replace(/[\s:]+$/, '');
  const at = e.linePos?.[0];
  return at
    ? `YAML syntax error at line ${at.line}, column ${at.col}: ${what}`
    : `YAML syntax error: ${what}`;
}

/** Ids written in a file that would not parse, found by their `id:` lines (figure ids included). */
export function idsInText(text: string): string[] {
  return [...text.matchAll(/^[ \t-]*id:[ \t]*["']?([\w-]+)/gm)].map((m) => m[1] ?? '');
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0] ?? message;
}
