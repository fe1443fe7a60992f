import { MAX_QUERY_LENGTH, type InstanceListItem } from '@zapikit/schema';
import {
  ApplicationIntegrationType,
  InteractionContextType,
  TimestampStyles,
  Locale,
  PermissionFlagsBits,
  SlashCommandBuilder,
  escapeMarkdown,
  spoiler,
  time,
  type APIEmbed,
  type ApplicationCommandOptionChoiceData,
  type AutocompleteInteraction,
  type SlashCommandStringOption,
} from 'discord.js';
import type { BotContext } from '../context.js';
import { BotError } from '../errors.js';
import { memberMessages, type Messages } from '../i18n/index.js';

/**
 * The builder every command starts from: guild-only, pt-BR words, and Manage Server, so Discord
 * hides the commands from everyone else until a server admin says otherwise. The builders check
 * each name, description, length and count as they are set.
 */
export function slashCommand(
  name: string,
  description: string,
  descriptionPtBr: string,
): SlashCommandBuilder {
  return new SlashCommandBuilder()
    .setName(name)
    .setDescription(description)
    .setDescriptionLocalization(Locale.PortugueseBR, descriptionPtBr)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
}

/** The `id` option: an instance, autocompleted from instance names. */
export function instanceIdOption(option: SlashCommandStringOption): SlashCommandStringOption {
  return option
    .setName('id')
    .setDescription('The instance: type part of its name and pick it')
    .setDescriptionLocalization(Locale.PortugueseBR, 'A instância: digite parte do nome e escolha')
    .setRequired(true)
    .setAutocomplete(true)
    .setMaxLength(MAX_QUERY_LENGTH);
}

/** Discord drops an autocomplete answered after 3 seconds; past this, no choices are offered. */
export const AUTOCOMPLETE_BUDGET_MS = 2_000;
const MAX_CHOICES = 25;
const MAX_CHOICE_NAME = 100;

/** Instances whose name or id contains what the member typed, as autocomplete choices. */
export async function instanceChoices(
  interaction: AutocompleteInteraction,
  context: BotContext,
): Promise<ApplicationCommandOptionChoiceData[]> {
  const typed = interaction.options.getFocused().trim().slice(0, MAX_QUERY_LENGTH);
  const t = memberMessages(interaction);
  const page = await context.suggestions.search(typed);
  const choices = page.items.slice(0, MAX_CHOICES).map((instance) => {
    context.instances.remember(instance);
    const label = `${instance.name || t.common.noName()} · ${instance.id}`;
    return {
      name: label.length > MAX_CHOICE_NAME ? `${label.slice(0, MAX_CHOICE_NAME - 1)}…` : label,
      value: instance.id,
    };
  });
  return choices;
}

/**
 * The instance an `id` option names: by id, or else by an exact, unique name (for a member who
 * typed the name and did not pick a suggestion).
 */
export async function resolveInstance(
  value: string,
  context: BotContext,
): Promise<InstanceListItem> {
  const typed = value.trim();
  if (typed !== '' && typed.length <= MAX_QUERY_LENGTH) {
    const byId = await context.instances.find(typed);
    if (byId) return byId;
    const byName = await context.zapi.findInstancesByName(typed);
    if (byName.length === 1 && byName[0]) {
      context.instances.remember(byName[0]);
      return byName[0];
    }
    if (byName.length > 1) {
      const count = byName.length;
      throw new BotError('BOT_UNKNOWN_INSTANCE', (t) =>
        t.common.sameNameInstances({ count, name: escapeMarkdown(typed) }),
      );
    }
  }
  throw new BotError('BOT_UNKNOWN_INSTANCE', (t) =>
    t.common.unknownInstance({ typed: escapeMarkdown(typed) }),
  );
}

/** Discord renders `<t:…>` in each reader's own time zone. */
export function discordTime(date: Date, style: 'F' | 'R' | 'd' | 'f' = 'F'): string {
  return time(date, style);
}

/** `<t:…:R>` for a moment in epoch milliseconds, rounded up so it never reads as already past. */
export function relativeTime(epochMs: number): string {
  return time(Math.ceil(epochMs / 1_000), TimestampStyles.RelativeTime);
}

/** An instance token as reply text, behind a spoiler; only ever put in a Reply's `secret`. */
export function tokenSecret(token: string, t: Messages): string {
  return t.common.tokenSecret({ spoiler: spoiler(token) });
}

// Z-API does not bound names made elsewhere; escaping can double one. This keeps any embed that
// shows names within Discord's limits.
const MAX_SHOWN_NAME = 100;

/** An instance name as embed text: shortened when long, markdown escaped. */
export function displayName(name: string, t: Messages): string {
  if (name === '') return `*${t.common.noName()}*`;
  const shown = name.length > MAX_SHOWN_NAME ? `${name.slice(0, MAX_SHOWN_NAME - 1)}…` : name;
  return escapeMarkdown(shown);
}

export const COLOURS = { ok: 0x2ecc71, info: 0x3498db, warn: 0xf1c40f, danger: 0xe74c3c } as const;

/** Marks an embed as coming from the sandbox, loudly, when it does. */
export function labelled(
  embed: APIEmbed,
  context: Pick<BotContext, 'sandbox'>,
  t: Messages,
): APIEmbed {
  if (!context.sandbox) return embed;
  return {
    ...embed,
    title: `[SANDBOX] ${embed.title ?? ''}`.trim(),
    footer: {
      text: t.common.sandboxFooter(),
    },
  };
}
