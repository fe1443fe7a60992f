import { ButtonStyle } from 'discord.js';
import { audited } from '../audit.js';
import { customId } from '../components/custom-id.js';
import { button, buttonRow } from '../components/buttons.js';
import { memberMessages } from '../i18n/index.js';
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
    const t = memberMessages(interaction);
    return {
      embeds: [
        labelled(
          {
            title: t.cancel.confirmTitle(),
            color: COLOURS.danger,
            description: t.cancel.confirm({
              name: displayName(instance.name, t),
              id: instance.id,
              due: instance.due ? discordTime(instance.due, 'f') : undefined,
            }),
          },
          context,
          t,
        ),
      ],
      components: [
        buttonRow(
          button(
            t.cancel.confirmButton(),
            ButtonStyle.Danger,
            customId('cancel-confirm', instance.id),
          ),
          button(t.common.abortButton(), ButtonStyle.Secondary, customId('dismiss')),
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
    const t = memberMessages(interaction);
    return {
      embeds: [
        labelled(
          {
            title: t.cancel.cancelledTitle(),
            color: COLOURS.ok,
            description: t.cancel.cancelled({
              name: displayName(instance.name, t),
              id: instance.id,
              due: instance.due ? discordTime(instance.due, 'f') : undefined,
            }),
          },
          context,
          t,
        ),
      ],
    };
  },
};

/** Abort under any confirmation: nothing is sent, and the buttons go away. */
export const dismissButton: ButtonAction = {
  action: 'dismiss',
  ack: 'update',
  execute(interaction) {
    return Promise.resolve({ content: memberMessages(interaction).common.aborted() });
  },
};
