import { isZapiError } from '@zapikit/client';
import { ButtonStyle, ComponentType } from 'discord.js';
import { audit } from '../audit.js';
import { customId } from '../components/custom-id.js';
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

export const cancelCommand: SlashCommand = {
  data: commandData(
    'zapi-cancel',
    "Cancel an instance's subscription (asks before doing it)",
    'Cancelar a assinatura de uma instância (pede confirmação antes)',
    [instanceIdOption],
  ),
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
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.Button,
              style: ButtonStyle.Danger,
              label: 'Confirm',
              custom_id: customId('cancel-confirm', instance.id),
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

/** Confirm under `/zapi-cancel`: only now is the cancellation sent. */
export const cancelConfirmButton: ButtonAction = {
  action: 'cancel-confirm',
  ack: 'update',
  async execute(interaction, [id = ''], context) {
    const instance = await resolveInstance(id, context);
    try {
      await context.zapi.cancelInstance(instance);
    } catch (error) {
      audit(context, interaction, 'zapi-cancel', {
        outcome: isZapiError(error) ? error.code : 'ERROR',
        instanceId: instance.id,
      });
      throw error;
    }
    context.instances.forget(instance.id);
    audit(context, interaction, 'zapi-cancel', { outcome: 'cancelled', instanceId: instance.id });
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
