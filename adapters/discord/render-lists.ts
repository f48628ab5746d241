import type { APIEmbed } from 'discord.js';
import type { FigureRow, Reply, SourceRow } from '../../src/types.js';
import { askButtons, layoutRows, publishButton } from './buttons.js';
import { discordUsage } from './commands.js';
import { fitEmbed, LIMITS, ownText, truncate, userText } from './limits.js';
import { formatDate } from './render-answer.js';
import { COLORS, type RenderContext, type RenderedMessage } from './render-types.js';

type Help = Extract<Reply, { kind: 'help' }>;

const pad = (text: string, width: number) => truncate(text, width).padEnd(width);
// A backtick inside the table would close the code block early.
const noTicks = (text: string) => text.replace(/`/g, 'ˋ');

/** Keeps whole lines while they fit in `max`, reporting how many were left out. */
function fitLines(lines: string[], max: number): { text: string; omitted: number } {
  let text = '';
  let kept = 0;
  for (const line of lines) {
    const next = kept === 0 ? line : `${text}\n${line}`;
    if (next.length > max) break;
    text = next;
    kept++;
  }
  return { text, omitted: lines.length - kept };
}

const publishRow = (ctx: RenderContext) => layoutRows([ctx.publishable ? [publishButton(ctx.codec)] : []]);

/** Width of a column: its longest cell, capped. */
const widthOf = (cells: string[], cap: number) => Math.min(cap, Math.max(0, ...cells.map((c) => c.length)));

export function renderFigures(rows: FigureRow[], ctx: RenderContext): RenderedMessage {
  const w = {
    label: widthOf(
      rows.map((r) => r.label),
      38,
    ),
    text: widthOf(
      rows.map((r) => r.text),
      22,
    ),
    period: widthOf(
      rows.map((r) => r.period ?? ''),
      12,
    ),
  };
  const lines = rows.map((r) =>
    noTicks(
      [
        pad(r.label, w.label),
        pad(r.text, w.text),
        pad(r.period ?? '', w.period),
        truncate(r.outlet, 16),
      ].join('  '),
    ).trimEnd(),
  );
  const { text, omitted } = fitLines(lines, LIMITS.description - 100);
  const table = rows.length > 0 ? `\`\`\`\n${text}\n\`\`\`` : 'No figures loaded yet.';
  const tail = omitted > 0 ? `\n…and ${omitted} more. Look one up with \`/sitrep figure name:\`` : '';
  const embed: APIEmbed = {
    color: COLORS.list,
    title: `Figures (${rows.length})`,
    description: ownText(`${table}${tail}`, LIMITS.description),
  };
  return { embeds: [fitEmbed(embed)], components: publishRow(ctx) };
}

function sourceLine(s: SourceRow): string {
  const title = s.url ? `[${s.title}](${s.url})` : s.title;
  const facts = `${s.factCount} fact${s.factCount === 1 ? '' : 's'}`;
  return `• **${s.outlet}** — ${title} (${formatDate(s.published)}) · ${facts}`;
}

export function renderSources(sources: SourceRow[], ctx: RenderContext): RenderedMessage {
  const { text, omitted } = fitLines(sources.map(sourceLine), LIMITS.description - 40);
  const tail = omitted > 0 ? `\n…and ${omitted} more.` : '';
  const embed: APIEmbed = {
    color: COLORS.list,
    title: `Sources (${sources.length})`,
    description: ownText(
      sources.length > 0 ? `${text}${tail}` : 'No sources loaded yet.',
      LIMITS.description,
    ),
  };
  return { embeds: [fitEmbed(embed)], components: publishRow(ctx) };
}

export function renderHelp(help: Help, ctx: RenderContext): RenderedMessage {
  const usage = discordUsage.map((u) => `\`${u.command}\` — ${u.description}`).join('\n');
  const description = [
    'Sitrep answers with sourced figures and who asserts them.',
    usage,
    'Add `public:True` to post in the channel. You can also mention me with a question, or DM me.',
  ].join('\n\n');
  const embed: APIEmbed = {
    color: COLORS.list,
    title: 'Sitrep help',
    description: ownText(description, LIMITS.description),
    fields: help.topics.slice(0, 10).map((t) => ({
      name: ownText(t.label, LIMITS.fieldName),
      value: ownText(`${t.description}\n_e.g. ${t.sample}_`, LIMITS.fieldValue),
    })),
  };
  const examples = askButtons(
    ctx.codec,
    help.examples.slice(0, LIMITS.buttonsPerRow).map((e) => ({ label: e, ask: e })),
  );
  return {
    embeds: [fitEmbed(embed)],
    components: layoutRows([examples, ctx.publishable ? [publishButton(ctx.codec)] : []]),
  };
}

/** A notice may quote what the user typed, so it is escaped like user text. */
export function renderNotice(text: string): RenderedMessage {
  const embed: APIEmbed = { color: COLORS.notice, description: userText(text, LIMITS.description) || '…' };
  return { embeds: [embed], components: [] };
}

/** A short note of our own (cooldown, thanks, apology) as plain content. */
export function renderNote(text: string): RenderedMessage {
  return { content: ownText(text, LIMITS.content), embeds: [], components: [] };
}
