import {
  type APIDMChannel,
  type APIGuildMember,
  type APITextChannel,
  type APIThreadChannel,
  type APIUser,
  type ApplicationFlags,
  ChannelType,
  type GatewayGuildCreateDispatchData,
  type GatewayReadyDispatchData,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  type GuildMemberFlags,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  Locale,
} from 'discord.js';

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A fresh, well-formed snowflake (timestamp-based, so discord.js can read a creation date from it). */
export function snowflake(): string {
  return snowflakeAt(BigInt(Date.now()) - DISCORD_EPOCH);
}

function snowflakeAt(sinceEpochMs: bigint): string {
  increment = (increment + 1n) & 0xfffn;
  return ((sinceEpochMs << 22n) | increment).toString();
}

/** `[shard id, shard count]`, as IDENTIFY and READY carry it. */
export type Shard = [id: number, count: number];

/** Discord's rule for which shard gets a guild's events: (guild_id >> 22) % count. */
export const shardOf = (guildId: string, count: number): number =>
  Number((BigInt(guildId) >> 22n) % BigInt(count));

/** A fresh snowflake that, as a guild id, belongs to shard `id` of `count`. */
export function snowflakeOnShard([id, count]: Shard): string {
  const now = BigInt(Date.now()) - DISCORD_EPOCH;
  return snowflakeAt(now - (now % BigInt(count)) + BigInt(id));
}

export function user(id: string, username: string, bot = false): APIUser {
  return {
    id,
    username,
    discriminator: '0',
    global_name: username,
    avatar: null,
    ...(bot ? { bot: true } : {}),
  };
}

export function member(u: APIUser, roles: string[] = []): APIGuildMember {
  return {
    user: u,
    nick: null,
    avatar: null,
    roles,
    joined_at: '2024-01-01T00:00:00.000Z',
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
  };
}

export function textChannel(id: string, guildId: string, name = 'general'): APITextChannel {
  return {
    id,
    type: ChannelType.GuildText,
    guild_id: guildId,
    name,
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    topic: null,
    last_message_id: null,
    parent_id: null,
    rate_limit_per_user: 0,
  };
}

export function thread(world: World): APIThreadChannel {
  return {
    id: world.threadId,
    type: ChannelType.PublicThread,
    guild_id: world.guildId,
    parent_id: world.channelId,
    name: 'machine tools',
    owner_id: world.human.id,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    applied_tags: [],
    thread_metadata: {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: '2024-01-01T00:00:00.000Z',
      locked: false,
    },
  } as unknown as APIThreadChannel;
}

export function dmChannel(id: string, recipient: APIUser): APIDMChannel {
  return { id, type: ChannelType.DM, recipients: [recipient], last_message_id: null, name: null };
}

export interface World {
  bot: APIUser;
  appId: string;
  guildId: string;
  channelId: string;
  /** A public thread under `channelId`, started by `human`. */
  threadId: string;
  roleId: string;
  human: APIUser;
}

/** READY for one shard: it lists only the guilds that shard owns, as Discord does. */
export function ready(
  world: World,
  sessionId: string,
  resumeUrl: string,
  shard: Shard,
): GatewayReadyDispatchData {
  const ownsGuild = shardOf(world.guildId, shard[1]) === shard[0];
  return {
    v: 10,
    user: { ...world.bot, verified: true, mfa_enabled: false },
    guilds: ownsGuild ? [{ id: world.guildId, unavailable: true }] : [],
    session_id: sessionId,
    resume_gateway_url: resumeUrl,
    shard,
    application: { id: world.appId, flags: 0 as ApplicationFlags, flags_new: '0' },
  };
}

export function guildCreate(world: World): GatewayGuildCreateDispatchData {
  const role = (id: string, name: string, position: number) => ({
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: '2248473465835073',
    managed: false,
    mentionable: true,
    flags: 0,
  });
  return {
    id: world.guildId,
    name: 'Sitrep test guild',
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: world.human.id,
    region: 'europe',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [role(world.guildId, '@everyone', 0), role(world.roleId, 'Analysts', 1)],
    emojis: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    stickers: [],
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: '2024-01-01T00:00:00.000Z',
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [member(world.bot), member(world.human, [world.roleId])],
    channels: [textChannel(world.channelId, world.guildId)],
    threads: [thread(world)],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
