/** A Digest and a digest status as Block Kit. Pure. */
import { moreHint, NOTHING_NEW } from '../../src/digest/digest-text.js';
import { formatInstant } from '../../src/digest/time.js';
import type { Citation, Digest, DigestStatus } from '../../src/types.js';
import { type Block, context, lineSections, section } from './blocks.js';
import { escapeSlack } from './text.js';

const cite = (c?: Citation) => (c ? ` _(${escapeSlack(c.outlet)}, ${escapeSlack(c.published)})_` : '');

export function renderDigestBlocks(d: Digest): Block[] {
  const changes = d.briefing
    ? []
    : d.nothingNew
      ? [context([escapeSlack(NOTHING_NEW)])]
      : [
          section('*New since your last digest*'),
          ...lineSections([
            ...d.changes.map(
              (c) =>
                `• ${c.status === 'updated' ? '*Updated:* ' : ''}${escapeSlack(c.headline)}${cite(c.source)}`,
            ),
            ...(d.moreChanges > 0 ? [`…and ${d.moreChanges} more.`] : []),
          ]),
        ];
  return [
    section(`*${escapeSlack(d.title)}*`),
    ...changes,
    section('*Headline figures*'),
    ...lineSections(
      d.figures.map(
        (f) =>
          `• ${escapeSlack(f.label)}: *${escapeSlack(f.text)}*${f.period ? ` (${escapeSlack(f.period)})` : ''} · ${escapeSlack(f.outlet)}`,
      ),
    ),
    section('*Latest developments*'),
    ...lineSections(
      d.developments.map((x) => `• ${escapeSlack(x.date)}: ${escapeSlack(x.headline)}${cite(x.source)}`),
    ),
    ...(d.asOf ? [context([`As of ${escapeSlack(d.asOf)} (newest source)`])] : []),
    ...(moreHint(d) ? [context([escapeSlack(moreHint(d) as string)])] : []),
  ];
}

export function renderDigestStatusBlocks(s: DigestStatus): Block[] {
  const zone = s.timeZone ?? 'UTC';
  const at = (iso: string) => escapeSlack(formatInstant(iso, zone));
  const lines = [
    s.subscribed
      ? `*Digest:* ${escapeSlack(s.schedule ?? '')} (${escapeSlack(zone)})`
      : 'This channel has no digest subscription.',
    ...(s.paused
      ? [`*Paused* since ${at(s.paused.at)}: ${escapeSlack(s.paused.reason)}. Subscribe again to resume.`]
      : []),
    ...(s.nextPost ? [`*Next post:* ${at(s.nextPost)}`] : []),
    `*Last post:* ${s.lastPost ? at(s.lastPost) : 'none yet'}`,
    ...(s.lastFailure
      ? [`*Last failure:* ${escapeSlack(s.lastFailure.error)} (slot ${at(s.lastFailure.slot)})`]
      : []),
  ];
  return [section(lines.join('\n'))];
}
