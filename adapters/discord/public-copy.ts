import type { Message } from 'discord.js';
import { type ButtonRow, isPublishButton } from './buttons.js';
import type { ButtonCodec } from './custom-id.js';
import type { RenderedMessage } from './render.js';

/**
 * The public copy of an ephemeral answer: the same embeds and buttons, minus "Post publicly".
 * Copying what the user saw (rather than asking again) posts exactly that answer. Undefined when the message did
 * not offer "Post publicly" (a private-only reply, or nothing to post).
 */
export function withoutPublishButton(message: Message, codec: ButtonCodec): RenderedMessage | undefined {
  const embeds = message.embeds.map((e) => e.toJSON());
  if (embeds.length === 0) return undefined;
  const components: ButtonRow[] = [];
  let offered = false;
  for (const row of message.components) {
    const json = row.toJSON() as Partial<ButtonRow>;
    const buttons = (json.components ?? []).filter((b) => {
      const publish = typeof b.custom_id === 'string' && isPublishButton(codec, b.custom_id);
      offered ||= publish;
      return !publish;
    });
    if (json.type !== undefined && buttons.length > 0)
      components.push({ type: json.type, components: buttons });
  }
  return offered ? { embeds, components } : undefined;
}
