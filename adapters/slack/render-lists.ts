/** Figures table, source list and help as Block Kit bodies. Pure. */
import type { FigureRow, Reply, SourceRow } from '../../src/types.js';
import { type Block, lineSections, section } from './blocks.js';
import { type AskIds, askButtons } from './render-answer.js';
import { escapeSlack, linkUrl, safeText, truncate } from './text.js';

const COLUMN_MAX = [44, 22, 16, 26] as const;

/** Pads on the raw text and escapes afterwards, so `&amp;` still lines up as one character. */
function tableLines(rows: string[][]): string[] {
  const widths = COLUMN_MAX.map((max, i) => Math.min(max, Math.max(...rows.map((r) => (r[i] ?? '').length))));
  return rows.map((r) =>
    escapeSlack(
      r
        .map((cell, i) => truncate(cell, COLUMN_MAX[i] ?? 24).padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    ),
  );
}

export function renderFigures(rows: FigureRow[]): Block[] {
  if (rows.length === 0) return [section('No figures yet.')];
  const table = tableLines([
    ['Figure', 'Value', 'Period', 'Source'],
    ...rows.map((r) => [r.label, r.text, r.period ?? '', r.outlet]),
  ]);
  return [
    section(`*Figures* (${rows.length}). Ask \`figure &lt;name&gt;\` for one with its source.`),
    ...lineSections(table, (body) => `\`\`\`${body}\`\`\``),
  ];
}

export function renderSources(sources: SourceRow[]): Block[] {
  if (sources.length === 0) return [section('No sources yet.')];
  const lines = sources.map((s) => {
    const title = s.url ? `<${linkUrl(s.url)}|${safeText(s.title, 200)}>` : safeText(s.title, 200);
    const facts = `${s.factCount} fact${s.factCount === 1 ? '' : 's'}`;
    return `• ${title} — ${escapeSlack(s.outlet)}, ${escapeSlack(s.published)} · ${facts}`;
  });
  return [section(`*Sources* (${sources.length})`), ...lineSections(lines)];
}

export function renderHelp(help: Extract<Reply, { kind: 'help' }>, command: string, ids: AskIds): Block[] {
  const usage = help.usage.map((u) => {
    const cmd = u.command.startsWith('/') ? u.command : `${command} ${u.command}`.trim();
    return `\`${escapeSlack(cmd)}\` — ${escapeSlack(u.description)}`;
  });
  const blocks: Block[] = [section('*How to use Sitrep*'), ...lineSections(usage)];
  blocks.push(section('You can also mention me in a channel or send me a direct message.'));
  if (help.topics.length > 0) {
    const topics = help.topics.map((t) => `• *${escapeSlack(t.label)}*: ${escapeSlack(t.description)}`);
    blocks.push(...lineSections(['*Topics*', ...topics]));
  }
  if (help.examples.length > 0) {
    blocks.push(section('*Try asking*'));
    blocks.push(
      ...askButtons(
        'sitrep_examples',
        help.examples.map((e) => ({ label: e, ask: e })),
        ids,
      ),
    );
  }
  return blocks;
}
