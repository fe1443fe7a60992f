import type { InstanceListItem } from '@zapikit/schema';
import { isZapiError } from '@zapikit/client';
import { ButtonStyle, Locale, type Interaction } from 'discord.js';
import { audited } from '../audit.js';
import { isStopping, untilDrained } from '../drain.js';
import { UNKNOWN_OUTCOME_HOLD_MS, type ClaimOutcome } from '../guards.js';
import { customId } from '../components/custom-id.js';
import { button, buttonRow } from '../components/buttons.js';
import type { BotContext } from '../context.js';
import { memberMessages } from '../i18n/index.js';
import type { Reply } from '../reply.js';
import type { ButtonAction, SlashCommand } from './command.js';
import {
  COLOURS,
  discordTime,
  displayName,
  instanceChoices,
  instanceIdOption,
  labelled,
  resolveInstance,
  slashCommand,
} from './shared.js';

// Failures after which Z-API may still have subscribed the instance.
const UNSURE_CODES: ReadonlySet<string> = new Set([
  'ZAPI_TIMEOUT',
  'ZAPI_NETWORK',
  'ZAPI_UPSTREAM_ERROR',
  'ZAPI_BAD_RESPONSE',
  'ZAPI_OUTCOME_UNKNOWN',
]);

/**
 * Subscribes (pays for) an instance under the guards every paid action gets: the instance
 * claimed (a double click, a repeated delivery or a second process is refused while one is in
 * flight, and for a while after it), the cooldown, the call, and the audit line.
 */
async function subscribe(
  interaction: Interaction,
  instance: InstanceListItem,
  withCalls: boolean,
  context: BotContext,
): Promise<Reply> {
  const t = memberMessages(interaction);
  const release = await context.guards.claimSubscription(instance.id, interaction.user.id);
  let outcome: ClaimOutcome = 'free';
  try {
    await context.guards.startPaid(interaction.guildId ?? '', interaction.user.id);
    outcome = 'unknown';
    try {
      await untilDrained(
        audited(
          context,
          interaction,
          'zapi-subscribe',
          { instanceId: instance.id, withCalls },
          () => context.zapi.subscribeInstance(instance, { withCalls }),
          () => ({ outcome: 'subscribed' }),
        ),
        context,
        false,
      );
    } catch (error) {
      if (isStopping(error)) {
        context.logger.warn(
          { interactionId: interaction.id, instanceId: instance.id },
          'a subscription was still waiting for Z-API at the drain deadline: answered as outcome unknown, instance held',
        );
        return {
          content: t.subscribe.drained({
            id: instance.id,
            minutes: UNKNOWN_OUTCOME_HOLD_MS / 60_000,
          }),
        };
      }
      if (!isZapiError(error) || !UNSURE_CODES.has(error.code)) outcome = 'free';
      throw error;
    }
    outcome = 'done';
  } finally {
    await release(outcome);
  }
  context.instances.forget(instance.id);
  return {
    embeds: [
      labelled(
        {
          title: t.subscribe.subscribedTitle(),
          color: COLOURS.ok,
          description: t.subscribe.subscribed({ name: displayName(instance.name, t), withCalls }),
          fields: [{ name: t.common.fieldId(), value: `\`${instance.id}\``, inline: true }],
        },
        context,
        t,
      ),
    ],
  };
}

export const subscribeCommand: SlashCommand = {
  data: slashCommand(
    'zapi-subscribe',
    'Subscribe (pay for) an instance so it outlives its trial',
    'Assinar (pagar) uma instância para que ela não expire no fim do trial',
  )
    .addStringOption(instanceIdOption)
    .addBooleanOption((option) =>
      option
        .setName('with-calls')
        .setDescription('Include calls in the subscription (they cannot be removed later)')
        .setDescriptionLocalization(
          Locale.PortugueseBR,
          'Incluir chamadas na assinatura (não podem ser removidas depois)',
        ),
    )
    .toJSON(),
  autocomplete: instanceChoices,
  paid: true,
  async execute(interaction, context) {
    const instance = await untilDrained(
      resolveInstance(interaction.options.getString('id', true), context),
      context,
    );
    const withCalls = interaction.options.getBoolean('with-calls') ?? false;
    return subscribe(interaction, instance, withCalls, context);
  },
};

/** The "Subscribe" button under a created instance: asks first, since it spends money. */
export const subscribeButton: ButtonAction = {
  action: 'subscribe',
  ack: 'reply',
  async execute(interaction, [id = ''], context) {
    const instance = await resolveInstance(id, context);
    const t = memberMessages(interaction);
    return {
      embeds: [
        labelled(
          {
            title: t.subscribe.confirmTitle(),
            color: COLOURS.info,
            description: t.subscribe.confirm({
              name: displayName(instance.name, t),
              id: instance.id,
              trialEnds: instance.due ? discordTime(instance.due, 'R') : undefined,
            }),
          },
          context,
          t,
        ),
      ],
      components: [
        buttonRow(
          button(
            t.common.subscribeButton(),
            ButtonStyle.Success,
            customId('subscribe-confirm', instance.id, 'no-calls'),
          ),
          button(
            t.subscribe.withCallsButton(),
            ButtonStyle.Primary,
            customId('subscribe-confirm', instance.id, 'calls'),
          ),
          button(t.common.abortButton(), ButtonStyle.Secondary, customId('dismiss')),
        ),
      ],
    };
  },
};

/** The confirmation of {@link subscribeButton}. */
export const subscribeConfirmButton: ButtonAction = {
  action: 'subscribe-confirm',
  ack: 'update',
  paid: true,
  async execute(interaction, [id = '', calls], context) {
    const instance = await untilDrained(resolveInstance(id, context), context);
    return subscribe(interaction, instance, calls === 'calls', context);
  },
};
