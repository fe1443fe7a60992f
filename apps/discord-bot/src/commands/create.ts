import { ZapiValidationError, isZapiError, type ZapiOutcomeUnknownError } from '@zapikit/client';
import {
  CreateInstanceInput,
  createInstanceFields,
  validate,
  type FieldDescription,
} from '@zapikit/schema';
import {
  ButtonStyle,
  Locale,
  SlashCommandBooleanOption,
  SlashCommandStringOption,
  type APIEmbed,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { audited } from '../audit.js';
import { customId, fitsCustomId } from '../components/custom-id.js';
import { button, buttonRow } from '../components/buttons.js';
import type { BotContext } from '../context.js';
import type { Reply } from '../reply.js';
import type { SlashCommand } from './command.js';
import { CREATE_FIELD_NAMES, CREATE_OPTION_NAMES } from './option-names.js';
import {
  COLOURS,
  discordTime,
  displayName,
  labelled,
  slashCommand,
  tokenSecret,
} from './shared.js';

/**
 * The Discord option for one create attribute, from its schema description alone. The builder
 * refuses a name, description or `max_length` (over 6 000) that Discord would.
 */
export function optionFor(
  field: FieldDescription,
): SlashCommandBooleanOption | SlashCommandStringOption {
  const option =
    field.kind === 'flag' ? new SlashCommandBooleanOption() : new SlashCommandStringOption();
  option
    .setName(CREATE_OPTION_NAMES.get(field.name) ?? field.name)
    .setDescription(field.description)
    .setDescriptionLocalization(Locale.PortugueseBR, field.descriptionPtBr)
    .setRequired(field.required);
  if (option instanceof SlashCommandBooleanOption) return option;
  // Discord would take a string option without one, but then any length reaches Z-API.
  if (field.maxLength === undefined) {
    throw new Error(`Schema field "${field.name}" needs a maxLength`);
  }
  option.setMaxLength(field.maxLength);
  return field.required ? option.setMinLength(1) : option;
}

/** /zapi-create's registration: one option per schema field, required ones first. */
function createCommandData() {
  const command = slashCommand(
    'zapi-create',
    'Create a Z-API instance (a 2-day trial until it is subscribed)',
    'Criar uma instância Z-API (trial de 2 dias até ser assinada)',
  );
  // Discord wants required options first; the sort is stable, so the schema's order stays otherwise.
  const fields = [...createInstanceFields].sort((a, b) => Number(b.required) - Number(a.required));
  for (const option of fields.map(optionFor)) {
    if (option instanceof SlashCommandBooleanOption) command.addBooleanOption(option);
    else command.addStringOption(option);
  }
  return command.toJSON();
}

/** The create input as the member typed it, keyed by schema field. */
function inputFrom(interaction: ChatInputCommandInteraction): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const option of interaction.options.data) {
    // An option the bot does not know (a stale registration) is kept, so validation names it.
    input[CREATE_FIELD_NAMES.get(option.name) ?? option.name] = option.value;
  }
  return input;
}

/** How long a name stays blocked after a create whose outcome is unknown. */
export const UNKNOWN_OUTCOME_HOLD_MS = 5 * 60_000;

// Keeps the embed far below Discord's 4096-character description, however many share the name.
const MAX_CANDIDATES_SHOWN = 10;

function outcomeUnknownReply(
  name: string,
  error: ZapiOutcomeUnknownError,
  context: BotContext,
): Reply {
  const found =
    error.lookupFailed !== undefined
      ? `Looking the name up failed too (${error.lookupFailed}), so it may exist: check \`/zapi-list\` with \`query:${name}\`.`
      : error.candidates.length === 0
        ? 'No instance with that name was found afterwards, but Z-API may still be creating it: check `/zapi-list` in a minute.'
        : [
            ...error.candidates
              .slice(0, MAX_CANDIDATES_SHOWN)
              .map(
                (candidate) =>
                  `• \`${candidate.id}\`${candidate.created ? `, created ${discordTime(candidate.created, 'R')}` : ''}${candidate.due ? `, trial ends ${discordTime(candidate.due, 'f')}` : ''}`,
              ),
            ...(error.candidates.length > MAX_CANDIDATES_SHOWN
              ? [`…and ${error.candidates.length - MAX_CANDIDATES_SHOWN} more: see \`/zapi-list\`.`]
              : []),
          ].join('\n');
  return {
    content: `Z-API may have created **${displayName(name)}**, but its answer was lost (${error.reason}). Do not simply run \`/zapi-create\` again: that could create, and bill, a second instance.`,
    embeds: [
      labelled(
        {
          title: 'Outcome unknown: check before creating again',
          color: COLOURS.warn,
          description: found,
          fields:
            error.lookupFailed === undefined
              ? [
                  {
                    name: 'Instances named like this',
                    value: String(error.candidates.length),
                    inline: true,
                  },
                ]
              : [],
        },
        context,
      ),
    ],
  };
}

export const createCommand: SlashCommand = {
  data: createCommandData(),

  async execute(interaction, context) {
    const parsed = validate(CreateInstanceInput, inputFrom(interaction));
    if (!parsed.success) {
      throw new ZapiValidationError(parsed.problems, 'createInstance');
    }
    const input = parsed.data;
    const guildId = interaction.guildId ?? '';
    const release = context.guards.claimName(guildId, input.name, interaction.user.id);
    let holdName = 0;
    try {
      context.guards.startPaid(guildId, interaction.user.id);
      let created;
      try {
        created = await audited(
          context,
          interaction,
          'zapi-create',
          { instanceName: input.name },
          () => context.zapi.createInstance(input),
          (instance) => ({ outcome: 'created', instanceId: instance.id }),
        );
      } catch (error) {
        if (isZapiError(error) && error.code === 'ZAPI_OUTCOME_UNKNOWN') {
          holdName = UNKNOWN_OUTCOME_HOLD_MS;
          return outcomeUnknownReply(input.name, error as ZapiOutcomeUnknownError, context);
        }
        throw error;
      }
      const embed: APIEmbed = {
        title: 'Instance created',
        color: COLOURS.ok,
        description:
          'This is a **trial** instance: subscribe it within 2 days, or Z-API deletes it. Scan its QR code with WhatsApp to connect a phone.',
        fields: [
          { name: 'Name', value: displayName(input.name), inline: true },
          { name: 'ID', value: `\`${created.id}\``, inline: true },
          {
            name: 'Trial ends',
            value: created.due
              ? `${discordTime(created.due)} (${discordTime(created.due, 'R')})`
              : 'in 2 days (Z-API did not say exactly)',
          },
        ],
      };
      return {
        embeds: [labelled(embed, context)],
        secret: tokenSecret(created.token),
        secretOf: created.id,
        // The instance exists and is paid for by now: an id the buttons cannot carry only costs
        // the buttons, never the reply.
        components: !fitsCustomId('subscribe', created.id)
          ? []
          : [
              buttonRow(
                button('Subscribe', ButtonStyle.Success, customId('subscribe', created.id)),
                button('QR code', ButtonStyle.Secondary, customId('qr', created.id)),
              ),
            ],
      };
    } finally {
      release(holdName);
    }
  },
};
