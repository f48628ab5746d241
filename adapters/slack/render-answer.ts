/** Answer -> Block Kit body: headline, figures, sources, caveats, and question buttons. Pure. */
import { DERIVED_LABEL } from '../../src/answer/format.js';
import { problemLead } from '../../src/answer/refusal-reason.js';
import type { Answer, Citation, FigureLine } from '../../src/types.js';
import { ACTION } from './action-values.js';
import { actions, type Block, button, context, fieldSections, section } from './blocks.js';
import { escapeSlack, linkUrl, safeText } from './text.js';

/** Hands out `sitrep_ask_<n>` ids so every question button in one message is unique. */
export type AskIds = () => string;

export function askIdCounter(): AskIds {
  let n = 0;
  return () => `${ACTION.ask}_${n++}`;
}

export function askButtons(
  blockId: string,
  questions: { label: string; ask: string }[],
  ids: AskIds,
): Block[] {
  return actions(
    blockId,
    questions.map((q) => button({ label: q.label, value: q.ask, actionId: ids() })),
  );
}

function figureField(f: FigureLine): string {
  const period = f.period ? ` (${escapeSlack(f.period)})` : '';
  const derived = f.derived ? ` _${DERIVED_LABEL}_` : '';
  return `*${escapeSlack(f.label)}*\n${escapeSlack(f.text)}${period}${derived}`;
}

function citationLine(c: Citation): string {
  const title = c.url ? `<${linkUrl(c.url)}|${safeText(c.title, 200)}>` : safeText(c.title, 200);
  return `${title} — ${escapeSlack(c.outlet)}, ${escapeSlack(c.published)}`;
}

/** One line per distinct source, so two facts citing the same article list it once. */
function citationLines(citations: Citation[]): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const c of citations) {
    const key = c.url ?? `${c.outlet}|${c.title}|${c.published}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(citationLine(c));
  }
  return lines;
}

function quoted(question: string): string {
  return `“${safeText(question, 300)}”`;
}

function answered(a: Extract<Answer, { kind: 'answered' }>, ids: AskIds): Block[] {
  const blocks: Block[] = [section(escapeSlack(a.headline))];
  if (a.figures.length > 0) blocks.push(...fieldSections(a.figures.map(figureField)));
  const sources = citationLines(a.citations);
  if (sources.length > 0) blocks.push(context([`*Source${sources.length > 1 ? 's' : ''}:*`, ...sources]));
  if (a.caveats.length > 0) blocks.push(context(a.caveats.map((c) => `:warning: ${escapeSlack(c)}`)));
  if (a.alternative) {
    blocks.push(context(['*Not what you meant?*']));
    blocks.push(...askButtons('sitrep_alternative', [a.alternative], ids));
  }
  if (a.suggestions.length > 0) {
    blocks.push(context(['*Related questions*']));
    blocks.push(
      ...askButtons(
        'sitrep_related',
        a.suggestions.map((s) => ({ label: s, ask: s })),
        ids,
      ),
    );
  }
  return blocks;
}

function ambiguous(a: Extract<Answer, { kind: 'ambiguous' }>, ids: AskIds): Block[] {
  return [
    section(`${quoted(a.question)} could mean more than one thing. Which did you mean?`),
    ...askButtons('sitrep_choices', a.options, ids),
  ];
}

const UNKNOWN_LEAD: Record<Extract<Answer, { kind: 'unknown' }>['reason'], (a: Answer) => string> = {
  empty: () => 'Ask me a question about what my sources cover.',
  'out-of-scope': (a) => `I can't answer ${quoted(a.question)}: it is outside what my sources cover.`,
  'attribute-not-covered': (a) =>
    a.kind === 'unknown' && a.subject
      ? `I know about ${escapeSlack(a.subject)}, but my sources don't say that.`
      : `My sources don't cover ${quoted(a.question)}.`,
  'no-such-figure': (a) => `I don't have a figure matching ${quoted(a.question)}.`,
  'too-long': (a) => problemLead('too-long', '', quoted(a.question.slice(0, 80))),
  'not-english': () => problemLead('not-english', '', ''),
  forecast: (a) => problemLead('forecast', quoted(a.question), ''),
};

function unknown(a: Extract<Answer, { kind: 'unknown' }>, ids: AskIds): Block[] {
  const blocks: Block[] = [section(UNKNOWN_LEAD[a.reason](a))];
  if (a.suggestions.length > 0) {
    blocks.push(context(['*Try one of these*']));
    blocks.push(
      ...askButtons(
        'sitrep_suggestions',
        a.suggestions.map((s) => ({ label: s, ask: s })),
        ids,
      ),
    );
  }
  if (a.topics.length > 0) {
    const lines = a.topics.map((t) => `• *${escapeSlack(t.label)}*: ${escapeSlack(t.description)}`);
    blocks.push(section(`*What I can answer*\n${lines.join('\n')}`));
  }
  return blocks;
}

/** The body of an answer; the caller adds share/feedback controls. */
export function renderAnswer(answer: Answer, ids: AskIds): Block[] {
  if (answer.kind === 'answered') return answered(answer, ids);
  if (answer.kind === 'ambiguous') return ambiguous(answer, ids);
  return unknown(answer, ids);
}
