import {
  ZapiValidationError,
  isZapiError,
  type CreatedInstance,
  type ZapiOutcomeUnknownError,
} from '@zapikit/client';
import {
  CreateInstanceInput,
  createInstanceFields,
  validate,
  type FieldDescription,
  type InstanceListItem,
} from '@zapikit/schema';
import type { z } from 'zod';
import {
  ButtonStyle,
  Locale,
  SlashCommandBooleanOption,
  SlashCommandStringOption,
  type APIEmbed,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { audited } from '../audit.js';
import { isStopping, untilDrained } from '../drain.js';
import { BotError } from '../errors.js';
import { UNKNOWN_OUTCOME_HOLD_MS, type ClaimOutcome } from '../guards.js';
import { customId, fitsCustomId } from '../components/custom-id.js';
import { button, buttonRow } from '../components/buttons.js';
import type { BotContext } from '../context.js';
import { memberMessages, type Messages } from '../i18n/index.js';
import type { Reply } from '../reply.js';
import type { ButtonAction, SlashCommand } from './command.js';
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

// Keeps the embed far below Discord's 4096-character description, however many share the name.
const MAX_CANDIDATES_SHOWN = 10;

function outcomeUnknownReply(
  name: string,
  error: ZapiOutcomeUnknownError,
  context: BotContext,
  t: Messages,
): Reply {
  const found =
    error.lookupFailed !== undefined
      ? t.create.lookupFailed({ reason: error.lookupFailed, name })
      : error.candidates.length === 0
        ? t.create.noneFoundYet()
        : [
            ...error.candidates.slice(0, MAX_CANDIDATES_SHOWN).map((candidate) =>
              t.create.candidate({
                id: candidate.id,
                created: candidate.created && discordTime(candidate.created, 'R'),
                due: candidate.due && discordTime(candidate.due, 'f'),
              }),
            ),
            ...(error.candidates.length > MAX_CANDIDATES_SHOWN
              ? [t.common.andMore({ count: error.candidates.length - MAX_CANDIDATES_SHOWN })]
              : []),
          ].join('\n');
  return {
    content: t.create.outcomeUnknown({ name: displayName(name, t), reason: error.reason }),
    embeds: [
      labelled(
        {
          title: t.create.outcomeUnknownTitle(),
          color: COLOURS.warn,
          description: found,
          fields:
            error.lookupFailed === undefined
              ? [
                  {
                    name: t.create.namedLikeThis(),
                    value: t.common.number({ value: error.candidates.length }),
                    inline: true,
                  },
                ]
              : [],
        },
        context,
        t,
      ),
    ],
  };
}

/** What a create sends, once validated. */
type CreateInput = z.output<typeof CreateInstanceInput>;

/** The answer when the bot stopped before Z-API answered a create it had sent. */
function drainedCreateReply(name: string, context: BotContext, t: Messages): Reply {
  return {
    content: t.create.drained({ name: displayName(name, t) }),
    embeds: [
      labelled(
        {
          title: t.create.outcomeUnknownTitle(),
          color: COLOURS.warn,
          description: t.create.drainedCheck({ name, minutes: UNKNOWN_OUTCOME_HOLD_MS / 60_000 }),
        },
        context,
        t,
      ),
    ],
  };
}

/** The reply for a created instance: its id, trial end, token (secret) and next steps. */
function createdReply(
  name: string,
  created: CreatedInstance,
  context: BotContext,
  t: Messages,
): Reply {
  const embed: APIEmbed = {
    title: t.create.createdTitle(),
    color: COLOURS.ok,
    description: t.create.createdDescription(),
    fields: [
      { name: t.common.fieldName(), value: displayName(name, t), inline: true },
      { name: t.common.fieldId(), value: `\`${created.id}\``, inline: true },
      {
        name: t.create.trialEnds(),
        value: created.due
          ? `${discordTime(created.due)} (${discordTime(created.due, 'R')})`
          : t.create.trialEndsUnsaid(),
      },
    ],
  };
  return {
    embeds: [labelled(embed, context, t)],
    secret: tokenSecret(created.token, t),
    secretOf: created.id,
    // The instance exists and is paid for by now: an id the buttons cannot carry only costs
    // the buttons, never the reply.
    components: !fitsCustomId('subscribe', created.id)
      ? []
      : [
          buttonRow(
            button(
              t.common.subscribeButton(),
              ButtonStyle.Success,
              customId('subscribe', created.id),
            ),
            button(t.common.qrCodeButton(), ButtonStyle.Secondary, customId('qr', created.id)),
          ),
        ],
  };
}

/** A confirmation, held in the guard store until the member answers it. */
interface PendingCreate {
  member: string;
  guild: string;
  input: CreateInput;
}

// The confirmation's buttons must still work when pressed: just under the 15-minute token.
const CONFIRMATION_TTL_MS = 14 * 60_000;

/** Asks before creating a name that already exists; nothing is sent until Confirm. */
async function askToConfirm(
  interaction: ChatInputCommandInteraction,
  input: CreateInput,
  existing: readonly InstanceListItem[],
  context: BotContext,
): Promise<Reply> {
  const pending: PendingCreate = {
    member: interaction.user.id,
    guild: interaction.guildId ?? '',
    input,
  };
  await context.guards.holdConfirmation(interaction.id, pending, CONFIRMATION_TTL_MS);
  const t = memberMessages(interaction);
  const lines = existing.slice(0, MAX_CANDIDATES_SHOWN).map((instance) =>
    t.create.existing({
      id: instance.id,
      created: instance.created
        ? `${discordTime(instance.created, 'f')} (${discordTime(instance.created, 'R')})`
        : undefined,
    }),
  );
  if (existing.length > MAX_CANDIDATES_SHOWN) {
    lines.push(t.common.andMore({ count: existing.length - MAX_CANDIDATES_SHOWN }));
  }
  return {
    content: t.create.sameName({ count: existing.length, name: displayName(input.name, t) }),
    embeds: [
      labelled(
        {
          title: t.create.sameNameTitle(),
          color: COLOURS.warn,
          description: lines.join('\n'),
        },
        context,
        t,
      ),
    ],
    components: [
      buttonRow(
        button(
          t.create.createAnotherButton(),
          ButtonStyle.Danger,
          customId('create-confirm', interaction.id),
        ),
        button(
          t.create.cancelButton(),
          ButtonStyle.Secondary,
          customId('create-cancel', interaction.id),
        ),
      ),
    ],
  };
}

/**
 * A create under the guards: the name claimed (refused while in flight or held), then, unless
 * the member already confirmed, a look for instances of that name, the cooldown, the call, and
 * the claim released with what is known of the outcome.
 */
async function guardedCreate(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  input: CreateInput,
  context: BotContext,
  confirmed: boolean,
): Promise<Reply> {
  const guildId = interaction.guildId ?? '';
  const t = memberMessages(interaction);
  const release = await context.guards.claimName(guildId, input.name, interaction.user.id);
  let outcome: ClaimOutcome = 'free';
  try {
    if (!confirmed && interaction.isChatInputCommand()) {
      const existing = await untilDrained(context.zapi.findInstancesByName(input.name), context);
      if (existing.length > 0) return await askToConfirm(interaction, input, existing, context);
    }
    await context.guards.startPaid(guildId, interaction.user.id);
    let created: CreatedInstance;
    try {
      // From here on, Z-API may act on the call: any end but a sure one holds the name.
      outcome = 'unknown';
      created = await untilDrained(
        audited(
          context,
          interaction,
          'zapi-create',
          { instanceName: input.name },
          () => context.zapi.createInstance(input),
          (instance) => ({ outcome: 'created', instanceId: instance.id }),
        ),
        context,
        false,
      );
    } catch (error) {
      if (isStopping(error)) {
        context.logger.warn(
          { interactionId: interaction.id, instanceName: input.name },
          'a create was still waiting for Z-API at the drain deadline: answered as outcome unknown, name held',
        );
        return drainedCreateReply(input.name, context, t);
      }
      if (isZapiError(error) && error.code === 'ZAPI_OUTCOME_UNKNOWN') {
        return outcomeUnknownReply(input.name, error as ZapiOutcomeUnknownError, context, t);
      }
      // Any other failure is one the client knows nothing was created for.
      outcome = 'free';
      throw error;
    }
    outcome = 'free';
    return createdReply(input.name, created, context, t);
  } finally {
    await release(outcome);
  }
}

export const createCommand: SlashCommand = {
  data: createCommandData(),
  paid: true,

  async execute(interaction, context) {
    const parsed = validate(CreateInstanceInput, inputFrom(interaction));
    if (!parsed.success) {
      throw new ZapiValidationError(parsed.problems, 'createInstance');
    }
    return guardedCreate(interaction, parsed.data, context, false);
  },
};

/** "Create another" under the same-name confirmation: only now is the create sent, guarded. */
export const createConfirmButton: ButtonAction = {
  action: 'create-confirm',
  ack: 'update',
  paid: true,
  async execute(interaction, [id = ''], context) {
    const pending = (await context.guards.takeConfirmation(id)) as PendingCreate | undefined;
    const parsed = pending && validate(CreateInstanceInput, pending.input);
    if (!pending || !parsed?.success || pending.guild !== (interaction.guildId ?? '')) {
      throw new BotError('BOT_CONFIRMATION_EXPIRED', (t) => t.create.confirmationExpired());
    }
    if (pending.member !== interaction.user.id) {
      throw new BotError('BOT_NOT_YOURS', (t) => t.create.notYours());
    }
    return guardedCreate(interaction, parsed.data, context, true);
  },
};

/** "Cancel" under the same-name confirmation: nothing is sent, and the buttons go away. */
export const createCancelButton: ButtonAction = {
  action: 'create-cancel',
  ack: 'update',
  async execute(interaction, [id = ''], context) {
    // Without the store, the confirmation simply expires on its own.
    await context.guards.takeConfirmation(id).catch(() => undefined);
    return { content: memberMessages(interaction).create.cancelled() };
  },
};
