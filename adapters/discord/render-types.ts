import type { APIEmbed } from 'discord.js';
import type { ButtonRow } from './buttons.js';
import type { ButtonCodec } from './custom-id.js';

/** A platform-ready message body; the wiring adds flags and allowed_mentions. */
export interface RenderedMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
}

export interface RenderContext {
  codec: ButtonCodec;
  /** Adds a "Post publicly" button (ephemeral replies only). */
  publishable: boolean;
}

export const COLORS = {
  answered: 0x2f6fb0,
  ambiguous: 0xd9a21b,
  unknown: 0x7a8793,
  list: 0x4a5568,
  notice: 0xb7791f,
} as const;
