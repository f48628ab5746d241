/** Messages for the configuration mistakes people make most: names where ids belong, and `#` in .env. */
import type { CommentCut } from './env-file.js';

/** What the entries of a comma-separated id list are, and where to find the right id. */
export interface IdKind {
  id: RegExp;
  noun: string;
  example: string;
  label: string;
  where: string;
  /** A wrong entry that is probably a name (`general`, `#general`, `@alice`) rather than a mistyped id. */
  looksLikeName: (entry: string) => boolean;
}

export const slackChannelId: IdKind = {
  id: /^[CGD][A-Z0-9]+$/,
  noun: 'channel',
  example: 'C0123ABCD',
  label: 'a Slack channel id such as C0123ABCD',
  where: "found in the channel's details",
  looksLikeName: (v) => v.startsWith('#') || /[a-z]/.test(v),
};

export const discordChannelId: IdKind = {
  id: /^\d{5,25}$/,
  noun: 'channel',
  example: 'digits such as 123456789012345678',
  label: 'a Discord channel id (5 to 25 digits)',
  where: 'from Copy Channel ID (with Developer Mode on)',
  looksLikeName: (v) => v.startsWith('#') || /[a-z]/i.test(v),
};

export const slackUserId: IdKind = {
  id: /^[UW][A-Z0-9]+$/,
  noun: 'user',
  example: 'U0123ABCD',
  label: 'a Slack user id such as U0123ABCD',
  where: "from the profile's ⋮ menu > Copy member ID",
  looksLikeName: (v) => /^[@#]/.test(v) || /[a-z]/.test(v),
};

const useId = (kind: IdKind) => `use the ${kind.noun} id (${kind.example}), ${kind.where}`;

/** Why one entry of an id list is wrong. */
export function entryProblem(kind: IdKind, entry: string): string {
  if (kind.looksLikeName(entry)) return `\`${entry}\` is a ${kind.noun} name; ${useId(kind)}`;
  return `\`${entry}\` must be ${kind.label}`;
}

/** Why a value that dotenv cut at `#` is not what the .env file seems to say. Never repeats the value (secrets). */
export function cutProblem(cut: CommentCut, kind: IdKind | undefined): string {
  if (kind && cut.word !== '')
    return `\`#${cut.word}\` is a ${kind.noun} name and dotenv reads # as a comment; ${useId(kind)}`;
  return 'in .env, dotenv reads # and everything after it as a comment, so this value stops before the #; put the value in quotes if the # belongs to it';
}
