import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIChatInputApplicationCommandInteraction,
  type APIMessage,
  type APIMessageComponentButtonInteraction,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  Locale,
} from 'discord.js';
import { dmChannel, member, snowflake, textChannel, type World } from './payloads.js';

export interface InteractionWhere {
  user: APIUser;
  /** Guild channel by default; a DM when `dm` is set. */
  dm?: { channelId: string };
}

function base(world: World, where: InteractionWhere) {
  const common = {
    id: snowflake(),
    application_id: world.appId,
    token: `tok-${snowflake()}`,
    version: 1 as const,
    app_permissions: '2248473465835073',
    locale: Locale.EnglishUS,
    entitlements: [],
    attachment_size_limit: 10_485_760,
  };
  if (where.dm) {
    return {
      ...common,
      channel_id: where.dm.channelId,
      channel: dmChannel(where.dm.channelId, where.user),
      user: where.user,
      authorizing_integration_owners: { '0': world.guildId },
      context: InteractionContextType.BotDM,
    };
  }
  return {
    ...common,
    guild_id: world.guildId,
    guild: { id: world.guildId, locale: Locale.EnglishUS, features: [] },
    guild_locale: Locale.EnglishUS,
    channel_id: world.channelId,
    channel: textChannel(world.channelId, world.guildId),
    member: { ...member(where.user, [world.roleId]), permissions: '2248473465835073' },
    authorizing_integration_owners: { '0': world.guildId },
    context: InteractionContextType.Guild,
  };
}

export function slashCommand(
  world: World,
  where: InteractionWhere,
  commandId: string,
  subcommand: string,
  options: Record<string, string | boolean>,
): APIChatInputApplicationCommandInteraction {
  return {
    ...base(world, where),
    type: InteractionType.ApplicationCommand,
    data: {
      id: commandId,
      name: 'sitrep',
      type: ApplicationCommandType.ChatInput,
      options: [
        { type: ApplicationCommandOptionType.Subcommand, name: subcommand, options: basicOptions(options) },
      ],
    },
  } as APIChatInputApplicationCommandInteraction;
}

function basicOptions(
  options: Record<string, string | boolean>,
): APIApplicationCommandInteractionDataBasicOption[] {
  return Object.entries(options).map(([name, value]) =>
    typeof value === 'boolean'
      ? { type: ApplicationCommandOptionType.Boolean, name, value }
      : { type: ApplicationCommandOptionType.String, name, value },
  );
}

export function autocomplete(
  world: World,
  where: InteractionWhere,
  commandId: string,
  subcommand: string,
  focused: { name: string; value: string },
): APIApplicationCommandAutocompleteInteraction {
  return {
    ...base(world, where),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: {
      id: commandId,
      name: 'sitrep',
      type: ApplicationCommandType.ChatInput,
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: subcommand,
          options: [
            {
              type: ApplicationCommandOptionType.String,
              name: focused.name,
              value: focused.value,
              focused: true,
            },
          ],
        },
      ],
    },
  } as APIApplicationCommandAutocompleteInteraction;
}

export function buttonClick(
  world: World,
  where: InteractionWhere,
  message: APIMessage,
  customId: string,
): APIMessageComponentButtonInteraction {
  return {
    ...base(world, where),
    type: InteractionType.MessageComponent,
    message,
    data: { custom_id: customId, component_type: ComponentType.Button },
  } as APIMessageComponentButtonInteraction;
}
