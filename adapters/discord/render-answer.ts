import type { APIEmbed, APIEmbedField } from 'discord.js';
import { ButtonStyle } from 'discord.js';
import { DERIVED_LABEL } from '../../src/answer/format.js';
import { problemLead } from '../../src/answer/refusal-reason.js';
import type { Answer, Citation } from '../../src/types.js';
import { askButtons, button, layoutRows, publishButton } from './buttons.js';
import { fitEmbed, LIMITS, ownText, userText } from './limits.js';
import { COLORS, type RenderContext, type RenderedMessage } from './render-types.js';

type Answered = Extract<Answer, { kind: 'answered' }>;
type Ambiguous = Extract<Answer, { kind: 'ambiguous' }>;
type Unknown = Extract<Answer, { kind: 'unknown' }>;

const MAX_OPTION_BUTTONS = 10;
const MAX_TOPIC_FIELDS = 8;

// Built once: toLocaleDateString builds a new formatter on every call, which is slow in a hot render path.
const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

const MAX_FORMATTED = 1_000;
const formatted = new Map<string, string>();

/** "12 Apr 2024" from an ISO date; anything unparsable is shown as given. */
export function formatDate(iso: string): string {
  const known = formatted.get(iso);
  if (known !== undefined) return known;
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  const out = Number.isNaN(d.getTime()) ? iso : DATE.format(d);
  // The fact base has a few dozen dates; the bound only guards against a runaway caller.
  if (formatted.size >= MAX_FORMATTED) formatted.clear();
  formatted.set(iso, out);
  return out;
}

/** "Reuters, 12 Apr 2024 · AP, 12 Apr 2024", one entry per outlet and date. */
export function sourceLine(citations: Citation[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const c of citations) {
    const part = `${c.outlet}, ${formatDate(c.published)}`;
    if (seen.has(part)) continue;
    seen.add(part);
    parts.push(part);
  }
  return parts.length > 0 ? `Source${parts.length > 1 ? 's' : ''}: ${parts.join(' · ')}` : '';
}

/** The echoed question as a title; Discord rejects an empty one. */
const titleOf = (question: string): { title?: string } => {
  const title = userText(question, LIMITS.title);
  return title ? { title } : {};
};

function figureFields(answer: Answered): APIEmbedField[] {
  const fields = answer.figures.map((f) => {
    const extra = [f.period, f.derived ? DERIVED_LABEL : undefined].filter(Boolean).join(' · ');
    return {
      name: ownText(f.label, LIMITS.fieldName),
      value: ownText(extra ? `**${f.text}**\n${extra}` : `**${f.text}**`, LIMITS.fieldValue),
      inline: true,
    };
  });
  // Whole links only: a link cut in half would render as broken Markdown.
  const links: string[] = [];
  for (const c of answer.citations) {
    const link = `[${c.outlet}: ${c.title}](${c.url})`;
    if (!c.url || links.some((l) => l.endsWith(`(${c.url})`)) || links.length === 3) continue;
    if ([...links, link].join('\n').length <= LIMITS.fieldValue) links.push(link);
  }
  if (links.length > 0)
    fields.push({ name: 'Read more', value: ownText(links.join('\n'), LIMITS.fieldValue), inline: false });
  return fields;
}

function renderAnswered(answer: Answered, ctx: RenderContext): RenderedMessage {
  const caveats = answer.caveats.map((c) => `⚠️ ${c}`).join('\n');
  const description = caveats ? `${answer.headline}\n\n${caveats}` : answer.headline;
  const footer = sourceLine(answer.citations);
  const embed: APIEmbed = {
    color: COLORS.answered,
    ...titleOf(answer.question),
    description: ownText(description, LIMITS.description),
    fields: figureFields(answer),
    ...(footer ? { footer: { text: footer } } : {}),
  };
  const alternative = answer.alternative
    ? [{ label: `Not what you meant? ${answer.alternative.label}`, ask: answer.alternative.ask }]
    : [];
  const related = askButtons(ctx.codec, [
    ...alternative,
    ...answer.suggestions.slice(0, 3).map((s) => ({ label: s, ask: s })),
  ]);
  const factId = answer.facts[0]?.id;
  const vote = (helpful: boolean) => ({
    kind: 'feedback' as const,
    helpful,
    factId,
    question: answer.question,
  });
  const actions = [
    button(ctx.codec, 'Helpful', vote(true), ButtonStyle.Success),
    button(ctx.codec, 'Not helpful', vote(false), ButtonStyle.Danger),
    ...(ctx.publishable ? [publishButton(ctx.codec)] : []),
  ];
  return { embeds: [fitEmbed(embed)], components: layoutRows([related, actions]) };
}

