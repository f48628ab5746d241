import {
  ApplicationIntegrationType,
  type ApplicationCommandOptionChoiceData as Choice,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import type { Sitrep } from '../../src/sitrep.js';
import type { Command } from '../../src/types.js';
import { LIMITS, truncate } from './limits.js';

export const COMMAND_NAME = 'sitrep';
export const PUBLIC_OPTION = 'public';
const QUESTION_MAX = 1000;

/** The slice of discord.js's option resolver the specs read; tests can pass a plain object. */
export interface OptionReader {
  getString(name: string, required: true): string;
  getString(name: string, required?: boolean): string | null;
}

const digestActions = ['subscribe', 'unsubscribe', 'status', 'preview'] as const;
const asDigestAction = (v: string) => digestActions.find((a) => a === v) ?? 'status';

/** One `/sitrep <name>` subcommand: its definition, how it maps to a core Command, and its autocomplete. */
export interface SubcommandSpec {
  name: string;
  description: string;
  /** How a user types it, for help. */
  usage: string;
  addOptions?(sub: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder;
  toCommand(options: OptionReader): Command;
  complete?(sitrep: Sitrep, focused: string): Choice<string>[];
}

/** Figure names and topics for autocomplete, within Discord's 25 choices and 100-char names/values. */
export function figureChoices(sitrep: Sitrep, partial: string): Choice<string>[] {
  return sitrep
    .completeFigure(partial.slice(0, LIMITS.choiceValue), LIMITS.choices)
    .slice(0, LIMITS.choices)
    .map((c) => ({ name: truncate(c.name, LIMITS.choiceName), value: c.value.slice(0, LIMITS.choiceValue) }))
    .filter((c) => c.name.length > 0 && c.value.length > 0);
}

// Adding a subcommand (e.g. digests) is one entry here; routing and registration follow from it.
export const SUBCOMMANDS: readonly SubcommandSpec[] = [
  {
    name: 'ask',
    description: 'Ask a question about China, Russia, the G7 push or the metals ban',
    usage: '/sitrep ask question:<your question>',
    addOptions: (sub) =>
      sub.addStringOption((o) =>
        o
          .setName('question')
          .setDescription('What you want to know')
          .setRequired(true)
          .setMaxLength(QUESTION_MAX),
      ),
    toCommand: (o) => ({ name: 'ask', text: o.getString('question', true) }),
  },
  {
    name: 'figure',
    description: 'Look up one figure by name or topic',
    usage: '/sitrep figure name:<figure or topic>',
    addOptions: (sub) =>
      sub.addStringOption((o) =>
        o
          .setName('name')
          .setDescription('Figure name or topic')
          .setRequired(true)
          .setAutocomplete(true)
          .setMaxLength(LIMITS.choiceValue),
      ),
    toCommand: (o) => ({ name: 'figure', text: o.getString('name', true) }),
    complete: figureChoices,
  },
  {
    name: 'figures',
    description: 'List every figure Sitrep knows',
    usage: '/sitrep figures',
    toCommand: () => ({ name: 'figures' }),
  },
  {
    name: 'sources',
    description: 'List the sources behind the answers',
    usage: '/sitrep sources',
    toCommand: () => ({ name: 'sources' }),
  },
  {
    name: 'digest',
    description: "This channel's scheduled digest: subscribe, unsubscribe, status or preview",
    usage:
      '/sitrep digest action:<subscribe|unsubscribe|status|preview> schedule:<daily 09:00 Europe/Berlin>',
    addOptions: (sub) =>
      sub
        .addStringOption((o) =>
          o
            .setName('action')
            .setDescription('What to do')
            .setRequired(true)
            .addChoices(digestActions.map((a) => ({ name: a, value: a }))),
        )
        .addStringOption((o) =>
          o
            .setName('schedule')
            .setDescription('For subscribe: "daily 09:00", "weekly mon 09:00" or cron, then a time zone')
            .setMaxLength(100),
        ),
    toCommand: (o) => ({
      name: 'digest',
      action: asDigestAction(o.getString('action', true)),
      schedule: o.getString('schedule') ?? '',
    }),
  },
  {
    name: 'briefing',
    description: 'The headline figures and latest developments, of every topic or one',
    usage: '/sitrep briefing topic:<metals>',
    addOptions: (sub) =>
      sub.addStringOption((o) =>
        o.setName('topic').setDescription('A topic, e.g. metals or machine tools').setMaxLength(100),
      ),
    toCommand: (o) => {
      const topic = o.getString('topic')?.trim();
      return topic ? { name: 'briefing', topic } : { name: 'briefing' };
    },
  },
  {
    name: 'report',
    description: 'What people asked that Sitrep could not answer (for channel managers)',
    usage: '/sitrep report',
    toCommand: () => ({ name: 'report' }),
  },
  {
    name: 'help',
    description: 'How to use Sitrep and what it can answer',
    usage: '/sitrep help',
    toCommand: () => ({ name: 'help' }),
  },
];

export function findSubcommand(name: string): SubcommandSpec | undefined {
  return SUBCOMMANDS.find((s) => s.name === name);
}

/** The text a Command carries, or its name, for the normalized Question. */
export function commandText(cmd: Command): string {
  return 'text' in cmd ? cmd.text : cmd.name;
}

export function buildSitrepCommand(): SlashCommandBuilder {
  const command = new SlashCommandBuilder()
    .setName(COMMAND_NAME)
    .setDescription('Sourced answers on China-Russia military supply, the G7 push and the metals ban')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
  for (const spec of SUBCOMMANDS) {
    command.addSubcommand((sub) => {
      sub.setName(spec.name).setDescription(spec.description);
      const withOptions = spec.addOptions ? spec.addOptions(sub) : sub;
      return withOptions.addBooleanOption((o) =>
        o
          .setName(PUBLIC_OPTION)
          .setDescription('Post the answer in the channel for everyone (default: only you)'),
      );
    });
  }
  return command;
}

/** Every application command, in the shape the bulk-overwrite endpoint takes. */
export const commandDefinitions: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [
  buildSitrepCommand().toJSON(),
];

export const discordUsage = SUBCOMMANDS.map((s) => ({ command: s.usage, description: s.description }));
