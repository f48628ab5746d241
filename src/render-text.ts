import { DERIVED_LABEL } from './answer/format.js';
import { isQuestionProblem, problemLead } from './answer/refusal-reason.js';
import { digestLines, digestStatusLines } from './digest/digest-text.js';
import type { Answer, Citation, Reply } from './types.js';

/** Control characters and bidi overrides are dropped from echoed text so a terminal or fallback stays readable. */
export function sanitize(text: string, max = 300): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  const clean = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

export function formatCitation(c: Citation): string {
  return `${c.outlet}, "${c.title}", ${c.published}${c.url ? ` (${c.url})` : ''}`;
}

function answerText(a: Answer): string[] {
  switch (a.kind) {
    case 'answered':
      return [
        a.headline,
        ...a.figures.map(
          (f) =>
            `• ${f.label}: ${f.text}${f.period ? ` (${f.period})` : ''}${f.derived ? ` (${DERIVED_LABEL})` : ''}`,
        ),
        ...a.caveats.map((c) => `Note: ${c}`),
        ...[...new Map(a.citations.map((c) => [formatCitation(c), c])).keys()].map((c) => `Source: ${c}`),
        ...(a.alternative ? [`Not what you meant? Try: ${a.alternative.ask}`] : []),
        ...(a.suggestions.length > 0 ? ['Related:', ...a.suggestions.map((s) => `  – ${s}`)] : []),
      ];
    case 'ambiguous':
      return [
        `"${sanitize(a.question, 120)}" could mean several things. Did you mean:`,
        ...a.options.map((o, i) => `  ${i + 1}. ${o.label} — ask: ${o.ask}`),
      ];
    case 'unknown':
      return [
        unknownLead(a),
        'You could ask:',
        ...a.suggestions.map((s) => `  – ${s}`),
        `Topics I cover: ${a.topics.map((t) => t.label).join(', ')}.`,
      ];
  }
}

export function unknownLead(a: Extract<Answer, { kind: 'unknown' }>): string {
  const q = sanitize(a.question, 120);
  if (isQuestionProblem(a.reason)) return problemLead(a.reason, `"${q}"`, `"${sanitize(a.question, 80)}"`);
  switch (a.reason) {
    case 'empty':
      return "I didn't catch a question there.";
    case 'attribute-not-covered':
      return `I know about ${a.subject}, but my sources don't cover what you asked ("${q}"), so I won't guess.`;
    case 'no-such-figure':
      return `I have no figure matching "${q}".`;
    case 'out-of-scope':
      return `I can't answer "${q}" from my sources: I only cover China's support for Russia's military build-up, the US push on Europe and the G7, and the US/UK ban on Russian metals.`;
  }
}

/** Plain text for the console, the CLI and as the fallback text of chat messages. */
export function renderText(reply: Reply): string {
  switch (reply.kind) {
    case 'answer':
      return answerText(reply.answer).join('\n');
    case 'notice':
      return reply.text;
    case 'digest':
      return digestLines(reply.digest).join('\n');
    case 'digest-status':
      return digestStatusLines(reply.status).join('\n');
    case 'figures':
      return [
        'Figures (value · period · source):',
        ...reply.rows.map((r) => `• ${r.label}: ${r.text}${r.period ? ` · ${r.period}` : ''} · ${r.outlet}`),
      ].join('\n');
    case 'sources':
      return [
        'Sources:',
        ...reply.sources.map((s) => `• ${formatCitation({ ...s, factId: '' })} — ${s.factCount} fact(s)`),
      ].join('\n');
    case 'help':
      return [
        "Sitrep answers questions about China's support for Russia's military build-up, the US push on Europe and the G7, and the US/UK ban on Russian metals.",
        ...reply.usage.map((u) => `  ${u.command} — ${u.description}`),
        `Topics: ${reply.topics.map((t) => t.label).join(', ')}.`,
        'Try:',
        ...reply.examples.map((e) => `  – ${e}`),
      ].join('\n');
  }
}

/**
 * One line for a chat message's notification and fallback text: the blocks or embed carry the whole reply, so
 * repeating it in full would double every payload.
 */
export function summaryText(reply: Reply): string {
  switch (reply.kind) {
    case 'answer': {
      const a = reply.answer;
      if (a.kind === 'answered') return a.headline;
      return a.kind === 'unknown' ? unknownLead(a) : (answerText(a)[0] ?? '');
    }
    case 'figures':
      return `Sitrep figures: ${reply.rows.length} figures with value, period and source.`;
    case 'sources':
      return `Sitrep sources: ${reply.sources.length} reports.`;
    case 'help':
      return 'Sitrep help: what I cover and how to ask.';
    default:
      return renderText(reply);
  }
}