function renderAmbiguous(answer: Ambiguous, ctx: RenderContext): RenderedMessage {
  const options = answer.options.slice(0, MAX_OPTION_BUTTONS);
  const embed: APIEmbed = {
    color: COLORS.ambiguous,
    ...titleOf(answer.question),
    description: ownText(
      `That could mean more than one thing. Did you mean:\n${options.map((o, i) => `${i + 1}. ${o.label}`).join('\n')}`,
      LIMITS.description,
    ),
  };
  const choices = askButtons(ctx.codec, options);
  return {
    embeds: [fitEmbed(embed)],
    components: layoutRows([choices, ctx.publishable ? [publishButton(ctx.codec)] : []]),
  };
}

const TITLES: Record<Unknown['reason'], string> = {
  empty: 'Ask Sitrep',
  'out-of-scope': 'Outside what Sitrep covers',
  'attribute-not-covered': "Not in Sitrep's sources",
  'no-such-figure': 'No such figure',
  'too-long': 'Question too long',
  'not-english': 'English only',
  forecast: 'No forecasts',
};

const REASONS: Record<Unknown['reason'], (a: Unknown) => string> = {
  empty: () => 'Ask me a question about the topics below.',
  'out-of-scope': (a) => `I can't answer “${userText(a.question, 300)}” from the sources I track.`,
  'attribute-not-covered': (a) =>
    `I know about ${a.subject ?? 'that'}, but my sources don't cover “${userText(a.question, 300)}”.`,
  'no-such-figure': (a) =>
    `I have no figure matching “${userText(a.question, 300)}”. Try \`/sitrep figures\`.`,
  'too-long': (a) => problemLead('too-long', '', `“${userText(a.question, 80)}”`),
  'not-english': () => problemLead('not-english', '', ''),
  forecast: (a) => problemLead('forecast', `“${userText(a.question, 300)}”`, ''),
};

function renderUnknown(answer: Unknown, ctx: RenderContext): RenderedMessage {
  const lead = REASONS[answer.reason](answer);
  const tries = answer.suggestions.length > 0 ? '\n\nYou could ask:' : '';
  const embed: APIEmbed = {
    color: COLORS.unknown,
    title: TITLES[answer.reason],
    description: ownText(`${lead}${tries}`, LIMITS.description),
    fields: answer.topics.slice(0, MAX_TOPIC_FIELDS).map((t) => ({
      name: ownText(t.label, LIMITS.fieldName),
      value: ownText(`${t.description}\n_e.g. ${t.sample}_`, LIMITS.fieldValue),
    })),
  };
  const suggestions = askButtons(
    ctx.codec,
    answer.suggestions.slice(0, LIMITS.buttonsPerRow).map((s) => ({ label: s, ask: s })),
  );
  return {
    embeds: [fitEmbed(embed)],
    components: layoutRows([suggestions, ctx.publishable ? [publishButton(ctx.codec)] : []]),
  };
}

export function renderAnswer(answer: Answer, ctx: RenderContext): RenderedMessage {
  switch (answer.kind) {
    case 'answered':
      return renderAnswered(answer, ctx);
    case 'ambiguous':
      return renderAmbiguous(answer, ctx);
    case 'unknown':
      return renderUnknown(answer, ctx);
  }
}
