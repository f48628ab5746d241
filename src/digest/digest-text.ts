/** Plain-text digest and digest status, for the console and as chat fallback text. */
import type { Citation, Digest, DigestStatus } from '../types.js';
import { formatInstant } from './time.js';

const cite = (c?: Citation) => (c ? ` (${c.outlet}, ${c.published})` : '');

export const NOTHING_NEW = 'Nothing new since your last digest.';

/** A briefing that left developments out says how to get them. */
export const moreHint = (d: Digest): string | undefined =>
  d.briefing && d.moreChanges > 0 ? `Say "more" for ${d.moreChanges} more developments.` : undefined;

export function digestLines(d: Digest): string[] {
  const changes = d.briefing
    ? []
    : d.nothingNew
      ? [NOTHING_NEW]
      : [
          'New since your last digest:',
          ...d.changes.map(
            (c) => `• ${c.status === 'updated' ? '[updated] ' : ''}${c.headline}${cite(c.source)}`,
          ),
          ...(d.moreChanges > 0 ? [`  …and ${d.moreChanges} more.`] : []),
        ];
  return [
    d.title,
    ...changes,
    'Headline figures:',
    ...d.figures.map((f) => `• ${f.label}: ${f.text}${f.period ? ` (${f.period})` : ''} · ${f.outlet}`),
    'Latest developments:',
    ...d.developments.map((x) => `• ${x.date}: ${x.headline}${cite(x.source)}`),
    ...(d.asOf ? [`As of ${d.asOf} (newest source).`] : []),
    ...(moreHint(d) ? [moreHint(d) as string] : []),
  ];
}

export function digestStatusLines(s: DigestStatus): string[] {
  const zone = s.timeZone ?? 'UTC';
  const at = (iso: string) => formatInstant(iso, zone);
  return [
    s.subscribed ? `Digest: ${s.schedule} (${zone}).` : 'This channel has no digest subscription.',
    ...(s.paused ? [`Paused since ${at(s.paused.at)}: ${s.paused.reason}. Subscribe again to resume.`] : []),
    ...(s.nextPost ? [`Next post: ${at(s.nextPost)}.`] : []),
    s.lastPost ? `Last post: ${at(s.lastPost)}.` : 'Last post: none yet.',
    ...(s.lastFailure ? [`Last failure: ${s.lastFailure.error} (slot ${at(s.lastFailure.slot)}).`] : []),
  ];
}
