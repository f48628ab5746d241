import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { ButtonAction, ButtonCodec } from './custom-id.js';
import { LIMITS, truncate } from './limits.js';

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

export function button(
  codec: ButtonCodec,
  label: string,
  action: ButtonAction,
  style:
    | ButtonStyle.Primary
    | ButtonStyle.Secondary
    | ButtonStyle.Success
    | ButtonStyle.Danger = ButtonStyle.Secondary,
): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    style,
    label: truncate(label.replace(/\s+/g, ' ').trim(), LIMITS.buttonLabel) || '…',
    custom_id: codec.encode(action),
  };
}

/** One button per question, duplicates dropped (Discord rejects repeated custom_ids in a message). */
export function askButtons(
  codec: ButtonCodec,
  items: { label: string; ask: string }[],
): APIButtonComponentWithCustomId[] {
  const seen = new Set<string>();
  const out: APIButtonComponentWithCustomId[] = [];
  for (const item of items) {
    const b = button(codec, item.label, { kind: 'ask', text: item.ask });
    if (seen.has(b.custom_id)) continue;
    seen.add(b.custom_id);
    out.push(b);
  }
  return out;
}

export const publishButton = (codec: ButtonCodec) =>
  button(codec, 'Post publicly', { kind: 'publish' }, ButtonStyle.Primary);

/** Lays out groups of buttons, each group starting a new row, within 5 per row and 5 rows. */
export function layoutRows(groups: APIButtonComponentWithCustomId[][]): ButtonRow[] {
  const rows: ButtonRow[] = [];
  for (const group of groups) {
    for (let i = 0; i < group.length; i += LIMITS.buttonsPerRow) {
      rows.push({ type: ComponentType.ActionRow, components: group.slice(i, i + LIMITS.buttonsPerRow) });
    }
  }
  return rows.slice(0, LIMITS.rows);
}

/** True for the "Post publicly" button, so a public repost can leave it out. */
export function isPublishButton(codec: ButtonCodec, customId: string): boolean {
  const action = codec.decode(customId);
  return typeof action === 'object' && action.kind === 'publish';
}
