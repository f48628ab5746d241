import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIMessage,
  type APIUser,
  ChannelType,
  type GatewayMessageCreateDispatchData,
  type MessageFlags,
  MessageType,
} from 'discord.js';
import { member, snowflake } from './payloads.js';

export interface MessageInput {
  content: string;
  author: APIUser;
  mentions?: APIUser[];
  /** Omit for a DM. */
  guildId?: string;
  channelId: string;
  /** Makes this a reply to that message. */
  replyTo?: APIMessage;
}

export function messageCreate(m: MessageInput): GatewayMessageCreateDispatchData {
  return {
    id: snowflake(),
    channel_id: m.channelId,
    author: m.author,
    content: m.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: /@everyone|@here/.test(m.content),
    mentions: m.mentions ?? [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: MessageType.Default,
    components: [],
    ...(m.guildId ? { guild_id: m.guildId, member: member(m.author) } : {}),
    channel_type: m.guildId ? ChannelType.GuildText : ChannelType.DM,
    ...(m.replyTo
      ? {
          type: MessageType.Reply,
          message_reference: {
            message_id: m.replyTo.id,
            channel_id: m.replyTo.channel_id,
            guild_id: m.guildId,
          },
          referenced_message: m.replyTo,
        }
      : {}),
  } as GatewayMessageCreateDispatchData;
}

/** A message as the REST API returns it after the bot posted `body`. */
export function postedMessage(
  channelId: string,
  author: APIUser,
  body: {
    content?: string;
    embeds?: APIEmbed[];
    components?: unknown[];
    flags?: number;
    nonce?: string | number;
    message_reference?: { message_id?: string };
  },
): APIMessage {
  return {
    id: snowflake(),
    channel_id: channelId,
    author,
    content: body.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: body.embeds ?? [],
    pinned: false,
    type: MessageType.Default,
    flags: (body.flags ?? 0) as MessageFlags,
    components: (body.components ?? []) as APIActionRowComponent<APIComponentInMessageActionRow>[],
    ...(body.nonce === undefined ? {} : { nonce: body.nonce }),
    ...(body.message_reference?.message_id
      ? { message_reference: { message_id: body.message_reference.message_id, channel_id: channelId } }
      : {}),
  };
}
