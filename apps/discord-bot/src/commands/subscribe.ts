import { isZapiError } from '@zapikit/client';
import type { InstanceListItem } from '@zapikit/schema';
import {
  ApplicationCommandOptionType,
  ButtonStyle,
  ComponentType,
  type Interaction,
} from 'discord.js';
import { audit } from '../audit.js';
import { customId } from '../components/custom-id.js';
import type { BotContext } from '../context.js';
import type { Reply } from '../reply.js';
import type { ButtonAction, SlashCommand } from './command.js';
import {
  COLOURS,
  commandData,
  discordTime,
  displayName,
  instanceChoices,
  instanceIdOption,
  labelled,
  resolveInstance,
} from './shared.js';

/** Subscribes (pays for) an instance, with the cooldown and the audit line every paid action gets. */
async function subscribe(
  interaction: Interaction,
  instance: InstanceListItem,
  withCalls: boolean,
  context: BotContext,
  command: string,
): Promise<Reply> {
  context.guards.startPaid(interaction.guildId ?? '', interaction.user.id);
  try {
    await context.zapi.subscribeInstance(instance, { withCalls });
  } catch (error) {
    audit(context, interaction, command, {
      outcome: isZapiError(error) ? error.code : 'ERROR',
      instanceId: instance.id,
      withCalls,
    });
    throw error;
  }
  context.instances.forget(instance.id);
  audit(context, interaction, command, {
    outcome: 'subscribed',
    instanceId: instance.id,
    withCalls,
  });
  return {
    embeds: [
      labelled(
        {
          title: 'Instance subscribed',
          color: COLOURS.ok,
          description: `**${displayName(instance.name)}** is subscribed${withCalls ? ', with calls' : ''}: it will not be deleted at the end of its trial.`,
          fields: [{ name: 'ID', value: `\`${instance.id}\``, inline: true }],
        },
        context,
      ),
    ],
  };
}

export const subscribeCommand: SlashCommand = {
  data: commandData(
    'zapi-subscribe',
    'Subscribe (pay for) an instance so it outlives its trial',
    'Assinar (pagar) uma instância para que ela não expire no fim do trial',
    [
      instanceIdOption,
      {
        type: ApplicationCommandOptionType.Boolean,
        name: 'with-calls',
        description: 'Include calls in the subscription (they cannot be removed later)',
        description_localizations: {
          'pt-BR': 'Incluir chamadas na assinatura (não podem ser removidas depois)',
        },
        required: false,
      },
    ],
  ),
  autocomplete: instanceChoices,
  async execute(interaction, context) {
    const instance = await resolveInstance(interaction.options.getString('id', true), context);
    const withCalls = interaction.options.getBoolean('with-calls') ?? false;
    return subscribe(interaction, instance, withCalls, context, 'zapi-subscribe');
  },
};

/** The "Subscribe" button under a created instance: asks first, since it spends money. */
export const subscribeButton: ButtonAction = {
  action: 'subscribe',
  ack: 'reply',
  async execute(_interaction, [id = ''], context) {
    const instance = await resolveInstance(id, context);
    return {
      embeds: [
        labelled(
          {
            title: 'Subscribe this instance?',
            color: COLOURS.info,
            description: `Subscribing **${displayName(instance.name)}** (\`${instance.id}\`) bills the partner account.${instance.due ? ` Its trial ends ${discordTime(instance.due, 'R')}.` : ''}`,
          },
          context,
        ),
      ],
      components: [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.Button,
              style: ButtonStyle.Success,
              label: 'Subscribe',
              custom_id: customId('subscribe-confirm', instance.id, 'no-calls'),
            },
            {
              type: ComponentType.Button,
              style: ButtonStyle.Primary,
              label: 'Subscribe with calls',
              custom_id: customId('subscribe-confirm', instance.id, 'calls'),
            },
            {
              type: ComponentType.Button,
              style: ButtonStyle.Secondary,
              label: 'Abort',
              custom_id: customId('dismiss'),
            },
          ],
        },
      ],
    };
  },
};

/** The confirmation of {@link subscribeButton}. */
export const subscribeConfirmButton: ButtonAction = {
  action: 'subscribe-confirm',
  ack: 'update',
  async execute(interaction, [id = '', calls], context) {
    const instance = await resolveInstance(id, context);
    return subscribe(interaction, instance, calls === 'calls', context, 'zapi-subscribe');
  },
};
