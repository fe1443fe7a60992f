import { ButtonStyle } from 'discord.js';
import { audited } from '../audit.js';
import { customId } from '../components/custom-id.js';
import { button, buttonRow } from '../components/buttons.js';
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

export const cancelCommand: SlashCommand = {
  data: slashCommand(
    'zapi-cancel',
    "Cancel an instance's subscription (asks before doing it)",
    'Cancelar a assinatura de uma instância (pede confirmação antes)',
  )
    .addStringOption(instanceIdOption)
    .toJSON(),
  autocomplete: instanceChoices,
  // Nothing is sent until the member presses Confirm.
  async execute(interaction, context) {
    const instance = await resolveInstance(interaction.options.getString('id', true), context);
    return {
      embeds: [
        labelled(
          {
            title: 'Cancel this subscription?',
            color: COLOURS.danger,
            description: `Cancel **${displayName(instance.name)}** (\`${instance.id}\`)? It stays usable until its due date${instance.due ? ` (${discordTime(instance.due, 'f')})` : ''}, then Z-API stops it.`,
          },
          context,
        ),
      ],
      components: [
        buttonRow(
          button('Confirm', ButtonStyle.Danger, customId('cancel-confirm', instance.id)),
          button('Abort', ButtonStyle.Secondary, customId('dismiss')),
        ),
      ],
    };
  },
};

/** Confirm under `/zapi-cancel`: only now is the cancellation sent. */
export const cancelConfirmButton: ButtonAction = {
  action: 'cancel-confirm',
  ack: 'update',
  async execute(interaction, [id = ''], context) {
    const instance = await resolveInstance(id, context);
    await audited(
      context,
      interaction,
      'zapi-cancel',
      { instanceId: instance.id },
      () => context.zapi.cancelInstance(instance),
      () => ({ outcome: 'cancelled' }),
    );
    context.instances.forget(instance.id);
    return {
      embeds: [
        labelled(
          {
            title: 'Subscription cancelled',
            color: COLOURS.ok,
            description: `**${displayName(instance.name)}** (\`${instance.id}\`) is cancelled. It stays usable until its due date${instance.due ? ` (${discordTime(instance.due, 'f')})` : ''}.`,
          },
          context,
        ),
      ],
    };
  },
};

/** Abort under any confirmation: nothing is sent, and the buttons go away. */
export const dismissButton: ButtonAction = {
  action: 'dismiss',
  ack: 'update',
  execute() {
    return Promise.resolve({ content: 'Aborted: nothing was sent to Z-API.' });
  },
};
