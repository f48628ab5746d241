/** A Digest and a digest status as Discord embeds. Pure. */
import type { APIEmbed } from 'discord.js';
import { moreHint, NOTHING_NEW } from '../../src/digest/digest-text.js';
import { formatInstant } from '../../src/digest/time.js';
import type { Citation, Digest, DigestStatus } from '../../src/types.js';
import { fitEmbed, LIMITS, ownText, userText } from './limits.js';
import { COLORS, type RenderedMessage } from './render-types.js';

const cite = (c?: Citation) => (c ? ` *(${c.outlet}, ${c.published})*` : '');

/** Whole lines while they fit, then "…and N more". */
function fitLines(lines: string[], max: number): string {
  const kept: string[] = [];
  for (const [i, line] of lines.entries()) {
    const tail = `\n…and ${lines.length - i} more.`;
    if ([...kept, line].join('\n').length + tail.length > max) return `${kept.join('\n')}${tail}`;
    kept.push(line);
  }
  return kept.join('\n') || '—';
}

export function renderDigestEmbed(d: Digest): APIEmbed {
  const changes = d.briefing
    ? 'The headline figures and the latest developments, newest first.'
    : d.nothingNew
      ? NOTHING_NEW
      : fitLines(
          [
            '**New since your last digest**',
            ...d.changes.map(
              (c) => `• ${c.status === 'updated' ? '**Updated:** ' : ''}${c.headline}${cite(c.source)}`,
            ),
            ...(d.moreChanges > 0 ? [`…and ${d.moreChanges} more.`] : []),
          ].map((l) => ownText(l, 600)),
          LIMITS.description,
        );
  return fitEmbed({
    color: COLORS.list,
    title: d.title,
    description: changes,
    fields: [
      {
        name: 'Headline figures',
        value: fitLines(
          d.figures.map((f) =>
            ownText(`• ${f.label}: **${f.text}**${f.period ? ` (${f.period})` : ''} · ${f.outlet}`, 300),
          ),
          LIMITS.fieldValue,
        ),
      },
      {
        name: 'Latest developments',
        value: fitLines(
          d.developments.map((x) => ownText(`• ${x.date}: ${x.headline}${cite(x.source)}`, 400)),
          LIMITS.fieldValue,
        ),
      },
    ],
    ...(d.asOf
      ? { footer: { text: [`As of ${d.asOf} (newest source)`, moreHint(d)].filter(Boolean).join(' · ') } }
      : {}),
  });
}

export function renderDigest(d: Digest): RenderedMessage {
  return { embeds: [renderDigestEmbed(d)], components: [] };
}

export function renderDigestStatus(s: DigestStatus): RenderedMessage {
  const zone = s.timeZone ?? 'UTC';
  const at = (iso: string) => formatInstant(iso, zone);
  const lines = [
    s.subscribed
      ? `**Digest:** ${userText(s.schedule ?? '', 200)} (${zone})`
      : 'This channel has no digest subscription.',
    ...(s.paused
      ? [`**Paused** since ${at(s.paused.at)}: ${userText(s.paused.reason, 300)}. Subscribe again to resume.`]
      : []),
    ...(s.nextPost ? [`**Next post:** ${at(s.nextPost)}`] : []),
    `**Last post:** ${s.lastPost ? at(s.lastPost) : 'none yet'}`,
    ...(s.lastFailure
      ? [`**Last failure:** ${userText(s.lastFailure.error, 300)} (slot ${at(s.lastFailure.slot)})`]
      : []),
  ];
  return { embeds: [fitEmbed({ color: COLORS.list, description: lines.join('\n') })], components: [] };
}
