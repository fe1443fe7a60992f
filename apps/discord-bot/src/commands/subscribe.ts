import type { InstanceListItem } from '@zapikit/schema';
import { ButtonStyle, Locale, type Interaction } from 'discord.js';
import { audited } from '../audit.js';
import { customId } from '../components/custom-id.js';
import { button, buttonRow } from '../components/buttons.js';
import type { BotContext } from '../context.js';
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

/** Subscribes (pays for) an instance, with the cooldown and the audit line every paid action gets. */
async function subscribe(
  interaction: Interaction,
  instance: InstanceListItem,
  withCalls: boolean,
  context: BotContext,
): Promise<Reply> {
  context.guards.startPaid(interaction.guildId ?? '', interaction.user.id);
  await audited(
    context,
    interaction,
    'zapi-subscribe',
    { instanceId: instance.id, withCalls },
    () => context.zapi.subscribeInstance(instance, { withCalls }),
    () => ({ outcome: 'subscribed' }),
  );
  context.instances.forget(instance.id);
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
  async execute(interaction, context) {
    const instance = await resolveInstance(interaction.options.getString('id', true), context);
    const withCalls = interaction.options.getBoolean('with-calls') ?? false;
    return subscribe(interaction, instance, withCalls, context);
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
        buttonRow(
          button(
            'Subscribe',
            ButtonStyle.Success,
            customId('subscribe-confirm', instance.id, 'no-calls'),
          ),
          button(
            'Subscribe with calls',
            ButtonStyle.Primary,
            customId('subscribe-confirm', instance.id, 'calls'),
          ),
          button('Abort', ButtonStyle.Secondary, customId('dismiss')),
        ),
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
    return subscribe(interaction, instance, calls === 'calls', context);
  },
};
